// The station's own idea of the time: the injected clock plus an offset that follows the CSMS when the
// station is configured to take its time from it (ClockCtrlr.TimeSource, B01.FR.06, G02.FR.06). Timers keep
// their delays; only timestamps move.
import type { Clock, TimerHandle } from './clock.js';

export class StationClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.base.setTimeout(callback, delayMs);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }

  /** Makes `now()` read `time` from this moment on; returns how far the clock moved, in milliseconds. */
  adjustTo(time: Date): number {
    const before = this.now().getTime();
    this.offsetMs = time.getTime() - this.base.now().getTime();
    return time.getTime() - before;
  }
}
