// ChangeAvailability end to end against ocpp-rpc's strict RPCServer: an OcppLink carrying the Availability block.
// The CSMS makes an EVSE Inoperative and Operative again and sees the StatusNotifications that follow each answer.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Availability } from '../../../src/blocks/availability/availability.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { evseComponent } from '../../../src/device-model/standardized/index.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import { stationLayout } from '../../../src/blocks/shared/station-layout.js';
import { MemoryAvailabilityStore } from '../../../src/storage/memory/memory-availability-store.js';
import { silentLogger } from '../../../src/logger.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { createTestLink } from '../../support/test-link.js';
import { waitFor } from '../../support/wait-for.js';
import { memoryStationModel } from '../../support/station-model.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const CONFIG = parseStationConfig({
  ...DEFAULT_STATION_CONFIG_JSON,
  evses: [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }, { id: 2, type: 'sType2' }], maxPowerW: 22080, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50000, supplyPhases: 0 },
  ],
});

async function acceptedStation() {
  const peer = await CsmsPeer.start({
    handlers: {
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
      StatusNotification: () => ({}),
    },
  });
  open.push(peer);
  const { link, clock } = createTestLink(peer, { stationId: 'CS-AVAILABILITY' });
  open.push(link);
  const model = memoryStationModel(CONFIG, clock, 'CS-AVAILABILITY');
  const availability = new Availability({
    model,
    layout: stationLayout(CONFIG),
    store: new MemoryAvailabilityStore(),
    send: link.send.bind(link),
    clock,
    logger: silentLogger(),
    registrationAccepted: () => link.registrationStatus === 'Accepted',
  });
  link.registerHandlers('availability', availability.handlers());

  const nextClient = peer.nextClient();
  link.connect();
  const client = await nextClient;
  await waitFor(() => link.isConnected, 'the link to connect');
  const boot = await link.send('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'ocpp-station' } });
  link.setRegistrationStatus(boot.status);
  availability.sendAll();
  await waitFor(() => peer.callsOf('StatusNotification').length === 3, 'a StatusNotification per connector (B01.FR.05)');
  return { peer, client, model, availability };
}

const statusesAfter = (peer: CsmsPeer, skip: number) =>
  peer
    .callsOf('StatusNotification')
    .slice(skip)
    .map((call) => [call.payload.evseId, call.payload.connectorId, call.payload.connectorStatus]);

/** Index in the station's frames of the CALLRESULT to `messageId`, and of the first StatusNotification after `from`. */
function frameIndexes(client: PeerClient, from: number) {
  const frames = client.inbound.map((text) => JSON.parse(text) as unknown[]);
  const result = frames.findIndex((frame, index) => index >= from && frame[0] === 3);
  const notification = frames.findIndex((frame, index) => index >= from && frame[0] === 2 && frame[2] === 'StatusNotification');
  return { result, notification };
}

describe('ChangeAvailability over a real socket (G03)', () => {
  it('G03.FR.04/06/07 EVSE Inoperative: Accepted, then Unavailable for its connectors; Operative: Available again', async () => {
    const { peer, client, model, availability } = await acceptedStation();

    let from = client.inbound.length;
    const inoperative = await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } });
    assert.deepEqual(inoperative, { status: 'Accepted' });
    await waitFor(() => peer.callsOf('StatusNotification').length === 5, 'the two Unavailable notifications');
    assert.deepEqual(statusesAfter(peer, 3), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
    ]);
    const first = frameIndexes(client, from);
    assert.ok(first.result >= 0 && first.result < first.notification, 'the response goes out before the StatusNotifications');
    assert.equal(model.value(evseComponent(1).AvailabilityState), 'Unavailable');
    assert.equal(availability.connectorStatus(2, 1), 'Available');

    from = client.inbound.length;
    const operative = await client.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 1 } });
    assert.deepEqual(operative, { status: 'Accepted' });
    await waitFor(() => peer.callsOf('StatusNotification').length === 7, 'the two Available notifications');
    assert.deepEqual(statusesAfter(peer, 5), [
      [1, 1, 'Available'],
      [1, 2, 'Available'],
    ]);
    const second = frameIndexes(client, from);
    assert.ok(second.result >= 0 && second.result < second.notification);
    assert.equal(model.value(evseComponent(1).AvailabilityState), 'Available');
  });

  it('G03.FR.03 / Rejected: the state in force is Accepted without notifications; an unknown EVSE is Rejected with UnknownEvse', async () => {
    const { peer, client } = await acceptedStation();
    assert.deepEqual(await client.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 2 } }), { status: 'Accepted' });
    assert.deepEqual(await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 7 } }), {
      status: 'Rejected',
      statusInfo: { reasonCode: 'UnknownEvse' },
    });
    // A later change proves nothing else was queued meanwhile.
    assert.deepEqual(await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2, connectorId: 1 } }), {
      status: 'Accepted',
    });
    await waitFor(() => peer.callsOf('StatusNotification').length === 4, 'the Unavailable notification');
    assert.deepEqual(statusesAfter(peer, 3), [[2, 1, 'Unavailable']]);
  });
});
