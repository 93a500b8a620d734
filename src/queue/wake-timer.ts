// One timer that wakes the queue at the earliest time asked for: asking for a later time while an earlier
// wake-up is set changes nothing.
import type { Clock, TimerHandle } from '../clock.js';

export class WakeTimer {
  private timer: TimerHandle | undefined;
  private atMs = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly wake: () => void,
  ) {}

  /** Wakes at `atMs` (clock time) unless a wake-up at that time or earlier is already set. */
  wakeAt(atMs: number): void {
    if (this.timer && this.atMs <= atMs) return;
    this.clear();
    this.atMs = atMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.atMs = Infinity;
      this.wake();
    }, atMs - this.clock.now().getTime());
  }

  clear(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.atMs = Infinity;
  }
}
