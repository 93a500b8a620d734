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

/** The real clock: Date and Node timers. Timers are unref'd so they never keep a process alive alone. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
