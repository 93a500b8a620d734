// Bad input is refused with a RangeError that says what is wrong (K08.FR.05: the caller answers Rejected).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calculateCompositeSchedule, type CompositeScheduleInput } from '../../../../../src/blocks/smart-charging/composite-schedule/index.js';
import { on, profile } from './helpers.js';

const valid: CompositeScheduleInput = {
  profiles: [],
  evseId: 1,
  evseIds: [1, 2],
  start: new Date('2025-06-02T10:00:00Z'),
  end: new Date('2025-06-02T11:00:00Z'),
  unit: 'A',
  transactions: {},
};
const refused = (change: Partial<CompositeScheduleInput>, message: RegExp) =>
  assert.throws(() => calculateCompositeSchedule({ ...valid, ...change }), (error: unknown) => error instanceof RangeError && message.test(error.message));

describe('input guards', () => {
  it('the valid input computes', () => {
    assert.equal(calculateCompositeSchedule(valid).duration, 3600);
  });

  it('end before start', () => refused({ end: new Date('2025-06-02T09:59:59Z') }, /end .* is before start/));

  it('K08.FR.05 an unknown evseId', () => refused({ evseId: 3 }, /unknown evseId 3/));

  it('a negative or fractional evseId', () => {
    refused({ evseId: -1 }, /evseId must be a whole number/);
    refused({ evseId: 1.5 }, /evseId must be a whole number/);
  });

  it('NaN dates: start, end, a transaction start', () => {
    refused({ start: new Date(Number.NaN) }, /start is not a valid date/);
    refused({ end: new Date('not a date') }, /end is not a valid date/);
    refused({ transactions: { 1: { id: 'tx-1', start: new Date(Number.NaN) } } }, /transaction on EVSE 1/);
  });

  it('K08.FR.07 an unsupported unit', () => refused({ unit: 'kW' as 'A' }, /unit must be 'A' or 'W'/));

  it('EVSE 0 or a non-integer in evseIds', () => {
    refused({ evseIds: [0, 1] }, /EVSE 0 is the station itself/);
    refused({ evseIds: [1, Number.NaN] }, /evseIds/);
  });

  it('defaults that cannot convert', () => {
    refused({ defaults: { limitAmps: 48, limitWatts: 33120, numberPhases: 3, supplyVoltage: 0 } }, /supplyVoltage/);
    refused({ defaults: { limitAmps: 48, limitWatts: 33120, numberPhases: 4, supplyVoltage: 230 } }, /numberPhases/);
    refused({ defaults: { limitAmps: Number.NaN, limitWatts: 33120, numberPhases: 3, supplyVoltage: 230 } }, /limitAmps/);
  });

  it('a profile date-time that cannot be read names the profile', () => {
    const broken = profile({ id: 77, startSchedule: 'yesterday', periods: [[0, 16]] });
    refused({ profiles: on(1, broken), simulateTransaction: true }, /startSchedule of profile 77/);
  });

  it('date-times without a zone are read as UTC, whatever the host time zone', () => {
    const local = profile({ id: 1, startSchedule: '2025-06-02T10:30:00', periods: [[0, 16]] });
    const schedule = calculateCompositeSchedule({ ...valid, profiles: on(1, local), simulateTransaction: true });
    assert.deepEqual(schedule.chargingSchedulePeriod[1], { startPeriod: 1800, limit: 16, numberPhases: 3 });
  });
});
