// Simulated time: `speed` times the base clock, timers after delay / speed of base time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScaledClock } from '../../../src/simulator/scaled-clock.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const START = '2026-03-01T08:00:00.000Z';

describe('ScaledClock', () => {
  it('at speed 1 reads and waits like its base', async () => {
    const base = new FakeClock(START);
    const clock = new ScaledClock(base);
    assert.equal(clock.speed, 1);
    await base.advance(1234);
    assert.equal(clock.now().getTime(), base.now().getTime());
    let fired = false;
    clock.setTimeout(() => (fired = true), 500);
    await base.advance(499);
    assert.equal(fired, false);
    await base.advance(1);
    assert.equal(fired, true);
  });

  it('now = start + base elapsed × speed', async () => {
    const base = new FakeClock(START);
    const clock = new ScaledClock(base, 60);
    assert.equal(clock.now().toISOString(), START);
    await base.advance(60_000);
    assert.equal(clock.now().toISOString(), '2026-03-01T09:00:00.000Z', 'a minute of base time is a simulated hour');
    const slow = new ScaledClock(base, 0.5, new Date('2030-01-01T00:00:00.000Z'));
    await base.advance(10_000);
    assert.equal(slow.now().toISOString(), '2030-01-01T00:00:05.000Z', 'its own start; half speed');
  });

  it('fires a timer of d ms after d / speed base ms, at simulated time start + d', async () => {
    const base = new FakeClock(START);
    const clock = new ScaledClock(base, 10);
    const firedAt: string[] = [];
    clock.setTimeout(() => firedAt.push(clock.now().toISOString()), 10_000);
    await base.advance(999);
    assert.deepEqual(firedAt, []);
    await base.advance(1);
    assert.deepEqual(firedAt, ['2026-03-01T08:00:10.000Z']);
  });

  it('never fires a timer before its simulated time when d / speed is not a whole base millisecond', async () => {
    const base = new FakeClock(START);
    const clock = new ScaledClock(base, 3);
    const seen: number[] = [];
    const tick = () => {
      seen.push(clock.now().getTime() - Date.parse(START));
      if (seen.length < 5) clock.setTimeout(tick, 1000);
    };
    clock.setTimeout(tick, 1000);
    await base.advance(333);
    assert.deepEqual(seen, [], '333 base ms are only 999 simulated ms');
    await base.advance(2000);
    assert.deepEqual(seen, [1002, 2004, 3006, 4008, 5010], 'each after ceil(1000 / 3) = 334 base ms');
  });

  it('cancels timers through the base; negative and NaN delays fire at once', async () => {
    const base = new FakeClock(START);
    const clock = new ScaledClock(base, 4);
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 4000);
    clock.clearTimeout(handle);
    clock.setTimeout(() => fired++, -5);
    clock.setTimeout(() => fired++, Number.NaN);
    assert.equal(base.pendingTimers, 2);
    await base.advance(0);
    assert.equal(fired, 2);
    await base.advance(10_000);
    assert.equal(fired, 2);
  });

  it('refuses a speed that is not a finite number above 0', () => {
    const base = new FakeClock(START);
    for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      assert.throws(() => new ScaledClock(base, speed), (error: unknown) => error instanceof RangeError && /speed must be a finite number above 0/.test(error.message));
    }
    assert.throws(() => new ScaledClock(base, 2, new Date('not a date')), RangeError);
  });
});
