// The metering block's two kinds of repeating timer, both on the injected Clock. Each reads its interval when it
// schedules, so a changed setting applies from the next interval; an interval of 0 (or less) disarms it.
//
// - AlignedTimer: fires at the clock-aligned times, multiples of the interval after midnight UTC of the
//   station clock (AlignedDataCtrlr.Interval / TxEndedInterval). Each next time is computed from the aligned
//   time just passed, not from "now + interval", so late timers do not make it drift.
// - PeriodicTimer: fires every interval from when it started (SampledDataCtrlr.TxUpdatedInterval /
//   TxEndedInterval), each next time counted from the due time of the one before.
import type { Clock, TimerHandle } from '../../clock.js';

export const DAY_MS = 86_400_000;

/** A timer that fires more than this before its aligned time (the station clock was set back) waits again. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * The first clock-aligned time strictly after `afterMs`: midnight (UTC) of that day plus a whole number of
 * intervals. The sequence starts over at each midnight, so an interval that does not divide a day gives a
 * shorter last interval (7 h: 00:00, 07:00, 14:00, 21:00, 00:00, …).
 */
export function nextAlignedTime(afterMs: number, intervalSeconds: number): number {
  const intervalMs = intervalSeconds * 1000;
  const midnight = afterMs - (((afterMs % DAY_MS) + DAY_MS) % DAY_MS);
  const next = midnight + (Math.floor((afterMs - midnight) / intervalMs) + 1) * intervalMs;
  return Math.min(next, midnight + DAY_MS);
}

abstract class RepeatingTimer {
  private handle: TimerHandle | undefined;
  private active = false;

  constructor(
    protected readonly clock: Clock,
    /** Seconds; read at every scheduling. */
    protected readonly intervalSeconds: () => number,
    /** Called with the due time it fires for (the aligned moment for an AlignedTimer). */
    private readonly tick: (dueMs: number) => void,
  ) {}

  /** Starts firing (the first time one interval, or at the next aligned time, from now). */
  start(): void {
    this.active = true;
    this.arm(this.clock.now().getTime());
  }

  stop(): void {
    this.active = false;
    this.disarm();
  }

  /** The interval setting changed: schedules again from now with the new one. */
  restart(): void {
    if (this.active) this.arm(this.clock.now().getTime());
  }

  /** Started, whether or not an interval is set. */
  get isActive(): boolean {
    return this.active;
  }

  /** A firing is scheduled (started and the interval is above 0). */
  get isArmed(): boolean {
    return this.handle !== undefined;
  }

  /** The next due time after `fromMs`, given the current time; undefined when the interval disables it. */
  protected abstract nextDue(fromMs: number, nowMs: number, intervalMs: number): number;

  /** Whether a firing at `nowMs` for `dueMs` is too early to count (the clock moved back). */
  protected abstract tooEarly(dueMs: number, nowMs: number): boolean;

  private arm(fromMs: number): void {
    this.disarm();
    const seconds = this.intervalSeconds();
    if (!Number.isFinite(seconds) || seconds <= 0) return;
    const nowMs = this.clock.now().getTime();
    const dueMs = this.nextDue(fromMs, nowMs, seconds * 1000);
    this.handle = this.clock.setTimeout(() => this.fire(dueMs), dueMs - nowMs);
  }

  private disarm(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private fire(dueMs: number): void {
    this.handle = undefined;
    if (!this.active) return;
    const nowMs = this.clock.now().getTime();
    if (this.tooEarly(dueMs, nowMs)) {
      this.arm(nowMs);
      return;
    }
    try {
      this.tick(dueMs);
    } finally {
      if (this.active && this.handle === undefined) this.arm(dueMs);
    }
  }
}

export class AlignedTimer extends RepeatingTimer {
  protected nextDue(fromMs: number, nowMs: number, intervalMs: number): number {
    const dueMs = nextAlignedTime(fromMs, intervalMs / 1000);
    // Passed already (the clock jumped forward or the timer was very late) or implausibly far (the clock was
    // set back): take the next aligned time after now instead.
    if (dueMs <= nowMs || dueMs - nowMs > intervalMs) return nextAlignedTime(nowMs, intervalMs / 1000);
    return dueMs;
  }

  protected tooEarly(dueMs: number, nowMs: number): boolean {
    return dueMs - nowMs > EARLY_TOLERANCE_MS;
  }
}

export class PeriodicTimer extends RepeatingTimer {
  protected nextDue(fromMs: number, nowMs: number, intervalMs: number): number {
    const dueMs = fromMs + intervalMs;
    if (dueMs <= nowMs || dueMs - nowMs > intervalMs) return nowMs + intervalMs;
    return dueMs;
  }

  /** Periodic samples count elapsed time, not the clock's reading: never too early. */
  protected tooEarly(): boolean {
    return false;
  }
}
