// Throttled progress reports: at most one per 64 KiB or per 250 ms moved, and a last one with the final count.
import type { TransferProgress } from './transfer-options.js';

export const PROGRESS_BYTES_STEP = 64 * 1024;
export const PROGRESS_INTERVAL_MS = 250;

export class ProgressReporter {
  private bytes = 0;
  private reportedBytes = 0;
  private reportedAt = Date.now();
  private lastReported: number | undefined;

  constructor(
    private readonly onProgress: ((progress: TransferProgress) => void) | undefined,
    private totalBytes?: number,
  ) {}

  get transferred(): number {
    return this.bytes;
  }

  /** The size learnt once the transfer has started (a Content-Length, an FTP SIZE). */
  setTotal(totalBytes: number | undefined): void {
    this.totalBytes = totalBytes;
  }

  /** `count` more bytes moved. */
  add(count: number): void {
    this.bytes += count;
    if (this.onProgress === undefined) return;
    const now = Date.now();
    if (this.bytes - this.reportedBytes >= PROGRESS_BYTES_STEP || now - this.reportedAt >= PROGRESS_INTERVAL_MS) {
      this.report(now);
    }
  }

  /** The final count, unless it was the last one reported. */
  finish(): void {
    if (this.onProgress !== undefined && this.lastReported !== this.bytes) this.report(Date.now());
  }

  private report(now: number): void {
    this.reportedBytes = this.bytes;
    this.reportedAt = now;
    this.lastReported = this.bytes;
    const progress: TransferProgress =
      this.totalBytes === undefined ? { bytes: this.bytes } : { bytes: this.bytes, totalBytes: this.totalBytes };
    try {
      this.onProgress?.(progress);
    } catch {
      // A listener's bug must not fail the transfer (documented on onProgress).
    }
  }
}
