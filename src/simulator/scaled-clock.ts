// Simulated time: a clock that runs `speed` times faster than the clock beneath it, so that a simulated hour can
// pass in a minute (--speed 60). Every timer of the simulator and of the station it drives comes from one clock
// like this; with speed 1 it reads and waits exactly like its base.
import type { Clock, TimerHandle } from '../clock.js';

export class ScaledClock implements Clock {
  /** Simulated milliseconds per base millisecond. */
  readonly speed: number;
  private readonly baseStartMs: number;
  private readonly startMs: number;

  /**
   * @param base the clock that actually ticks (the system clock, or a FakeClock in tests)
   * @param speed how many times faster simulated time runs: finite and above 0 (1 = real time)
   * @param start the simulated time now; the base clock's time when not given
   */
  constructor(
    private readonly base: Clock,
    speed = 1,
    start?: Date,
  ) {
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
      throw new RangeError(`the clock speed must be a finite number above 0, got ${String(speed)}`);
    }
    this.speed = speed;
    this.baseStartMs = base.now().getTime();
    this.startMs = start === undefined ? this.baseStartMs : start.getTime();
    if (!Number.isFinite(this.startMs)) throw new RangeError('the start of simulated time must be a valid date');
  }

  /** start + (base time elapsed since construction) × speed, to the millisecond. */
  now(): Date {
    return new Date(Math.round(this.startMs + (this.base.now().getTime() - this.baseStartMs) * this.speed));
  }

  /**
   * Fires after `delayMs` simulated milliseconds: `delayMs / speed` milliseconds of the base clock, rounded up to
   * a whole one. Base clocks read whole milliseconds, so a timer never fires before its simulated time; it may
   * fire up to `speed` simulated milliseconds after it.
   */
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const simulated = delayMs > 0 ? delayMs : 0; // NaN and negative delays: at once, like Node's timers
    return this.base.setTimeout(callback, Math.ceil(simulated / this.speed));
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
}
