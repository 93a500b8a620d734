// The limits every transfer runs under: the whole-transfer deadline, the stall timer (reset whenever a byte
// moves) and the caller's AbortSignal. The first of them to fire, or the first failure the transfer itself
// reports, becomes the transfer's error; `onFail` then tears the connection down. Real timers: this is network
// time, which no injected clock could drive.
import { TransferError } from './transfer-error.js';
import type { TransferCommonOptions } from './transfer-options.js';

export class TransferWatch {
  private failure: TransferError | undefined;
  private readonly deadline: NodeJS.Timeout;
  private stallTimer: NodeJS.Timeout | undefined;
  private finished = false;
  private readonly onAbort = () => this.fail(new TransferError('aborted', `${this.what}: aborted`));

  constructor(
    private readonly what: string,
    private readonly options: TransferCommonOptions,
    private readonly onFail: (error: TransferError) => void,
  ) {
    const { timeoutMs, signal } = options;
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, not ${timeoutMs}`);
    if (options.stallTimeoutMs !== undefined && !(options.stallTimeoutMs > 0)) {
      throw new RangeError(`stallTimeoutMs must be positive, not ${options.stallTimeoutMs}`);
    }
    this.deadline = setTimeout(
      () => this.fail(new TransferError('timeout', `${what}: not done within ${timeoutMs} ms`)),
      timeoutMs,
    );
    this.moved();
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The error the transfer failed with, if it did. */
  get reason(): TransferError | undefined {
    return this.failure;
  }

  /** Throws the failure, if there is one (before a step that should not start after it). */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Some bytes moved (or a reply came): the stall timer starts again. */
  moved(): void {
    const { stallTimeoutMs } = this.options;
    if (stallTimeoutMs === undefined || this.finished) return;
    if (this.stallTimer !== undefined) this.stallTimer.refresh();
    else {
      this.stallTimer = setTimeout(
        () => this.fail(new TransferError('timeout', `${this.what}: no data moved for ${stallTimeoutMs} ms`)),
        stallTimeoutMs,
      );
    }
  }

  /** The transfer failed: the first failure wins; the connection is torn down through onFail. */
  fail(error: TransferError): void {
    if (this.failure !== undefined || this.finished) return;
    this.failure = error;
    this.stop();
    this.onFail(error);
  }

  /** The transfer is over (either way): no timer or listener is left behind. */
  stop(): void {
    this.finished = true;
    clearTimeout(this.deadline);
    if (this.stallTimer !== undefined) clearTimeout(this.stallTimer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  /** The error to report for `error` met during the transfer: the watch's own failure comes first. */
  explain(error: unknown, convert: (error: unknown) => TransferError): TransferError {
    return this.failure ?? convert(error);
  }
}
