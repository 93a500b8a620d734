// K08 (GetCompositeSchedule) and K02 (TxProfile over TxDefaultProfile) as the calculation sees them: the window,
// transactions real and simulated, the purposes combined.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calculateCompositeSchedule } from '../../../../../src/blocks/smart-charging/composite-schedule/index.js';
import { HOUR, composite, on, profile, tuples, tx } from './helpers.js';

const START = '2025-06-02T10:00:00Z';
const txDefault = profile({ id: 1, startSchedule: '2025-06-01T00:00:00Z', periods: [[0, 20]] });

describe('K08.FR.02 the schedule covers the requested window', () => {
  it('scheduleStart is the floored start, duration floor(end) - floor(start), the first period at 0', () => {
    const schedule = calculateCompositeSchedule({
      profiles: on(1, profile({ id: 1, startSchedule: '2025-06-02T10:00:30.700Z', periods: [[0, 16]] })),
      evseId: 1,
      evseIds: [1],
      start: new Date('2025-06-02T10:00:00.900Z'),
      end: new Date('2025-06-02T10:01:00.100Z'),
      unit: 'A',
      transactions: tx(1, 'tx-1', START),
    });
    assert.equal(schedule.scheduleStart, '2025-06-02T10:00:00.000Z');
    assert.equal(schedule.duration, 60);
    assert.equal(schedule.evseId, 1);
    assert.equal(schedule.chargingRateUnit, 'A');
    // startSchedule 10:00:30.700 floors to 10:00:30.
    assert.deepEqual(tuples(schedule), [[0, 48], [30, 16, 3]]);
  });

  it('a zero-length window reports the limit at its start', () => {
    const schedule = composite({ start: START, seconds: 0, profiles: on(1, txDefault), transactions: tx(1, 'tx-1', START) });
    assert.equal(schedule.duration, 0);
    assert.deepEqual(tuples(schedule), [[0, 20, 3]]);
  });

  it('nothing installed: one period with the default limit and no numberPhases', () => {
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR })), [[0, 48]]);
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, unit: 'W' })), [[0, 33120]]);
  });
});

describe('K08.FR.06 transactions, real and simulated', () => {
  it('without a transaction and without simulation TxDefaultProfiles do not count', () => {
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, txDefault) })), [[0, 48]]);
  });

  it('simulated (GetCompositeSchedule), an EVSE without a transaction uses its TxDefaultProfile', () => {
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, txDefault), simulateTransaction: true })), [[0, 20, 3]]);
  });

  it('simulated, a Relative TxDefaultProfile starts at the window start on an EVSE without a transaction', () => {
    const relative = profile({ id: 2, kind: 'Relative', periods: [[0, 6], [600, 16]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, relative), simulateTransaction: true })), [
      [0, 6, 3],
      [600, 16, 3],
    ]);
  });

  it('simulated, a Relative TxDefaultProfile keeps the real start of an open transaction', () => {
    const relative = profile({ id: 2, kind: 'Relative', periods: [[0, 6], [600, 16]] });
    const schedule = composite({
      start: START,
      seconds: HOUR,
      profiles: on(1, relative),
      simulateTransaction: true,
      transactions: tx(1, 'tx-1', '2025-06-02T09:55:00Z'),
    });
    assert.deepEqual(tuples(schedule), [[0, 6, 3], [300, 16, 3]]);
  });

  it('ExternalConstraints count with no transaction at all (K12)', () => {
    const external = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', startSchedule: START, periods: [[0, 11]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, external, txDefault) })), [[0, 11, 3]]);
  });

  it('a Relative ExternalConstraints profile without a transaction starts at the window start', () => {
    const external = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', kind: 'Relative', duration: 900, periods: [[0, 11]] });
    assert.deepEqual(tuples(composite({ start: START, seconds: HOUR, profiles: on(1, external) })), [[0, 11, 3], [900, 48]]);
  });
});

describe('K02 / K01.FR.04 the TxProfile of the transaction', () => {
  const txProfile = (transactionId: string) =>
    profile({ id: 5, purpose: 'TxProfile', stackLevel: 0, transactionId, startSchedule: START, duration: 1800, periods: [[0, 32]] });
  const max = profile({ id: 6, purpose: 'ChargingStationMaxProfile', startSchedule: '2025-06-01T00:00:00Z', periods: [[0, 40]] });

  it('K02.FR.04 the TxProfile overrules the TxDefaultProfile, even at a higher limit', () => {
    const schedule = composite({ start: START, seconds: 1800, profiles: on(1, txDefault, txProfile('tx-1')), transactions: tx(1, 'tx-1', START) });
    assert.deepEqual(tuples(schedule), [[0, 32, 3]]);
  });

  it('K02.FR.08 when the TxProfile ends, the lowest of TxDefaultProfile and ChargingStationMaxProfile applies', () => {
    const schedule = composite({
      start: START,
      seconds: HOUR,
      profiles: [...on(0, max), ...on(1, txDefault, txProfile('tx-1'))],
      transactions: tx(1, 'tx-1', START),
    });
    assert.deepEqual(tuples(schedule), [[0, 32, 3], [1800, 20, 3]]);
  });

  it('K02.FR.08 with no other profile it falls back to the default limit', () => {
    const schedule = composite({ start: START, seconds: HOUR, profiles: on(1, txProfile('tx-1')), transactions: tx(1, 'tx-1', START) });
    assert.deepEqual(tuples(schedule), [[0, 32, 3], [1800, 48]]);
  });

  it('the TxProfile of another transaction is ignored', () => {
    const schedule = composite({ start: START, seconds: 1800, profiles: on(1, txDefault, txProfile('tx-old')), transactions: tx(1, 'tx-1', START) });
    assert.deepEqual(tuples(schedule), [[0, 20, 3]]);
  });

  it('a TxProfile counts only on its own EVSE', () => {
    const schedule = composite({
      start: START,
      seconds: 1800,
      evseId: 2,
      evseIds: [1, 2],
      profiles: on(1, txProfile('tx-2')),
      transactions: tx(2, 'tx-2', START),
    });
    assert.deepEqual(tuples(schedule), [[0, 48]]);
  });

  it('simulated without a transaction, no TxProfile counts (there is none to match)', () => {
    const schedule = composite({ start: START, seconds: 1800, profiles: on(1, txDefault, txProfile('tx-1')), simulateTransaction: true });
    assert.deepEqual(tuples(schedule), [[0, 20, 3]]);
  });
});

describe('K08.FR.04 never above the lowest of the merged schedules', () => {
  it('ExternalConstraints, Tx over TxDefault and ChargingStationMax: the lowest at each instant', () => {
    const external = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', startSchedule: START, periods: [[0, 25], [1200, 8], [1800, 30]] });
    const max = profile({ id: 4, purpose: 'ChargingStationMaxProfile', startSchedule: START, periods: [[0, 16], [2400, 40]] });
    const schedule = composite({ start: START, seconds: HOUR, profiles: [...on(0, max), ...on(1, external, txDefault)], transactions: tx(1, 'tx-1', START) });
    assert.deepEqual(tuples(schedule), [[0, 16, 3], [1200, 8, 3], [1800, 16, 3], [2400, 20, 3]]);
  });

  it('errata "Avoiding Phase Conflicts": the lowest numberPhases of the merged periods', () => {
    const max = profile({ id: 4, purpose: 'ChargingStationMaxProfile', startSchedule: START, periods: [[0, 32, 1]] });
    const schedule = composite({ start: START, seconds: HOUR, profiles: [...on(0, max), ...on(1, txDefault)], transactions: tx(1, 'tx-1', START) });
    assert.deepEqual(tuples(schedule), [[0, 20, 1]]);
  });
});
