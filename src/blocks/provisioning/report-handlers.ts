// B07 GetBaseReport and B08 GetReport: answered at once, then the report goes out in NotifyReport pages
// (seqNo from 0, tbc on all but the last, the request's requestId on each: B07.FR.04/10, B08.FR.04/14), each
// page within DeviceDataCtrlr's ItemsPerMessage/BytesPerMessage for GetReport.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import type { ReportDataType, Request } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { baseReport, customReport } from '../../device-model/reports.js';
import { DeviceDataCtrlr } from '../../device-model/standardized/index.js';
import { enforceMessageLimits } from '../shared/message-limits.js';

export interface ReportHandlerOptions {
  model: DeviceModel;
  send: Send;
  clock: Clock;
  logger: Logger;
  /** The largest frame the link sends: a page never exceeds it. */
  maxFrameBytes: () => number;
  /** A report is a promise of pages (never dropped): refused while the outgoing queue is full. */
  hasRoomForPromises: () => boolean;
}

/** Room left in a NotifyReport frame for everything but the reportData items. */
const PAGE_OVERHEAD_BYTES = 256;

export function reportHandlers(options: ReportHandlerOptions): HandlerTable {
  const { model } = options;
  return {
    GetBaseReport: (request, context) => {
      // All three report bases are supported (B07.FR.12 asks for two), so never NotSupported.
      if (!options.hasRoomForPromises()) return { status: 'Rejected' };
      const items = baseReport(model, request.reportBase);
      const generatedAt = options.clock.now().toISOString();
      context.afterResponse(() => sendReport(options, request.requestId, generatedAt, items));
      return { status: 'Accepted' };
    },
    GetReport: (request, context) => {
      enforceMessageLimits('GetReport', request, request.componentVariable?.length ?? 0, {
        items: model.value(DeviceDataCtrlr.ItemsPerMessageGetReport),
        bytes: model.value(DeviceDataCtrlr.BytesPerMessageGetReport),
      });
      const items = customReport(model, criteriaOf(request));
      // B08.FR.15: nothing matches.
      if (items.length === 0) return { status: 'EmptyResultSet' };
      if (!options.hasRoomForPromises()) return { status: 'Rejected' };
      const generatedAt = options.clock.now().toISOString();
      context.afterResponse(() => sendReport(options, request.requestId, generatedAt, items));
      return { status: 'Accepted' };
    },
  };
}

function criteriaOf(request: Request<'GetReport'>) {
  return {
    ...(request.componentCriteria ? { componentCriteria: request.componentCriteria } : {}),
    ...(request.componentVariable ? { componentVariable: request.componentVariable } : {}),
  };
}

/** Splits report items into pages that fit both the item and the byte limit. Exported for tests. */
export function pageReport(items: readonly ReportDataType[], maxItems: number, maxBytes: number): ReportDataType[][] {
  const pages: ReportDataType[][] = [];
  let page: ReportDataType[] = [];
  let pageBytes = PAGE_OVERHEAD_BYTES;
  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item), 'utf8') + 1;
    const full = page.length >= maxItems || (page.length > 0 && pageBytes + itemBytes > maxBytes);
    if (full) {
      pages.push(page);
      page = [];
      pageBytes = PAGE_OVERHEAD_BYTES;
    }
    page.push(item);
    pageBytes += itemBytes;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function sendReport(options: ReportHandlerOptions, requestId: number, generatedAt: string, items: ReportDataType[]): void {
  const configuredItems = options.model.value(DeviceDataCtrlr.ItemsPerMessageGetReport);
  const configuredBytes = options.model.value(DeviceDataCtrlr.BytesPerMessageGetReport);
  const maxItems = configuredItems !== undefined && configuredItems > 0 ? configuredItems : items.length;
  const frameLimit = options.maxFrameBytes();
  const maxBytes = configuredBytes !== undefined && configuredBytes > 0 ? Math.min(configuredBytes, frameLimit) : frameLimit;
  const pages = pageReport(items, Math.max(1, maxItems), maxBytes);
  pages.forEach((reportData, seqNo) => {
    const tbc = seqNo < pages.length - 1;
    // Asked for by the CSMS, so it may go out while registration is Pending (B02.FR.02).
    options
      .send('NotifyReport', { requestId, generatedAt, seqNo, tbc, reportData }, { requestedByCsms: true })
      .catch((error: unknown) => logNotDelivered(options.logger, error, { requestId, seqNo }, 'a NotifyReport page was not delivered'));
  });
}
