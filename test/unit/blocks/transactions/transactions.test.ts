// Block E use cases on the Transactions block with recording fakes: start and stop points, the events and
// their fields, stopping by driver, CSMS and timeout, invalid tokens, and what survives a restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTransactionStore } from '../../../../src/storage/memory/memory-transaction-store.js';
import { flushMicrotasks } from '../../../fakes/fake-clock.js';
import { OTHER_TAG, TAG, createHarness, summary } from './harness.js';

describe('E01/E02 cable plugged in first (TxStartPoint EVConnected)', () => {
  it('E02.FR.06/07 starts at the plug, reports the token, the charging and the unplug, seqNo 0, 1, 2, …', async () => {
    const { transactions, events, energy } = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected'] });
    transactions.evConnected(1, 1);
    const outcome = await transactions.presentToken(TAG, 1);
    assert.equal(outcome.result, 'authorized');
    transactions.chargingStateChanged(1, 'Charging');
    transactions.evDisconnected(1, 1);
    assert.deepEqual(summary(events), [
      '0 Started CablePluggedIn',
      '1 Updated Authorized',
      '2 Updated ChargingStateChanged',
      '3 Ended EVCommunicationLost EVDisconnected',
    ]);
    const [started, authorized, charging] = events;
    assert.deepEqual(started!.evse, { id: 1, connectorId: 1 }, 'E01.FR.16');
    assert.equal(started!.transactionInfo.chargingState, 'EVConnected');
    assert.equal(started!.idToken, undefined);
    assert.deepEqual(authorized!.idToken, TAG, 'E02.FR.20');
    assert.equal(authorized!.evse, undefined, 'evse only once');
    assert.equal(charging!.transactionInfo.chargingState, 'Charging');
    assert.ok(events.every((e) => e.transactionInfo.transactionId === started!.transactionInfo.transactionId));
    assert.deepEqual(energy, [
      [1, true],
      [1, false],
    ]);
  });

  it('E02.FR.05 marks the connector occupied and free again', () => {
    const { transactions, occupied } = createHarness();
    transactions.evConnected(1, 2);
    transactions.evDisconnected(1, 2);
    assert.deepEqual(occupied, [
      [1, 2, true],
      [1, 2, false],
    ]);
  });
});

describe('E03 token first (TxStartPoint Authorized)', () => {
  it('E03.FR.01 starts at the authorization with the idToken; the plug-in follows with evse and connector', async () => {
    const { transactions, events, energy } = createHarness({ startPoints: ['Authorized'], stopPoints: ['EVConnected', 'Authorized'] });
    await transactions.presentToken(TAG, 1);
    transactions.evConnected(1, 1);
    assert.deepEqual(summary(events), ['0 Started Authorized', '1 Updated CablePluggedIn']);
    assert.deepEqual(events[0]!.idToken, TAG);
    assert.deepEqual(events[0]!.evse, { id: 1 });
    assert.deepEqual(events[1]!.evse, { id: 1, connectorId: 1 });
    assert.deepEqual(energy, [[1, true]]);
  });

  it('E03.FR.05 ends the transaction when no cable comes within EVConnectionTimeOut', async () => {
    const { transactions, events, clock } = createHarness({
      startPoints: ['Authorized'],
      stopPoints: ['EVConnected'],
      variables: { EVConnectionTimeOut: '30' },
    });
    await transactions.presentToken(TAG, 1);
    await clock.advance(29_000);
    assert.equal(events.length, 1);
    await clock.advance(1_000);
    assert.deepEqual(summary(events), ['0 Started Authorized', '1 Ended EVConnectTimeout Timeout']);
    assert.equal(transactions.hasActiveTransaction(1), false);
  });

  it('C01: a token the CSMS refuses starts nothing', async () => {
    const { transactions, events } = createHarness({ startPoints: ['Authorized'], tokenInfo: () => ({ status: 'Invalid' }) });
    const outcome = await transactions.presentToken(TAG, 1);
    assert.equal(outcome.result, 'rejected');
    assert.equal(events.length, 0);
  });
});

describe('PowerPathClosed (the default, as OCPP 1.6 did)', () => {
  it('E01.FR.05 starts only when both the cable and the authorization are there', async () => {
    const { transactions, events } = createHarness({ startPoints: ['PowerPathClosed'], stopPoints: ['EVConnected', 'Authorized'] });
    transactions.evConnected(1, 1);
    assert.equal(events.length, 0);
    await transactions.presentToken(TAG, 1);
    assert.deepEqual(summary(events), ['0 Started Authorized']);
    assert.deepEqual(events[0]!.evse, { id: 1, connectorId: 1 });
    assert.deepEqual(events[0]!.idToken, TAG);
  });

  it('authorize first at a station with several EVSEs, then plug into any of them', async () => {
    const { transactions, events } = createHarness({ evseIds: [1, 2], startPoints: ['PowerPathClosed'] });
    const outcome = await transactions.presentToken(TAG);
    assert.deepEqual([outcome.result, 'evseId' in outcome ? outcome.evseId : undefined], ['authorized', undefined]);
    transactions.evConnected(2, 1);
    assert.deepEqual(summary(events), ['0 Started CablePluggedIn']);
    assert.deepEqual(events[0]!.evse, { id: 2, connectorId: 1 });
    assert.deepEqual(events[0]!.idToken, TAG);
    assert.equal(transactions.transactionIdOf(2), events[0]!.transactionInfo.transactionId);
  });

  it('C01.FR.21 a token allowed only on some EVSEs authorizes only there', async () => {
    const { transactions, events } = createHarness({ evseIds: [1, 2], tokenInfo: () => ({ status: 'Accepted', evseId: [2] }) });
    const refused = await transactions.presentToken(TAG, 1);
    assert.equal(refused.result, 'rejected');
    assert.equal(events.length, 0, 'nothing starts on EVSE 1');
    const allowed = await transactions.presentToken(TAG, 2);
    assert.deepEqual([allowed.result, 'evseId' in allowed ? allowed.evseId : undefined], ['authorized', 2]);
    transactions.evConnected(2, 1);
    assert.deepEqual(summary(events), ['0 Started CablePluggedIn'], 'the transaction starts on EVSE 2');
    assert.deepEqual(events[0]!.evse, { id: 2, connectorId: 1 });
    assert.deepEqual(events[0]!.idToken, TAG);
    assert.equal(transactions.hasActiveTransaction(1), false);
  });
});

describe('E06/E07/E08 stopping', () => {
  it('E07.FR.01/02/05 the same token stops it: Ended with StopAuthorized, stoppedReason Local and the token', async () => {
    const { transactions, events } = createHarness({ startPoints: ['PowerPathClosed'], stopPoints: ['EVConnected', 'Authorized'] });
    transactions.evConnected(1, 1);
    await transactions.presentToken(TAG, 1);
    const outcome = await transactions.presentToken(TAG, 1);
    assert.deepEqual(outcome, { result: 'stopped', evseId: 1 });
    assert.deepEqual(summary(events), ['0 Started Authorized', '1 Ended StopAuthorized Local']);
    assert.deepEqual(events[1]!.idToken, TAG);
  });

  it('E08.FR.02 a token of the same group stops it', async () => {
    const group = { idToken: 'FLEET-1', type: 'Central' as const };
    const { transactions, events } = createHarness({ tokenInfo: () => ({ status: 'Accepted', groupIdToken: group }) });
    transactions.evConnected(1, 1);
    await transactions.presentToken(TAG, 1);
    const outcome = await transactions.presentToken(OTHER_TAG, 1);
    assert.equal(outcome.result, 'stopped');
    assert.deepEqual(events.at(-1)!.idToken, OTHER_TAG);
  });

  it('E07 with only EVConnected as stop point: energy stops at the token, the transaction at the unplug (stoppedReason Local)', async () => {
    const { transactions, events, energy } = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected'] });
    transactions.evConnected(1, 1);
    await transactions.presentToken(TAG, 1);
    transactions.chargingStateChanged(1, 'Charging');
    await transactions.presentToken(TAG, 1);
    assert.deepEqual(summary(events).slice(3), ['3 Updated StopAuthorized']);
    assert.equal(events[3]!.transactionInfo.chargingState, 'SuspendedEVSE');
    assert.deepEqual(energy.at(-1), [1, false]);
    transactions.evDisconnected(1, 1);
    assert.deepEqual(summary(events).slice(4), ['4 Ended EVCommunicationLost Local']);
  });

  it('E06.FR.01 ParkingBayOccupancy: starts when the bay is occupied, ends when the EV leaves', () => {
    const { transactions, events } = createHarness({ startPoints: ['ParkingBayOccupancy'], stopPoints: ['ParkingBayOccupancy'] });
    transactions.parkingBay(1, true);
    transactions.evConnected(1, 1);
    transactions.evDisconnected(1, 1);
    transactions.parkingBay(1, false);
    assert.deepEqual(summary(events), [
      '0 Started EVDetected',
      '1 Updated CablePluggedIn',
      '2 Updated EVCommunicationLost',
      '3 Ended EVDeparted EVDisconnected',
    ]);
  });

  it('E06.FR.07 EnergyTransfer: starts when energy flows and ends when it stops', async () => {
    const { transactions, events } = createHarness({ startPoints: ['EnergyTransfer'], stopPoints: ['EnergyTransfer'] });
    transactions.evConnected(1, 1);
    await transactions.presentToken(TAG, 1);
    transactions.chargingStateChanged(1, 'Charging');
    transactions.chargingStateChanged(1, 'SuspendedEV');
    assert.deepEqual(summary(events), ['0 Started ChargingStateChanged', '1 Ended ChargingStateChanged StoppedByEV']);
    assert.deepEqual(events[0]!.idToken, TAG);
  });

  it('F03.FR.03 a remote stop ends it with RemoteStop / Remote when the stop points say so', () => {
    const { transactions, events } = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected', 'Authorized'] });
    transactions.evConnected(1, 1);
    transactions.authorized(1, TAG);
    assert.equal(transactions.remoteStop(transactions.transactionIdOf(1)!), true);
    assert.deepEqual(summary(events).at(-1), '2 Ended RemoteStop Remote');
    assert.equal(transactions.remoteStop('no-such-transaction'), false);
  });

  it('F03.FR.02 / F04.FR.03 a remote stop with EVConnected as only stop point: Updated now, Ended (Remote) at the unplug', () => {
    const { transactions, events } = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected'] });
    transactions.evConnected(1, 1);
    transactions.remoteStop(transactions.transactionIdOf(1)!);
    assert.deepEqual(summary(events), ['0 Started CablePluggedIn', '1 Updated RemoteStop'], 'Updated at the remote stop');
    assert.equal(transactions.hasActiveTransaction(1), true, 'not ended before the unplug');
    transactions.evDisconnected(1, 1);
    assert.deepEqual(summary(events), ['0 Started CablePluggedIn', '1 Updated RemoteStop', '2 Ended EVCommunicationLost Remote']);
  });

  it('E06.FR.16 the integrator ends it for an abnormal condition', () => {
    const { transactions, events } = createHarness({ startPoints: ['EVConnected'] });
    transactions.evConnected(1, 1);
    transactions.finishTransaction(1, 'EmergencyStop');
    assert.deepEqual(summary(events).at(-1), '1 Ended AbnormalCondition EmergencyStop');
  });
});

describe('E05 the CSMS does not accept the idToken', () => {
  async function running(options: Parameters<typeof createHarness>[0]) {
    const harness = createHarness({ startPoints: ['PowerPathClosed'], ...options });
    harness.transactions.evConnected(1, 1);
    await harness.transactions.presentToken(TAG, 1);
    harness.transactions.chargingStateChanged(1, 'Charging');
    const started = harness.events[0]!;
    harness.transactions.responseReceived(started, { idTokenInfo: { status: 'Invalid' } });
    return harness;
  }

  it('E05.FR.10 StopTxOnInvalidId with Authorized as stop point ends it (Deauthorized / DeAuthorized)', async () => {
    const { events } = await running({ stopPoints: ['EVConnected', 'Authorized'], variables: { StopTxOnInvalidId: 'true' } });
    assert.equal(summary(events).at(-1), '2 Ended Deauthorized DeAuthorized');
  });

  it('E05.FR.09 StopTxOnInvalidId without such a stop point: Updated Deauthorized, energy stops, chargingState EVConnected', async () => {
    const { events, energy } = await running({ stopPoints: ['EVConnected'], variables: { StopTxOnInvalidId: 'true' } });
    assert.equal(summary(events).at(-1), '2 Updated Deauthorized');
    assert.equal(events.at(-1)!.transactionInfo.chargingState, 'EVConnected');
    assert.deepEqual(energy.at(-1), [1, false]);
  });

  it('E05.FR.02 without StopTxOnInvalidId: Updated ChargingStateChanged with SuspendedEVSE, energy stops', async () => {
    const { events, energy } = await running({ stopPoints: ['EVConnected'], variables: { StopTxOnInvalidId: 'false' } });
    assert.equal(summary(events).at(-1), '2 Updated ChargingStateChanged');
    assert.equal(events.at(-1)!.transactionInfo.chargingState, 'SuspendedEVSE');
    assert.deepEqual(energy.at(-1), [1, false]);
  });

  it('E05.FR.03 with MaxEnergyOnInvalidId: energy flows until that much more has gone in', async () => {
    const harness = createHarness({ startPoints: ['PowerPathClosed'], stopPoints: ['EVConnected'], variables: { StopTxOnInvalidId: 'false', MaxEnergyOnInvalidId: '500' } });
    harness.metering.energyWh = 10_000;
    harness.transactions.evConnected(1, 1);
    await harness.transactions.presentToken(TAG, 1);
    harness.transactions.chargingStateChanged(1, 'Charging');
    harness.transactions.responseReceived(harness.events[0]!, { idTokenInfo: { status: 'Invalid' } });
    harness.metering.energyWh = 10_499;
    harness.transactions.meterReading(1);
    assert.equal(harness.events.length, 2);
    harness.metering.energyWh = 10_500;
    harness.transactions.meterReading(1);
    assert.equal(summary(harness.events).at(-1), '2 Updated ChargingStateChanged');
  });
});

describe('meter values during a transaction', () => {
  it('J02.FR.11 sends the sampled values as Updated MeterValuePeriodic, and the Ended values with Ended', () => {
    const { transactions, events, metering } = createHarness({ startPoints: ['EVConnected'] });
    const sample = { timestamp: '2026-03-01T10:01:00Z', sampledValue: [{ value: 1234, context: 'Sample.Periodic' as const }] };
    metering.started = [{ timestamp: '2026-03-01T10:00:00Z', sampledValue: [{ value: 1000, context: 'Transaction.Begin' as const }] }];
    metering.ended = [{ timestamp: '2026-03-01T10:02:00Z', sampledValue: [{ value: 1500, context: 'Transaction.End' as const }] }];
    transactions.evConnected(1, 1);
    const transactionId = transactions.transactionIdOf(1)!;
    metering.updates.get(transactionId)!([sample], 'MeterValuePeriodic');
    transactions.evDisconnected(1, 1);
    assert.deepEqual(summary(events), ['0 Started CablePluggedIn', '1 Updated MeterValuePeriodic', '2 Ended EVCommunicationLost EVDisconnected']);
    assert.deepEqual(events[0]!.meterValue, metering.started);
    assert.deepEqual(events[1]!.meterValue, [sample]);
    assert.deepEqual(events[2]!.meterValue, metering.ended);
    assert.deepEqual(metering.cleared, [transactionId]);
  });
});

describe('transactions across a restart', () => {
  it('keeps the state of an open transaction with every event, seqNo included', () => {
    const store = new MemoryTransactionStore();
    const { transactions } = createHarness({ startPoints: ['EVConnected'], store });
    transactions.evConnected(1, 1);
    transactions.chargingStateChanged(1, 'Charging');
    const [stored] = store.loadAll();
    assert.equal((stored!.state as { nextSeqNo: number }).nextSeqNo, 2);
  });

  it('ends a transaction the previous run left open: AbnormalCondition, PowerLoss after a power cut, seqNo continuing', () => {
    const store = new MemoryTransactionStore();
    const first = createHarness({ startPoints: ['EVConnected'], store });
    first.transactions.evConnected(1, 1);
    first.transactions.chargingStateChanged(1, 'Charging');
    const second = createHarness({ startPoints: ['EVConnected'], store });
    second.restore('PowerUp', 'end');
    assert.deepEqual(summary(second.events), ['2 Ended AbnormalCondition PowerLoss']);
    assert.equal(store.loadAll().length, 0);
  });

  it('says Reboot after a reset', () => {
    const store = new MemoryTransactionStore();
    createHarness({ startPoints: ['EVConnected'], store }).transactions.evConnected(1, 1);
    const second = createHarness({ startPoints: ['EVConnected'], store });
    second.restore('RemoteReset', 'end');
    assert.equal(second.events[0]!.transactionInfo.stoppedReason, 'Reboot');
  });

  it('resumes a transaction when asked to, carrying on with its seqNo and ending at its stop point', () => {
    const store = new MemoryTransactionStore();
    const first = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected'], store });
    first.transactions.evConnected(1, 1);
    const id = first.transactions.transactionIdOf(1);
    const second = createHarness({ startPoints: ['EVConnected'], stopPoints: ['EVConnected'], store });
    second.restore('PowerUp', 'resume');
    assert.equal(second.transactions.transactionIdOf(1), id);
    second.transactions.evDisconnected(1, 1);
    assert.deepEqual(summary(second.events), ['1 Ended EVCommunicationLost EVDisconnected']);
  });

  it('B12.FR.04 ends every transaction before an Immediate reset', () => {
    const { transactions, events } = createHarness({ evseIds: [1, 2], startPoints: ['EVConnected'] });
    transactions.evConnected(1, 1);
    transactions.evConnected(2, 1);
    let idle = false;
    transactions.whenIdle(undefined, () => (idle = true));
    transactions.endAll('ImmediateReset', 'ResetCommand');
    assert.deepEqual(
      events.filter((e) => e.eventType === 'Ended').map((e) => e.transactionInfo.stoppedReason),
      ['ImmediateReset', 'ImmediateReset'],
    );
    assert.equal(idle, true);
  });
});

describe('queries', () => {
  it('F06.FR.07 a triggered Updated carries triggerReason Trigger and the charging state, even unchanged', async () => {
    const { transactions, events } = createHarness({ startPoints: ['EVConnected'] });
    assert.equal(transactions.triggerUpdate(1), false);
    transactions.evConnected(1, 1);
    assert.equal(transactions.triggerUpdate(1), true);
    assert.equal(summary(events).at(-1), '1 Updated Trigger');
    await flushMicrotasks();
  });
});

describe('charging rate and open transactions (for smart charging)', () => {
  it('K11.FR.04 reports a changed charging rate as Updated ChargingRateChanged, only within a transaction', () => {
    const { transactions, events } = createHarness({ startPoints: ['EVConnected'] });
    assert.equal(transactions.chargingRateChanged(1), false);
    transactions.evConnected(1, 1);
    assert.equal(transactions.chargingRateChanged(1), true);
    assert.equal(summary(events).at(-1), '1 Updated ChargingRateChanged');
    const open = transactions.openTransactions();
    assert.equal(open[1]!.id, transactions.transactionIdOf(1));
    assert.equal(open[1]!.start.toISOString(), '2026-03-01T10:00:00.000Z');
  });
});
