// The metering block (J) against a real device model and a FakeClock: the clock-aligned MeterValues (J01).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Metering } from '../../../../src/blocks/metering/metering.js';
import { silentLogger } from '../../../../src/logger.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { StationClock } from '../../../../src/station-clock.js';
import { MINUTE, energy, harness, loadModel, power, reading, soc, summary } from './harness.js';

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

  it('J01.FR.14 every value of one clock-aligned round carries the aligned moment, however late the timer fires', async () => {
    const { metering, clock, sent } = harness({ start: '2026-01-01T23:50:00.000Z', lateMs: 750, values: { 'AlignedDataCtrlr.Interval': '300' } });
    metering.record(0, reading(energy(1)));
    metering.record(1, reading(energy(2)));
    metering.record(2, reading(energy(3)));
    metering.start();
    await clock.advance(10 * MINUTE + 1000);
    assert.deepEqual(
      sent.map((m) => `${m.payload.evseId} ${m.payload.meterValue[0]!.timestamp} sent ${m.at}`),
      [
        '0 2026-01-01T23:55:00.000Z sent 2026-01-01T23:55:00.750Z',
        '1 2026-01-01T23:55:00.000Z sent 2026-01-01T23:55:00.750Z',
        '2 2026-01-01T23:55:00.000Z sent 2026-01-01T23:55:00.750Z',
        '0 2026-01-02T00:00:00.000Z sent 2026-01-02T00:00:00.750Z',
        '1 2026-01-02T00:00:00.000Z sent 2026-01-02T00:00:00.750Z',
        '2 2026-01-02T00:00:00.000Z sent 2026-01-02T00:00:00.750Z',
      ],
    );
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
