// L01/L02 Secure firmware update end to end: ocpp-rpc's strict RPCServer as the CSMS, the image on a node:http
// server on loopback, signed with an openssl-made manufacturer key, downloaded for real by the simulator's
// FirmwareHost (src/transfer), installed on the fake clock, the reboot asked for with reason FirmwareUpdate, and
// the restart on the same SQLite file reporting Installed.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedFirmwareHost } from '../../../src/simulator/simulated-firmware.js';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { createOpensslCa, openssl, type OpensslCa } from '../../support/openssl-ca.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let dir: string;
let server: Server;
let base: string;
let maker: OpensslCa;
let stranger: OpensslCa;
let signing: { certificate: string; signature: string };
const image = Buffer.alloc(150_000, 5);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-l01-'));
  [maker, stranger] = await Promise.all([
    createOpensslCa({ days: 30, subject: '/O=Maker/CN=Manufacturer Root' }),
    createOpensslCa({ days: 30, subject: '/O=Other/CN=Other Root' }),
  ]);
  const path = (name: string) => join(dir, name);
  await Promise.all([writeFile(path('image.bin'), image), writeFile(path('root.pem'), maker.cert), writeFile(path('root.key'), maker.key)]);
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path('signer.key'), '-out', path('signer.csr'), '-subj', '/O=Maker/CN=Firmware Signer']);
  await openssl(['x509', '-req', '-in', path('signer.csr'), '-CA', path('root.pem'), '-CAkey', path('root.key'), '-days', '10', '-out', path('signer.pem')]);
  await openssl(['dgst', '-sha256', '-sign', path('signer.key'), '-out', path('image.sig'), path('image.bin')]);
  signing = { certificate: await readFile(path('signer.pem'), 'utf8'), signature: (await readFile(path('image.sig'))).toString('base64') };
  server = createServer((request, response) => {
    if (request.url === '/station-2.0.0.bin') response.writeHead(200, { 'content-length': image.length }).end(image);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function station(stationId: string, extra: { database?: string; clock?: FakeClock; peer?: CsmsPeer } = {}) {
  const peer = extra.peer ?? (await CsmsPeer.start({ handlers: acceptingCsms(24 * 3600) }));
  if (extra.peer === undefined) open.push(peer);
  const versions: string[] = [];
  const clock = extra.clock ?? new FakeClock(new Date());
  const firmware = new SimulatedFirmwareHost({
    clock,
    maxBytes: 1024 * 1024,
    downloadTimeoutMs: 10_000,
    stallTimeoutMs: 2000,
    installSeconds: 20,
    installVersion: (version) => versions.push(version),
  });
  const test = await startAcceptedStation(peer, open, {
    stationId,
    clock,
    firmware,
    ...(extra.database ? { stores: sqliteStationStores(extra.database) } : {}),
  });
  const statuses = () => peer.callsOf('FirmwareStatusNotification').filter((call) => call.identity === stationId).map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);
  return { ...test, versions, statuses };
}

describe('L01 secure firmware update', () => {
  it('L01.FR.01/04/10/15/28/31 a signed image: the whole sequence, the reboot with FirmwareUpdate, Installed after the restart', async () => {
    const database = join(dir, 'l01.db');
    const first = await station('CS-L01-1', { database });
    const { client, peer, clock } = first;
    assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: maker.cert }), { status: 'Accepted' });
    const request = {
      requestId: 11,
      firmware: { location: `${base}/station-2.0.0.bin`, retrieveDateTime: clock.now().toISOString(), signingCertificate: signing.certificate, signature: signing.signature },
    };
    assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
    await waitFor(() => first.statuses().includes('Installing:11'), 'Installing');
    assert.deepEqual(first.statuses(), ['Downloading:11', 'Downloaded:11', 'SignatureVerified:11', 'Installing:11']);
    await clock.advance(20_000);
    await waitFor(() => first.bootReasons.length === 1, 'the reboot');
    assert.deepEqual(first.bootReasons, ['FirmwareUpdate']);
    assert.deepEqual(first.versions, ['station-2.0.0']);
    assert.equal(first.statuses().at(-1), 'InstallRebooting:11');
    // L01.FR.26: the last status sent, on request.
    await client.call('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' });
    await waitFor(() => first.statuses().length === 6, 'the triggered status');
    assert.equal(first.statuses()[5], 'InstallRebooting:11');
    await first.station.stop();

    const second = await station('CS-L01-1', { database, clock: new FakeClock(clock.now()), peer });
    await waitFor(() => second.statuses().includes('Installed:11'), 'Installed after the restart');
    await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.payload.type === 'FirmwareUpdated'), 'FirmwareUpdated');
    // L01.FR.25: after Installed a trigger says Idle.
    await second.client.call('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' });
    await waitFor(() => second.statuses().at(-1) === 'Idle:-', 'Idle');
  });

  it('L01.FR.21/22/02 a signing certificate from another PKI: InvalidCertificate with InvalidFirmwareSigningCertificate, nothing downloaded', async () => {
    const { client, peer, clock, statuses } = await station('CS-L01-2');
    await client.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: stranger.cert });
    const answer = await client.call('UpdateFirmware', {
      requestId: 12,
      firmware: { location: `${base}/station-2.0.0.bin`, retrieveDateTime: clock.now().toISOString(), signingCertificate: signing.certificate, signature: signing.signature },
    });
    assert.equal(answer.status, 'InvalidCertificate');
    await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.payload.type === 'InvalidFirmwareSigningCertificate'), 'the security event');
    assert.deepEqual(statuses(), []);
  });

  it('L01.FR.03 a wrong signature: InvalidSignature with InvalidFirmwareSignature; L01.FR.24 a new request cancels a scheduled one', async () => {
    const { client, peer, clock, statuses, station: cs } = await station('CS-L01-3');
    await client.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: maker.cert });
    const later = new Date(clock.now().getTime() + 3600_000).toISOString();
    const withUser = `${base}/station-2.0.0.bin`.replace('http://', 'http://maker:secret@');
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 13, firmware: { location: withUser, retrieveDateTime: later } }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('DownloadScheduled:13'), 'DownloadScheduled');
    assert.deepEqual(cs.firmwareStatus(), {
      lastStatus: 'DownloadScheduled',
      lastRequestId: 13,
      update: { requestId: 13, phase: 'download-scheduled', location: `${base}/station-2.0.0.bin`, failedAttempts: 0 },
    });
    const wrong = Buffer.from(signing.signature, 'base64');
    wrong[10] = wrong[10]! ^ 0xff;
    const answer = await client.call('UpdateFirmware', {
      requestId: 14,
      firmware: { location: `${base}/station-2.0.0.bin`, retrieveDateTime: clock.now().toISOString(), signingCertificate: signing.certificate, signature: wrong.toString('base64') },
    });
    assert.deepEqual(answer, { status: 'AcceptedCanceled' });
    await waitFor(() => statuses().includes('InvalidSignature:14'), 'InvalidSignature');
    assert.deepEqual(statuses(), ['DownloadScheduled:13', 'DownloadFailed:13', 'Downloading:14', 'Downloaded:14', 'InvalidSignature:14']);
    await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.payload.type === 'InvalidFirmwareSignature'), 'the security event');
  });

  it('L01.FR.30 a missing image: DownloadFailed after the retries, retryInterval apart', async () => {
    const { client, clock, statuses } = await station('CS-L01-4');
    const request = { requestId: 15, retries: 1, retryInterval: 30, firmware: { location: `${base}/missing.bin`, retrieveDateTime: clock.now().toISOString() } };
    assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
    await waitFor(() => statuses().length === 1, 'the first attempt');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 404 comes back over the socket
    await clock.advance(30_000);
    await waitFor(() => statuses().includes('DownloadFailed:15'), 'DownloadFailed');
    assert.deepEqual(statuses(), ['Downloading:15', 'Downloading:15', 'DownloadFailed:15']);
  });
});
