// L01/L02 across a crash: the built `ocpp-station run` in a child process, on a real SQLite file, is killed with
// SIGKILL while it downloads an image from a node:http server on loopback that holds the body back (some bytes,
// then nothing), and started again on the same --db. The update in progress is never dropped in silence: with no
// retries left the CSMS gets DownloadFailed for its requestId; with a retry left the station downloads again
// (a new Downloading for the same requestId), installs, reboots with FirmwareUpdate and reports Installed. A kill
// during the installation ends in InstallationFailed after the restart.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, killChildren } from '../../support/child-process.js';
import { runCli, type CliProcess } from '../../support/cli-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

describe('ocpp-station run: a SIGKILL during a firmware download (L01.FR.30, L02.FR.19)', () => {
  let dir: string;
  let server: Server;
  let imageUrl: string;
  let peer: CsmsPeer;
  /** Whether the server holds the body back (else it sends the whole image). */
  let holding = true;
  const held: ServerResponse[] = [];
  let served = 0;
  const image = Buffer.alloc(20_000, 6);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-fw-crash-'));
    server = createServer((_request, response) => {
      if (holding) {
        response.writeHead(200, { 'content-length': image.length });
        response.write(image.subarray(0, 1000));
        held.push(response);
      } else {
        served += 1;
        response.writeHead(200, { 'content-length': image.length }).end(image);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/station-6.0.0.bin`;
    peer = await CsmsPeer.start({ handlers: acceptingCsms() });
  });
  afterEach(async () => {
    await killChildren(); // even when the test failed half-way
  });
  after(async () => {
    await peer.close();
    for (const response of held) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (identity: string, db: string, installSeconds = 1): CliProcess =>
    runCli(['run', '--csms', peer.url, '--id', identity, '--db', db, '--firmware-install-seconds', `${installSeconds}`, '--log-level', 'silent']);
  const calls = (identity: string, action: string) => peer.callsOf(action).filter((call) => call.identity === identity);
  const statuses = (identity: string) => calls(identity, 'FirmwareStatusNotification').map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);

  /** Starts the station, sends UpdateFirmware, waits until the download runs (the server holds it) and SIGKILLs the station. */
  async function crashWhileDownloading(identity: string, db: string, request: { requestId: number; retries: number; retryInterval: number }) {
    holding = true;
    const heldBefore = held.length;
    const connected = peer.nextClient();
    const first = start(identity, db);
    const client = await connected;
    await waitFor(() => calls(identity, 'BootNotification').length === 1, 'the first boot');
    await waitFor(() => first.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    const answer = await client.call('UpdateFirmware', { ...request, firmware: { location: imageUrl, retrieveDateTime: new Date(Date.now() - 60_000).toISOString() } });
    assert.deepEqual(answer, { status: 'Accepted' });
    await waitFor(() => held.length === heldBefore + 1 && statuses(identity).includes(`Downloading:${request.requestId}`), 'the download to run');
    first.child.kill('SIGKILL');
    await exited(first.child);
    assert.equal(first.child.signalCode, 'SIGKILL');
    assert.deepEqual(statuses(identity), [`Downloading:${request.requestId}`]);
  }

  it('L01.FR.30 retries 0: after the restart the interrupted download is the last attempt, DownloadFailed', async () => {
    const identity = 'CS-FW-CRASH-0';
    const db = join(dir, 'crash-0.db');
    await crashWhileDownloading(identity, db, { requestId: 71, retries: 0, retryInterval: 0 });
    const heldAfterCrash = held.length;
    const second = start(identity, db);
    await waitFor(() => statuses(identity).includes('DownloadFailed:71'), 'DownloadFailed after the restart');
    assert.deepEqual(statuses(identity), ['Downloading:71', 'DownloadFailed:71']);
    assert.equal(held.length, heldAfterCrash, 'no new attempt');
    assert.equal(calls(identity, 'BootNotification').length, 2);
    assert.equal(calls(identity, 'BootNotification')[1]!.payload.chargingStation.firmwareVersion, '0.1.0');
    const folder = join(dir, 'crash-0-firmware');
    assert.equal(existsSync(join(folder, 'firmware-71.bin')), false, 'no image left');
    assert.deepEqual(readdirSync(folder).filter((name) => name.startsWith('firmware-')), [], 'no part file left');
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('L01.FR.30 retries 1: after the restart the station downloads again for the same requestId, installs, reboots and reports Installed', async () => {
    const identity = 'CS-FW-CRASH-1';
    const db = join(dir, 'crash-1.db');
    await crashWhileDownloading(identity, db, { requestId: 72, retries: 1, retryInterval: 0 });
    holding = false;
    const second = start(identity, db);
    await waitFor(() => statuses(identity).includes('Installed:72'), 'Installed after the retry and the reboot');
    assert.deepEqual(statuses(identity), ['Downloading:72', 'Downloading:72', 'Downloaded:72', 'Installing:72', 'InstallRebooting:72', 'Installed:72']);
    assert.equal(served, 1, 'one more attempt, which got the whole image');
    const boots = calls(identity, 'BootNotification');
    assert.equal(boots.length, 3, 'the first run, the restart after the crash, the reboot to activate');
    assert.equal(boots[2]!.payload.reason, 'FirmwareUpdate');
    assert.equal(boots[2]!.payload.chargingStation.firmwareVersion, 'station-6.0.0');
    await waitFor(() => calls(identity, 'SecurityEventNotification').some((call) => call.payload.type === 'FirmwareUpdated'), 'FirmwareUpdated');
    assert.deepEqual(readdirSync(join(dir, 'crash-1-firmware')).filter((name) => name.startsWith('firmware-')), [], 'no image left');
    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0, second.output().stderr);
  });

  it('a SIGKILL during the installation: after the restart InstallationFailed (nothing tells whether it completed), the old version', async () => {
    const identity = 'CS-FW-CRASH-INST';
    const db = join(dir, 'crash-inst.db');
    holding = false;
    const connected = peer.nextClient();
    const first = start(identity, db, 3600);
    const client = await connected;
    await waitFor(() => first.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    const firmware = { location: imageUrl, retrieveDateTime: new Date(Date.now() - 60_000).toISOString() };
    assert.deepEqual(await client.call('UpdateFirmware', { requestId: 73, firmware }), { status: 'Accepted' });
    await waitFor(() => statuses(identity).includes('Installing:73'), 'Installing');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = start(identity, db);
    await waitFor(() => statuses(identity).includes('InstallationFailed:73'), 'InstallationFailed after the restart');
    assert.deepEqual(statuses(identity), ['Downloading:73', 'Downloaded:73', 'Installing:73', 'InstallationFailed:73']);
    const boots = calls(identity, 'BootNotification');
    assert.equal(boots.length, 2);
    assert.equal(boots[1]!.payload.chargingStation.firmwareVersion, '0.1.0');
    assert.deepEqual(readdirSync(join(dir, 'crash-inst-firmware')).filter((name) => name.startsWith('firmware-')), [], 'no image left');
    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0, second.output().stderr);
  });
});
