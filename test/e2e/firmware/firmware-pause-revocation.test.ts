// L01.FR.14 / L02.FR.08 DownloadPaused and the RevokedCertificate answer end to end, with the simulator's
// FirmwareHost: a download paused in the middle (the server holds the body back) reports DownloadPaused, resumes
// with Downloading from the first byte and installs; a download that starts while paused waits; a signing
// certificate whose serial the host holds revoked is answered RevokedCertificate with the security event.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firmwareStation } from '../../support/firmware-station.js';
import { createOpensslCa, openssl, serialOf, type OpensslCa } from '../../support/openssl-ca.js';
import type { Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
const image = Buffer.alloc(30_000, 9);
let dir: string;
let server: Server;
let base: string;
let holdBody = true;
const held: ServerResponse[] = [];
let requests = 0;
let maker: OpensslCa;
let signing: { certificate: string; signature: string; serial: string };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-fw-pause-'));
  maker = await createOpensslCa({ days: 30, subject: '/O=Maker/CN=Manufacturer Root' });
  const path = (name: string) => join(dir, name);
  await Promise.all([writeFile(path('image.bin'), image), writeFile(path('root.pem'), maker.cert), writeFile(path('root.key'), maker.key)]);
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path('signer.key'), '-out', path('signer.csr'), '-subj', '/O=Maker/CN=Firmware Signer']);
  await openssl(['x509', '-req', '-in', path('signer.csr'), '-CA', path('root.pem'), '-CAkey', path('root.key'), '-days', '10', '-out', path('signer.pem')]);
  await openssl(['dgst', '-sha256', '-sign', path('signer.key'), '-out', path('image.sig'), path('image.bin')]);
  const certificate = await readFile(path('signer.pem'), 'utf8');
  signing = { certificate, signature: (await readFile(path('image.sig'))).toString('base64'), serial: await serialOf(certificate) };
  server = createServer((_request, response) => {
    requests++;
    response.writeHead(200, { 'content-length': image.length });
    if (!holdBody) return void response.end(image);
    response.write(image.subarray(0, 1000));
    held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const response of held) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('L01 DownloadPaused and RevokedCertificate', () => {
  it('L01.FR.14 a download paused half-way: DownloadPaused; resumed: Downloading again from the first byte, then installed', async () => {
    holdBody = true;
    const { client, clock, statuses, firmware, station } = await firmwareStation('CS-FW-PAUSE', open, { host: { stallTimeoutMs: 60_000, installSeconds: 1 } });
    const before = requests;
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 41, firmware: { location: `${base}/station-5.0.0.bin`, retrieveDateTime: clock.now().toISOString() } }), { status: 'Accepted' });
    await waitFor(() => requests === before + 1, 'the download to start');
    firmware.pauseDownloads();
    await waitFor(() => statuses().includes('DownloadPaused:41'), 'DownloadPaused');
    assert.equal(station.firmwareStatus().update?.failedAttempts, 0, 'a pause is no failed attempt');
    holdBody = false;
    firmware.resumeDownloads();
    await waitFor(() => statuses().includes('Installing:41'), 'Installing');
    assert.deepEqual(statuses(), ['Downloading:41', 'DownloadPaused:41', 'Downloading:41', 'Downloaded:41', 'Installing:41']);
    assert.equal(requests, before + 2, 'the image fetched again from the start');
  });

  it('L02.FR.08 a download that starts while paused waits, reported DownloadPaused, until resumed', async () => {
    holdBody = false;
    const { client, clock, statuses, firmware } = await firmwareStation('CS-FW-PAUSED', open, { host: { installSeconds: 1 } });
    firmware.pauseDownloads();
    const before = requests;
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 42, firmware: { location: `${base}/station-5.0.1.bin`, retrieveDateTime: clock.now().toISOString() } }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('DownloadPaused:42'), 'DownloadPaused');
    assert.equal(requests, before, 'nothing fetched while paused');
    firmware.resumeDownloads();
    await waitFor(() => statuses().includes('Downloaded:42'), 'Downloaded');
    assert.deepEqual(statuses().slice(0, 4), ['Downloading:42', 'DownloadPaused:42', 'Downloading:42', 'Downloaded:42']);
  });

  it('RevokedCertificate: a signing certificate the host holds revoked, with InvalidFirmwareSigningCertificate; nothing downloaded', async () => {
    const { client, clock, statuses, peer } = await firmwareStation('CS-FW-REVOKED', open, { host: { revokedSerials: [signing.serial] } });
    await client.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: maker.cert });
    const before = requests;
    const answer = await client.call('UpdateFirmware', {
      requestId: 43,
      firmware: { location: `${base}/station-5.0.2.bin`, retrieveDateTime: clock.now().toISOString(), signingCertificate: signing.certificate, signature: signing.signature },
    });
    assert.equal(answer.status, 'RevokedCertificate');
    await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.identity === 'CS-FW-REVOKED' && call.payload.type === 'InvalidFirmwareSigningCertificate'), 'the security event');
    assert.deepEqual(statuses(), []);
    assert.equal(requests, before);
  });
});
