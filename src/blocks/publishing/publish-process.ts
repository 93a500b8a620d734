// L03/L04 as a state machine. At most one PublishFirmware runs: it downloads the file (Downloading), after a
// failed attempt waits retryInterval (DownloadScheduled) and tries again up to `retries` times, then gives up
// (DownloadFailed, L03.FR.06); a complete download is Downloaded, its MD5 over the whole file (L03.FR.02) either
// differs from the request's (InvalidChecksum, L03.FR.07) or matches (ChecksumVerified); the file then moves into
// the published folder and the HTTP server serves it (Published with its locations, L03.FR.04/09), or that fails
// (PublishFailed, L03.FR.08). The integrator may pause the download (DownloadPaused) and let it go on. Every
// status goes to the CSMS with the requestId (L03.FR.01) and is kept, for TriggerMessage (L03.FR.10/11) and for
// the next run. Several files may be published, one per checksum.
// UnpublishFirmware (L04): DownloadOngoing while a PublishFirmware downloads (L04.FR.04), NoFirmware when no file
// has the checksum (L04.FR.03), else the file is removed and no longer served (Unpublished, L04.FR.01/02).
// After a restart: the published files are served again; a download the station stopped under counts as a
// failed attempt (retried, or DownloadFailed), so the CSMS always hears how the request ended.
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { PublishFirmwareStatusEnumType, Request, Response, UnpublishFirmwareStatusEnumType } from '../../messages/types.js';
import type { FirmwareFileServer } from './firmware-file-server.js';
import { MD5_PATTERN, md5OfFile, servedFileName, type PublishedFile, type PublishingFolder, type PublishingRecord, type PublishJob, type PublishStatusRecord } from './publishing-folder.js';

/** PublishFirmwareRequest.retries / retryInterval when absent (the spec leaves them to the station). */
export const DEFAULT_PUBLISH_RETRIES = 3;
export const DEFAULT_PUBLISH_RETRY_INTERVAL_SECONDS = 60;

const SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ftp:', 'ftps:']);

/** One PublishFirmwareStatusNotification. */
export type PublishStatusReport = Request<'PublishFirmwareStatusNotification'>;

export interface PublishProcessOptions {
  readonly folder: PublishingFolder;
  readonly server: FirmwareFileServer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Downloads `location` to `destinationPath`; rejects when it cannot. */
  readonly download: (location: string, destinationPath: string, signal: AbortSignal) => Promise<void>;
  /** Sends a PublishFirmwareStatusNotification (never throws; delivery failures are the sender's to log). */
  readonly report: (payload: PublishStatusReport, requestedByCsms?: boolean) => void;
}

export class PublishProcess {
  private record: PublishingRecord;
  private timer: TimerHandle | undefined;
  private abort: AbortController | undefined;
  /** Bumped when the job ends or the station stops: a late callback of an older one does nothing. */
  private generation = 0;
  /** DownloadPaused asked for (setPaused); not kept across a restart. */
  private paused = false;

  constructor(private readonly options: PublishProcessOptions) {
    this.record = options.folder.readRecord();
  }

  /** The PublishFirmware in progress, if any. */
  get job(): PublishJob | undefined {
    return this.record.job;
  }

  /** The last status sent (none in a fresh folder). */
  get last(): PublishStatusRecord | undefined {
    return this.record.last;
  }

  published(): PublishedFile[] {
    return this.options.folder.published();
  }

  /** Where a published file is served (none while the server is not listening). */
  locations(file: PublishedFile): string[] {
    return this.options.server.locations(file);
  }

  /** Start-up: serves what is published (the CSMS is not needed for that). */
  async restore(): Promise<void> {
    const files = this.published();
    if (files.length > 0) await this.serve(files);
  }

  /** L03.FR.05: accepts or rejects a PublishFirmware; `afterResponse` runs the work once the response is out. */
  accept(request: Request<'PublishFirmware'>, afterResponse: (task: () => void) => void): Response<'PublishFirmware'> {
    if (!MD5_PATTERN.test(request.checksum)) return rejected('InvalidValue', 'checksum must be an MD5 digest: 32 hexadecimal digits');
    if (!URL.canParse(request.location) || !SCHEMES.has(new URL(request.location).protocol)) return rejected('InvalidURL', 'location must be an http, https, ftp or ftps URL');
    const used = this.job?.requestId ?? this.last?.requestId;
    if (request.requestId === used) return rejected('DuplicateRequestId', `requestId ${used} was used by the previous PublishFirmware`);
    // GenericStatusEnumType has no AcceptedCanceled: a running request is finished, not replaced.
    if (this.job) return rejected('InvalidMessageSeq', `PublishFirmware ${this.job.requestId} is still downloading`);
    const job: PublishJob = {
      requestId: request.requestId,
      location: request.location,
      checksum: request.checksum.toLowerCase(),
      retries: Math.max(0, request.retries ?? DEFAULT_PUBLISH_RETRIES),
      retryIntervalSeconds: Math.max(0, request.retryInterval ?? DEFAULT_PUBLISH_RETRY_INTERVAL_SECONDS),
      failedAttempts: 0,
      phase: 'downloading',
      updatedAt: this.options.clock.now().toISOString(),
    };
    const already = this.options.folder.find(job.checksum);
    if (!already) this.save({ job });
    afterResponse(() => {
      // The same file is published already: nothing to fetch, its locations again for this request.
      if (already) void this.announce(already, job.requestId);
      else void this.download();
    });
    return { status: 'Accepted' };
  }

  /** L04: UnpublishFirmware. */
  unpublish(checksum: string): UnpublishFirmwareStatusEnumType {
    if (this.job) return 'DownloadOngoing';
    if (!this.options.folder.unpublish(checksum)) return 'NoFirmware';
    void this.serve(this.published()).catch((error: unknown) => this.options.logger.warn({ err: error }, 'the firmware server did not follow the unpublish'));
    return 'Unpublished';
  }

  /** L03.FR.10/11: the last status sent, but Idle after Published (or when none was sent). */
  sendCurrent(): void {
    const last = this.last;
    const payload: PublishStatusReport = last === undefined || last.status === 'Published' ? { status: 'Idle' } : { status: last.status, ...requestIdOf(last.requestId) };
    this.options.report(payload, true);
  }

  /** Once the CSMS can hear it: picks up the request the previous run left. */
  resume(): void {
    const job = this.job;
    if (!job) return;
    this.options.logger.info({ requestId: job.requestId, phase: job.phase }, 'resuming PublishFirmware');
    // Stopped after the rename that published the file but before Published went out: it is published.
    const file = this.options.folder.find(job.checksum);
    if (file) {
      this.end(job, undefined, 'published before the restart');
      void this.announce(file, job.requestId);
      return;
    }
    if (job.phase === 'downloading') return this.attemptFailed(job, 'the station stopped during the download');
    // A pause does not outlive the run: a paused download starts again.
    if (job.phase === 'paused') return void this.download();
    this.scheduleRetry(job);
  }

  /**
   * DownloadPaused: the transfer running now stops (not a failed attempt) and the next one waits, until this is
   * called with false; the download then starts again from its first byte. A file being checked or moved into
   * place goes on (the pause is for the download only).
   */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    const job = this.job;
    if (paused && job?.phase === 'downloading' && this.abort !== undefined) {
      this.halt();
      this.hold(job);
    } else if (!paused && job?.phase === 'paused') void this.download();
  }

  /** The station stops: timers off, the download aborted (it counts as failed at the next start), the server closed. */
  stop(): void {
    this.halt();
    this.options.server.close();
  }

  private async download(): Promise<void> {
    if (this.paused) return this.hold(this.job!);
    const job = this.save({ job: { ...this.job!, phase: 'downloading', updatedAt: this.now() } }).job!;
    const generation = this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.report('Downloading', job.requestId);
    let path: string;
    try {
      path = this.options.folder.downloadPath(job.requestId);
      await this.options.download(job.location, path, abort.signal);
    } catch (error) {
      if (generation === this.generation) this.attemptFailed(job, error instanceof Error ? error.message : String(error));
      return;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (generation !== this.generation) return;
    this.report('Downloaded', job.requestId);
    let checksum: string | undefined;
    try {
      checksum = await md5OfFile(path);
    } catch (error) {
      this.options.logger.warn({ err: error, requestId: job.requestId }, 'the downloaded firmware could not be read');
    }
    if (generation !== this.generation) return;
    if (checksum !== job.checksum) return this.end(job, 'InvalidChecksum', `MD5 ${checksum ?? 'unknown'}, expected ${job.checksum}`);
    this.report('ChecksumVerified', job.requestId);
    let file: PublishedFile;
    try {
      file = this.options.folder.publish(path, job.checksum, servedFileName(job.location));
      await this.serve(this.published());
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.folder.unpublish(job.checksum);
      void this.serve(this.published()).catch(() => undefined);
      return this.end(job, 'PublishFailed', error instanceof Error ? error.message : String(error));
    }
    if (generation !== this.generation) return;
    this.end(job, undefined, 'published');
    await this.announce(file, job.requestId);
  }

  private hold(job: PublishJob): void {
    this.options.folder.clearDownloads();
    this.save({ job: { ...job, phase: 'paused', updatedAt: this.now() } });
    this.report('DownloadPaused', job.requestId);
  }

  private attemptFailed(job: PublishJob, reason: string): void {
    const failedAttempts = job.failedAttempts + 1;
    this.options.logger.warn({ requestId: job.requestId, attempt: failedAttempts, reason }, 'the firmware download for publishing failed');
    this.options.folder.clearDownloads();
    // `retries` is how often to try again after the first attempt.
    if (failedAttempts > job.retries) return this.end(job, 'DownloadFailed', reason);
    const waiting = this.save({ job: { ...job, failedAttempts, phase: 'retry-scheduled', updatedAt: this.now() } }).job!;
    this.report('DownloadScheduled', job.requestId);
    this.scheduleRetry(waiting);
  }

  private scheduleRetry(job: PublishJob): void {
    const due = Date.parse(job.updatedAt) + job.retryIntervalSeconds * 1000 - this.options.clock.now().getTime();
    const generation = this.generation;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (generation === this.generation) void this.download();
    }, Math.max(0, due));
  }

  /** Published: the file's locations to the CSMS. */
  private async announce(file: PublishedFile, requestId: number): Promise<void> {
    try {
      await this.serve(this.published());
    } catch (error) {
      this.options.logger.warn({ err: error }, 'the firmware server could not listen');
      return this.report('PublishFailed', requestId);
    }
    const location = this.options.server.locations(file);
    this.options.logger.info({ requestId, checksum: file.checksum, location }, 'firmware published');
    this.report('Published', requestId, location);
  }

  /** The job ends: reported with `status` (unless the caller reports), downloads cleared, the record updated. */
  private end(job: PublishJob, status: PublishFirmwareStatusEnumType | undefined, reason: string): void {
    this.halt();
    this.options.logger.info({ requestId: job.requestId, status: status ?? 'Published', reason }, 'PublishFirmware ended');
    this.options.folder.clearDownloads();
    this.save({ job: undefined });
    if (status) this.report(status, job.requestId);
  }

  private async serve(files: readonly PublishedFile[]): Promise<void> {
    await this.options.server.serve(files);
    const port = this.options.server.port;
    if (port !== undefined && port !== this.record.port) this.save({ port });
  }

  private report(status: PublishFirmwareStatusEnumType, requestId: number, location?: string[]): void {
    this.save({ last: { status, requestId } });
    this.options.report({ status, requestId, ...(location ? { location } : {}) });
  }

  /** Updates the record and writes it; a write that fails is logged (the run goes on with what it has). */
  private save(change: Partial<PublishingRecord>): PublishingRecord {
    const next: Record<string, unknown> = { ...this.record, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.record = next as PublishingRecord;
    try {
      this.options.folder.writeRecord(this.record);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'the publishing state was not stored');
    }
    return this.record;
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private halt(): void {
    this.generation++;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
  }
}

function requestIdOf(requestId: number | undefined): { requestId?: number } {
  return requestId !== undefined ? { requestId } : {};
}

function rejected(reasonCode: string, additionalInfo: string): Response<'PublishFirmware'> {
  return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo } };
}
