// The simulator's FirmwareHost: it downloads the image for real (src/transfer: HTTP(S), FTP(S), bounded in size
// and time) and "installs" it by waiting the configured time on the station's clock and taking the image's name as
// its new firmware version (".../station-2.1.0.bin" runs "station-2.1.0" after the reboot). An install can be made
// to fail, so CSMS teams can try their failure paths.
import { basename, extname } from 'node:path';
import type { Clock } from '../clock.js';
import { FirmwareInstallError, type FirmwareDownloadRequest, type FirmwareHost, type FirmwareInstallRequest, type InstallOutcome } from '../blocks/firmware/firmware-host.js';
import { downloadFile } from '../transfer/index.js';

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
  constructor(private readonly options: SimulatedFirmwareOptions) {}

  async download(request: FirmwareDownloadRequest): Promise<void> {
    await downloadFile(request.location, request.destinationPath, {
      maxBytes: this.options.maxBytes,
      timeoutMs: this.options.downloadTimeoutMs,
      stallTimeoutMs: this.options.stallTimeoutMs,
      signal: request.signal,
      ...(this.options.ca ? { ca: this.options.ca } : {}),
      onProgress: ({ bytes, totalBytes }) => {
        request.onProgress?.(bytes, totalBytes);
        this.options.onProgress?.(request.location, bytes, totalBytes);
      },
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
