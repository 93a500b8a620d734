// A Clock whose time only moves when a test says so. Timers fire in due order during `advance`.
import type { Clock, TimerHandle } from '../../src/clock.js';

interface PendingTimer {
  readonly handle: object;
  readonly dueMs: number;
  readonly seq: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private nowMs: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.nowMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = {};
    this.timers.push({ handle, dueMs: this.nowMs + Math.max(0, delayMs), seq: this.seq++, callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due, in order. Between timers it lets
   * promise callbacks run, so async code reacting to a timer can schedule the next one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.nextDue();
      if (!next || next.dueMs > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = next.dueMs;
      next.callback();
    }
    this.nowMs = target;
    await flushMicrotasks();
  }

  private nextDue(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

/** Rounds of setImmediate after which flushMicrotasks gives up: something keeps scheduling itself. */
export const FLUSH_ROUND_LIMIT = 10_000;

/**
 * Lets queued promise callbacks and setImmediate callbacks run, round after round, until a round ends with no
 * setImmediate callback pending (process.getActiveResourcesInfo() lists each pending one as 'Immediate'). Code
 * that keeps scheduling itself forever fails loudly after FLUSH_ROUND_LIMIT rounds instead of hanging the test.
 * Real I/O (sockets, files) is not waited for: that is what waitFor is for.
 */
export async function flushMicrotasks(): Promise<void> {
  for (let round = 1; ; round++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!process.getActiveResourcesInfo().includes('Immediate')) return;
    if (round >= FLUSH_ROUND_LIMIT) {
      throw new Error(`flushMicrotasks: setImmediate callbacks still pending after ${FLUSH_ROUND_LIMIT} rounds; something reschedules itself forever`);
    }
  }
}
