// The test suite's own FakeClock: timers fire in due order while time is advanced, and flushMicrotasks runs
// setImmediate and promise callbacks until none is pending, failing loudly when something never stops.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FLUSH_ROUND_LIMIT, FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';

describe('flushMicrotasks', () => {
  it('runs a chain of setImmediate and promise hops to its end, however long', async () => {
    let hops = 0;
    const hop = (): void => {
      if (++hops < 200) setImmediate(() => void Promise.resolve().then(hop));
    };
    hop();
    await flushMicrotasks();
    assert.equal(hops, 200);
  });

  it(`throws after ${FLUSH_ROUND_LIMIT} rounds when a callback reschedules itself forever`, async () => {
    let running = true;
    const forever = (): void => {
      if (running) setImmediate(forever);
    };
    forever();
    try {
      await assert.rejects(flushMicrotasks(), new RegExp(`still pending after ${FLUSH_ROUND_LIMIT} rounds`));
    } finally {
      running = false;
    }
  });
});

describe('FakeClock', () => {
  it('fires timers in due order, each at its own time, and lets what they schedule run between them', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00.000Z');
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b ${clock.now().toISOString()}`), 2000);
    clock.setTimeout(() => {
      fired.push(`a ${clock.now().toISOString()}`);
      // Async work started by a timer schedules the next one before the clock moves on.
      setImmediate(() => clock.setTimeout(() => fired.push(`c ${clock.now().toISOString()}`), 500));
    }, 1000);
    await clock.advance(1499);
    assert.deepEqual(fired, ['a 2026-01-01T00:00:01.000Z']);
    await clock.advance(1);
    await clock.advance(500);
    assert.deepEqual(fired, ['a 2026-01-01T00:00:01.000Z', 'c 2026-01-01T00:00:01.500Z', 'b 2026-01-01T00:00:02.000Z']);
    assert.equal(clock.pendingTimers, 0);
  });
});
