// K01 rules on when a profile's periods are in force, as seen in the composite schedule of EVSE 1 (a transaction
// 'tx-1' open since 09:00; window 10:00 for one hour unless said otherwise; the default limit is 48 A).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR, composite, on, profile, tuples, tx, type ProfileSpec } from './helpers.js';

const START = '2025-06-02T10:00:00Z';
const transactions = tx(1, 'tx-1', '2025-06-02T09:00:00Z');
const one = (spec: ProfileSpec, seconds = HOUR) => tuples(composite({ start: START, seconds, profiles: on(1, profile(spec)), transactions }));

describe('K01 period timing', () => {
  it('K01.FR.11 a period starting at or after the schedule duration never runs', () => {
    assert.deepEqual(one({ id: 1, startSchedule: START, duration: 600, periods: [[0, 10], [600, 20], [900, 30]] }), [
      [0, 10, 3],
      [600, 48],
    ]);
  });

  it('K01.FR.12 a period lasts until the next one starts or the duration has elapsed (duration ending inside the window)', () => {
    assert.deepEqual(one({ id: 1, startSchedule: START, duration: 1000, periods: [[0, 10], [300, 20]] }), [
      [0, 10, 3],
      [300, 20, 3],
      [1000, 48],
    ]);
  });

  it('K01.FR.12 without a duration the last period goes on past the window', () => {
    assert.deepEqual(one({ id: 1, startSchedule: '2025-06-01T00:00:00Z', periods: [[0, 10], [60, 20]] }), [[0, 20, 3]]);
  });

  it('K01.FR.13 a Daily schedule shorter than a day falls back to the default after its duration, every day', () => {
    assert.deepEqual(one({ id: 1, recurrency: 'Daily', startSchedule: '2025-05-01T10:00:00Z', duration: 2 * HOUR, periods: [[0, 10]] }, 48 * HOUR), [
      [0, 10, 3],
      [2 * HOUR, 48],
      [24 * HOUR, 10, 3],
      [26 * HOUR, 48],
    ]);
  });

  it('K01.FR.30 a startSchedule in the future imposes nothing before it (a period starting inside the window)', () => {
    assert.deepEqual(one({ id: 1, startSchedule: '2025-06-02T10:30:00Z', periods: [[0, 16]] }), [
      [0, 48],
      [1800, 16, 3],
    ]);
  });

  it('K01.FR.31 a schedule whose first period starts after 0 covers nothing before that period', () => {
    assert.deepEqual(one({ id: 1, startSchedule: START, periods: [[300, 16]] }), [
      [0, 48],
      [300, 16, 3],
    ]);
  });

  it('K01.FR.35 periods listed out of order are taken in startPeriod order', () => {
    assert.deepEqual(one({ id: 1, startSchedule: START, periods: [[600, 20], [0, 10]] }), [
      [0, 10, 3],
      [600, 20, 3],
    ]);
  });

  it('K01.FR.36 / K01.FR.37 valid from validFrom (inclusive) until validTo (exclusive), cut inside the window', () => {
    assert.deepEqual(
      one({ id: 1, startSchedule: '2025-06-01T00:00:00Z', validFrom: '2025-06-02T10:15:00Z', validTo: '2025-06-02T10:45:00Z', periods: [[0, 16]] }),
      [
        [0, 48],
        [900, 16, 3],
        [2700, 48],
      ],
    );
  });

  it('K01.FR.10 without validFrom and validTo a profile is valid indefinitely', () => {
    assert.deepEqual(one({ id: 1, startSchedule: '2000-01-01T00:00:00Z', periods: [[0, 16]] }), [[0, 16, 3]]);
  });

  it('K01.FR.41 / K01.FR.42 a Relative schedule runs from the transaction start', () => {
    // Started 09:00: 6 A until 10:10, 10 A until 10:40, then 16 A.
    assert.deepEqual(one({ id: 1, kind: 'Relative', periods: [[0, 6], [70 * 60, 10], [100 * 60, 16]] }), [
      [0, 6, 3],
      [600, 10, 3],
      [2400, 16, 3],
    ]);
  });

  it('K01.FR.40 an Absolute schedule without startSchedule (never accepted) starts at validFrom', () => {
    assert.deepEqual(one({ id: 1, kind: 'Absolute', validFrom: '2025-06-02T10:20:00Z', duration: 600, periods: [[0, 16]] }), [
      [0, 48],
      [1200, 16, 3],
      [1800, 48],
    ]);
  });
});

describe('K01 stacking and EVSEs', () => {
  it('K01.FR.17 a higher stack level overrules a lower one while it is valid; the lower one returns after its validTo', () => {
    const low = profile({ id: 1, stackLevel: 0, startSchedule: '2025-06-01T00:00:00Z', periods: [[0, 10]] });
    const high = profile({ id: 2, stackLevel: 5, startSchedule: '2025-06-01T00:00:00Z', validTo: '2025-06-02T10:20:00Z', periods: [[0, 30]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, low, high), transactions })), [
      [0, 30, 3],
      [1200, 10, 3],
    ]);
  });

  it('§3.4 a higher stack level leads only where it has a period: a gap in it shows the lower level', () => {
    const low = profile({ id: 1, stackLevel: 0, startSchedule: START, periods: [[0, 10]] });
    const high = profile({ id: 2, stackLevel: 1, recurrency: 'Daily', startSchedule: '2025-06-02T10:10:00Z', duration: 600, periods: [[0, 20]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, low, high), transactions })), [
      [0, 10, 3],
      [600, 20, 3],
      [1200, 10, 3],
    ]);
  });

  it('K01.FR.14 a TxDefaultProfile on EVSE 0 counts for every EVSE', () => {
    const stationDefault = profile({ id: 1, startSchedule: START, periods: [[0, 20]] });
    const schedule = composite({ start: START, seconds: HOUR, evseId: 2, evseIds: [1, 2], profiles: on(0, stationDefault), transactions: tx(2, 'tx-2', START) });
    assert.deepEqual(tuples(schedule), [[0, 20, 3]]);
  });

  it('K01.FR.14 / K01.FR.15 an EVSE-0 TxDefaultProfile and one on the EVSE compete by stack level', () => {
    const stationDefault = profile({ id: 1, stackLevel: 1, startSchedule: START, duration: 1800, periods: [[0, 20]] });
    const evseDefault = profile({ id: 2, stackLevel: 0, startSchedule: START, periods: [[0, 12]] });
    const schedule = composite({ start: START, seconds: HOUR, profiles: [...on(0, stationDefault), ...on(1, evseDefault)], transactions });
    assert.deepEqual(tuples(schedule), [
      [0, 20, 3],
      [1800, 12, 3],
    ]);
  });

  it('K01.FR.15 a TxDefaultProfile on EVSE 1 does not count for EVSE 2', () => {
    const evseDefault = profile({ id: 1, startSchedule: START, periods: [[0, 12]] });
    const schedule = composite({ start: START, seconds: HOUR, evseId: 2, evseIds: [1, 2], profiles: on(1, evseDefault), transactions: tx(2, 'tx-2', START) });
    assert.deepEqual(tuples(schedule), [[0, 48]]);
  });

  it('K01.FR.38 a ChargingStationMaxProfile counts only from EVSE 0', () => {
    const misplaced = profile({ id: 1, purpose: 'ChargingStationMaxProfile', startSchedule: START, periods: [[0, 5]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, misplaced), transactions })), [[0, 48]]);
  });

  it('K01.FR.16 a TxProfile installed on EVSE 0 counts for no EVSE', () => {
    const misplaced = profile({ id: 1, purpose: 'TxProfile', transactionId: 'tx-1', startSchedule: START, periods: [[0, 5]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(0, misplaced), transactions })), [[0, 48]]);
  });
});
