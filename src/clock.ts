// Every timer and every timestamp in the stack comes from a Clock, so that tests can drive time
// by hand instead of sleeping.

/** An opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Clock {
  /** Current wall-clock time. */
  now(): Date;
  /** Runs `callback` once after `delayMs` milliseconds. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay would fire after 1 ms. */
export const MAX_NODE_TIMER_MS = 2 ** 31 - 1;

/** The timer functions the real clock runs on (Node's, or a test's). */
export interface TimerFunctions {
  setTimeout(callback: () => void, delayMs: number): { unref?: () => unknown };
  clearTimeout(timer: unknown): void;
}

/** A timer of the real clock: a chain of Node timers when the delay is longer than one can hold. */
interface LongTimer {
  current: unknown;
}

/**
 * The real clock over `timers`. Timers are unref'd so they never keep a process alive alone; delays longer than
 * MAX_NODE_TIMER_MS (an interval variable may be 2^31-1 seconds) wait in steps; an infinite delay never fires.
 */
export function createSystemClock(timers: TimerFunctions = { setTimeout, clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout) }): Clock {
  const arm = (handle: LongTimer, callback: () => void, remainingMs: number) => {
    const timer =
      remainingMs > MAX_NODE_TIMER_MS
        ? timers.setTimeout(() => arm(handle, callback, remainingMs - MAX_NODE_TIMER_MS), MAX_NODE_TIMER_MS)
        : timers.setTimeout(callback, remainingMs);
    timer.unref?.();
    handle.current = timer;
  };
  return {
    now: () => new Date(),
    setTimeout(callback, delayMs) {
      const handle: LongTimer = { current: undefined };
      const delay = Number.isNaN(delayMs) ? 0 : Math.max(0, delayMs);
      if (delay !== Infinity) arm(handle, callback, delay);
      return handle;
    },
    clearTimeout(handle) {
      const { current } = handle as LongTimer;
      if (current !== undefined) timers.clearTimeout(current);
    },
  };
}

/** The real clock: Date and Node timers. */
export const systemClock: Clock = createSystemClock();
