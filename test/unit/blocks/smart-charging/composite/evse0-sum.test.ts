// K08.FR.03 EVSE 0: the total the station expects to draw from the grid: per EVSE the lowest of its
// ExternalConstraints and TxProfile over TxDefaultProfile, summed (amps and watts apart, the default for an EVSE
// without a limit on a track), then bounded by the ChargingStationMaxProfile (§3.5: the limit for all EVSEs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR, composite, on, profile, tuples, tx } from './helpers.js';

const START = '2025-06-02T10:00:00Z';
const always = '2025-06-01T00:00:00Z';
const station = { start: START, seconds: HOUR, evseId: 0, evseIds: [1, 2] };

describe('K08.FR.03 EVSE 0 sums the EVSEs', () => {
  it('an EVSE with nothing adds the default limit: 16 A + 48 A', () => {
    const evse1 = profile({ id: 1, startSchedule: always, periods: [[0, 16]] });
    const schedule = composite({ ...station, profiles: on(1, evse1), transactions: tx(1, 'tx-1', START) });
    assert.equal(schedule.evseId, 0);
    assert.deepEqual(tuples(schedule), [[0, 64, 3]]);
  });

  it('nothing installed anywhere: the EVSEs\' defaults summed, with no numberPhases', () => {
    assert.deepEqual(tuples(composite({ ...station })), [[0, 96]]);
    assert.deepEqual(tuples(composite({ ...station, unit: 'W' })), [[0, 66240]]);
  });

  it('a station without EVSEs reports the default limit', () => {
    assert.deepEqual(tuples(composite({ ...station, evseIds: [] })), [[0, 48]]);
  });

  it('amps and watts are summed apart and converted only at the end', () => {
    const watts = profile({ id: 1, startSchedule: always, unit: 'W', periods: [[0, 7360, 1]] });
    const amps = profile({ id: 2, startSchedule: always, periods: [[0, 10, 3]] });
    const profiles = [...on(1, watts), ...on(2, amps)];
    const transactions = { ...tx(1, 'tx-1', START), ...tx(2, 'tx-2', START) };
    // amps: 48 (EVSE 1 has no amps limit) + 10 = 58; watts: 7360 + 33120 (EVSE 2's default) = 40480; phases: max(1, 3).
    assert.deepEqual(tuples(composite({ ...station, profiles, transactions })), [[0, 58, 3]]); // min(58, 40480 / 690 = 58.6)
    assert.deepEqual(tuples(composite({ ...station, profiles, transactions, unit: 'W' })), [[0, 40020, 3]]); // min(40480, 58 x 690)
  });

  it('the sum names the highest numberPhases of the EVSEs', () => {
    const single = profile({ id: 1, startSchedule: always, periods: [[0, 16, 1]] });
    const triple = profile({ id: 2, startSchedule: always, periods: [[0, 16, 3]] });
    const schedule = composite({ ...station, profiles: [...on(1, single), ...on(2, triple)], simulateTransaction: true });
    assert.deepEqual(tuples(schedule), [[0, 32, 3]]);
  });

  it('the ChargingStationMaxProfile bounds the sum, with the lowest numberPhases present', () => {
    const perEvse = profile({ id: 1, startSchedule: always, periods: [[0, 16, 3]] });
    const max = profile({ id: 2, purpose: 'ChargingStationMaxProfile', startSchedule: START, periods: [[0, 25, 1], [1800, 40, 3]] });
    const schedule = composite({ ...station, profiles: on(0, perEvse, max), simulateTransaction: true });
    assert.deepEqual(tuples(schedule), [[0, 25, 1], [1800, 32, 3]]);
  });

  it('per EVSE the TxProfile overrules the TxDefaultProfile before summing; ExternalConstraints bound each EVSE', () => {
    const stationDefault = profile({ id: 1, startSchedule: always, periods: [[0, 10]] });
    const txProfile = profile({ id: 2, purpose: 'TxProfile', transactionId: 'tx-1', startSchedule: always, periods: [[0, 30]] });
    const external = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', startSchedule: always, periods: [[0, 24]] });
    const schedule = composite({
      ...station,
      profiles: [...on(0, stationDefault), ...on(1, txProfile, external)],
      transactions: { ...tx(1, 'tx-1', START), ...tx(2, 'tx-2', START) },
    });
    // EVSE 1: min(24, 30) = 24; EVSE 2: 10.
    assert.deepEqual(tuples(schedule), [[0, 34, 3]]);
  });

  it('ExternalConstraints on EVSE 0 bound each EVSE and the station total', () => {
    const external = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', startSchedule: always, periods: [[0, 20]] });
    assert.deepEqual(tuples(composite({ ...station, profiles: on(0, external) })), [[0, 20, 3]]);
    assert.deepEqual(tuples(composite({ ...station, evseId: 2, profiles: on(0, external) })), [[0, 20, 3]]);
  });

  it('a Relative station-wide TxDefaultProfile runs from each EVSE\'s own transaction start', () => {
    const relative = profile({ id: 1, kind: 'Relative', periods: [[0, 6], [1200, 16]] });
    const transactions = { ...tx(1, 'tx-1', '2025-06-02T09:50:00Z'), ...tx(2, 'tx-2', '2025-06-02T10:10:00Z') };
    const schedule = composite({ ...station, profiles: on(0, relative), transactions });
    // EVSE 1: 6 A until 10:10, then 16 A. EVSE 2: default until its start at 10:10, 6 A until 10:30, then 16 A.
    assert.deepEqual(tuples(schedule), [
      [0, 54, 3],
      [600, 22, 3],
      [1800, 32, 3],
    ]);
  });

  it('the ChargingStationMaxProfile also bounds a single EVSE', () => {
    const max = profile({ id: 2, purpose: 'ChargingStationMaxProfile', startSchedule: START, periods: [[0, 12]] });
    assert.deepEqual(tuples(composite({ ...station, evseId: 1, profiles: on(0, max) })), [[0, 12, 3]]);
  });
});
