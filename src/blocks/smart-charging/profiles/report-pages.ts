// K09 ReportChargingProfiles: one message names one EVSE and one chargingLimitSource, so the matching profiles go
// out grouped by EVSE (ascending) and source, each group split into pages of at most `maxPerPage` profiles and
// `maxBytes` bytes, and sent with the request's requestId on each and tbc on all but the last (K09.FR.01/02).
import type { ChargingLimitSourceEnumType, ChargingProfileType } from '../../../messages/types.js';
import type { Logger } from '../../../logger.js';
import type { StoredChargingProfile } from '../../../storage/charging-profile-store.js';
import { logNotDelivered, type Send } from '../../shared/send.js';

export interface ReportPage {
  readonly evseId: number;
  readonly chargingLimitSource: ChargingLimitSourceEnumType;
  readonly chargingProfile: ChargingProfileType[];
}

/** Room in a ReportChargingProfiles frame for everything but the profiles (header, requestId, source, tbc, evseId). */
export const REPORT_PAGE_OVERHEAD_BYTES = 256;

/** Splits the records into pages; a profile larger than `maxBytes` still gets a page of its own. */
export function pageChargingProfiles(records: readonly StoredChargingProfile[], maxPerPage: number, maxBytes: number): ReportPage[] {
  const perPage = Math.max(1, Math.floor(maxPerPage));
  const ordered = [...records].sort(
    (a, b) => a.evseId - b.evseId || a.source.localeCompare(b.source) || a.profile.id - b.profile.id,
  );
  const pages: ReportPage[] = [];
  let current: ReportPage | undefined;
  let bytes = REPORT_PAGE_OVERHEAD_BYTES;
  for (const record of ordered) {
    const size = Buffer.byteLength(JSON.stringify(record.profile), 'utf8') + 1;
    const sameGroup = current !== undefined && current.evseId === record.evseId && current.chargingLimitSource === record.source;
    const full = current !== undefined && (current.chargingProfile.length >= perPage || bytes + size > maxBytes);
    if (!current || !sameGroup || full) {
      current = { evseId: record.evseId, chargingLimitSource: record.source, chargingProfile: [] };
      pages.push(current);
      bytes = REPORT_PAGE_OVERHEAD_BYTES;
    }
    current.chargingProfile.push(structuredClone(record.profile));
    bytes += size;
  }
  return pages;
}

/** The largest frame when the link does not say. */
const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface ReportSender {
  send: Send;
  logger: Logger;
  /** The largest frame the link sends. */
  maxFrameBytes?: () => number;
}

/** K09: the records in ReportChargingProfiles pages, the request's requestId on each, tbc on all but the last. */
export function sendReportPages(sender: ReportSender, requestId: number, records: readonly StoredChargingProfile[], maxPerPage: number): void {
  const pages = pageChargingProfiles(records, maxPerPage, sender.maxFrameBytes?.() ?? DEFAULT_MAX_FRAME_BYTES);
  pages.forEach((page, index) => {
    const tbc = index < pages.length - 1;
    // Asked for by the CSMS, so it may go out while registration is Pending.
    sender
      .send('ReportChargingProfiles', { requestId, ...page, tbc }, { requestedByCsms: true })
      .catch((error: unknown) => logNotDelivered(sender.logger, error, { requestId, page: index }, 'a ReportChargingProfiles page was not delivered'));
  });
}
