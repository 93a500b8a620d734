// B01–B03 booting, end to end: a ChargingStation against ocpp-rpc's strict RPCServer on loopback.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer, type PeerClient, type PeerHandler } from '../../support/csms-peer.js';
import { acceptingCsms, allAnswered, createTestStation, type TestStationOptions } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { connectorComponent as connectorComponentOf } from '../../../src/device-model/standardized/index.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setUp(handlers: Record<string, PeerHandler>, options: Partial<TestStationOptions> = {}) {
  const peer = await CsmsPeer.start({ handlers });
  open.push(peer);
  const test = createTestStation(peer, { stationId: 'CS-BOOT', ...options });
  open.push({ close: () => test.station.stop() });
  return { peer, ...test };
}

async function started(peer: CsmsPeer, start: () => void): Promise<PeerClient> {
  const client = peer.nextClient();
  start();
  return client;
}

const actions = (peer: CsmsPeer) => peer.calls.map((call) => call.action);

describe('B01 cold boot, Accepted', () => {
  it('B01.FR.01/05/09 sends BootNotification(PowerUp) with the identity, then a StatusNotification per connector', async () => {
    const { peer, station } = await setUp(acceptingCsms(), {
      config: {
        evses: [
          { id: 1, connectors: [{ id: 1, type: 'cType2' }, { id: 2, type: 'sType2' }] },
          { id: 2, connectors: [{ id: 1, type: 'cCCS2' }] },
        ],
      },
    });
    await started(peer, () => station.start());
    await waitFor(() => peer.callsOf('StatusNotification').length === 3, 'three StatusNotifications');
    const [boot] = peer.callsOf('BootNotification');
    assert.deepEqual(boot!.payload, {
      reason: 'PowerUp',
      chargingStation: { vendorName: 'ocpp-station', model: 'Simulator', serialNumber: 'SIM-0001', firmwareVersion: '0.1.0' },
    });
    assert.equal(actions(peer)[0], 'BootNotification');
    assert.deepEqual(
      peer.callsOf('StatusNotification').map((c) => [c.payload.evseId, c.payload.connectorId, c.payload.connectorStatus]),
      [
        [1, 1, 'Available'],
        [1, 2, 'Available'],
        [2, 1, 'Available'],
      ],
    );
    assert.equal(station.registrationStatus, 'Accepted');
  });

  it('B01.FR.04 / G02.FR.02 takes the heartbeat interval from the response and beats at it', async () => {
    const test = await setUp(acceptingCsms(120));
    const { peer, station, clock } = test;
    await started(peer, () => station.start());
    await waitFor(() => peer.callsOf('StatusNotification').length === 1, 'the StatusNotification');
    const result = station.getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }]);
    assert.equal(result[0]!.attributeValue, '120');
    await clock.advance(119_000);
    assert.equal(peer.callsOf('Heartbeat').length, 0);
    await clock.advance(1_000);
    await waitFor(() => peer.callsOf('Heartbeat').length === 1, 'the first heartbeat');
    // Its answer has reached the station, before the FakeClock passes the heartbeat's message timeout.
    await allAnswered(test);
    await clock.advance(120_000);
    await waitFor(() => peer.callsOf('Heartbeat').length === 2, 'the second heartbeat');
  });

  it('B01.FR.06 sets the station clock from the CSMS currentTime when TimeSource lists Heartbeat', async () => {
    const csmsTime = '2031-05-06T07:08:09.000Z';
    const { peer, station } = await setUp({ ...acceptingCsms(), BootNotification: () => ({ currentTime: csmsTime, interval: 300, status: 'Accepted' }) });
    await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Accepted', 'Accepted');
    assert.equal(station.clock.now().toISOString(), csmsTime);
    const [dateTime] = station.getVariables([{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }]);
    assert.equal(dateTime!.attributeValue, csmsTime);
  });

  it('A04.FR.01/02 reports StartupOfTheDevice to the CSMS once Accepted', async () => {
    const { peer, station } = await setUp(acceptingCsms());
    await started(peer, () => station.start());
    await waitFor(() => peer.callsOf('SecurityEventNotification').length === 1, 'the security event');
    assert.equal(peer.callsOf('SecurityEventNotification')[0]!.payload.type, 'StartupOfTheDevice');
  });

  it('does not boot again after a reconnect within the same run', async () => {
    const { peer, station, clock } = await setUp(acceptingCsms());
    const first = await started(peer, () => station.start());
    await waitFor(() => peer.callsOf('StatusNotification').length === 1, 'the StatusNotification');
    const second = peer.nextClient();
    await first.close({ code: 1001, force: true });
    // The station must have seen the close (real I/O) and planned its reconnect before the FakeClock moves.
    await waitFor(() => !station.isConnected, 'the station to see the connection closed');
    await clock.advance(30_000);
    await second;
    await waitFor(() => station.isConnected, 'reconnected');
    assert.equal(peer.callsOf('BootNotification').length, 1);
  });

  it('F06.FR.17 refuses TriggerMessage(BootNotification) once Accepted', async () => {
    const { peer, station } = await setUp(acceptingCsms());
    const client = await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Accepted', 'Accepted');
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'BootNotification' }), { status: 'Rejected' });
  });
});

describe('B02 cold boot, Pending', () => {
  it('B02.FR.01/02/08 answers the CSMS while Pending, sends nothing else, boots again after the interval, then works', async () => {
    let status = 'Pending';
    const { peer, station, clock } = await setUp({
      ...acceptingCsms(),
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 30, status }),
    });
    const client = await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Pending', 'Pending');

    const read = await client.call('GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }],
    });
    assert.equal(read.getVariableResult[0].attributeStatus, 'Accepted');
    await assert.rejects(client.call('Reset', { type: 'Immediate' }), (error: any) => error.rpcErrorCode === 'SecurityError');
    // B02.FR.05
    const remoteStart = await client.call('RequestStartTransaction', { idToken: { idToken: 'TAG1', type: 'ISO14443' }, remoteStartId: 1 });
    assert.deepEqual(remoteStart, { status: 'Rejected', statusInfo: { reasonCode: 'CSNotAccepted' } });
    const remoteStop = await client.call('RequestStopTransaction', { transactionId: 'tx-1' });
    assert.equal(remoteStop.status, 'Rejected');

    await clock.advance(29_000);
    assert.deepEqual(actions(peer), ['BootNotification'], 'nothing but BootNotification while Pending');
    status = 'Accepted';
    await clock.advance(1_000);
    await waitFor(() => station.registrationStatus === 'Accepted', 'Accepted');
    await waitFor(() => peer.callsOf('StatusNotification').length === 1, 'the StatusNotification');
    assert.equal(peer.callsOf('BootNotification').length, 2);
  });

  it('B02.FR.02 sends a TriggerMessage(BootNotification) at once with reason Triggered', async () => {
    const { peer, station } = await setUp({
      ...acceptingCsms(),
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 600, status: 'Pending' }),
    });
    const client = await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Pending', 'Pending');
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'BootNotification' }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('BootNotification').length === 2, 'the triggered boot');
    assert.equal(peer.callsOf('BootNotification')[1]!.payload.reason, 'Triggered');
  });

  it('B02.FR.07 chooses its own wait when the interval is 0', async () => {
    const { peer, station, clock } = await setUp({
      ...acceptingCsms(),
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 0, status: 'Pending' }),
    });
    await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Pending', 'Pending');
    await clock.advance(59_000);
    assert.equal(peer.callsOf('BootNotification').length, 1);
    await clock.advance(1_000);
    await waitFor(() => peer.callsOf('BootNotification').length === 2, 'the second boot');
  });
});

describe('B03 cold boot, Rejected', () => {
  it('B03.FR.02/06/08 answers every CSMS call with SecurityError and boots again only after the interval', async () => {
    const { peer, station, clock } = await setUp({
      ...acceptingCsms(),
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 20, status: 'Rejected' }),
    });
    const client = await started(peer, () => station.start());
    await waitFor(() => station.registrationStatus === 'Rejected', 'Rejected');
    await assert.rejects(
      client.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }] }),
      (error: any) => error.rpcErrorCode === 'SecurityError',
    );
    await assert.rejects(
      client.call('TriggerMessage', { requestedMessage: 'Heartbeat' }),
      (error: any) => error.rpcErrorCode === 'SecurityError',
    );
    await clock.advance(19_000);
    assert.deepEqual(actions(peer), ['BootNotification']);
    await clock.advance(1_000);
    await waitFor(() => peer.callsOf('BootNotification').length === 2, 'the second boot');
    assert.deepEqual(actions(peer), ['BootNotification', 'BootNotification']);
  });
});

describe('B04 offline behaviour of an idle station', () => {
  const connectorStatuses = (peer: CsmsPeer) =>
    peer.callsOf('StatusNotification').map((c) => `${c.payload.evseId}.${c.payload.connectorId}=${c.payload.connectorStatus}`);

  async function acceptedWithTwoConnectors() {
    const test = await setUp(acceptingCsms(), {
      config: { evses: [{ id: 1, connectors: [{ id: 1, type: 'cType2' }, { id: 2, type: 'cType2' }] }] },
    });
    await started(test.peer, () => test.station.start());
    await waitFor(() => test.peer.callsOf('StatusNotification').length === 2, 'the boot StatusNotifications');
    await allAnswered(test);
    return test;
  }

  it('B04.FR.02 after an outage shorter than OfflineThreshold reports only the connectors that changed', async () => {
    const { peer, station, clock } = await acceptedWithTwoConnectors();
    await station.disconnectWebsocket();
    station.deviceModel.set(connectorComponentOf(1, 2).AvailabilityState, 'Unavailable', 'integrator');
    await clock.advance(30_000);
    const back = peer.nextClient();
    station.connectWebsocket();
    await back;
    await waitFor(() => peer.callsOf('StatusNotification').length === 3, 'one more StatusNotification');
    assert.deepEqual(connectorStatuses(peer).slice(2), ['1.2=Unavailable']);
  });

  it('B04.FR.01 after an outage longer than OfflineThreshold reports every connector', async () => {
    const { peer, station, clock } = await acceptedWithTwoConnectors();
    await station.disconnectWebsocket();
    await clock.advance(61_000);
    const back = peer.nextClient();
    station.connectWebsocket();
    await back;
    await waitFor(() => peer.callsOf('StatusNotification').length === 4, 'two more StatusNotifications');
    assert.deepEqual(connectorStatuses(peer).slice(2), ['1.1=Available', '1.2=Available']);
    assert.equal(peer.callsOf('BootNotification').length, 1, 'no new boot');
  });
});
