// What the integrator hears on station.events, end to end against ocpp-rpc's strict RPCServer: the connection
// and the registration, each transaction's start, updates and end with its EVSE, token and reasons, token
// validations, connector statuses, charging limits, security events, variable changes and every frame.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, createTestStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import type { StationEvents } from '../../../src/blocks/shared/station-events.js';
import type { ChargingStation } from '../../../src/station/charging-station.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const TAG = { idToken: 'EVENTS-001', type: 'ISO14443' as const };

type Heard = { [K in keyof StationEvents]?: StationEvents[K][] };

/** Records every event of the names given, in order. */
function record<K extends keyof StationEvents>(station: ChargingStation, names: readonly K[]): Heard {
  const heard: Heard = {};
  for (const name of names) {
    const list: StationEvents[K][] = [];
    (heard as Record<K, StationEvents[K][]>)[name] = list;
    station.events.on(name, (event) => list.push(event));
  }
  return heard;
}

async function started(peer: CsmsPeer, stationId: string, variables: Record<string, Record<string, string>> = {}) {
  const test = createTestStation(peer, { stationId, config: { variables } });
  open.push({ close: () => test.station.stop() });
  const heard = record(test.station, [
    'connectionChanged',
    'registrationChanged',
    'transactionStarted',
    'transactionUpdated',
    'transactionEnded',
    'transactionEventDelivered',
    'transactionEventDropped',
    'tokenValidated',
    'connectorStatusChanged',
    'chargingLimitChanged',
    'securityEvent',
    'variableChanged',
    'frame',
  ]);
  const client = peer.nextClient();
  test.station.start();
  const connected = await client;
  await waitFor(() => (heard.registrationChanged ?? []).length > 0, 'the registration');
  return { ...test, heard, client: connected };
}

describe('station.events', () => {
  it('connectionChanged open, registrationChanged Accepted, securityEvent StartupOfTheDevice, and every frame both ways', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const { heard } = await started(peer, 'CS-EVENTS-BOOT');
    const connection = heard.connectionChanged!;
    assert.deepEqual(connection.map((event) => event.state), ['connecting', 'open']);
    assert.deepEqual(connection[0], { state: 'connecting', slot: 1, url: `${peer.url}/CS-EVENTS-BOOT`, attempt: 1 });
    assert.deepEqual(connection[1], { state: 'open', slot: 1, url: `${peer.url}/CS-EVENTS-BOOT`, securityProfile: 1 });
    assert.deepEqual(heard.registrationChanged, [{ status: 'Accepted' }]);
    assert.deepEqual(
      heard.securityEvent!.map((event) => [event.type, event.critical]),
      [['StartupOfTheDevice', true]],
    );
    const frames = heard.frame!;
    assert.equal(frames[0]!.direction, 'out');
    assert.match(frames[0]!.text, /^\[2,"[^"]+","BootNotification",/);
    assert.ok(frames.some((frame) => frame.direction === 'in' && frame.text.startsWith('[3,')));
  });

  it('a session: tokenValidated, transactionStarted / Updated / Ended with EVSE, token and reasons, each event delivered, connector statuses', async () => {
    const peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
        TransactionEvent: () => ({}),
      },
    });
    open.push(peer);
    const { station, heard } = await started(peer, 'CS-EVENTS-TX', { TxCtrlr: { TxStartPoint: 'EVConnected', TxStopPoint: 'EVConnected' } });
    station.onSessionStarted(1, 1);
    await station.presentToken(TAG, 1);
    station.onChargingStateChanged(1, 'Charging');
    station.onSessionFinished(1, 1);

    const [begun] = heard.transactionStarted!;
    assert.ok(begun);
    assert.deepEqual(
      { evseId: begun.evseId, connectorId: begun.connectorId, triggerReason: begun.triggerReason, idToken: begun.idToken },
      { evseId: 1, connectorId: 1, triggerReason: 'CablePluggedIn', idToken: undefined },
    );
    assert.deepEqual(heard.tokenValidated, [{ idToken: TAG, idTokenInfo: { status: 'Accepted' } }]);
    const updates = heard.transactionUpdated!;
    assert.deepEqual(updates.map((event) => event.triggerReason), ['Authorized', 'ChargingStateChanged']);
    assert.deepEqual(updates[0]!.idToken, TAG, 'the token is known once authorized');
    assert.equal(updates[1]!.chargingState, 'Charging');
    assert.ok(updates.every((event) => event.transactionId === begun.transactionId));
    const [ended] = heard.transactionEnded!;
    assert.deepEqual(
      { id: ended!.transactionId, evseId: ended!.evseId, triggerReason: ended!.triggerReason, stoppedReason: ended!.stoppedReason, idToken: ended!.idToken },
      { id: begun.transactionId, evseId: 1, triggerReason: 'EVCommunicationLost', stoppedReason: 'EVDisconnected', idToken: TAG },
    );
    assert.equal(station.getEvseTransactionId(1), undefined);
    await waitFor(() => heard.transactionEventDelivered!.length === 4, 'the CSMS answering all four events');
    assert.deepEqual(
      heard.transactionEventDelivered!.map((message) => [message.transactionId, message.seqNo, message.eventType, message.restored]),
      [0, 1, 2, 3].map((seqNo) => [begun.transactionId, seqNo, ['Started', 'Updated', 'Updated', 'Ended'][seqNo], false]),
    );
    assert.deepEqual(
      heard.connectorStatusChanged!.map((change) => [change.evseId, change.connectorId, change.previous, change.status]),
      [
        [1, 1, 'Available', 'Occupied'],
        [1, 1, 'Occupied', 'Available'],
      ],
    );
  });

  it('E13 transactionEventDropped when the CSMS refuses a TransactionEvent MessageAttempts times', async () => {
    const peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        TransactionEvent: () => {
          throw new Error('the CSMS cannot take it');
        },
      },
    });
    open.push(peer);
    const { station, heard, clock } = await started(peer, 'CS-EVENTS-DROPPED', { TxCtrlr: { TxStartPoint: 'EVConnected' } });
    station.onSessionStarted(1, 1);
    const attempts = Number(
      station.getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' } }])[0]!.attributeValue,
    );
    for (let attempt = 1; attempt <= attempts && heard.transactionEventDropped!.length === 0; attempt++) {
      await waitFor(() => peer.callsOf('TransactionEvent').length >= attempt, `attempt ${attempt}`);
      await clock.advance(60_000 * attempt);
    }
    await waitFor(() => heard.transactionEventDropped!.length === 1, 'the event given up');
    const [dropped] = heard.transactionEventDropped!;
    assert.deepEqual(
      { seqNo: dropped!.seqNo, eventType: dropped!.eventType, reason: dropped!.reason, restored: dropped!.restored },
      { seqNo: 0, eventType: 'Started', reason: 'attempts-exhausted', restored: false },
    );
    assert.equal(peer.callsOf('TransactionEvent').length, attempts);
    assert.deepEqual(heard.transactionEventDelivered, []);
  });

  it('variableChanged for a SetVariables of the CSMS, chargingLimitChanged for its profile', async () => {
    const peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(), ReportChargingProfiles: () => ({}) } });
    open.push(peer);
    const { station, heard, client } = await started(peer, 'CS-EVENTS-VARS');
    await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '333' }],
    });
    const change = heard.variableChanged!.find((event) => event.variable.name === 'OfflineThreshold');
    assert.deepEqual(
      change && { component: change.component.name, value: change.value, source: change.source },
      { component: 'OCPPCommCtrlr', value: '333', source: 'csms' },
    );
    const now = station.clock.now();
    const set = await client.call('SetChargingProfile', {
      evseId: 0,
      chargingProfile: {
        id: 7,
        stackLevel: 1,
        chargingProfilePurpose: 'ChargingStationMaxProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: [
          {
            id: 1,
            startSchedule: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
            chargingRateUnit: 'A',
            chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }],
          },
        ],
      },
    });
    assert.equal(set.status, 'Accepted');
    const limit = heard.chargingLimitChanged!.at(-1)!;
    assert.deepEqual([limit.evseId, limit.limit.amps, limit.limit], [1, 10, station.chargingLimit(1)]);
  });

  it('connectionChanged closed when the CSMS drops the connection, reconnecting with the back-off, then connecting and open again', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const { station, heard, client, clock } = await started(peer, 'CS-EVENTS-DROP');
    const again = peer.nextClient();
    await client.close({ code: 1011, force: true });
    await waitFor(() => heard.connectionChanged!.some((event) => event.state === 'reconnecting'), 'the wait before reconnecting');
    const closed = heard.connectionChanged!.find((event) => event.state === 'closed');
    assert.deepEqual(closed && { willReconnect: closed.willReconnect }, { willReconnect: true });
    // Just the back-off: the next attempt starts, and its handshake (timed by the same clock) has all the time it needs.
    const wait = heard.connectionChanged!.find((event) => event.state === 'reconnecting') as { delayMs: number };
    await clock.advance(wait.delayMs);
    await again;
    await waitFor(() => heard.connectionChanged!.at(-1)!.state === 'open', 'the connection open again');
    const afterBoot = heard.connectionChanged!.slice(2);
    assert.deepEqual(afterBoot.map((event) => event.state), ['closed', 'reconnecting', 'connecting', 'open']);
    // With no randomness the first wait is RetryBackOffWaitMinimum; the reconnection is attempt 1 of its own.
    const waitMinimum = Number(
      station.getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' } }])[0]!.attributeValue,
    );
    assert.deepEqual(afterBoot[1], { state: 'reconnecting', attempt: 1, delayMs: waitMinimum * 1000 });
    assert.equal((afterBoot[2] as { attempt: number }).attempt, 1);
  });

  it('connectionChanged failed with the reason when the CSMS refuses the password (HTTP 401), and the security event', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms(), authorize: () => false });
    open.push(peer);
    const test = createTestStation(peer, { stationId: 'CS-EVENTS-401' });
    open.push({ close: () => test.station.stop() });
    const heard = record(test.station, ['connectionChanged', 'securityEvent']);
    test.station.start();
    await waitFor(() => heard.connectionChanged!.some((event) => event.state === 'failed'), 'a failed attempt');
    const failed = heard.connectionChanged!.find((event) => event.state === 'failed');
    assert.ok(failed && failed.state === 'failed');
    assert.equal(failed.statusCode, 401);
    assert.match(failed.reason, /401/);
    assert.ok(heard.securityEvent!.some((event) => event.type === 'FailedToAuthenticationAtCsms'));
    await waitFor(() => heard.connectionChanged!.length >= 3, 'the wait before the next attempt');
    assert.deepEqual(heard.connectionChanged!.slice(0, 3).map((event) => event.state), ['connecting', 'failed', 'reconnecting']);
    assert.equal((heard.connectionChanged![2] as { attempt: number }).attempt, 2, 'the next attempt is the second');
    await test.clock.advance((heard.connectionChanged![2] as { delayMs: number }).delayMs);
    await waitFor(() => heard.connectionChanged!.length >= 4, 'the second attempt');
    assert.deepEqual(heard.connectionChanged![3], { state: 'connecting', slot: 1, url: `${peer.url}/CS-EVENTS-401`, attempt: 2 });
  });
});
