// The metering block (J) against a real device model and a FakeClock: the meter values of TransactionEvent Ended
// (E06.FR.11, J02.FR.20), and the samples taken for it kept across a restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metering } from '../../../../src/blocks/metering/metering.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';
import { SqliteTxMeterValueStore } from '../../../../src/storage/sqlite/sqlite-tx-meter-value-store.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { MINUTE, energy, harness, power, reading, summary } from './harness.js';
import { NO_ALIGNED, NO_ALIGNED_OPTIONS } from './metering-helpers.js';

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
