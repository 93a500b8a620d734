// The metering block (J) against a real device model and a FakeClock: what goes into TransactionEvent Started /
// Updated / Ended, the clock-aligned MeterValues, triggers, and the samples kept across a restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metering } from '../../../../src/blocks/metering/metering.js';
import { DeviceModel } from '../../../../src/device-model/device-model.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { silentLogger } from '../../../../src/logger.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';
import { SqliteTxMeterValueStore } from '../../../../src/storage/sqlite/sqlite-tx-meter-value-store.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { StationClock } from '../../../../src/station-clock.js';
import { MINUTE, energy, harness, loadModel, power, reading, soc, summary } from './harness.js';

const NO_ALIGNED = { 'AlignedDataCtrlr.Interval': '0', 'AlignedDataCtrlr.TxEndedInterval': '0' };

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

describe('clock-aligned MeterValues (J01)', () => {
  it('J01.FR.14 at every multiple of AlignedDataInterval after midnight, AlignedDataMeasurands per EVSE and the main meter, context Sample.Clock', async () => {
    const { metering, clock, sent } = harness({
      start: '2026-05-06T00:07:30.000Z',
      values: { 'AlignedDataCtrlr.Interval': '900', 'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register,Power.Active.Import' },
    });
    metering.record(0, reading(energy(50_000)));
    metering.record(1, reading(energy(100), power(7000), soc(30)));
    metering.start();
    await clock.advance(7 * MINUTE + 29_999);
    assert.equal(sent.length, 0);
    await clock.advance(1);
    assert.deepEqual(
      sent.map((m) => [m.action, m.payload.evseId, m.requestedByCsms, ...summary(m.payload.meterValue)]),
      [
        ['MeterValues', 0, false, '2026-05-06T00:15:00.000Z EAIR=50000@Sample.Clock'],
        ['MeterValues', 1, false, '2026-05-06T00:15:00.000Z EAIR=100@Sample.Clock Power.Active.Import=7000@Sample.Clock'],
      ],
      'EVSE 2 has no reading: no MeterValues for it',
    );
    await clock.advance(15 * MINUTE);
    assert.deepEqual(sent.map((m) => m.at), [
      '2026-05-06T00:15:00.000Z',
      '2026-05-06T00:15:00.000Z',
      '2026-05-06T00:30:00.000Z',
      '2026-05-06T00:30:00.000Z',
    ]);
  });

  it('J01.FR.14 keeps the midnight grid across midnight; an interval that does not divide a day starts over at midnight', async () => {
    const { metering, clock, sent } = harness({ start: '2026-01-01T19:30:00.000Z', values: { 'AlignedDataCtrlr.Interval': String(7 * 3600) } });
    metering.record(0, reading(energy(1)));
    metering.start();
    await clock.advance(13 * 3600_000);
    assert.deepEqual(sent.map((m) => m.payload.meterValue[0]!.timestamp), [
      '2026-01-01T21:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-02T07:00:00.000Z',
    ]);
  });

  it('J01.FR.14 does not drift when timers fire late: each next time is counted from the aligned time', async () => {
    const { metering, clock, sent } = harness({ start: '2026-01-01T23:50:00.000Z', lateMs: 400, values: { 'AlignedDataCtrlr.Interval': '300' } });
    metering.record(0, reading(energy(1)));
    metering.start();
    await clock.advance(30 * MINUTE);
    assert.deepEqual(sent.map((m) => m.at), [
      '2026-01-01T23:55:00.400Z',
      '2026-01-02T00:00:00.400Z',
      '2026-01-02T00:05:00.400Z',
      '2026-01-02T00:10:00.400Z',
      '2026-01-02T00:15:00.400Z',
    ]);
  });

  it('J01.FR.14 stays on the grid when the station clock is set back while a timer waits', async () => {
    const base = new FakeClock('2026-01-01T00:07:30.000Z');
    const stationClock = new StationClock(base);
    const model = loadModel(base, { 'AlignedDataCtrlr.Interval': '900' });
    const times: string[] = [];
    const send = ((_action: string, payload: { meterValue: { timestamp: string }[] }) => {
      times.push(payload.meterValue[0]!.timestamp);
      return Promise.resolve({});
    }) as unknown as OcppLink['send'];
    const metering = new Metering({ model, clock: stationClock, logger: silentLogger(), send, store: new MemoryTxMeterValueStore(), evseIds: [] });
    metering.record(0, reading(energy(1)));
    metering.start();
    await base.advance(MINUTE);
    stationClock.adjustTo(new Date('2026-01-01T00:03:30.000Z')); // 5 minutes back
    await base.advance(30 * MINUTE);
    assert.deepEqual(times, ['2026-01-01T00:15:00.000Z', '2026-01-01T00:30:00.000Z']);
    metering.close();
  });

  it('J01.FR.14 a changed AlignedDataInterval moves to the next time of the new grid; 0 stops the MeterValues', async () => {
    const { metering, clock, sent, setVariable } = harness({ start: '2026-01-01T00:01:00.000Z', values: { 'AlignedDataCtrlr.Interval': '900' } });
    metering.record(0, reading(energy(1)));
    metering.start();
    setVariable('AlignedDataCtrlr.Interval', '120');
    await clock.advance(4 * MINUTE);
    assert.deepEqual(sent.map((m) => m.at), ['2026-01-01T00:02:00.000Z', '2026-01-01T00:04:00.000Z']);
    setVariable('AlignedDataCtrlr.Interval', '0');
    await clock.advance(60 * MINUTE);
    assert.equal(sent.length, 2);
    assert.equal(clock.pendingTimers, 0);
  });

  it('J01.FR.14 sends nothing before start(), after stop(), with no measurands configured or with AlignedDataCtrlr.Enabled false', async () => {
    const { metering, clock, sent, setVariable } = harness({ values: { 'AlignedDataCtrlr.Interval': '60' } });
    metering.record(0, reading(energy(1)));
    await clock.advance(5 * MINUTE);
    assert.equal(sent.length, 0, 'not started');
    metering.start();
    await clock.advance(MINUTE);
    assert.equal(sent.length, 1);
    setVariable('AlignedDataCtrlr.Measurands', '');
    await clock.advance(MINUTE);
    setVariable('AlignedDataCtrlr.Measurands', 'Energy.Active.Import.Register');
    setVariable('AlignedDataCtrlr.Enabled', 'false');
    await clock.advance(MINUTE);
    assert.equal(sent.length, 1);
    setVariable('AlignedDataCtrlr.Enabled', 'true');
    await clock.advance(MINUTE);
    assert.equal(sent.length, 2);
    metering.stop();
    await clock.advance(5 * MINUTE);
    assert.equal(sent.length, 2);
    assert.equal(clock.pendingTimers, 0);
  });

  it('J01.FR.22 an EVSE in a transaction gets TransactionEvent(Updated, MeterValueClock); the others MeterValues', async () => {
    const { metering, clock, sent, updates, listener } = harness({ values: { 'AlignedDataCtrlr.Interval': '600', 'SampledDataCtrlr.TxUpdatedInterval': '0' } });
    for (const evseId of [0, 1, 2]) metering.record(evseId, reading(energy(evseId * 10)));
    metering.start();
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(10 * MINUTE);
    assert.deepEqual(sent.map((m) => m.payload.evseId), [0, 2]);
    assert.deepEqual(
      updates.map((u) => [u.transactionId, u.trigger, ...summary(u.meterValues)]),
      [['tx-1', 'MeterValueClock', '2026-01-01T00:10:00.000Z EAIR=10@Sample.Clock']],
    );
  });

  it('J01.FR.22 with alignedDataInTransaction MeterValues, the EVSE in a transaction gets MeterValues too', async () => {
    const { metering, clock, sent, updates, listener } = harness({
      alignedDataInTransaction: 'MeterValues',
      values: { 'AlignedDataCtrlr.Interval': '600', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
    });
    metering.record(1, reading(energy(10)));
    metering.start();
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(10 * MINUTE);
    assert.deepEqual(sent.map((m) => m.payload.evseId), [1]);
    assert.equal(updates.length, 0);
  });

  it('J01.FR.22 MeterValueClock values keep coming while the station is not registered (transaction events are queued)', async () => {
    const { metering, clock, sent, updates, listener } = harness({ values: { 'AlignedDataCtrlr.Interval': '600', 'SampledDataCtrlr.TxUpdatedInterval': '0' } });
    metering.record(0, reading(energy(1)));
    metering.record(1, reading(energy(2)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    await clock.advance(10 * MINUTE);
    assert.equal(sent.length, 0);
    assert.deepEqual(updates.map((u) => u.trigger), ['MeterValueClock']);
  });

  it('J01.FR.19/20 SendDuringIdle: no clock-aligned values at all while any transaction runs, again once it ended', async () => {
    const { metering, clock, sent, updates, listener } = harness({
      values: { 'AlignedDataCtrlr.Interval': '600', 'AlignedDataCtrlr.SendDuringIdle': 'true', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
    });
    for (const evseId of [0, 1, 2]) metering.record(evseId, reading(energy(evseId)));
    metering.start();
    await clock.advance(10 * MINUTE);
    assert.deepEqual(sent.map((m) => m.payload.evseId), [0, 1, 2]);
    metering.transactionStarted(2, 'tx-2', listener('tx-2'));
    await clock.advance(20 * MINUTE);
    assert.equal(sent.length, 3);
    assert.equal(updates.length, 0);
    metering.endedValues(2, 'tx-2');
    metering.clear('tx-2');
    await clock.advance(10 * MINUTE);
    assert.deepEqual(sent.slice(3).map((m) => m.payload.evseId), [0, 1, 2]);
  });
});

describe('meter values for TransactionEvent Ended (E06.FR.11, J02.FR.20)', () => {
  it('E06.FR.11 with TxEndedInterval 0: the TxEndedMeasurands at start (Transaction.Begin) and at end (Transaction.End)', async () => {
    const { metering, clock, listener } = harness({ values: { 'SampledDataCtrlr.TxEndedInterval': '0', ...NO_ALIGNED } });
    metering.record(1, reading(energy(1000), power(11000)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    metering.record(1, reading(energy(5000), power(0)));
    await clock.advance(60 * MINUTE);
    assert.deepEqual(summary(metering.endedValues(1, 'tx-1')), [
      '2026-01-01T00:00:00.000Z EAIR=1000@Transaction.Begin',
      '2026-01-01T01:00:00.000Z EAIR=5000@Transaction.End',
    ]);
  });

  it('E06.FR.11 every TxEndedInterval from the start (Sample.Periodic) and the clock-aligned AlignedDataTxEndedMeasurands (Sample.Clock), in the order taken', async () => {
    const { metering, clock, listener } = harness({
      start: '2026-01-01T00:05:00.000Z',
      values: {
        'SampledDataCtrlr.TxEndedInterval': '600',
        'AlignedDataCtrlr.TxEndedInterval': '900',
        'AlignedDataCtrlr.TxEndedMeasurands': 'Power.Active.Import',
        'AlignedDataCtrlr.Interval': '0',
        'SampledDataCtrlr.TxUpdatedInterval': '0',
      },
    });
    let wh = 0;
    metering.record(1, reading(energy(wh), power(7)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    for (let minute = 1; minute <= 25; minute++) {
      await clock.advance(MINUTE - 1);
      metering.record(1, reading(energy((wh += 100)), power(7)));
      await clock.advance(1);
    }
    assert.deepEqual(summary(metering.endedValues(1, 'tx-1')), [
      '2026-01-01T00:05:00.000Z EAIR=0@Transaction.Begin',
      '2026-01-01T00:15:00.000Z EAIR=1000@Sample.Periodic',
      '2026-01-01T00:15:00.000Z Power.Active.Import=7@Sample.Clock',
      '2026-01-01T00:25:00.000Z EAIR=2000@Sample.Periodic',
      '2026-01-01T00:30:00.000Z Power.Active.Import=7@Sample.Clock',
      '2026-01-01T00:30:00.000Z EAIR=2500@Transaction.End',
    ]);
  });

  it('E06.FR.11 TxEndedMeasurands empty: no sampled values in the Ended event', () => {
    const { metering, listener } = harness({ values: { 'SampledDataCtrlr.TxEndedMeasurands': '', ...NO_ALIGNED } });
    metering.record(1, reading(energy(1)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    assert.deepEqual(metering.endedValues(1, 'tx-1'), []);
  });

  it('J02.FR.20 with maxValues, drops intermediate samples first and keeps the first and the last', async () => {
    const { metering, clock, listener } = harness({ values: { 'SampledDataCtrlr.TxEndedInterval': '60', ...NO_ALIGNED } });
    let wh = 0;
    metering.record(1, reading(energy(wh)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    for (let i = 0; i < 8; i++) {
      metering.record(1, reading(energy((wh += 10))));
      await clock.advance(MINUTE);
    }
    const all = metering.endedValues(1, 'tx-1');
    assert.deepEqual(all.map((mv) => mv.sampledValue[0]!.value), [0, 10, 20, 30, 40, 50, 60, 70, 80, 80]);
    const five = metering.endedValues(1, 'tx-1', 5);
    // 2nd, 4th, 6th, 8th go in the first pass; the 2nd of what is left in the second.
    assert.deepEqual(five.map((mv) => mv.sampledValue[0]!.value), [0, 40, 60, 80, 80]);
    assert.equal(five[0]!.sampledValue[0]!.context, 'Transaction.Begin');
    assert.equal(five.at(-1)!.sampledValue[0]!.context, 'Transaction.End');
  });

  it('keeps the samples until clear(): endedValues twice gives them twice, clear() forgets them', async () => {
    const { metering, store, listener } = harness(NO_ALIGNED_OPTIONS());
    metering.record(1, reading(energy(1)));
    metering.transactionStarted(1, 'tx-1', listener('tx-1'));
    assert.equal(metering.endedValues(1, 'tx-1').length, 2);
    assert.equal(metering.endedValues(1, 'tx-1').length, 2);
    metering.clear('tx-1');
    assert.deepEqual(store.load('tx-1'), []);
  });

  it('samples of two transactions on two EVSEs stay apart (J02.FR.22)', async () => {
    const { metering, clock, listener } = harness({ values: { 'SampledDataCtrlr.TxEndedInterval': '60', ...NO_ALIGNED } });
    metering.record(1, reading(energy(1)));
    metering.record(2, reading(energy(2)));
    metering.transactionStarted(1, 'tx-a', listener('tx-a'));
    metering.transactionStarted(2, 'tx-b', listener('tx-b'));
    await clock.advance(MINUTE);
    assert.deepEqual(metering.endedValues(1, 'tx-a').map((mv) => mv.sampledValue[0]!.value), [1, 1, 1]);
    assert.deepEqual(metering.endedValues(2, 'tx-b').map((mv) => mv.sampledValue[0]!.value), [2, 2, 2]);
  });
});

function NO_ALIGNED_OPTIONS() {
  return { values: { ...NO_ALIGNED } };
}

describe('TxEnded samples across a restart', () => {
  async function runAcrossRestart(store: ConstructorParameters<typeof Metering>[0]['store'], sharedClock: FakeClock) {
    const values = { 'SampledDataCtrlr.TxEndedInterval': '300', 'SampledDataCtrlr.TxUpdatedInterval': '120', ...NO_ALIGNED };
    const before = harness({ clock: sharedClock, store, values });
    before.metering.record(1, reading(energy(100)));
    before.metering.transactionStarted(1, 'tx-r', before.listener('tx-r'));
    before.metering.record(1, reading(energy(400)));
    await sharedClock.advance(5 * MINUTE);
    // The process dies: the old instance's timers die with it.
    before.metering.close();

    const after = harness({ clock: sharedClock, store, values });
    after.metering.record(1, reading(energy(900)));
    after.metering.resume(1, 'tx-r', after.listener('tx-r'));
    await sharedClock.advance(5 * MINUTE);
    const ended = after.metering.endedValues(1, 'tx-r');
    after.metering.clear('tx-r');
    return { ended, updates: after.updates };
  }

  it('persists the samples in the store and returns them after a new Metering resumes the transaction (memory store)', async () => {
    const clock = new FakeClock();
    const { ended, updates } = await runAcrossRestart(new MemoryTxMeterValueStore(), clock);
    assert.deepEqual(summary(ended), [
      '2026-01-01T00:00:00.000Z EAIR=100@Transaction.Begin',
      '2026-01-01T00:05:00.000Z EAIR=400@Sample.Periodic',
      '2026-01-01T00:10:00.000Z EAIR=900@Sample.Periodic',
      '2026-01-01T00:10:00.000Z EAIR=900@Transaction.End',
    ]);
    assert.deepEqual(updates.map((u) => u.at), ['2026-01-01T00:07:00.000Z', '2026-01-01T00:09:00.000Z'], 'resumed sampling counts from the resume');
  });

  it('persists the samples in SQLite across closing and reopening the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-metering-restart-'));
    try {
      const path = join(dir, 'station.db');
      const first = openStationDatabase(path);
      first.prepare("INSERT INTO transactions (transaction_id, evse_id, state, updated_at) VALUES ('tx-r', 1, 'Started', '2026-01-01T00:00:00Z')").run();
      const clock = new FakeClock();
      const before = harness({ clock, store: new SqliteTxMeterValueStore(first), values: { 'SampledDataCtrlr.TxEndedInterval': '300', ...NO_ALIGNED } });
      before.metering.record(1, reading(energy(100)));
      before.metering.transactionStarted(1, 'tx-r', before.listener('tx-r'));
      await clock.advance(5 * MINUTE);
      before.metering.close();
      first.close();

      const second = openStationDatabase(path);
      try {
        const after = harness({ clock, store: new SqliteTxMeterValueStore(second), values: { 'SampledDataCtrlr.TxEndedInterval': '300', ...NO_ALIGNED } });
        after.metering.record(1, reading(energy(700)));
        after.metering.resume(1, 'tx-r', after.listener('tx-r'));
        assert.deepEqual(summary(after.metering.endedValues(1, 'tx-r')), [
          '2026-01-01T00:00:00.000Z EAIR=100@Transaction.Begin',
          '2026-01-01T00:05:00.000Z EAIR=100@Sample.Periodic',
          '2026-01-01T00:05:00.000Z EAIR=700@Transaction.End',
        ]);
        after.metering.clear('tx-r');
        assert.equal(second.prepare('SELECT COUNT(*) FROM transaction_meter_values').pluck().get(), 0);
        after.metering.close();
      } finally {
        second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a store that refuses a sample (no transactions row) is logged, not thrown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-metering-fk-'));
    const database = openStationDatabase(join(dir, 'station.db'));
    try {
      const { metering, listener } = harness({ store: new SqliteTxMeterValueStore(database), values: NO_ALIGNED });
      metering.record(1, reading(energy(1)));
      assert.doesNotThrow(() => metering.transactionStarted(1, 'tx-unknown', listener('tx-unknown')));
      assert.equal(metering.endedValues(1, 'tx-unknown').length, 1, 'only the Transaction.End sample');
      metering.close();
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
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
