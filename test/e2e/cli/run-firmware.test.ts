// L02 through `ocpp-station run` (in process, real time): the CSMS sends UpdateFirmware for an unsigned image on a
// node:http server on loopback; the simulated station downloads it, installs it (--firmware-install-seconds 0),
// reboots with reason FirmwareUpdate and boots reporting the new version, which a later run on the same --db keeps;
// the console shows the download's progress.
// Bad firmware options are usage errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainOnce, runMain } from '../../support/cli-in-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

describe('ocpp-station run: firmware update (L02)', () => {
  let dir: string;
  let server: Server;
  let imageUrl: string;
  let peer: CsmsPeer;
  const stops: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-fw-'));
    server = createServer((_request, response) => response.writeHead(200, { 'content-length': 1000 }).end(Buffer.alloc(1000, 1)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/station-3.1.4.bin`;
    peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(), FirmwareStatusNotification: () => ({}) } });
  });
  after(async () => {
    for (const stop of stops) stop();
    await peer.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (db: string) => ['run', '--csms', peer.url, '--id', 'CS-CLI-FW', '--db', db, '--firmware-install-seconds', '0', '--log-level', 'silent'];
  const boots = () => peer.callsOf('BootNotification').filter((call) => call.identity === 'CS-CLI-FW');

  it('L01.FR.15/28 installs, reboots with FirmwareUpdate and reports the image name as the new firmware version', async () => {
    const db = join(dir, 'fw.db');
    const first = peer.nextClient();
    const run = runMain(args(db));
    stops.push(() => run.stop());
    const client = await first;
    await waitFor(() => run.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    assert.equal(boots()[0]!.payload.chargingStation.firmwareVersion, '0.1.0');
    const reconnected = peer.nextClient();
    const answer = await client.call('UpdateFirmware', { requestId: 31, firmware: { location: imageUrl, retrieveDateTime: new Date(Date.now() - 60_000).toISOString() } });
    assert.deepEqual(answer, { status: 'Accepted' });
    await reconnected;
    await waitFor(() => boots().length === 2, 'the BootNotification after the reboot');
    assert.equal(boots()[1]!.payload.reason, 'FirmwareUpdate');
    assert.equal(boots()[1]!.payload.chargingStation.firmwareVersion, 'station-3.1.4');
    const statuses = () => peer.callsOf('FirmwareStatusNotification').filter((call) => call.identity === 'CS-CLI-FW').map((call) => call.payload.status);
    await waitFor(() => statuses().includes('Installed'), 'Installed');
    assert.deepEqual(statuses(), ['Downloading', 'Downloaded', 'Installing', 'InstallRebooting', 'Installed']);
    assert.equal(readFileSync(join(dir, 'fw-firmware', 'installed-version'), 'utf8').trim(), 'station-3.1.4');
    // The console shows the download's progress (the whole 1000 bytes arrive in one report).
    assert.ok(run.output().stdout.includes(`* firmware download 100% (1000 B of 1000 B): ${imageUrl} (request 31)`), run.output().stdout);
    const shown = await mainOnce(['ctl', '--db', db, 'firmware']);
    assert.deepEqual([shown.code, shown.stdout], [0, 'last status Installed (request 31); no update in progress\n']);
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
  });

  it('L02.FR.08 ctl firmware pause: an update waits with DownloadPaused; ctl firmware resume: it goes on and installs', async () => {
    const db = join(dir, 'paused.db');
    const first = peer.nextClient();
    const run = runMain(['run', '--csms', peer.url, '--id', 'CS-CLI-FWP', '--db', db, '--firmware-install-seconds', '0', '--log-level', 'silent']);
    stops.push(() => run.stop());
    const client = await first;
    await waitFor(() => run.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    assert.deepEqual(await mainOnce(['ctl', '--db', db, 'firmware', 'pause']).then((result) => [result.code, result.stdout]), [0, 'firmware download paused\n']);
    const statuses = () => peer.callsOf('FirmwareStatusNotification').filter((call) => call.identity === 'CS-CLI-FWP').map((call) => call.payload.status);
    await client.call('UpdateFirmware', { requestId: 32, firmware: { location: imageUrl, retrieveDateTime: new Date(Date.now() - 60_000).toISOString() } });
    await waitFor(() => statuses().includes('DownloadPaused'), 'DownloadPaused');
    assert.equal((await mainOnce(['ctl', '--db', db, 'firmware', 'resume'])).code, 0);
    await waitFor(() => statuses().includes('InstallRebooting'), 'the installation');
    assert.deepEqual(statuses().slice(0, 4), ['Downloading', 'DownloadPaused', 'Downloading', 'Downloaded']);
    const wrong = await mainOnce(['ctl', '--db', db, 'firmware', 'stop']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /"stop" is not pause or resume/);
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
  });

  it('refuses bad firmware options with exit code 2', async () => {
    for (const [extra, message] of [
      [['--firmware-install-seconds', '-1'], /--firmware-install-seconds must be 0 to 86400/],
      [['--firmware-install-fail', 'Sometimes'], /--firmware-install-fail must be one of InstallationFailed, InstallVerificationFailed/],
      [['--firmware-revoked-serial', '12:ab'], /--firmware-revoked-serial must be a serial number in hex/],
    ] as const) {
      const result = await mainOnce([...args(join(dir, 'bad.db')), ...extra]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
  });
});
