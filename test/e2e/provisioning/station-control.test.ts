// B09–B12 and F06, P01/P02, N07, A04 end to end against ocpp-rpc's strict RPCServer: Reset through the host,
// network profiles that drive the transport, TriggerMessage, DataTransfer both ways, NotifyEvent and security
// events.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type TestStationOptions } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function accepted(options: Partial<TestStationOptions> = {}, handlers: Record<string, any> = {}) {
  const peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(), ...handlers } });
  open.push(peer);
  return startAcceptedStation(peer, open, { stationId: 'CS-CTL', ...options });
}

describe('B11/B12 Reset', () => {
  it('B11.FR.01/03 accepts a station reset and has the host perform it after the response', async () => {
    const { client, resets, station } = await accepted();
    // How many resets the host had performed when the station sent its ResetResponse.
    let resetsWhenAnswered: number | undefined;
    station.events.on('frame', ({ direction, text }) => {
      const frame = JSON.parse(text) as unknown[];
      if (direction === 'out' && frame[0] === 3 && (frame[2] as { status?: string }).status === 'Accepted') resetsWhenAnswered ??= resets.length;
    });
    assert.deepEqual(await client.call('Reset', { type: 'Immediate' }), { status: 'Accepted' });
    await waitFor(() => resets.length === 1, 'the host reset');
    assert.deepEqual(resets, [{ type: 'Immediate' }]);
    assert.equal(resetsWhenAnswered, 0, 'the response went out before the host reset');
  });

  it('B11.FR.09 rejects a reset of one EVSE when the host cannot do that', async () => {
    const { client, resets } = await accepted({ supportsEvseReset: false });
    const response = await client.call('Reset', { type: 'OnIdle', evseId: 1 });
    assert.equal(response.status, 'Rejected');
    assert.equal(resets.length, 0);
  });

  it('B11.FR.08 resets one EVSE when the host can, and rejects an unknown EVSE', async () => {
    const { client, resets } = await accepted({ supportsEvseReset: true });
    assert.equal((await client.call('Reset', { type: 'OnIdle', evseId: 1 })).status, 'Accepted');
    await waitFor(() => resets.length === 1, 'the EVSE reset');
    assert.deepEqual(resets, [{ type: 'OnIdle', evseId: 1 }]);
    const unknown = await client.call('Reset', { type: 'OnIdle', evseId: 5 });
    assert.deepEqual([unknown.status, unknown.statusInfo?.reasonCode], ['Rejected', 'UnknownEvse']);
  });

  it('B11.FR.06 rejects a reset the host does not allow now', async () => {
    const { client, resets } = await accepted({ resetAllowed: false });
    assert.equal((await client.call('Reset', { type: 'Immediate' })).status, 'Rejected');
    assert.equal(resets.length, 0);
  });
});

describe('B09/B10 network connection profiles', () => {
  it('B09.FR.01 stores a profile in its slot (read back without its scheme, as the seed does); after a priority change the station connects through it', async () => {
    const { client, station } = await accepted();
    const second = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(second);
    const profile = {
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppCsmsUrl: second.url,
      messageTimeout: 30,
      securityProfile: 1,
      ocppInterface: 'Wired1',
    };
    assert.deepEqual(await client.call('SetNetworkProfile', { configurationSlot: 2, connectionData: profile }), { status: 'Accepted' });
    assert.match(second.url, /^ws:\/\//);
    assert.deepEqual(
      station.getNetworkConnectionProfile(2),
      { ...profile, ocppCsmsUrl: second.url.slice('ws://'.length) },
      'seed get_network_connection_profile: the URL without ws:// (issue 10 item 10)',
    );

    const set = await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' }],
    });
    assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
    assert.deepEqual(station.getNetworkConnectionSlots(), [2, 1]);
    assert.equal(station.getPriorityFromConfigurationSlot(1), 1);
    assert.equal(station.getPriorityFromConfigurationSlot(4), undefined);

    const moved = second.nextClient();
    station.connectWebsocket(2);
    assert.equal((await moved).identity, 'CS-CTL');
  });

  it('B09.FR.05 rejects a slot NetworkConfigurationPriority does not offer, B09.FR.02 an unusable profile', async () => {
    const { client, station } = await accepted();
    const profile = {
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppCsmsUrl: 'ws://127.0.0.1:1/ocpp',
      messageTimeout: 30,
      securityProfile: 1,
      ocppInterface: 'Wired0',
    };
    const badSlot = await client.call('SetNetworkProfile', { configurationSlot: 9, connectionData: profile });
    assert.equal(badSlot.status, 'Rejected');
    const soap = await client.call('SetNetworkProfile', { configurationSlot: 3, connectionData: { ...profile, ocppTransport: 'SOAP' } });
    assert.equal(soap.status, 'Rejected');
    const http = await client.call('SetNetworkProfile', { configurationSlot: 3, connectionData: { ...profile, ocppCsmsUrl: 'http://x/ocpp' } });
    assert.equal(http.status, 'Rejected');
    assert.equal(station.getNetworkConnectionProfile(3), undefined);
  });
});

describe('F06 TriggerMessage', () => {
  it('F06.FR.04/05 answers first, then sends the Heartbeat', async () => {
    const { client, peer } = await accepted();
    const before = client.inbound.length;
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'Heartbeat' }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('Heartbeat').length === 1, 'the triggered heartbeat');
    // Boot-time messages may still be on their way; what matters is the response before the Heartbeat.
    const frames = client.inbound.slice(before).map((text) => JSON.parse(text) as unknown[]);
    const response = frames.findIndex((frame) => frame[0] === 3);
    const heartbeat = frames.findIndex((frame) => frame[0] === 2 && frame[2] === 'Heartbeat');
    assert.ok(response >= 0 && response < heartbeat, 'the TriggerMessageResponse came first');
  });

  it('F06.FR.12/13 sends a StatusNotification for the connector asked for, and rejects one without a connector', async () => {
    const { client, peer } = await accepted();
    const seen = peer.callsOf('StatusNotification').length;
    assert.deepEqual(
      await client.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } }),
      { status: 'Accepted' },
    );
    await waitFor(() => peer.callsOf('StatusNotification').length === seen + 1, 'the triggered StatusNotification');
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 1 } }), { status: 'Rejected' });
    assert.deepEqual(
      await client.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 3, connectorId: 1 } }),
      { status: 'Rejected' },
    );
  });

  it('F06.FR.15/16 reports Idle log and firmware status; F06.FR.08 answers NotImplemented for what no block sends', async () => {
    const { client, peer } = await accepted();
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' })).status, 'Accepted');
    await waitFor(() => peer.callsOf('FirmwareStatusNotification').length === 1, 'the firmware status');
    assert.equal(peer.callsOf('LogStatusNotification')[0]!.payload.status, 'Idle');
    assert.equal(peer.callsOf('FirmwareStatusNotification')[0]!.payload.status, 'Idle');
    // SignCombinedCertificate: the station keeps separate CSMS and V2G certificates, so nothing sends it.
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignCombinedCertificate' }), {
      status: 'NotImplemented',
    });
  });
});

describe('P01/P02 DataTransfer', () => {
  it('P02.FR.06 answers UnknownVendorId without a handler, and the handler answer with one', async () => {
    const { client, station } = await accepted();
    assert.deepEqual(await client.call('DataTransfer', { vendorId: 'com.example' }), { status: 'UnknownVendorId' });
    station.registerDataTransferHandler('com.example', (request) =>
      request.messageId === 'ping' ? { status: 'Accepted', data: 'pong' } : { status: 'UnknownMessageId' },
    );
    assert.deepEqual(await client.call('DataTransfer', { vendorId: 'com.example', messageId: 'ping' }), {
      status: 'Accepted',
      data: 'pong',
    });
    assert.deepEqual(await client.call('DataTransfer', { vendorId: 'com.example', messageId: 'x' }), { status: 'UnknownMessageId' });
  });

  it('P01 returns the CSMS answer, or undefined when the CSMS has no answer for it or the station is offline', async () => {
    const { station } = await accepted({}, { DataTransfer: (payload: any) => ({ status: 'Accepted', data: { echo: payload.data } }) });
    assert.deepEqual(await station.dataTransferReq('com.example', 'hello', { n: 1 }), { status: 'Accepted', data: { echo: { n: 1 } } });
    assert.deepEqual(await station.dataTransferReq({ vendorId: 'com.example' }), { status: 'Accepted', data: {} });
    await station.disconnectWebsocket();
    assert.equal(await station.dataTransferReq('com.example'), undefined);
  });
});

describe('events', () => {
  it('N07 sends what onEvent reports as NotifyEvent', async () => {
    const { peer, station } = await accepted();
    await station.onEvent([
      {
        eventId: 1,
        timestamp: new Date().toISOString(),
        trigger: 'Alerting',
        actualValue: 'true',
        eventNotificationType: 'HardWiredNotification',
        component: { name: 'ChargingStation' },
        variable: { name: 'Problem' },
      },
    ]);
    const [notify] = peer.callsOf('NotifyEvent');
    assert.deepEqual([notify!.payload.seqNo, notify!.payload.tbc, notify!.payload.eventData[0].eventId], [0, false, 1]);
  });

  it('A04.FR.01/04 sends a critical security event and only logs one that is not', async () => {
    const { peer, station, client } = await accepted();
    await waitFor(() => peer.callsOf('SecurityEventNotification').length === 1, 'StartupOfTheDevice');
    station.onSecurityEvent('TamperDetectionActivated', 'lid opened');
    station.onSecurityEvent('ReconfigurationOfSecurityParameters');
    await waitFor(() => peer.callsOf('SecurityEventNotification').length === 2, 'the tamper event');
    assert.equal(peer.callsOf('SecurityEventNotification')[1]!.payload.techInfo, 'lid opened');
    client.sendRaw('[2, "bad-1", "Reset", {"type": "Sometimes"}]');
    await waitFor(() => client.inbound.some((text) => text.includes('bad-1')), 'the CALLERROR');
    assert.equal(peer.callsOf('SecurityEventNotification').length, 2, 'InvalidMessages is not critical');
  });
});
