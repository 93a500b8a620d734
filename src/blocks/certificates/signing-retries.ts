// A02.FR.17-20 / A03.FR.17-19: when the CSMS accepted a SignCertificateRequest and no CertificateSigned follows,
// the same CSR is sent again after CertSigningWaitMinimum seconds, the wait doubling each time, at most
// CertSigningRepeatTimes times. After that — and after a CertificateSigned the station rejected (A02.FR.20) — the
// station waits for a TriggerMessage. The back-off lives in memory: after a restart the pending CSR waits for a
// trigger (or the renewal check, A03) rather than resuming a half-run schedule.
import { MAX_NODE_TIMER_MS, type Clock, type TimerHandle } from '../../clock.js';
import type { SigningUse } from '../../storage/certificate-store.js';

export interface SigningRetriesOptions {
  readonly clock: Clock;
  /** SecurityCtrlr.CertSigningWaitMinimum, seconds. */
  readonly waitMinimumSeconds: () => number;
  /** SecurityCtrlr.CertSigningRepeatTimes. */
  readonly repeatTimes: () => number;
  /** Sends the waiting CSR of `use` again. */
  readonly resend: (use: SigningUse) => void;
}

interface Schedule {
  resends: number;
  timer: TimerHandle;
}


export class SigningRetries {
  private readonly schedules = new Map<SigningUse, Schedule>();
  /** Uses whose resends ran out or whose certificate was rejected: nothing more until a TriggerMessage. */
  private readonly waitingForTrigger = new Set<SigningUse>();

  constructor(private readonly options: SigningRetriesOptions) {}

  /** The CSMS accepted a fresh CSR of `use`: the back-off starts over at CertSigningWaitMinimum. */
  start(use: SigningUse): void {
    this.cancel(use);
    this.waitingForTrigger.delete(use);
    this.arm(use, 0);
  }

  /** A CertificateSigned of `use` arrived and was accepted: nothing more to resend. */
  received(use: SigningUse): void {
    this.cancel(use);
  }

  /** A CertificateSigned of `use` was rejected (A02.FR.20): no resend until a TriggerMessage asks for one. */
  rejected(use: SigningUse): void {
    this.cancel(use);
    this.waitingForTrigger.add(use);
  }

  /** A TriggerMessage asked for a CSR of `use`: the station may sign again on its own later. */
  triggered(use: SigningUse): void {
    this.waitingForTrigger.delete(use);
  }

  /** The back-off is running for `use`. */
  isRunning(use: SigningUse): boolean {
    return this.schedules.has(use);
  }

  /** The station must not send a CSR of `use` on its own (A02.FR.19/20) until a TriggerMessage. */
  isWaitingForTrigger(use: SigningUse): boolean {
    return this.waitingForTrigger.has(use);
  }

  stop(): void {
    for (const use of [...this.schedules.keys()]) this.cancel(use);
  }

  private arm(use: SigningUse, resends: number): void {
    // Capped: a doubling that overflows to Infinity would never fire.
    const waitMs = Math.min(MAX_NODE_TIMER_MS, Math.max(0, this.options.waitMinimumSeconds()) * 1000 * 2 ** resends);
    const timer = this.options.clock.setTimeout(() => this.expired(use, resends), waitMs);
    this.schedules.set(use, { resends, timer });
  }

  private expired(use: SigningUse, resends: number): void {
    this.schedules.delete(use);
    if (resends >= Math.max(0, this.options.repeatTimes())) {
      this.waitingForTrigger.add(use);
      return;
    }
    this.arm(use, resends + 1);
    this.options.resend(use);
  }

  private cancel(use: SigningUse): void {
    const schedule = this.schedules.get(use);
    if (schedule === undefined) return;
    this.options.clock.clearTimeout(schedule.timer);
    this.schedules.delete(use);
  }
}
