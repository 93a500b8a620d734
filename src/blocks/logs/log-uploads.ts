// N01 as a state machine: at most one log upload runs. A GetLog builds its file and answers Accepted with the
// file's name (N01.FR.01), or Rejected when the station cannot (N01.FR.05); a GetLog while one runs cancels it
// (N01.FR.12: AcceptedCanceled, and the cancelled one ends with AcceptedCanceled, N01.FR.20). The upload goes
// through the host's LogUploader: Uploading when it starts (N01.FR.08), Uploaded (N01.FR.09), or, once the
// retries are spent or the failure is one a retry cannot mend, UploadFailure, BadMessage, PermissionDenied or
// NotSupportedOperation (N01.FR.10), every one with the GetLog's requestId (N01.FR.07). Retry waits run on the
// station's clock.
import { rmSync } from 'node:fs';
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Request, Response, UploadLogStatusEnumType } from '../../messages/types.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import { failureKindOf, type LogUploader, type UploadFailureKind } from './log-uploader.js';

/** GetLogRequest.retries when absent: the specification leaves it to the station. */
export const DEFAULT_LOG_RETRIES = 1;
/** GetLogRequest.retryInterval (seconds) when absent: the specification leaves it to the station. */
export const DEFAULT_LOG_RETRY_INTERVAL_S = 60;

/** Failures a retry cannot mend, and what the CSMS is told at once. */
const FINAL_FAILURES: Partial<Record<UploadFailureKind, UploadLogStatusEnumType>> = {
  'bad-url': 'BadMessage',
  'unsupported-scheme': 'NotSupportedOperation',
  'permission-denied': 'PermissionDenied',
};

/** A built log file, or why there is none. */
export type BuiltLog = { fileName: string; filePath: string } | { rejected: string; reasonCode: string };

export interface LogUploadsOptions {
  send: Send;
  clock: Clock;
  logger: Logger;
  /** The host's uploader; undefined when the station has none. */
  uploader: LogUploader | undefined;
  /** Builds the requested log file. */
  build(request: Request<'GetLog'>): BuiltLog;
  /** Hears which upload runs now, none when undefined (to survive a restart); stop() does not change it. */
  persist?(running: { requestId: number; filePath: string } | undefined): void;
  /** The uploader's progress reports, passed on. */
  progress?(requestId: number, url: string, bytes: number, totalBytes?: number): void;
}

interface Job {
  readonly requestId: number;
  readonly url: string;
  readonly fileName: string;
  readonly filePath: string;
  readonly retries: number;
  readonly retryIntervalMs: number;
  readonly controller: AbortController;
  timer?: TimerHandle;
  cancelled: boolean;
}

export class LogUploads {
  private job: Job | undefined;
  /** An upload the integrator runs and reports with onLogStatusNotification. */
  private external: number | undefined;
  /** The last LogStatusNotification sent in this run. */
  private last: { status: UploadLogStatusEnumType; requestId: number } | undefined;

  constructor(private readonly options: LogUploadsOptions) {}

  /** The requestId of the upload in progress (retry waits included), if any. */
  get uploading(): number | undefined {
    return this.job?.requestId ?? this.external;
  }

  /** The last LogStatusNotification sent in this run, if any. */
  get lastStatus(): { status: UploadLogStatusEnumType; requestId: number } | undefined {
    return this.last;
  }

  /** Answers a GetLog; `afterResponse` runs the upload once the response has gone out. */
  getLog(request: Request<'GetLog'>, afterResponse: (task: () => void) => void): Response<'GetLog'> {
    const { uploader } = this.options;
    if (!uploader) return rejected('NotSupported', 'this station has no log uploader');
    const built = this.options.build(request);
    if ('rejected' in built) return rejected(built.reasonCode, built.rejected);
    const previous = this.job;
    const job: Job = {
      requestId: request.requestId,
      url: request.log.remoteLocation,
      fileName: built.fileName,
      filePath: built.filePath,
      retries: Math.max(0, request.retries ?? DEFAULT_LOG_RETRIES),
      retryIntervalMs: Math.max(0, request.retryInterval ?? DEFAULT_LOG_RETRY_INTERVAL_S) * 1000,
      controller: new AbortController(),
      cancelled: false,
    };
    this.job = job;
    if (previous) this.cancel(previous);
    this.options.persist?.({ requestId: job.requestId, filePath: job.filePath });
    afterResponse(() => {
      if (previous) this.report('AcceptedCanceled', previous.requestId);
      if (!job.cancelled) void this.attempt(job, uploader, 0);
    });
    return { status: previous ? 'AcceptedCanceled' : 'Accepted', filename: built.fileName };
  }

  /** The seed's on_log_status_notification: an upload run outside the stack; sent, and remembered for TriggerMessage. */
  async notify(status: UploadLogStatusEnumType, requestId: number): Promise<void> {
    this.external = status === 'Uploading' ? requestId : undefined;
    await this.send(status, requestId);
  }

  /** An upload a previous run left unfinished (the station stopped under it): it failed. */
  reportInterrupted(requestId: number): void {
    this.report('UploadFailure', requestId);
  }

  /** TriggerMessage(LogStatusNotification): Uploading with the requestId while one runs, else Idle (F06.FR.14/15). */
  sendCurrent(): void {
    const requestId = this.uploading;
    const payload = requestId !== undefined ? { status: 'Uploading' as const, requestId } : { status: 'Idle' as const };
    this.options
      .send('LogStatusNotification', payload, { requestedByCsms: true })
      .catch((error: unknown) => logNotDelivered(this.options.logger, error, payload, 'LogStatusNotification not delivered'));
  }

  /** The station stops: the upload is abandoned without a word (the next run tells the CSMS, see logs-block). */
  stop(): void {
    if (this.job) this.cancel(this.job);
    this.job = undefined;
  }

  private async attempt(job: Job, uploader: LogUploader, attempt: number): Promise<void> {
    if (attempt === 0) {
      if (!URL.canParse(job.url)) return this.finish(job, 'BadMessage');
      this.report('Uploading', job.requestId);
    }
    try {
      await uploader.upload({
        url: job.url,
        filePath: job.filePath,
        fileName: job.fileName,
        signal: job.controller.signal,
        onProgress: (bytes, totalBytes) => {
          if (!job.cancelled) this.options.progress?.(job.requestId, job.url, bytes, totalBytes);
        },
      });
    } catch (error) {
      if (job.cancelled) return;
      const kind = failureKindOf(error);
      this.options.logger.warn({ err: error, kind, requestId: job.requestId, attempt }, 'log upload failed');
      const final = FINAL_FAILURES[kind];
      if (final) return this.finish(job, final);
      if (attempt < job.retries) {
        job.timer = this.options.clock.setTimeout(() => {
          job.timer = undefined;
          if (!job.cancelled) void this.attempt(job, uploader, attempt + 1);
        }, job.retryIntervalMs);
        return;
      }
      return this.finish(job, 'UploadFailure');
    }
    if (!job.cancelled) this.finish(job, 'Uploaded');
  }

  private finish(job: Job, status: UploadLogStatusEnumType): void {
    if (this.job === job) {
      this.job = undefined;
      this.options.persist?.(undefined);
    }
    removeFile(job.filePath);
    this.report(status, job.requestId);
  }

  private cancel(job: Job): void {
    job.cancelled = true;
    job.controller.abort();
    if (job.timer !== undefined) this.options.clock.clearTimeout(job.timer);
    removeFile(job.filePath);
  }

  private report(status: UploadLogStatusEnumType, requestId: number): void {
    void this.send(status, requestId);
  }

  private send(status: UploadLogStatusEnumType, requestId: number): Promise<void> {
    this.last = { status, requestId };
    return this.options.send('LogStatusNotification', { status, requestId }).then(
      () => undefined,
      (error: unknown) => logNotDelivered(this.options.logger, error, { status, requestId }, 'LogStatusNotification not delivered'),
    );
  }
}

function rejected(reasonCode: string, additionalInfo: string): Response<'GetLog'> {
  return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo: additionalInfo.slice(0, 512) } };
}

function removeFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // A file left in the temporary folder is no harm.
  }
}
