// L01.FR.06/07/34 end to end: an update whose installation meets a running transaction waits for it
// (InstallScheduled), the idle EVSE goes Unavailable at once and the busy one when its EV leaves, then the
// installation runs; with ChargingStation.AllowNewSessionsPendingFirmwareUpdate true the idle EVSE stays usable.
// ocpp-rpc's strict RPCServer as the CSMS, the image on a node:http server on loopback, the simulator's host.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedFirmwareHost } from '../../../src/simulator/simulated-firmware.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
const image = Buffer.alloc(20_000, 7);
let server: Server;
let location: string;
const TAG = { idToken: 'DRIVER-L01', type: 'ISO14443' as const };

before(async () => {
  server = createServer((_request, response) => response.writeHead(200, { 'content-length': image.length }).end(image));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  location = `http://127.0.0.1:${(server.address() as AddressInfo).port}/station-3.0.0.bin`;
});
after(() => new Promise((resolve) => server.close(resolve)));
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function busyStation(stationId: string, allowNewSessions?: boolean) {
  const peer = await CsmsPeer.start({
    handlers: {
      ...acceptingCsms(24 * 3600),
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      TransactionEvent: (payload: { idToken?: unknown }) => (payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}),
      MeterValues: () => ({}),
    },
  });
  open.push(peer);
  const clock = new FakeClock(new Date());
  const firmware = new SimulatedFirmwareHost({ clock, maxBytes: 1024 * 1024, downloadTimeoutMs: 10_000, stallTimeoutMs: 2000, installSeconds: 5, installVersion: () => undefined });
  const variables: Record<string, Record<string, string>> = { TxCtrlr: { TxStartPoint: 'PowerPathClosed', TxStopPoint: 'EVConnected,Authorized' } };
  if (allowNewSessions !== undefined) variables.ChargingStation = { AllowNewSessionsPendingFirmwareUpdate: String(allowNewSessions) };
  const evses = [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 },
  ];
  const test = await startAcceptedStation(peer, open, { stationId, clock, firmware, config: { evses, variables } });
  const mine = (action: string) => peer.callsOf(action).filter((call) => call.identity === stationId);
  const firmwareStatuses = () => mine('FirmwareStatusNotification').map((call) => String(call.payload.status));
  const connectorStatuses = () => mine('StatusNotification').map((call) => `${call.payload.evseId}:${call.payload.connectorStatus}`);
  // A transaction runs on EVSE 1.
  test.station.onSessionStarted(1, 1);
  assert.equal((await test.station.presentToken(TAG, 1)).result, 'authorized');
  await waitFor(() => mine('TransactionEvent').length === 1, 'the transaction to start');
  const before = connectorStatuses().length;
  const statusesSince = () => connectorStatuses().slice(before);
  return { ...test, clock, firmwareStatuses, statusesSince, mine };
}

describe('L01 installation pending transactions', () => {
  it('L01.FR.06/07/34 waits for the transaction with InstallScheduled; the idle EVSE Unavailable at once, the busy one when its EV leaves', async () => {
    const { client, station, clock, firmwareStatuses, statusesSince } = await busyStation('CS-L01-PENDING');
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 21, firmware: { location, retrieveDateTime: clock.now().toISOString() } }), { status: 'Accepted' });
    await waitFor(() => firmwareStatuses().includes('InstallScheduled'), 'InstallScheduled');
    assert.deepEqual(firmwareStatuses(), ['Downloading', 'Downloaded', 'InstallScheduled']);
    await waitFor(() => statusesSince().includes('2:Unavailable'), 'EVSE 2 Unavailable');
    assert.equal(station.connectorStatus(1, 1), 'Occupied');
    // A driver on the closed EVSE gets no transaction.
    station.onSessionStarted(2, 1);
    await station.presentToken(TAG, 2);
    assert.equal(station.getEvseTransactionId(2), undefined);
    assert.equal(station.connectorStatus(2, 1), 'Unavailable');
    station.onSessionFinished(2, 1);

    station.onSessionFinished(1, 1); // the transaction ends, the EV leaves
    await waitFor(() => firmwareStatuses().includes('Installing'), 'Installing once the transaction ended');
    await waitFor(() => statusesSince().includes('1:Unavailable'), 'EVSE 1 Unavailable after its EV left');
    assert.ok(!statusesSince().includes('1:Available'), 'EVSE 1 never offered to a new driver');
    await clock.advance(5_000);
    await waitFor(() => firmwareStatuses().includes('InstallRebooting'), 'InstallRebooting');
  });

  it('L01.FR.07 AllowNewSessionsPendingFirmwareUpdate true: the idle EVSE stays Available while the installation waits', async () => {
    const { client, station, clock, firmwareStatuses, statusesSince } = await busyStation('CS-L01-ALLOW', true);
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 22, firmware: { location, retrieveDateTime: clock.now().toISOString() } }), { status: 'Accepted' });
    await waitFor(() => firmwareStatuses().includes('InstallScheduled'), 'InstallScheduled');
    assert.equal(station.connectorStatus(2, 1), 'Available');
    assert.deepEqual(statusesSince(), []);
    station.onSessionFinished(1, 1);
    await waitFor(() => firmwareStatuses().includes('Installing'), 'Installing once the transaction ended');
  });
});
