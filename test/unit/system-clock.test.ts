// Issue 10 item 6: the real clock with delays Node's timers cannot hold. An interval variable may be 2^31-1 seconds;
// handed to setTimeout as milliseconds it would fire after 1 ms (TimeoutOverflowWarning) and, say, heartbeat
// without pause. The clock runs over recorded timer functions here, so nothing waits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NODE_TIMER_MS, createSystemClock, type TimerFunctions } from '../../src/clock.js';

function recordingTimers() {
  const armed: { callback: () => void; delayMs: number; cleared: boolean; unrefd: boolean }[] = [];
  const timers: TimerFunctions = {
    setTimeout(callback, delayMs) {
      const timer = { callback, delayMs, cleared: false, unrefd: false };
      armed.push(timer);
      return { unref: () => (timer.unrefd = true), timer };
    },
    clearTimeout(handle) {
      (handle as { timer: (typeof armed)[number] }).timer.cleared = true;
    },
  };
  return { armed, timers };
}

describe('systemClock: long, infinite and invalid delays', () => {
  it('a delay past 2^31-1 ms waits in steps that Node can hold, then fires once', () => {
    const { armed, timers } = recordingTimers();
    const clock = createSystemClock(timers);
    let fired = 0;
    clock.setTimeout(() => fired++, 2147483647 * 1000 + 5);
    assert.equal(armed[0]!.delayMs, MAX_NODE_TIMER_MS);
    while (fired === 0) armed.at(-1)!.callback();
    assert.equal(armed.length, 1001);
    assert.ok(armed.every((timer) => timer.delayMs <= MAX_NODE_TIMER_MS && timer.unrefd));
    assert.equal(armed.at(-1)!.delayMs, 5);
  });

  it('clearTimeout cancels whichever step is waiting', () => {
    const { armed, timers } = recordingTimers();
    const clock = createSystemClock(timers);
    const handle = clock.setTimeout(() => assert.fail('cancelled'), 3 * MAX_NODE_TIMER_MS);
    armed[0]!.callback();
    clock.clearTimeout(handle);
    assert.deepEqual(armed.map((timer) => timer.cleared), [false, true]);
  });

  it('an infinite delay never fires; NaN and negative delays fire at once', () => {
    const { armed, timers } = recordingTimers();
    const clock = createSystemClock(timers);
    clock.clearTimeout(clock.setTimeout(() => assert.fail('never'), Infinity));
    clock.setTimeout(() => {}, Number.NaN);
    clock.setTimeout(() => {}, -5);
    assert.deepEqual(armed.map((timer) => timer.delayMs), [0, 0]);
  });
});
