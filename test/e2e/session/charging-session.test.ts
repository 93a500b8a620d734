// A charging session end to end: a ChargingStation against ocpp-rpc's strict RPCServer, driven like hardware —
// plug, token, charge, unplug — with each TxStartPoint/TxStopPoint setting, remote start and stop, and the
// CSMS's questions about it (E, F, G, J).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer, type ReceivedCall } from '../../support/csms-peer.js';
import { acceptingCsms, allAnswered, startAcceptedStation, type Closables, type TestStationOptions } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const TAG = { idToken: 'DRIVER-001', type: 'ISO14443' as const };

function sessionCsms(extra: Record<string, (payload: any) => unknown> = {}) {
  return {
    ...acceptingCsms(),
    Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
    TransactionEvent: (payload: any) => (payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}),
    MeterValues: () => ({}),
    ...extra,
  };
}

async function accepted(options: Partial<TestStationOptions> & { txStart?: string; txStop?: string } = {}, handlers = sessionCsms()) {
  const peer = await CsmsPeer.start({ handlers });
  open.push(peer);
  const variables: Record<string, Record<string, string>> = {
    TxCtrlr: { TxStartPoint: options.txStart ?? 'PowerPathClosed', TxStopPoint: options.txStop ?? 'EVConnected,Authorized' },
    SampledDataCtrlr: { SignReadings: 'true' },
  };
  return startAcceptedStation(peer, open, { stationId: 'CS-SESSION', config: { variables }, ...options });
}

const transactionEvents = (peer: CsmsPeer) => peer.callsOf('TransactionEvent').map((call) => call.payload);
const summary = (peer: CsmsPeer) =>
  transactionEvents(peer).map(
    (e: any) => `${e.seqNo} ${e.eventType} ${e.triggerReason}${e.transactionInfo.stoppedReason ? ` ${e.transactionInfo.stoppedReason}` : ''}`,
  );
const statuses = (peer: CsmsPeer) => peer.callsOf('StatusNotification').map((c: ReceivedCall) => c.payload.connectorStatus);

async function events(peer: CsmsPeer, count: number) {
  await waitFor(() => peer.callsOf('TransactionEvent').length >= count, `${count} TransactionEvents`);
  return summary(peer);
}

describe('E01-E03/E06 a whole session, by TxStartPoint', () => {
  it('PowerPathClosed (default): plug, token (Authorize), charge, meter values, unplug', async () => {
    const { peer, station, energy } = await accepted();
    station.onSessionStarted(1, 1);
    await waitFor(() => statuses(peer).includes('Occupied'), 'E02.FR.05 StatusNotification Occupied');
    const outcome = await station.presentToken(TAG, 1);
    assert.equal(outcome.result, 'authorized');
    assert.equal(peer.callsOf('Authorize').length, 1, 'C01.FR.02');
    assert.deepEqual(await events(peer, 1), ['0 Started Authorized']);
    assert.deepEqual(energy.at(-1), [1, true]);
    station.onChargingStateChanged(1, 'Charging');
    station.onMeterValue(1, { timestamp: station.clock.now().toISOString(), sampledValue: [{ value: 1200 }] });
    station.onSessionFinished(1, 1);
    assert.deepEqual(await events(peer, 3), ['0 Started Authorized', '1 Updated ChargingStateChanged', '2 Ended EVCommunicationLost EVDisconnected']);
    const [started, , ended] = transactionEvents(peer);
    assert.deepEqual(started.evse, { id: 1, connectorId: 1 });
    assert.deepEqual(started.idToken, TAG);
    assert.equal(ended.transactionInfo.transactionId, started.transactionInfo.transactionId);
    await waitFor(() => statuses(peer).at(-1) === 'Available', 'Available again');
    assert.equal(station.getEvseTransactionId(1), undefined);
  });

  it('EVConnected: Started at the plug, the token in an Updated event', async () => {
    const { peer, station } = await accepted({ txStart: 'EVConnected', txStop: 'EVConnected' });
    station.onSessionStarted(1, 1);
    await events(peer, 1);
    await station.presentToken(TAG, 1);
    station.onSessionFinished(1, 1);
    assert.deepEqual(await events(peer, 3), ['0 Started CablePluggedIn', '1 Updated Authorized', '2 Ended EVCommunicationLost EVDisconnected']);
  });

  it('Authorized: Started at the token, EVConnectTimeout when no cable comes (E03.FR.05)', async () => {
    const test = await accepted({ txStart: 'Authorized', txStop: 'EVConnected,Authorized' });
    const { peer, station, clock } = test;
    await station.presentToken(TAG, 1);
    await events(peer, 1);
    // The Started event is answered before the FakeClock passes its message timeout.
    await allAnswered(test);
    const timeout = Number(station.getVariables([{ component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' } }])[0]!.attributeValue);
    await clock.advance(timeout * 1000);
    assert.deepEqual(await events(peer, 2), ['0 Started Authorized', '1 Ended EVConnectTimeout Timeout']);
  });

  it('E07 the driver stops with the same token: Ended StopAuthorized / Local', async () => {
    const { peer, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    const stop = await station.presentToken(TAG, 1);
    assert.equal(stop.result, 'stopped');
    assert.deepEqual(await events(peer, 2), ['0 Started Authorized', '1 Ended StopAuthorized Local']);
  });

  it('C01.FR.02/03 TC_C_04 another driver\'s valid token neither stops nor alters the transaction (TxStart/StopPoint Authorized)', async () => {
    const { peer, station } = await accepted({ txStart: 'Authorized', txStop: 'Authorized' });
    const OTHER = { idToken: 'DRIVER-002', type: 'ISO14443' as const };
    await station.presentToken(TAG, 1);
    station.onSessionStarted(1, 1);
    await events(peer, 1);
    assert.deepEqual(await station.presentToken(OTHER, 1), { result: 'busy', evseId: 1, idTokenInfo: { status: 'Accepted' } });
    assert.deepEqual(await station.presentToken(OTHER), { result: 'busy', evseId: 1, idTokenInfo: { status: 'Accepted' } }, 'at a station-wide reader');
    assert.ok(peer.callsOf('Authorize').length >= 2, 'an AuthorizeRequest for the other token is allowed (the cache may answer the second)');
    assert.equal((await station.presentToken(TAG, 1)).result, 'stopped');
    await waitFor(() => summary(peer).some((line) => line.includes('Ended')), 'the Ended event');
    const all = summary(peer);
    assert.equal(all.at(-1), `${all.length - 1} Ended StopAuthorized Local`);
    assert.ok(
      transactionEvents(peer).every((event: any) => event.idToken === undefined || event.idToken.idToken === TAG.idToken),
      'no TransactionEvent carries the other token',
    );
    assert.ok(all.every((line) => !line.includes('Updated Authorized')), all.join('; '));
  });

  it('E05.FR.10 a token the CSMS refuses in its TransactionEventResponse ends the transaction', async () => {
    const { peer, station } = await accepted(
      {},
      sessionCsms({ TransactionEvent: (payload: any) => (payload.idToken ? { idTokenInfo: { status: 'Blocked' } } : {}) }),
    );
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    assert.deepEqual(await events(peer, 2), ['0 Started Authorized', '1 Ended Deauthorized DeAuthorized']);
  });
});

describe('F01-F05 remote control', () => {
  it('F02.FR.21 RequestStartTransaction before the plug: Authorize, then Started with RemoteStart and remoteStartId', async () => {
    const { peer, client, station } = await accepted();
    const response = await client.call('RequestStartTransaction', { idToken: TAG, remoteStartId: 42, evseId: 1 });
    assert.deepEqual(response, { status: 'Accepted' });
    await waitFor(() => peer.callsOf('Authorize').length === 1, 'F01.FR.01 the station checks the token (AuthorizeRemoteStart)');
    station.onSessionStarted(1, 1);
    assert.deepEqual(await events(peer, 1), ['0 Started RemoteStart']);
    assert.equal(transactionEvents(peer)[0].transactionInfo.remoteStartId, 42);
  });

  it('F01.FR.13/19 RequestStartTransaction after the plug names the waiting transaction; Updated RemoteStart follows', async () => {
    const { peer, client, station } = await accepted({ txStart: 'EVConnected' });
    station.onSessionStarted(1, 1);
    await events(peer, 1);
    const transactionId = station.getEvseTransactionId(1);
    const response = await client.call('RequestStartTransaction', { idToken: TAG, remoteStartId: 7, evseId: 1 });
    assert.deepEqual(response, { status: 'Accepted', transactionId });
    assert.deepEqual(await events(peer, 2), ['0 Started CablePluggedIn', '1 Updated RemoteStart']);
    const updated = transactionEvents(peer)[1];
    assert.deepEqual([updated.transactionInfo.remoteStartId, updated.idToken], [7, TAG]);
  });

  it('F01.FR.24 refuses a remote start on an EVSE with an authorized transaction; F03 stops it remotely', async () => {
    const { peer, client, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    await events(peer, 1);
    const refused = await client.call('RequestStartTransaction', { idToken: TAG, remoteStartId: 8, evseId: 1 });
    assert.equal(refused.status, 'Rejected');
    const transactionId = station.getEvseTransactionId(1)!;
    assert.deepEqual(await client.call('RequestStopTransaction', { transactionId }), { status: 'Accepted' });
    assert.deepEqual(await events(peer, 2), ['0 Started Authorized', '1 Ended RemoteStop Remote']);
    const unknown = await client.call('RequestStopTransaction', { transactionId: 'nope' });
    assert.equal(unknown.status, 'Rejected', 'F03.FR.08');
  });

  it('issue 10 item 19 F03: RequestStopTransaction is answered before the Ended event it causes', async () => {
    const { peer, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    await events(peer, 1);
    const csms = peer.clients[0]!;
    const transactionId = station.getEvseTransactionId(1)!;
    csms.sendRaw(JSON.stringify([2, 'remote-stop-1', 'RequestStopTransaction', { transactionId }]));
    await events(peer, 2);
    const answer = csms.inbound.findIndex((frame) => frame.startsWith('[3,"remote-stop-1"'));
    const ended = csms.inbound.findIndex((frame) => frame.includes('"Ended"'));
    assert.ok(answer >= 0 && answer < ended, `the CALLRESULT (frame ${answer}) precedes the Ended event (frame ${ended})`);
  });

  it('F05 UnlockConnector: refused under an authorized transaction, unlocked otherwise, unknown connectors named', async () => {
    const { client, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    assert.deepEqual(await client.call('UnlockConnector', { evseId: 1, connectorId: 1 }), { status: 'OngoingAuthorizedTransaction' });
    assert.deepEqual(await client.call('UnlockConnector', { evseId: 1, connectorId: 9 }), { status: 'UnknownConnector' });
    station.onSessionFinished(1, 1);
    assert.deepEqual(await client.call('UnlockConnector', { evseId: 1, connectorId: 1 }), { status: 'Unlocked' });
  });
});

describe('the CSMS asks about transactions', () => {
  it('E14 GetTransactionStatus: ongoing while it runs, not after; F06.FR.07 TriggerMessage(TransactionEvent)', async () => {
    const { peer, client, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    await events(peer, 1);
    const transactionId = station.getEvseTransactionId(1)!;
    assert.deepEqual(await client.call('GetTransactionStatus', { transactionId }), { messagesInQueue: false, ongoingIndicator: true });
    station.onMeterValue(1, { timestamp: station.clock.now().toISOString(), sampledValue: [{ value: 1234, measurand: 'Energy.Active.Import.Register' }] });
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 1 } }), { status: 'Accepted' });
    assert.deepEqual(await events(peer, 2), ['0 Started Authorized', '1 Updated Trigger']);
    // F06.FR.07: at least the charging state (unchanged since Started) and the TxUpdated measurands.
    const triggered = peer.callsOf('TransactionEvent')[1]!.payload;
    assert.equal(triggered.transactionInfo.chargingState, 'EVConnected');
    assert.deepEqual(
      triggered.meterValue[0].sampledValue.map((value: any) => [value.measurand ?? 'Energy.Active.Import.Register', value.value, value.context]),
      [['Energy.Active.Import.Register', 1234, 'Trigger']],
    );
    station.onSessionFinished(1, 1);
    await events(peer, 3);
    assert.deepEqual(await client.call('GetTransactionStatus', { transactionId }), { messagesInQueue: false, ongoingIndicator: false });
    assert.deepEqual(await client.call('GetTransactionStatus', {}), { messagesInQueue: false });
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 1 } }), { status: 'Rejected' });
  });

  it('G03.FR.05 ChangeAvailability during a transaction is Scheduled and applied when it ends', async () => {
    const { peer, client, station } = await accepted();
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    const response = await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } });
    assert.equal(response.status, 'Scheduled');
    station.onSessionFinished(1, 1);
    await waitFor(() => statuses(peer).at(-1) === 'Unavailable', 'Unavailable after the transaction');
    assert.equal(station.connectorStatus(1, 1), 'Unavailable');
    const refused = await client.call('RequestStartTransaction', { idToken: TAG, remoteStartId: 9, evseId: 1 });
    assert.equal(refused.status, 'Rejected', 'F01.FR.23');
  });

  it('J01 TriggerMessage(MeterValues) sends the latest reading', async () => {
    const { peer, client, station } = await accepted();
    station.onMeterValue(1, { timestamp: station.clock.now().toISOString(), sampledValue: [{ value: 4321 }] });
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 1 } }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('MeterValues').length === 1, 'the MeterValues');
    const [meterValues] = peer.callsOf('MeterValues');
    assert.equal(meterValues!.payload.evseId, 1);
    assert.equal(meterValues!.payload.meterValue[0].sampledValue[0].value, 4321);
  });
});

describe('E04/E12 offline during a session', () => {
  it('queues the events while offline, marks them offline and delivers them in order when back; C12 the cache authorizes offline', async () => {
    const test = await accepted({ txStart: 'EVConnected', txStop: 'EVConnected' });
    const { peer, station } = test;
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    await events(peer, 2);
    await allAnswered(test);
    await station.disconnectWebsocket();
    station.onChargingStateChanged(1, 'Charging');
    station.onSessionFinished(1, 1);
    // A second session while offline: the token is known from the cache (LocalAuthorizeOffline).
    station.onSessionStarted(1, 1);
    const offline = await station.presentToken(TAG, 1);
    assert.equal(offline.result, 'authorized');
    const back = peer.nextClient();
    station.connectWebsocket();
    await back;
    const all = await events(peer, 6);
    assert.deepEqual(all, [
      '0 Started CablePluggedIn',
      '1 Updated Authorized',
      '2 Updated ChargingStateChanged',
      '3 Ended EVCommunicationLost EVDisconnected',
      '0 Started CablePluggedIn',
      '1 Updated Authorized',
    ]);
    assert.deepEqual(transactionEvents(peer).map((e: any) => e.offline === true), [false, false, true, true, true, true]);
    assert.equal(peer.callsOf('Authorize').length, 1, 'the cache answered offline');
  });
});

describe('E01 every TxStartPoint, through the station', () => {
  const signed = (station: { clock: { now(): Date } }) => ({
    timestamp: station.clock.now().toISOString(),
    sampledValue: [{ value: 100, signedMeterValue: { signedMeterData: 'c2lnbmVk', signingMethod: 'ECDSA', encodingMethod: 'OCMF', publicKey: '' } }],
  });
  const cases: [string, string, (station: any) => Promise<void> | void][] = [
    ['ParkingBayOccupancy', '0 Started EVDetected', (station) => station.onParkingBayOccupancy(1, true)],
    ['EVConnected', '0 Started CablePluggedIn', (station) => station.onSessionStarted(1, 1)],
    ['Authorized', '0 Started Authorized', (station) => station.presentToken(TAG, 1)],
    ['DataSigned', '0 Started SignedDataReceived', (station) => station.onMeterValue(1, signed(station))],
    ['PowerPathClosed', '0 Started Authorized', async (station) => {
      station.onSessionStarted(1, 1);
      await station.presentToken(TAG, 1);
    }],
    ['EnergyTransfer', '0 Started ChargingStateChanged', async (station) => {
      station.onSessionStarted(1, 1);
      await station.presentToken(TAG, 1);
      station.onChargingStateChanged(1, 'Charging');
    }],
  ];
  for (const [point, first, act] of cases) {
    it(`E01 TxStartPoint ${point}`, async () => {
      const { peer, station } = await accepted({ txStart: point, txStop: 'EVConnected' });
      await act(station);
      assert.equal((await events(peer, 1))[0], first);
    });
  }

  it('the seed\'s on_transaction_started starts one whatever TxStartPoint says', async () => {
    const { peer, station } = await accepted({ txStart: 'EnergyTransfer' });
    const transactionId = station.onTransactionStarted(1, 1, 'CablePluggedIn', TAG);
    assert.equal(station.getEvseTransactionId(1), transactionId);
    assert.deepEqual(await events(peer, 1), ['0 Started CablePluggedIn']);
    assert.deepEqual(transactionEvents(peer)[0].idToken, TAG);
  });
});
