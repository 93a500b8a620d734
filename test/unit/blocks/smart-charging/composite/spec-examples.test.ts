// The worked examples of the specification's smart charging chapter (part 2, block K §3) and the composite
// schedule test cases of the errata (TC_K_40_CS, TC_K_41_CS), reproduced as composite schedules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, HOUR, composite, on, profile, tuples, tx } from './helpers.js';

describe('§3.5 Combining charging profile purposes (figures 99 and 100)', () => {
  const start = '2025-03-03T10:00:00Z';
  const startSchedule = '2025-03-03T00:00:00Z';
  const max = profile({ id: 1, purpose: 'ChargingStationMaxProfile', stackLevel: 0, startSchedule, periods: [[0, 32]] });
  const external = profile({ id: 2, purpose: 'ChargingStationExternalConstraints', stackLevel: 1, startSchedule, periods: [[0, 25]] });

  it('situation 1: the lowest of ChargingStationMax (stack 0), TxDefault stack 2 (over stack 1) and ExternalConstraints (stack 1)', () => {
    const txDefault1 = profile({ id: 3, stackLevel: 1, startSchedule, periods: [[0, 6]] });
    const txDefault2 = profile({ id: 4, stackLevel: 2, startSchedule, periods: [[0, 20]] });
    const schedule = composite({
      start,
      seconds: HOUR,
      profiles: [...on(0, max, external), ...on(1, txDefault1, txDefault2)],
      transactions: tx(1, 'tx-1', start),
    });
    // TxDefault stack 1 (6 A) is overruled by stack 2 (20 A): it does not take part in the minimum.
    assert.deepEqual(tuples(schedule), [[0, 20, 3]]);
  });

  it('situation 2: the TxProfile overrules the TxDefaultProfile even when the TxDefaultProfile has the higher stack level', () => {
    const txDefault = profile({ id: 3, stackLevel: 2, startSchedule, periods: [[0, 10]] });
    const txProfile = profile({ id: 4, stackLevel: 1, purpose: 'TxProfile', transactionId: 'tx-1', startSchedule, periods: [[0, 16]] });
    const schedule = composite({
      start,
      seconds: HOUR,
      profiles: [...on(0, max, external), ...on(1, txDefault, txProfile)],
      transactions: tx(1, 'tx-1', start),
    });
    assert.deepEqual(tuples(schedule), [[0, 16, 3]]);
  });
});

describe('§3.6 Example charging profile: daily TxDefaultProfile 6 kW 08:00-20:00, 11 kW otherwise', () => {
  const example = profile({
    id: 100,
    stackLevel: 0,
    recurrency: 'Daily',
    startSchedule: '2013-01-01T00:00Z',
    duration: 86400,
    unit: 'W',
    periods: [
      [0, 11000, 3],
      [28800, 6000, 3],
      [72000, 11000, 3],
    ],
  });

  it('repeats every day years after startSchedule, 20:00-08:00 merged into one period across midnight', () => {
    const schedule = composite({
      start: '2024-05-10T06:00:00Z',
      seconds: DAY,
      unit: 'W',
      profiles: on(0, example),
      transactions: tx(1, 'tx-1', '2024-05-10T05:00:00Z'),
    });
    assert.deepEqual(tuples(schedule), [
      [0, 11000, 3],
      [2 * HOUR, 6000, 3],
      [14 * HOUR, 11000, 3],
    ]);
    assert.equal(schedule.scheduleStart, '2024-05-10T06:00:00.000Z');
    assert.equal(schedule.duration, DAY);
  });

  it('asked in A: W / (230 V x 3 phases), rounded down to one decimal', () => {
    const schedule = composite({
      start: '2024-05-10T00:00:00Z',
      seconds: DAY,
      profiles: on(0, example),
      transactions: tx(1, 'tx-1', '2024-05-10T00:00:00Z'),
    });
    // 11000 / 690 = 15.94..., 6000 / 690 = 8.69...
    assert.deepEqual(tuples(schedule), [
      [0, 15.9, 3],
      [8 * HOUR, 8.6, 3],
      [20 * HOUR, 15.9, 3],
    ]);
  });
});

describe('§3.6.1 Example using stacked charging profiles: 2 kW 17:00-20:00, not on Sundays, not on Christmas 2020', () => {
  // The printed JSON gives duration 1080 for 17:00-20:00: the prose's three hours are 10800 s (see the last test).
  const peak = (duration: number) =>
    profile({ id: 10, stackLevel: 1, recurrency: 'Daily', startSchedule: '2020-01-09T17:00:00', duration, unit: 'W', periods: [[0, 2000]] });
  const sundays = profile({ id: 11, stackLevel: 2, recurrency: 'Weekly', startSchedule: '2020-01-05T00:00:00', duration: 86400, unit: 'W', periods: [[0, 999999]] });
  const christmas = profile({
    id: 12,
    stackLevel: 3,
    kind: 'Absolute',
    validFrom: '2020-01-01T00:00:00',
    validTo: '2021-01-01T00:00:00',
    startSchedule: '2020-12-25T00:00:00',
    duration: 86400,
    unit: 'W',
    periods: [[0, 999999]],
  });
  const profiles = on(0, peak(10800), sundays, christmas);
  const day = (date: string, seconds = DAY, installed = profiles) =>
    tuples(composite({ start: `${date}T00:00:00Z`, seconds, unit: 'W', profiles: installed, simulateTransaction: true }));

  it('on a weekday (Wednesday 2020-03-11) the peak limit holds 17:00-20:00, the default limit outside it', () => {
    assert.deepEqual(day('2020-03-11'), [
      [0, 33120],
      [17 * HOUR, 2000, 3],
      [20 * HOUR, 33120],
    ]);
  });

  it('on a Sunday (2020-03-15) stack level 2 overrules the peak limit all day', () => {
    assert.deepEqual(day('2020-03-15'), [[0, 999999, 3]]);
  });

  it('from Sunday into Monday (the week boundary) the Sunday exception ends at midnight', () => {
    assert.deepEqual(tuples(composite({ start: '2020-03-15T12:00:00Z', seconds: 32 * HOUR, unit: 'W', profiles, simulateTransaction: true })), [
      [0, 999999, 3],
      [12 * HOUR, 33120],
      [29 * HOUR, 2000, 3],
    ]);
  });

  it('on Christmas Day 2020 (a Friday) stack level 3 overrules the peak limit all day', () => {
    assert.deepEqual(day('2020-12-25'), [[0, 999999, 3]]);
  });

  it('on Christmas Day 2021 (a Saturday) the Christmas profile is no longer valid (validTo): the peak limit is back', () => {
    assert.deepEqual(day('2021-12-25'), [
      [0, 33120],
      [17 * HOUR, 2000, 3],
      [20 * HOUR, 33120],
    ]);
  });

  it('taken literally, the printed duration 1080 limits 17:00-17:18 only', () => {
    assert.deepEqual(day('2020-03-11', DAY, on(0, peak(1080), sundays, christmas)), [
      [0, 33120],
      [17 * HOUR, 2000, 3],
      [17 * HOUR + 1080, 33120],
    ]);
  });
});

describe('K08 test cases of the errata (TC_K_40_CS, TC_K_41_CS), with a max time deviation of 0', () => {
  const t0 = '2025-06-02T09:00:00Z';
  const validTo = '2025-06-02T09:06:41Z'; // t0 + 401 s
  const absolute = (id: number, purpose: 'TxDefaultProfile' | 'TxProfile' | 'ChargingStationMaxProfile', stackLevel: number, duration: number, periods: [number, number][]) =>
    profile({
      id,
      purpose,
      stackLevel,
      startSchedule: t0,
      duration,
      validFrom: t0,
      validTo,
      ...(purpose === 'TxProfile' ? { transactionId: 'tx-41' } : {}),
      periods: periods.map(([at, limit]) => [at, limit, 3]),
    });

  it('TC_K_40_CS (K08.FR.02, K08.FR.06) stacking: stack level 1 leads while it has a period, then stack level 0', () => {
    const profiles = on(
      1,
      absolute(1, 'TxDefaultProfile', 0, 400, [[0, 6], [100, 8], [200, 10]]),
      absolute(2, 'TxDefaultProfile', 1, 150, [[0, 7], [100, 9]]),
    );
    const at = composite({ start: t0, seconds: 350, profiles, simulateTransaction: true });
    assert.equal(at.duration, 350);
    assert.deepEqual(tuples(at), [[0, 7, 3], [100, 9, 3], [150, 8, 3], [200, 10, 3]]);
    // Asked x = 30 s later, every period moves 30 s earlier.
    const later = composite({ start: '2025-06-02T09:00:30Z', seconds: 350, profiles, simulateTransaction: true });
    assert.deepEqual(tuples(later), [[0, 7, 3], [70, 9, 3], [120, 8, 3], [170, 10, 3]]);
  });

  it('TC_K_41_CS combining purposes: TxProfile over TxDefaultProfile, bounded by ChargingStationMaxProfile', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMaxProfile', startSchedule: t0, duration: 86400, periods: [[0, 10, 3]] });
    const profiles = [
      ...on(0, max),
      ...on(
        1,
        absolute(2, 'TxDefaultProfile', 0, 300, [[0, 6], [60, 10], [120, 8], [180, 15], [260, 8]]),
        absolute(3, 'TxProfile', 0, 260, [[0, 8], [50, 11], [140, 16], [200, 6], [240, 12]]),
      ),
    ];
    const schedule = composite({ start: t0, seconds: 400, profiles, transactions: tx(1, 'tx-41', t0) });
    assert.deepEqual(tuples(schedule), [
      [0, 8, 3], // TxProfile
      [50, 10, 3], // ChargingStationMaxProfile
      [200, 6, 3], // TxProfile
      [240, 10, 3], // ChargingStationMaxProfile
      [260, 8, 3], // TxDefaultProfile
      [300, 10, 3], // ChargingStationMaxProfile
    ]);
  });
});
