// The reconnect back-off of OCPP-J Part 4 §5.3 (with the 2025 errata), computed with pinned randomness.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reconnectDelayMs, type BackOffSettings } from '../../../src/transport/backoff.js';

const settings: BackOffSettings = {
  retryBackOffWaitMinimumSeconds: 3,
  retryBackOffRandomRangeSeconds: 10,
  retryBackOffRepeatTimes: 2,
};
const noRandom = () => 0;

describe('reconnectDelayMs (Part 4 §5.3)', () => {
  it('waits RetryBackOffWaitMinimum before the first reconnection attempt', () => {
    assert.equal(reconnectDelayMs(1, settings, noRandom), 3000);
  });

  it('doubles the wait after each failed attempt, RetryBackOffRepeatTimes times at most', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelayMs(attempt, settings, noRandom));
    assert.deepEqual(waits, [3000, 6000, 12000, 12000, 12000, 12000]);
  });

  it('adds a fresh random part of up to RetryBackOffRandomRange seconds to every attempt, never doubled', () => {
    assert.equal(reconnectDelayMs(1, settings, () => 0.5), 3000 + 5000);
    assert.equal(reconnectDelayMs(2, settings, () => 0.5), 6000 + 5000);
    assert.equal(reconnectDelayMs(3, settings, () => 0.25), 12000 + 2500);
    assert.equal(reconnectDelayMs(9, settings, () => 0.999), 12000 + 9990);
  });

  it('with RetryBackOffRepeatTimes 0 every attempt waits the minimum plus randomness', () => {
    const flat = { ...settings, retryBackOffRepeatTimes: 0 };
    assert.deepEqual([1, 2, 3].map((attempt) => reconnectDelayMs(attempt, flat, () => 0.1)), [4000, 4000, 4000]);
  });

  it('stops doubling exactly at the boundary: attempt RepeatTimes+1 is the largest wait', () => {
    const five = { ...settings, retryBackOffRepeatTimes: 5 };
    assert.equal(reconnectDelayMs(6, five, noRandom), 3000 * 32);
    assert.equal(reconnectDelayMs(7, five, noRandom), 3000 * 32);
    assert.equal(reconnectDelayMs(5, five, noRandom), 3000 * 16);
  });

  it('is 0 when both the minimum and the random range are 0', () => {
    const zero = { retryBackOffWaitMinimumSeconds: 0, retryBackOffRandomRangeSeconds: 0, retryBackOffRepeatTimes: 5 };
    assert.equal(reconnectDelayMs(4, zero, Math.random), 0);
  });

  it('treats negative settings and out-of-range randomness as 0 / clamped instead of breaking reconnects', () => {
    const broken = {
      retryBackOffWaitMinimumSeconds: -5,
      retryBackOffRandomRangeSeconds: 10,
      retryBackOffRepeatTimes: -1,
    };
    assert.equal(reconnectDelayMs(3, broken, () => -1), 0);
    assert.equal(reconnectDelayMs(3, broken, () => 7), 10_000);
  });

  it('refuses an attempt number below 1', () => {
    assert.throws(() => reconnectDelayMs(0, settings, noRandom), RangeError);
    assert.throws(() => reconnectDelayMs(1.5, settings, noRandom), RangeError);
  });
});
