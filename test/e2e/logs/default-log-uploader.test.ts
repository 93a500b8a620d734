// N01 with the station's own uploader (no logUploader from the host): src/transfer puts the log over HTTP (PUT) and
// stores it over FTP, to real servers on loopback (node:http and ftp-srv) started here; the test reads what arrived.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';
import { CsmsPeer } from '../../support/csms-peer.js';
import { LogUploadServer } from '../../support/log-upload-server.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let dir: string;
let ftpRoot: string;
let ftp: FtpSrv;
let ftpBase: string;
const silentLog = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, fatal: () => undefined, child: () => silentLog };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-n01-default-'));
  ftpRoot = join(dir, 'ftp');
  await mkdir(join(ftpRoot, 'logs'), { recursive: true });
  const pasvMin = randomInt(40_000, 60_000);
  ftp = new FtpSrv({ url: 'ftp://127.0.0.1:0', pasv_url: '127.0.0.1', pasv_min: pasvMin, pasv_max: pasvMin + 200, log: silentLog as never });
  ftp.on('login', ({ username, password }, resolve, reject) => {
    if (username === 'logs' && password === 'ftp-upload-pw') resolve({ root: ftpRoot });
    else reject(new Error('wrong user or password'));
  });
  await ftp.listen();
  ftpBase = `127.0.0.1:${((ftp as unknown as { server: Server }).server.address() as AddressInfo).port}`;
});
after(async () => {
  await ftp.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function station(stationId: string) {
  const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
  open.push(peer);
  const test = await startAcceptedStation(peer, open, { stationId, logDirectory: join(dir, stationId) });
  const statuses = () => peer.callsOf('LogStatusNotification').filter((call) => call.identity === stationId).map((call) => call.payload.status);
  return { ...test, statuses };
}

describe('N01 with the station\'s own uploader', () => {
  it('N01.FR.14/18 SecurityLog uploaded with HTTP PUT: Uploading, Uploaded, and the server has the log', async () => {
    const server = await LogUploadServer.start();
    open.push(server);
    const { client, station: cs, statuses } = await station('CS-N01-HTTP');
    cs.onSecurityEvent('InvalidMessages', 'an entry for the log', false);
    const answer = await client.call('GetLog', { logType: 'SecurityLog', requestId: 61, log: { remoteLocation: server.url('/upload') } });
    assert.equal(answer.status, 'Accepted');
    await waitFor(() => statuses().includes('Uploaded'), 'Uploaded');
    assert.deepEqual(statuses(), ['Uploading', 'Uploaded']);
    assert.deepEqual(cs.logStatus(), { lastStatus: 'Uploaded', lastRequestId: 61 });
    assert.equal(server.uploads.length, 1);
    assert.equal(server.uploads[0]!.method, 'PUT');
    assert.match(server.uploads[0]!.body, /an entry for the log/);
  });

  it('N01 DiagnosticsLog stored over FTP into a folder URL, under the announced file name; its progress without the password', async () => {
    const { client, statuses, station: cs } = await station('CS-N01-FTP');
    const progress: unknown[] = [];
    cs.events.on('logUploadProgress', (event) => progress.push(event));
    const answer = await client.call('GetLog', { logType: 'DiagnosticsLog', requestId: 62, log: { remoteLocation: `ftp://logs:ftp-upload-pw@${ftpBase}/logs/` } });
    assert.equal(answer.status, 'Accepted');
    await waitFor(() => statuses().includes('Uploaded') || statuses().includes('UploadFailure'), 'the upload to end');
    assert.deepEqual(statuses(), ['Uploading', 'Uploaded']);
    const files = await readdir(join(ftpRoot, 'logs'));
    assert.deepEqual(files, [answer.filename]);
    const content = await readFile(join(ftpRoot, 'logs', files[0]!), 'utf8');
    assert.match(content, /BootNotification/);
    assert.doesNotMatch(content, /ftp-upload-pw/);
    const size = Buffer.byteLength(content);
    assert.deepEqual(progress.at(-1), { requestId: 62, location: `ftp://${ftpBase}/logs/`, bytes: size, totalBytes: size });
  });
});
