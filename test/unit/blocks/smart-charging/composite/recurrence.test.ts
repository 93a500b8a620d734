// Recurring Daily / Weekly schedules: the recurrence's phase is fixed by startSchedule (and applies before it
// too, facts §8), across midnight and across the week boundary, cut by duration, by the next occurrence, and by
// validFrom / validTo. Times are UTC; a day is 86400 s.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, HOUR, composite, on, profile, tuples, type ProfileSpec } from './helpers.js';

const ask = (start: string, seconds: number, spec: ProfileSpec) =>
  tuples(composite({ start, seconds, profiles: on(1, profile(spec)), simulateTransaction: true }));

describe('Recurring Daily', () => {
  const nightly: ProfileSpec = { id: 1, recurrency: 'Daily', startSchedule: '2025-06-01T22:00:00Z', duration: 4 * HOUR, periods: [[0, 10], [HOUR, 12]] };

  it('runs across midnight: 22:00-02:00, 12 A from 23:00', () => {
    assert.deepEqual(ask('2025-06-05T20:00:00Z', 12 * HOUR, nightly), [
      [0, 48],
      [2 * HOUR, 10, 3],
      [3 * HOUR, 12, 3],
      [6 * HOUR, 48],
    ]);
  });

  it('a window starting after midnight sees the occurrence that began the day before', () => {
    assert.deepEqual(ask('2025-06-06T00:30:00Z', 2 * HOUR, nightly), [[0, 12, 3], [1.5 * HOUR, 48]]);
  });

  it('applies before startSchedule too: startSchedule fixes the phase of the recurrence, not its first day', () => {
    const future = { ...nightly, startSchedule: '2025-07-20T22:00:00Z' };
    assert.deepEqual(ask('2025-06-05T20:00:00Z', 12 * HOUR, future), ask('2025-06-05T20:00:00Z', 12 * HOUR, nightly));
  });

  it('validFrom keeps it out until then; validTo ends it in the middle of an occurrence', () => {
    const bounded = { ...nightly, validFrom: '2025-06-06T22:30:00Z', validTo: '2025-06-07T23:30:00Z' };
    assert.deepEqual(ask('2025-06-05T20:00:00Z', 3 * DAY, bounded), [
      [0, 48],
      [DAY + 2.5 * HOUR, 10, 3],
      [DAY + 3 * HOUR, 12, 3],
      [DAY + 6 * HOUR, 48],
      [2 * DAY + 2 * HOUR, 10, 3],
      [2 * DAY + 3 * HOUR, 12, 3],
      [2 * DAY + 3.5 * HOUR, 48],
    ]);
  });

  it('a schedule longer than the recurrence is cut where the next occurrence starts', () => {
    const long: ProfileSpec = { id: 1, recurrency: 'Daily', startSchedule: '2025-06-01T00:00:00Z', duration: 30 * HOUR, periods: [[0, 10], [20 * HOUR, 20], [25 * HOUR, 30]] };
    assert.deepEqual(ask('2025-06-05T00:00:00Z', 2 * DAY, long), [
      [0, 10, 3],
      [20 * HOUR, 20, 3],
      [24 * HOUR, 10, 3],
      [44 * HOUR, 20, 3],
    ]);
  });

  it('without a duration the last period lasts until the next occurrence', () => {
    const open: ProfileSpec = { id: 1, recurrency: 'Daily', startSchedule: '2025-06-01T06:00:00Z', periods: [[0, 10], [12 * HOUR, 20]] };
    assert.deepEqual(ask('2025-06-05T00:00:00Z', DAY, open), [[0, 20, 3], [6 * HOUR, 10, 3], [18 * HOUR, 20, 3]]);
  });
});

describe('Recurring Weekly', () => {
  it('runs across the week boundary: Saturday 20:00 to Sunday 04:00', () => {
    // 2025-06-07 and 2025-06-14 are Saturdays.
    const weekend: ProfileSpec = { id: 1, recurrency: 'Weekly', startSchedule: '2025-06-07T20:00:00Z', duration: 8 * HOUR, periods: [[0, 10]] };
    assert.deepEqual(ask('2025-06-14T18:00:00Z', 12 * HOUR, weekend), [[0, 48], [2 * HOUR, 10, 3], [10 * HOUR, 48]]);
  });

  it('a week-long schedule restarts on Monday 00:00: Sunday 20 A, Monday 10 A again', () => {
    const week: ProfileSpec = { id: 1, recurrency: 'Weekly', startSchedule: '2025-06-02T00:00:00Z', periods: [[0, 10], [6 * DAY, 20]] };
    assert.deepEqual(ask('2025-06-15T12:00:00Z', DAY, week), [[0, 20, 3], [12 * HOUR, 10, 3]]);
  });

  it('a window of several weeks sees every occurrence', () => {
    const weekly: ProfileSpec = { id: 1, recurrency: 'Weekly', startSchedule: '2025-06-02T08:00:00Z', duration: HOUR, periods: [[0, 10]] };
    const schedule = ask('2025-06-02T00:00:00Z', 21 * DAY, weekly);
    assert.deepEqual(
      schedule.filter(([, limit]) => limit === 10).map(([at]) => at),
      [8 * HOUR, 7 * DAY + 8 * HOUR, 14 * DAY + 8 * HOUR],
    );
  });
});
