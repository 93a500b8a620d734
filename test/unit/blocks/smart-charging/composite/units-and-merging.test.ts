// Amps and watts (K01.FR.49 - K01.FR.51): converted with voltage x phases, the period's numberPhases or else the
// default; the lower track wins; limits rounded down to one decimal; adjacent equal periods merged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR, composite, on, profile, tuples, tx } from './helpers.js';

const START = '2025-06-02T10:00:00Z';
const transactions = tx(1, 'tx-1', START);
const ask = (unit: 'A' | 'W', ...profiles: ReturnType<typeof profile>[]) =>
  tuples(composite({ start: START, seconds: HOUR, unit, profiles: on(1, ...profiles), transactions }));

describe('K01.FR.51 an amps profile asked in watts', () => {
  it('with numberPhases 1: A x 230 V x 1', () => {
    assert.deepEqual(ask('W', profile({ id: 1, startSchedule: START, periods: [[0, 16, 1]] })), [[0, 3680, 1]]);
  });

  it('K01.FR.49 without numberPhases: 3 phases assumed, and the output says so', () => {
    assert.deepEqual(ask('W', profile({ id: 1, startSchedule: START, periods: [[0, 16]] })), [[0, 11040, 3]]);
  });
});

describe('K01.FR.50 a watts profile asked in amps', () => {
  it('with numberPhases 1: W / (230 V x 1)', () => {
    assert.deepEqual(ask('A', profile({ id: 1, startSchedule: START, unit: 'W', periods: [[0, 7360, 1]] })), [[0, 32, 1]]);
  });

  it('without numberPhases: W / (230 V x 3), rounded down to one decimal', () => {
    // 10000 / 690 = 14.49...
    assert.deepEqual(ask('A', profile({ id: 1, startSchedule: START, unit: 'W', periods: [[0, 10000]] })), [[0, 14.4, 3]]);
  });
});

describe('amps and watts tracks combined', () => {
  const wattsMax = profile({ id: 1, purpose: 'ChargingStationMaxProfile', startSchedule: START, unit: 'W', periods: [[0, 11000, 3]] });
  const ampsDefault = profile({ id: 2, startSchedule: START, periods: [[0, 20, 3], [1800, 10, 3]] });

  it('the lower of the requested track and the converted other track', () => {
    const schedule = composite({ start: START, seconds: HOUR, profiles: [...on(0, wattsMax), ...on(1, ampsDefault)], transactions });
    assert.deepEqual(tuples(schedule), [[0, 15.9, 3], [1800, 10, 3]]); // min(20, 15.94), min(10, 15.94)
    const inWatts = composite({ start: START, seconds: HOUR, unit: 'W', profiles: [...on(0, wattsMax), ...on(1, ampsDefault)], transactions });
    assert.deepEqual(tuples(inWatts), [[0, 11000, 3], [1800, 6900, 3]]); // min(11000, 13800), min(11000, 6900)
  });

  it('configured defaults: their voltage and phases convert, their limits fill uncovered instants', () => {
    const defaults = { limitAmps: 32, limitWatts: 7360, numberPhases: 1, supplyVoltage: 230 };
    const later = profile({ id: 3, startSchedule: '2025-06-02T10:30:00Z', unit: 'W', periods: [[0, 4600, 1]] });
    const schedule = composite({ start: START, seconds: HOUR, profiles: on(1, later), transactions, defaults });
    assert.deepEqual(tuples(schedule), [[0, 32], [1800, 20, 1]]);
    const supply120 = { limitAmps: 32, limitWatts: 7360, numberPhases: 1, supplyVoltage: 120 };
    const amps = profile({ id: 4, startSchedule: START, periods: [[0, 10, 1]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, unit: 'W', profiles: on(1, amps), transactions, defaults: supply120 })), [[0, 1200, 1]]);
  });
});

describe('output periods', () => {
  it('adjacent periods with equal limit and numberPhases are merged, also across profiles and purposes', () => {
    const first = profile({ id: 1, startSchedule: START, duration: 1200, periods: [[0, 16, 3], [600, 16, 3]] });
    const second = profile({ id: 2, stackLevel: 1, startSchedule: '2025-06-02T10:20:00Z', periods: [[0, 16, 3]] });
    assert.deepEqual(ask('A', first, second), [[0, 16, 3]]);
  });

  it('equal limits with different numberPhases are not merged', () => {
    assert.deepEqual(ask('A', profile({ id: 1, startSchedule: START, periods: [[0, 16, 3], [600, 16, 1]] })), [[0, 16, 3], [600, 16, 1]]);
  });

  it('periods that become equal after conversion and rounding are merged', () => {
    // 11000 W and 11005 W over 690 both round down to 15.9 A.
    assert.deepEqual(ask('A', profile({ id: 1, startSchedule: START, unit: 'W', periods: [[0, 11000, 3], [600, 11005, 3]] })), [[0, 15.9, 3]]);
  });

  it('output periods carry no phaseToUse', () => {
    const withPhase = profile({ id: 1, startSchedule: START, periods: [[0, 16, 1]] });
    withPhase.chargingSchedule[0]!.chargingSchedulePeriod[0]!.phaseToUse = 2;
    const schedule = composite({ start: START, seconds: HOUR, profiles: on(1, withPhase), transactions });
    assert.deepEqual(schedule.chargingSchedulePeriod, [{ startPeriod: 0, limit: 16, numberPhases: 1 }]);
  });

  it('limits are floored to whole seconds: fractional startSchedule, validFrom and validTo', () => {
    const fractional = profile({
      id: 1,
      startSchedule: '2025-06-02T10:00:10.999Z',
      validTo: '2025-06-02T10:00:50.999Z',
      periods: [[0, 16]],
    });
    const schedule = composite({ start: '2025-06-02T10:00:00.500Z', seconds: 60, profiles: on(1, fractional), transactions });
    assert.deepEqual(tuples(schedule), [[0, 48], [10, 16, 3], [50, 48]]);
  });
});
