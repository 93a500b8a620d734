// L01/L02 end to end, the other ways an update ends: a new UpdateFirmware while the first one downloads
// (AcceptedCanceled, L01.FR.24: the first ends in DownloadFailed, its connection is dropped, the second runs to
// its reboot) or waits for its installDateTime (the first ends in InstallationFailed), or while it installs
// (Rejected, L01.FR.27), and installations that fail (L01.FR.29: InstallationFailed, InstallVerificationFailed) through the
// simulator's FirmwareHost set to fail. Real downloads from a node:http server on loopback; the installation runs
// on the FakeClock.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allAnswered, type Closables } from '../../support/test-station.js';
import { firmwareStation } from '../../support/firmware-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let dir: string;
let server: Server;
let base: string;
/** The requests of the route that never finishes, with whether the client has gone. */
const held: { request: IncomingMessage; response: ServerResponse; closed: boolean }[] = [];
const image = Buffer.alloc(50_000, 7);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-fw-cancel-'));
  server = createServer((request, response) => {
    if (request.url === '/slow.bin') {
      response.writeHead(200, { 'content-length': 10_000 });
      response.write(Buffer.alloc(100, 1));
      const entry = { request, response, closed: false };
      response.once('close', () => (entry.closed = true));
      held.push(entry);
    } else if (request.url === '/station-4.0.0.bin') response.writeHead(200, { 'content-length': image.length }).end(image);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const { response } of held) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('L01 firmware update: cancelled while downloading, failed installations', () => {
  it('L01.FR.24 a new UpdateFirmware while the first downloads: AcceptedCanceled, the first DownloadFailed, the second installs', async () => {
    const firmwareDirectory = join(dir, 'cancel');
    // A long stall limit: the first download must still be running when the second request comes.
    const test = await firmwareStation('CS-FWC-1', open, { host: { stallTimeoutMs: 60_000, downloadTimeoutMs: 120_000 }, firmwareDirectory });
    const { client, clock, statuses, station, bootReasons, versions } = test;
    const now = clock.now().toISOString();
    const heldBefore = held.length;
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 31, firmware: { location: `${base}/slow.bin`, retrieveDateTime: now } }), { status: 'Accepted' });
    await waitFor(() => held.length === heldBefore + 1 && statuses().includes('Downloading:31'), 'the first download to run');
    assert.equal(station.firmwareStatus().update?.phase, 'downloading');
    const second = { requestId: 32, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: now } };
    assert.deepEqual(await client.call('UpdateFirmware', second), { status: 'AcceptedCanceled' });
    await waitFor(() => statuses().includes('Installing:32'), 'the second update to install');
    assert.deepEqual(statuses(), ['Downloading:31', 'DownloadFailed:31', 'Downloading:32', 'Downloaded:32', 'Installing:32']);
    await waitFor(() => held[heldBefore]!.closed, 'the first download to drop its connection');
    // The aborted transfer removes its part file on its way out (real I/O, not ordered with the second download).
    await waitFor(() => readdirSync(firmwareDirectory).join() === 'firmware-32.bin', 'nothing left of the first download');
    await allAnswered(test);
    await clock.advance(20_000);
    await waitFor(() => bootReasons.length === 1, 'the reboot');
    assert.deepEqual(bootReasons, ['FirmwareUpdate']);
    assert.deepEqual(versions, ['station-4.0.0']);
    assert.equal(statuses().at(-1), 'InstallRebooting:32');
    assert.equal(held.length, heldBefore + 1, 'the cancelled update was not tried again');
  });

  it('L01.FR.24 a new UpdateFirmware while the first waits for its installDateTime: AcceptedCanceled, the first InstallationFailed, its image removed', async () => {
    const firmwareDirectory = join(dir, 'install-scheduled');
    const test = await firmwareStation('CS-FWC-2', open, { firmwareDirectory });
    const { client, clock, statuses, station } = test;
    const now = clock.now().toISOString();
    const later = new Date(clock.now().getTime() + 3600_000).toISOString();
    const first = { requestId: 35, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: now, installDateTime: later } };
    assert.deepEqual(await client.call('UpdateFirmware', first), { status: 'Accepted' });
    await waitFor(() => statuses().includes('InstallScheduled:35'), 'InstallScheduled');
    assert.deepEqual(readdirSync(firmwareDirectory), ['firmware-35.bin']);
    const second = { requestId: 36, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: now, installDateTime: later } };
    assert.deepEqual(await client.call('UpdateFirmware', second), { status: 'AcceptedCanceled' });
    await waitFor(() => statuses().includes('InstallScheduled:36'), 'the second InstallScheduled');
    assert.deepEqual(statuses(), ['Downloading:35', 'Downloaded:35', 'InstallScheduled:35', 'InstallationFailed:35', 'Downloading:36', 'Downloaded:36', 'InstallScheduled:36']);
    assert.deepEqual(readdirSync(firmwareDirectory), ['firmware-36.bin']);
    assert.equal(station.firmwareStatus().update?.requestId, 36);
  });

  it('L01.FR.27 a new UpdateFirmware while the first installs: Rejected, the installation goes on', async () => {
    const test = await firmwareStation('CS-FWC-3', open);
    const { client, clock, statuses, bootReasons } = test;
    const now = clock.now().toISOString();
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 37, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: now } }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('Installing:37'), 'Installing');
    const answer = await client.call('UpdateFirmware', { requestId: 38, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: now } });
    assert.equal(answer.status, 'Rejected');
    await allAnswered(test);
    await clock.advance(20_000);
    await waitFor(() => bootReasons.length === 1, 'the reboot');
    assert.deepEqual(statuses(), ['Downloading:37', 'Downloaded:37', 'Installing:37', 'InstallRebooting:37']);
  });

  for (const failInstall of ['InstallationFailed', 'InstallVerificationFailed'] as const) {
    it(`L01.FR.29 an installation the host ends in ${failInstall}: ${failInstall}, no reboot, no new version, the image removed`, async () => {
      const requestId = failInstall === 'InstallationFailed' ? 33 : 34;
      const firmwareDirectory = join(dir, failInstall);
      const test = await firmwareStation(`CS-FWC-${requestId}`, open, { host: { failInstall }, firmwareDirectory });
      const { client, clock, statuses, station, bootReasons, versions } = test;
      const request = { requestId, firmware: { location: `${base}/station-4.0.0.bin`, retrieveDateTime: clock.now().toISOString() } };
      assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
      await waitFor(() => statuses().includes(`Installing:${requestId}`), 'Installing');
      assert.equal(station.firmwareStatus().update?.phase, 'installing');
      await allAnswered(test);
      await clock.advance(20_000);
      await waitFor(() => statuses().includes(`${failInstall}:${requestId}`), failInstall);
      assert.deepEqual(statuses(), [`Downloading:${requestId}`, `Downloaded:${requestId}`, `Installing:${requestId}`, `${failInstall}:${requestId}`]);
      assert.deepEqual(bootReasons, []);
      assert.deepEqual(versions, []);
      assert.equal(station.firmwareStatus().update, undefined);
      assert.deepEqual(await readdir(firmwareDirectory), []);
      // L01.FR.26: the failure is the last status sent, and a trigger repeats it.
      await client.call('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' });
      await waitFor(() => statuses().length === 5, 'the triggered status');
      assert.equal(statuses()[4], `${failInstall}:${requestId}`);
    });
  }
});
