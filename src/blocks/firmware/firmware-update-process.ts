// L01/L02: one firmware update from an accepted UpdateFirmware to its end, every step reported with the
// request's requestId (L01.FR.01/10) and kept in the FirmwareUpdateStore so that a restart picks it up:
//   DownloadScheduled (retrieveDateTime ahead, L01.FR.13) → Downloading (DownloadPaused and Downloading again
//   when the host pauses, L01.FR.14) → Downloaded, or after `retries` failed
//   attempts `retryInterval` apart DownloadFailed (L01.FR.30) → SignatureVerified, or InvalidSignature with its
//   security event (L01.FR.03/04; an unsigned image, L02, skips this) → InstallScheduled (installDateTime ahead,
//   L01.FR.16, or waiting for transactions, L01.FR.34) → Installing → Installed with FirmwareUpdated (L01.FR.28/31),
//   or InstallRebooting, a reboot, and Installed from the new firmware (L01.FR.15/32 a); InstallationFailed or
//   InstallVerificationFailed (L01.FR.29) when the host says so.
// After a restart: a download that was running counts as a failed attempt; an installation that was running is
// InstallationFailed (nothing tells whether it completed); a reboot to activate ends in Installed.
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { FirmwareStatusEnumType, FirmwareType } from '../../messages/types.js';
import type { FirmwareUpdatePhase, FirmwareUpdateRecord, FirmwareUpdateStore } from '../../storage/firmware-update-store.js';
import { FirmwareInstallError, type FirmwareHost } from './firmware-host.js';

export interface FirmwareUpdateProcessOptions {
  readonly store: FirmwareUpdateStore;
  readonly clock: Clock;
  readonly host: FirmwareHost;
  /** Where the image of `requestId` is downloaded to. */
  readonly imagePath: (requestId: number) => string;
  /** Removes a downloaded image that is no longer needed (missing is fine). */
  readonly removeImage: (path: string) => void;
  /** L01.FR.04: whether the downloaded image's signature verifies against the firmware's signing certificate. */
  readonly verifySignature: (filePath: string, firmware: FirmwareType) => Promise<boolean>;
  /** Sends FirmwareStatusNotification with the requestId; settles once it is answered or given up. */
  readonly report: (status: FirmwareStatusEnumType, requestId: number) => Promise<void> | void;
  readonly securityEvent: (type: string, techInfo: string) => void;
  /** The host's download progress, passed on. */
  readonly progress?: (requestId: number, location: string, bytes: number, totalBytes?: number) => void;
  /** L01.FR.06: calls `ready` once the installation may begin (no transaction runs). Returns how to stop waiting. */
  readonly whenInstallable: (ready: () => void) => () => void;
  /**
   * L01.FR.07: closes the station to new sessions while the installation waits for transactions, until the update
   * ends; returns the release.
   */
  readonly holdNewSessions: () => () => void;
  /** Reboots the station to activate the installed firmware (boot reason FirmwareUpdate). */
  readonly reboot: () => void;
  readonly logger: Logger;
}

/** An accepted UpdateFirmware, with the defaults applied. */
export interface FirmwareUpdateOrder {
  readonly requestId: number;
  readonly firmware: FirmwareType;
  readonly retries: number;
  readonly retryIntervalSeconds: number;
}

export class FirmwareUpdateProcess {
  private timer: TimerHandle | undefined;
  private abort: AbortController | undefined;
  private stopWaiting: (() => void) | undefined;
  private releaseSessions: (() => void) | undefined;
  /** Bumped whenever the update changes hands, so a late callback of an old one does nothing. */
  private generation = 0;

  constructor(private readonly options: FirmwareUpdateProcessOptions) {}

  /** The update in progress, if any. */
  get current(): FirmwareUpdateRecord | undefined {
    return this.options.store.current();
  }

  /** Whether the running update can still be cancelled (not while installing or rebooting, L01.FR.27). */
  get cancellable(): boolean {
    const phase = this.current?.phase;
    return phase !== 'installing' && phase !== 'rebooting';
  }

  /** Starts an accepted update (after the UpdateFirmwareResponse is out). */
  begin(order: FirmwareUpdateOrder): void {
    this.save({ ...order, phase: 'download-scheduled', failedAttempts: 0 });
    this.scheduleDownload();
  }

  /**
   * L01.FR.24: the running update is cancelled for a new UpdateFirmware; it reports DownloadFailed or
   * InstallationFailed, as the note of L01.FR.24 allows, so the CSMS sees how it ended.
   */
  cancel(): void {
    const record = this.current;
    if (record === undefined) return;
    this.halt();
    const status: FirmwareStatusEnumType = record.phase === 'install-scheduled' ? 'InstallationFailed' : 'DownloadFailed';
    this.finish(record, status, 'cancelled by a new UpdateFirmware');
  }

  /** At start-up: picks up what the previous run left. */
  resume(): void {
    const record = this.current;
    if (record === undefined) return;
    this.options.logger.info({ requestId: record.requestId, phase: record.phase }, 'resuming the firmware update');
    switch (record.phase) {
      case 'download-scheduled':
        return this.scheduleDownload();
      case 'downloading':
        return this.downloadFailed(record, 'the station restarted during the download');
      case 'install-scheduled':
        return this.scheduleInstall();
      case 'installing':
        return this.finish(record, 'InstallationFailed', 'the station restarted during the installation');
      case 'rebooting':
        return this.installed(record);
    }
  }

  /**
   * The station stops: timers off, a running transfer aborted (it resumes or fails at the next start). A hold on
   * new sessions stays: the station goes down with it (and holds again when it resumes).
   */
  stop(): void {
    this.halt();
  }

  private scheduleDownload(): void {
    const record = this.current!;
    const retryAt = record.failedAttempts > 0 ? Date.parse(record.updatedAt) + record.retryIntervalSeconds * 1000 : Date.parse(record.firmware.retrieveDateTime);
    const delay = retryAt - this.options.clock.now().getTime();
    if (delay > 0 && record.failedAttempts === 0) this.options.report('DownloadScheduled', record.requestId);
    this.later(delay, () => void this.download());
  }

  private async download(): Promise<void> {
    const record = this.save({ ...this.current!, phase: 'downloading', filePath: this.options.imagePath(this.current!.requestId) });
    const generation = this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.options.report('Downloading', record.requestId);
    try {
      const { location } = record.firmware;
      await this.options.host.download({
        location,
        destinationPath: record.filePath!,
        signal: abort.signal,
        onProgress: (bytes, totalBytes) => {
          if (generation === this.generation) this.options.progress?.(record.requestId, location, bytes, totalBytes);
        },
        onPaused: (paused) => {
          if (generation === this.generation) this.options.report(paused ? 'DownloadPaused' : 'Downloading', record.requestId);
        },
      });
    } catch (error) {
      if (generation !== this.generation) return;
      return this.downloadFailed(record, error instanceof Error ? error.message : String(error));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (generation !== this.generation) return;
    this.options.report('Downloaded', record.requestId);
    if (record.firmware.signature !== undefined || record.firmware.signingCertificate !== undefined) {
      let verified = false;
      try {
        verified = await this.options.verifySignature(record.filePath!, record.firmware);
      } catch (error) {
        this.options.logger.warn({ err: error, requestId: record.requestId }, 'the firmware signature could not be checked');
      }
      if (generation !== this.generation) return;
      if (!verified) {
        this.options.securityEvent('InvalidFirmwareSignature', `the signature of firmware request ${record.requestId} does not verify`);
        return this.finish(record, 'InvalidSignature', 'the signature does not verify');
      }
      this.options.report('SignatureVerified', record.requestId);
    }
    this.save({ ...record, phase: 'install-scheduled' });
    this.scheduleInstall();
  }

  private downloadFailed(record: FirmwareUpdateRecord, reason: string): void {
    const failedAttempts = record.failedAttempts + 1;
    this.options.logger.warn({ requestId: record.requestId, attempt: failedAttempts, reason }, 'the firmware download failed');
    if (record.filePath !== undefined) this.options.removeImage(record.filePath);
    // `retries` is how often to try again after the first attempt.
    if (failedAttempts > record.retries) return this.finish(record, 'DownloadFailed', reason);
    const { filePath: _dropped, ...rest } = record;
    this.save({ ...rest, phase: 'download-scheduled', failedAttempts });
    this.scheduleDownload();
  }

  private scheduleInstall(): void {
    const record = this.current!;
    const installAt = record.firmware.installDateTime === undefined ? undefined : Date.parse(record.firmware.installDateTime);
    const delay = installAt === undefined ? 0 : installAt - this.options.clock.now().getTime();
    let waited = delay > 0;
    if (waited) this.options.report('InstallScheduled', record.requestId);
    this.later(delay, () => {
      const generation = this.generation;
      let ready = false;
      const stopWaiting = this.options.whenInstallable(() => {
        ready = true;
        this.stopWaiting = undefined;
        if (generation === this.generation) void this.install();
      });
      if (ready) return;
      this.stopWaiting = stopWaiting;
      this.releaseSessions ??= this.options.holdNewSessions();
      // Transactions run: the installation waits for them; say so once (L01.FR.34).
      if (!waited) {
        waited = true;
        this.options.report('InstallScheduled', record.requestId);
      }
    });
  }

  private async install(): Promise<void> {
    const record = this.save({ ...this.current!, phase: 'installing' });
    const generation = this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.options.report('Installing', record.requestId);
    let outcome;
    try {
      outcome = await this.options.host.install({ filePath: record.filePath!, location: record.firmware.location, signal: abort.signal });
    } catch (error) {
      if (generation !== this.generation) return;
      const status = error instanceof FirmwareInstallError ? error.status : 'InstallationFailed';
      return this.finish(record, status, error instanceof Error ? error.message : String(error));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (generation !== this.generation) return;
    if (outcome === 'installed') return this.installed(record);
    this.save({ ...record, phase: 'rebooting' });
    // L01.FR.15: InstallRebooting goes out before the reboot (a reboot would drop it from the queue).
    const sent = this.options.report('InstallRebooting', record.requestId);
    void Promise.resolve(sent).finally(() => {
      if (generation === this.generation) this.options.reboot();
    });
  }

  private installed(record: FirmwareUpdateRecord): void {
    this.options.securityEvent('FirmwareUpdated', `firmware request ${record.requestId} installed`);
    this.finish(record, 'Installed', 'installed');
  }

  /** The update ends with `status`: reported, the image removed, the store cleared. */
  private finish(record: FirmwareUpdateRecord, status: FirmwareStatusEnumType, reason: string): void {
    this.halt();
    this.releaseSessions?.();
    this.releaseSessions = undefined;
    this.options.logger.info({ requestId: record.requestId, status, reason }, 'the firmware update ended');
    if (record.filePath !== undefined) this.options.removeImage(record.filePath);
    this.options.store.clear();
    this.options.report(status, record.requestId);
  }

  private save(record: Omit<FirmwareUpdateRecord, 'updatedAt'> & { phase: FirmwareUpdatePhase }): FirmwareUpdateRecord {
    const stored = { ...record, updatedAt: this.options.clock.now().toISOString() };
    this.options.store.save(stored);
    return stored;
  }

  private later(delayMs: number, work: () => void): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const generation = this.generation;
    // What is due now runs as soon as the current step is done, without waiting for a timer tick.
    if (delayMs <= 0) {
      queueMicrotask(() => {
        if (generation === this.generation) work();
      });
      return;
    }
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (generation === this.generation) work();
    }, Math.max(0, delayMs));
  }

  /** Stops whatever runs now; callbacks of it are ignored from here on. */
  private halt(): void {
    this.generation++;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
    this.stopWaiting?.();
    this.stopWaiting = undefined;
  }
}
