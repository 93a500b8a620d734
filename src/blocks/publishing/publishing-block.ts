// Block L, the Local Controller's part: PublishFirmware (L03) and UnpublishFirmware (L04), run by
// publish-process.ts. The station downloads the file itself (src/transfer: HTTP(S), FTP(S)), checks its MD5 and
// serves it on its own HTTP server (firmware-file-server.ts) at the interface and port of the
// `firmwarePublishing` option; the files and the state live in that option's folder, so a restart serves them
// again. TriggerMessage(PublishFirmwareStatusNotification) reports the last status, Idle after Published. A
// station without the option answers PublishFirmware Rejected and UnpublishFirmware NoFirmware. The 2.0.1 device
// model has no controller for publishing.
import type { PublishFirmwareStatusEnumType } from '../../messages/types.js';
import { downloadFile } from '../../transfer/index.js';
import { censorUserInfo } from '../../transfer/transfer-error.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { logNotDelivered } from '../shared/send.js';
import { HttpFirmwareServer } from './firmware-file-server.js';
import { PublishProcess, type PublishStatusReport } from './publish-process.js';
import { PublishingFolder, type PublishJob } from './publishing-folder.js';

/** The station's firmware publishing (L03/L04): where it keeps the files and where it serves them. */
export interface FirmwarePublishingOptions {
  /** A folder of the station's own for the published files and their state (made when needed). */
  readonly directory: string;
  /** The interface the HTTP server listens on, e.g. 127.0.0.1, or 0.0.0.0 for all. */
  readonly host: string;
  /** Its port; 0 for any free one (the previous run's is tried first, so earlier locations stay valid). */
  readonly port: number;
  /** The host name or address other stations reach this one by, in the locations; `host` by default. */
  readonly advertisedHost?: string;
  /** The largest file accepted, bytes; 256 MiB by default. */
  readonly maxBytes?: number;
  /** How long a download may take, and the longest silence of its server, ms; 30 min and 60 s by default. */
  readonly downloadTimeoutMs?: number;
  readonly stallTimeoutMs?: number;
}

/** What is published and what is on its way, for tools. */
export interface PublishingSummary {
  readonly published: readonly PublishedFirmware[];
  /** The PublishFirmware in progress, if any. */
  readonly download?: {
    readonly requestId: number;
    readonly checksum: string;
    /** With any user info redacted. */
    readonly location: string;
    readonly phase: PublishJob['phase'];
    readonly failedAttempts: number;
  };
  /** The last PublishFirmwareStatusNotification sent (Idle when none was). */
  readonly lastStatus: PublishFirmwareStatusEnumType;
  readonly lastRequestId?: number;
}

/** A file the station serves. */
export interface PublishedFirmware {
  readonly checksum: string;
  readonly fileName: string;
  readonly size: number;
  /** Where other stations download it (empty while the server is not listening). */
  readonly locations: readonly string[];
}

export interface PublishingApi {
  /** What this station publishes (L03) and what it is downloading to publish. */
  publishedFirmware(): PublishingSummary;
  /**
   * Pauses the PublishFirmware download (true: DownloadPaused, e.g. the uplink is metered now) or lets it go on
   * (false: Downloading, from the first byte); a download due while paused waits. No effect without publishing.
   */
  pausePublishDownload(paused: boolean): void;
}

export interface PublishingContext extends BlockContext {
  readonly options: { readonly firmwarePublishing?: FirmwarePublishingOptions };
}

export const DEFAULT_PUBLISH_MAX_BYTES = 256 * 1024 * 1024;

export const publishingBlock: BlockDefinition<PublishingContext, PublishingApi> = {
  name: 'publishing',
  create(context) {
    const { logger } = context;
    const settings = context.options.firmwarePublishing;
    const report = (payload: PublishStatusReport, requestedByCsms = false) =>
      void context
        .send('PublishFirmwareStatusNotification', payload, requestedByCsms ? { requestedByCsms } : undefined)
        .catch((error: unknown) => logNotDelivered(logger, error, payload, 'PublishFirmwareStatusNotification not delivered'));
    const process = settings ? createProcess(context, settings, report) : undefined;
    return {
      handlers: {
        PublishFirmware: (request, call) =>
          process
            ? process.accept(request, (task) => call.afterResponse(task))
            : { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'this station does not publish firmware (no firmwarePublishing option)' } },
        UnpublishFirmware: (request) => ({ status: process ? process.unpublish(request.checksum) : 'NoFirmware' }),
      },
      triggers: {
        PublishFirmwareStatusNotification: () => ({ status: 'Accepted', send: () => (process ? process.sendCurrent() : report({ status: 'Idle' }, true)) }),
      },
      api: { publishedFirmware: () => summaryOf(process), pausePublishDownload: (paused) => process?.setPaused(paused) },
      start() {
        process?.restore().catch((error: unknown) => logger.warn({ err: error }, 'the published firmware could not be served'));
      },
      registrationAccepted() {
        process?.resume();
      },
      stop() {
        process?.stop();
      },
    };
  },
};

function createProcess(context: PublishingContext, settings: FirmwarePublishingOptions, report: (payload: PublishStatusReport, requestedByCsms?: boolean) => void): PublishProcess {
  const folder = new PublishingFolder(settings.directory);
  const preferredPort = folder.readRecord().port;
  const server = new HttpFirmwareServer({
    host: settings.host,
    port: settings.port,
    ...(settings.advertisedHost !== undefined ? { advertisedHost: settings.advertisedHost } : {}),
    ...(preferredPort !== undefined ? { preferredPort } : {}),
  });
  return new PublishProcess({
    folder,
    server,
    clock: context.clock,
    logger: context.logger,
    report,
    download: async (location, destinationPath, signal) => {
      const ca = context.ports.find('tlsCredentials')?.csmsRootCertificates() ?? [];
      await downloadFile(location, destinationPath, {
        maxBytes: settings.maxBytes ?? DEFAULT_PUBLISH_MAX_BYTES,
        timeoutMs: settings.downloadTimeoutMs ?? 30 * 60_000,
        stallTimeoutMs: settings.stallTimeoutMs ?? 60_000,
        signal,
        ...(ca.length > 0 ? { ca } : {}),
      });
    },
  });
}

function summaryOf(process: PublishProcess | undefined): PublishingSummary {
  if (!process) return { published: [], lastStatus: 'Idle' };
  const { job, last } = process;
  return {
    published: process.published().map((file) => ({ checksum: file.checksum, fileName: file.fileName, size: file.size, locations: process.locations(file) })),
    ...(job
      ? { download: { requestId: job.requestId, checksum: job.checksum, location: censorUserInfo(job.location), phase: job.phase, failedAttempts: job.failedAttempts } }
      : {}),
    lastStatus: last?.status ?? 'Idle',
    ...(last?.requestId !== undefined ? { lastRequestId: last.requestId } : {}),
  };
}
