// The metering block (J) against a real device model and a FakeClock: what goes into TransactionEvent Started and
// Updated, signed values and phases, TriggerMessage(MeterValues), and readings it ignores. Clock-aligned
// MeterValues: metering-clock-aligned.test.ts; TransactionEvent Ended and the samples kept across a restart:
// metering-ended.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Metering } from '../../../../src/blocks/metering/metering.js';
import { DeviceModel } from '../../../../src/device-model/device-model.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { silentLogger } from '../../../../src/logger.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { MINUTE, energy, harness, loadModel, power, reading, soc, summary } from './harness.js';
import { NO_ALIGNED } from './metering-helpers.js';

describe('meter values in TransactionEvent Started (E01.FR.09, E02.FR.09)', () => {
  it('E02.FR.09 takes the TxStartedMeasurands of the latest reading, context Transaction.Begin, stamped with the station clock', () => {
    const { metering, clock } = harness({
      start: '2026-03-04T10:20:30.000Z',
      values: { 'SampledDataCtrlr.TxStartedMeasurands': 'Energy.Active.Import.Register,SoC' },
    });
    metering.record(1, reading(energy(100), power(7000), soc(40)));
    metering.record(1, reading(energy(120), power(7100), soc(41)));
    const values = metering.startedValues(1);
    assert.deepEqual(values, [
      {
        timestamp: clock.now().toISOString(),
        sampledValue: [
          { value: 120, unitOfMeasure: { unit: 'Wh' }, context: 'Transaction.Begin' },
          { value: 41, measurand: 'SoC', location: 'EV', unitOfMeasure: { unit: 'Percent' }, context: 'Transaction.Begin' },
        ],
      },
    ]);
  });

  it('J02.FR.02 gives no meter value when nothing is configured, nothing is recorded or no recorded measurand is configured', () => {
    const none = harness({ values: { 'SampledDataCtrlr.TxStartedMeasurands': '' } });
    none.metering.record(1, reading(energy(1)));
    assert.deepEqual(none.metering.startedValues(1), []);

    const nothingRecorded = harness();
    assert.deepEqual(nothingRecorded.metering.startedValues(1), []);

    const otherMeasurand = harness({ values: { 'SampledDataCtrlr.TxStartedMeasurands': 'Voltage' } });
    otherMeasurand.metering.record(1, reading(energy(1), power(2)));
    assert.deepEqual(otherMeasurand.metering.startedValues(1), []);
  });

  it('each EVSE has its own reading; the main meter (EVSE 0) too', () => {
    const { metering } = harness();
    metering.record(0, reading(energy(1_000_000)));
    metering.record(2, reading(energy(222)));
    assert.deepEqual(metering.startedValues(1), []);
    assert.equal(metering.startedValues(2)[0]!.sampledValue[0]!.value, 222);
    assert.equal(metering.startedValues(0)[0]!.sampledValue[0]!.value, 1_000_000);
  });

  it('ignores a reading for an unknown EVSE and sampledValues no message may carry', () => {
    const { metering } = harness();
    metering.record(9, reading(energy(1)));
    assert.deepEqual(metering.startedValues(9), []);
    metering.record(1, reading(energy(Number.NaN), { value: 3, location: 'EV' }, energy(5)));
    assert.deepEqual(metering.startedValues(1)[0]!.sampledValue.map((sv) => sv.value), [5]);
  });

  it('SampledDataCtrlr.Enabled false: no sampled meter values', () => {
    const { metering } = harness({ values: { 'SampledDataCtrlr.Enabled': 'false' } });
    metering.record(1, reading(energy(1)));
    assert.deepEqual(metering.startedValues(1), []);
  });
});

describe('signed meter values and phases (J02.FR.21, J01.FR.21, 2.3)', () => {
  const signed = {
    value: 500,
    signedMeterValue: { signedMeterData: 'AbCd==', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'MFkw' },
  };

  it('J02.FR.21 passes signedMeterValue through untouched', () => {
    const { metering } = harness({ values: { 'SampledDataCtrlr.SignReadings': 'true' } });
    metering.record(1, reading(signed));
    assert.deepEqual(metering.startedValues(1)[0]!.sampledValue[0]!.signedMeterValue, signed.signedMeterValue);
  });

  it('keeps signed values when the station does not report SignReadings, drops them once the CSMS set it false', () => {
    const { metering, setVariable } = harness();
    metering.record(1, reading(signed));
    assert.ok(metering.startedValues(1)[0]!.sampledValue[0]!.signedMeterValue);
    setVariable('SampledDataCtrlr.SignReadings', 'false');
    assert.deepEqual(metering.startedValues(1)[0]!.sampledValue[0], { value: 500, context: 'Transaction.Begin' });
  });

  it('reports every phase, or with RegisterValuesWithoutPhases only the Energy.Active.Import.Register total', () => {
    const phased = reading(
      energy(900),
      { value: 300, phase: 'L1' },
      { value: 300, phase: 'L2' },
      { value: 10, measurand: 'Current.Import', phase: 'L1' },
    );
    const all = harness({ values: { 'SampledDataCtrlr.TxStartedMeasurands': 'Energy.Active.Import.Register,Current.Import' } });
    all.metering.record(1, phased);
    assert.equal(all.metering.startedValues(1)[0]!.sampledValue.length, 4);

    const total = harness({
      values: {
        'SampledDataCtrlr.TxStartedMeasurands': 'Energy.Active.Import.Register,Current.Import',
        'SampledDataCtrlr.RegisterValuesWithoutPhases': 'true',
      },
    });
    total.metering.record(1, phased);
    assert.deepEqual(
      total.metering.startedValues(1)[0]!.sampledValue.map((sv) => [sv.measurand, sv.phase, sv.value]),
      [
        [undefined, undefined, 900],
        ['Current.Import', 'L1', 10],
      ],
    );
  });
});

describe('periodic meter values in TransactionEvent Updated (J02.FR.11, E02.FR.10)', () => {
  it('J02.FR.11 every TxUpdatedInterval from the start, TxUpdatedMeasurands with context Sample.Periodic', async () => {
    const { metering, clock, updates, listener } = harness({
      values: { 'SampledDataCtrlr.TxUpdatedInterval': '60', 'SampledDataCtrlr.TxUpdatedMeasurands': 'Power.Active.Import', ...NO_ALIGNED },
    });
    metering.record(1, reading(energy(100), power(7000)));
    await clock.advance(10_000);
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(59_999);
    assert.equal(updates.length, 0);
    await clock.advance(1);
    metering.record(1, reading(energy(200), power(6500)));
    await clock.advance(60_000);
    assert.deepEqual(
      updates.map((u) => [u.transactionId, u.trigger, ...summary(u.meterValues)]),
      [
        ['tx-1', 'MeterValuePeriodic', '2026-01-01T00:01:10.000Z Power.Active.Import=7000@Sample.Periodic'],
        ['tx-1', 'MeterValuePeriodic', '2026-01-01T00:02:10.000Z Power.Active.Import=6500@Sample.Periodic'],
      ],
    );
  });

  it('J02.FR.11 a SetVariables of TxUpdatedInterval applies from the next interval; 0 stops the samples, a positive value starts them again', async () => {
    const { metering, clock, updates, listener, setVariable } = harness({
      values: { 'SampledDataCtrlr.TxUpdatedInterval': '60', ...NO_ALIGNED },
    });
    metering.record(1, reading(energy(1)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(10_000);
    setVariable('SampledDataCtrlr.TxUpdatedInterval', '30');
    await clock.advance(110_000); // to 2:00: at 1:00 (the wait already running), then 1:30, 2:00
    assert.deepEqual(
      updates.map((u) => u.at),
      ['2026-01-01T00:01:00.000Z', '2026-01-01T00:01:30.000Z', '2026-01-01T00:02:00.000Z'],
    );
    setVariable('SampledDataCtrlr.TxUpdatedInterval', '0');
    await clock.advance(10 * MINUTE);
    assert.equal(updates.length, 3, 'interval 0: no more samples');
    setVariable('SampledDataCtrlr.TxUpdatedInterval', '45');
    await clock.advance(45_000);
    assert.deepEqual(updates.at(-1)!.at, '2026-01-01T00:12:45.000Z');
  });

  it('J02.FR.11 sends nothing when TxUpdatedMeasurands is empty or nothing is recorded', async () => {
    const empty = harness({ values: { 'SampledDataCtrlr.TxUpdatedInterval': '60', 'SampledDataCtrlr.TxUpdatedMeasurands': '', ...NO_ALIGNED } });
    empty.metering.record(1, reading(energy(1)));
    empty.metering.transactionStarted(1, 'tx-1', empty.listener('tx-1'));
    await empty.clock.advance(5 * MINUTE);
    assert.equal(empty.updates.length, 0);

    const unrecorded = harness({ values: { 'SampledDataCtrlr.TxUpdatedInterval': '60', ...NO_ALIGNED } });
    unrecorded.metering.transactionStarted(1, 'tx-1', unrecorded.listener('tx-1'));
    await unrecorded.clock.advance(5 * MINUTE);
    assert.equal(unrecorded.updates.length, 0);
  });

  it('stops sampling when the transaction ends: no timer is left', async () => {
    const { metering, clock, updates, listener } = harness({ values: { 'SampledDataCtrlr.TxUpdatedInterval': '60', 'SampledDataCtrlr.TxEndedInterval': '30' } });
    metering.record(1, reading(energy(1)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(MINUTE);
    metering.endedValues(1, 'tx-1');
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(10 * MINUTE);
    assert.equal(updates.length, 1);
  });

  it('F06.FR.07 the meter values for a triggered TransactionEvent: TxUpdatedMeasurands with context Trigger', () => {
    const { metering } = harness({ values: { 'SampledDataCtrlr.TxUpdatedMeasurands': 'SoC' } });
    metering.record(1, reading(energy(1), soc(80)));
    assert.deepEqual(summary(metering.triggeredTransactionValues(1)), ['2026-01-01T00:00:00.000Z SoC=80@Trigger']);
    assert.deepEqual(metering.triggeredTransactionValues(2), []);
  });
});

describe('TriggerMessage(MeterValues) (F06.FR.06)', () => {
  it('F06.FR.06 sends the latest AlignedDataMeasurands for the EVSE with context Trigger, marked requested by the CSMS', () => {
    const { metering, sent } = harness({ values: { 'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register,SoC' } });
    metering.record(1, reading(energy(10), power(5), soc(50)));
    assert.equal(metering.triggerMeterValues(1), 'Accepted');
    assert.deepEqual(
      sent.map((m) => [m.action, m.payload.evseId, m.requestedByCsms, ...summary(m.payload.meterValue)]),
      [['MeterValues', 1, true, '2026-01-01T00:00:00.000Z EAIR=10@Trigger SoC=50@Trigger']],
    );
  });

  it('F06.FR.11 without an EVSE: one MeterValues per EVSE that has values, main meter included', () => {
    const { metering, sent } = harness();
    metering.record(0, reading(energy(1)));
    metering.record(2, reading(energy(2)));
    assert.equal(metering.triggerMeterValues(), 'Accepted');
    assert.deepEqual(sent.map((m) => m.payload.evseId), [0, 2]);
  });

  it('F06.FR.10 Rejected when there is nothing to send or the EVSE is unknown', () => {
    const { metering, sent, setVariable } = harness();
    assert.equal(metering.triggerMeterValues(), 'Rejected', 'nothing recorded');
    metering.record(1, reading(energy(1)));
    assert.equal(metering.triggerMeterValues(7), 'Rejected', 'unknown EVSE');
    assert.equal(metering.triggerMeterValues(2), 'Rejected', 'EVSE without a reading');
    setVariable('AlignedDataCtrlr.Measurands', '');
    assert.equal(metering.triggerMeterValues(1), 'Rejected', 'no measurands configured');
    assert.equal(sent.length, 0);
  });

  it('F06.FR.04 the registry trigger decides at once and sends only when told (after the response)', () => {
    const { metering, sent } = harness();
    metering.record(1, reading(energy(1)));
    const decision = metering.trigger({ id: 1 });
    assert.equal(decision.status, 'Accepted');
    assert.equal(sent.length, 0);
    if (decision.status === 'Accepted') decision.send();
    assert.equal(sent.length, 1);
  });
});

describe('robustness', () => {
  it('a failing listener or send does not stop the timers', async () => {
    const clock = new FakeClock();
    const model = loadModel(clock, { 'SampledDataCtrlr.TxUpdatedInterval': '60', 'AlignedDataCtrlr.Interval': '60' });
    let sends = 0;
    const send = (() => {
      sends++;
      throw new Error('link gone');
    }) as unknown as OcppLink['send'];
    const metering = new Metering({ model, clock, logger: silentLogger(), send, store: new MemoryTxMeterValueStore(), evseIds: [1] });
    metering.record(0, reading(energy(1)));
    metering.record(1, reading(energy(1)));
    let calls = 0;
    metering.start();
    metering.transactionStarted(1, 'tx-1', () => {
      calls++;
      throw new Error('listener broken');
    });
    await clock.advance(3 * MINUTE);
    assert.equal(calls, 6, 'MeterValuePeriodic and MeterValueClock each minute');
    assert.equal(sends, 3, 'MeterValues for the main meter each minute');
    metering.close();
    assert.equal(clock.pendingTimers, 0);
  });

  it('a device model without the Metering variables gives no meter values instead of throwing', async () => {
    const clock = new FakeClock();
    const model = DeviceModel.load({ declarations: [], store: new MemoryDeviceModelStore(), clock });
    const sent: unknown[] = [];
    const send = ((...args: unknown[]) => {
      sent.push(args);
      return Promise.resolve({});
    }) as unknown as OcppLink['send'];
    const metering = new Metering({ model, clock, logger: silentLogger(), send, store: new MemoryTxMeterValueStore(), evseIds: [1] });
    metering.record(1, reading(energy(1)));
    metering.start();
    metering.transactionStarted(1, 'tx-1', () => sent.push('updated'));
    await clock.advance(60 * MINUTE);
    assert.deepEqual(metering.startedValues(1), []);
    assert.deepEqual(metering.endedValues(1, 'tx-1'), []);
    assert.equal(metering.triggerMeterValues(1), 'Rejected');
    assert.deepEqual(sent, []);
  });
});
