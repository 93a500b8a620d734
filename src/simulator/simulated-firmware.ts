// The simulator's FirmwareHost: it downloads the image for real (src/transfer: HTTP(S), FTP(S), bounded in size
// and time) and "installs" it by waiting the configured time on the station's clock and taking the image's name as
// its new firmware version (".../station-2.1.0.bin" runs "station-2.1.0" after the reboot). An install can be made
// to fail, a download paused and resumed (it starts over: the simulator keeps no partial image), and signing
// certificates named revoked by serial number, so CSMS teams can try their failure paths.
import { basename, extname } from 'node:path';
import type { Clock } from '../clock.js';
import { FirmwareInstallError, type FirmwareDownloadRequest, type FirmwareHost, type FirmwareInstallRequest, type InstallOutcome } from '../blocks/firmware/firmware-host.js';
import { serialNumberHex } from '../pki/certificate-hash.js';
import { parseCertificates } from '../pki/pem.js';
import { downloadFile, TransferError } from '../transfer/index.js';

/** FirmwareVersion is string[50] in BootNotification. */
const MAX_VERSION_LENGTH = 50;

export interface SimulatedFirmwareOptions {
  readonly clock: Clock;
  /** Largest image accepted, bytes. */
  readonly maxBytes: number;
  /** Whole download limit, and the longest silence of the server, ms. */
  readonly downloadTimeoutMs: number;
  readonly stallTimeoutMs: number;
  /** How long an installation takes on the station's clock, seconds. */
  readonly installSeconds: number;
  /** Makes every installation end this way. */
  readonly failInstall?: 'InstallationFailed' | 'InstallVerificationFailed';
  /** Extra CA certificates (PEM) trusted for https:// and ftps:// locations. */
  readonly ca?: readonly string[];
  /** Takes the new version; it is reported from the next boot on. */
  readonly installVersion: (version: string) => void;
  /** Serial numbers (hex) of firmware signing certificates to treat as revoked (RevokedCertificate). */
  readonly revokedSerials?: readonly string[];
  readonly onProgress?: (location: string, bytes: number, totalBytes?: number) => void;
}

/** The version a simulated install of `location` gives: the file name without its extension. */
export function versionFromLocation(location: string): string {
  let path = location;
  try {
    path = new URL(location).pathname;
  } catch {
    // not a URL: use it as it is
  }
  const name = basename(path, extname(path)) || 'updated';
  return name.slice(0, MAX_VERSION_LENGTH);
}

export class SimulatedFirmwareHost implements FirmwareHost {
  private paused = false;
  /** Who waits for a resume, and the running transfer a pause stops. */
  private readonly resumeWaiters = new Set<() => void>();
  private readonly pauseListeners = new Set<() => void>();

  constructor(private readonly options: SimulatedFirmwareOptions) {}

  /** Whether downloads are paused (by `pauseDownloads`). */
  get downloadsPaused(): boolean {
    return this.paused;
  }

  /** Pauses the running download (DownloadPaused) and holds new ones until `resumeDownloads`. */
  pauseDownloads(): void {
    if (this.paused) return;
    this.paused = true;
    for (const listener of [...this.pauseListeners]) listener();
  }

  /** Downloads go on (Downloading): a paused one starts over from its first byte. */
  resumeDownloads(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const waiter of [...this.resumeWaiters]) waiter();
  }

  async download(request: FirmwareDownloadRequest): Promise<void> {
    for (;;) {
      if (this.paused) {
        request.onPaused?.(true);
        await this.untilResumed(request.signal);
        request.onPaused?.(false);
      }
      const attempt = new AbortController();
      const onAbort = () => attempt.abort();
      request.signal.addEventListener('abort', onAbort, { once: true });
      this.pauseListeners.add(onAbort);
      try {
        await this.transfer(request, attempt.signal);
        return;
      } catch (error) {
        // Stopped by a pause: wait for the resume and start over; anything else is the attempt's end.
        if (!(this.paused && !request.signal.aborted && error instanceof TransferError && error.kind === 'aborted')) throw error;
      } finally {
        request.signal.removeEventListener('abort', onAbort);
        this.pauseListeners.delete(onAbort);
      }
    }
  }

  isSigningCertificateRevoked(certificatePem: string): boolean {
    const revoked = this.options.revokedSerials;
    if (revoked === undefined || revoked.length === 0) return false;
    const [leaf] = parseCertificates(certificatePem);
    if (leaf === undefined) return false;
    const serial = serialNumberHex(leaf);
    return revoked.some((candidate) => candidate.toLowerCase().replace(/^0+(?=.)/, '') === serial);
  }

  private async transfer(request: FirmwareDownloadRequest, signal: AbortSignal): Promise<void> {
    await downloadFile(request.location, request.destinationPath, {
      maxBytes: this.options.maxBytes,
      timeoutMs: this.options.downloadTimeoutMs,
      stallTimeoutMs: this.options.stallTimeoutMs,
      signal,
      ...(this.options.ca ? { ca: this.options.ca } : {}),
      onProgress: ({ bytes, totalBytes }) => {
        request.onProgress?.(bytes, totalBytes);
        this.options.onProgress?.(request.location, bytes, totalBytes);
      },
    });
  }

  private untilResumed(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new TransferError('aborted', 'the download was cancelled'));
    return new Promise((resolve, reject) => {
      const done = () => {
        this.resumeWaiters.delete(done);
        signal.removeEventListener('abort', cancelled);
        resolve();
      };
      const cancelled = () => {
        this.resumeWaiters.delete(done);
        reject(new TransferError('aborted', 'the download was cancelled while paused'));
      };
      this.resumeWaiters.add(done);
      signal.addEventListener('abort', cancelled, { once: true });
    });
  }

  async install(request: FirmwareInstallRequest): Promise<InstallOutcome> {
    await this.wait(this.options.installSeconds * 1000, request.signal);
    if (this.options.failInstall !== undefined) {
      throw new FirmwareInstallError(this.options.failInstall, `the simulated installation is set to end in ${this.options.failInstall}`);
    }
    this.options.installVersion(versionFromLocation(request.location));
    return 'reboot-required';
  }

  /** Waits on the station's clock; an abort ends the wait with an error. */
  private wait(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new Error('the installation was cancelled'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.options.clock.clearTimeout(timer);
        reject(new Error('the installation was cancelled'));
      };
      const timer = this.options.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
