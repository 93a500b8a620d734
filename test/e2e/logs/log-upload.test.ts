// N01 Retrieve Log Information, end to end: ocpp-rpc's strict RPCServer as the CSMS, a node:http server on
// loopback receiving the files, and the station's host uploading them with a real HTTP PUT (test/support). The
// FakeClock drives the retry waits; nothing sleeps on the wall clock.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogUploader } from '../../../src/blocks/logs/log-uploader.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { httpLogUploader } from '../../support/http-log-uploader.js';
import { LogUploadServer } from '../../support/log-upload-server.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const PASSWORD = 'station-password-N01-0001';
const UPLOAD_PASSWORD = 'upload-password-N01';
const HOUR = 3_600_000;

const open: Closables = [];
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-n01-'));
});
after(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** The real HTTP uploader, watched: the test sees each failure as the block gets it. */
function watchedUploader() {
  const inner = httpLogUploader();
  const failures: unknown[] = [];
  const uploader: LogUploader = {
    async upload(request) {
      try {
        await inner.upload(request);
      } catch (error) {
        failures.push(error);
        throw error;
      }
    },
  };
  return { uploader, failures };
}

async function setUp(stationId: string) {
  const server = await LogUploadServer.start();
  open.push(server);
  const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
  open.push(peer);
  const { uploader, failures } = watchedUploader();
  const logDirectory = join(dir, stationId);
  const test = await startAcceptedStation(peer, open, { stationId, password: PASSWORD, logUploader: uploader, logDirectory });
  const statuses = () =>
    peer
      .callsOf('LogStatusNotification')
      .filter((call) => call.identity === stationId)
      .map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);
  return { ...test, server, failures, statuses, logDirectory };
}

const getLog = (remoteLocation: string, requestId: number, extra: object = {}) => ({
  logType: 'SecurityLog',
  requestId,
  log: { remoteLocation },
  ...extra,
});

describe('N01 log upload', () => {
  it('N01.FR.01/02/03/07/08/09 SecurityLog: Accepted with the file name; the file that arrives holds the window only, no password', async () => {
    const { client, station, clock, server, statuses, logDirectory } = await setUp('CS-N01-1');
    const now = clock.now().getTime();
    station.onSecurityEvent('SettingSystemTime', 'too old', false, new Date(now - 48 * HOUR));
    station.onSecurityEvent('InvalidMessages', 'in the window', false, new Date(now - HOUR));
    station.onSecurityEvent('InvalidMessages', 'too new', false, new Date(now + 2 * HOUR));
    const url = server.url('/logs').replace('http://', `http://n01:${UPLOAD_PASSWORD}@`);
    const response = await client.call(
      'GetLog',
      getLog(url, 41, { log: { remoteLocation: url, oldestTimestamp: new Date(now - 24 * HOUR).toISOString(), latestTimestamp: new Date(now + HOUR).toISOString() } }),
    );
    assert.equal(response.status, 'Accepted');
    assert.match(response.filename, /^CS-N01-1_SecurityLog_41_\d{8}T\d{6}Z\.log$/);
    await waitFor(() => statuses().length === 2, 'Uploading and Uploaded');
    assert.deepEqual(statuses(), ['Uploading:41', 'Uploaded:41']);
    const [upload] = server.uploads;
    assert.equal(upload!.method, 'PUT');
    assert.equal(upload!.authorization, `Basic ${Buffer.from(`n01:${UPLOAD_PASSWORD}`).toString('base64')}`);
    const records = upload!.body.trim().split('\n').filter((line) => !line.startsWith('#'));
    assert.deepEqual(
      records.map((line) => line.split(' ').slice(2).join(' ')),
      // Oldest first: the event of an hour ago, then the boot's.
      ['InvalidMessages in the window', 'StartupOfTheDevice (critical) boot reason PowerUp'],
    );
    assert.ok(!upload!.body.includes(PASSWORD));
    assert.deepEqual(await readdir(logDirectory), [], 'the built file is removed after the upload');
  });

  it('N01.FR.04 DiagnosticsLog: security events and the OCPP messages; a password set by the CSMS and the upload credentials are censored', async () => {
    const { client: first, peer, server, statuses } = await setUp('CS-N01-2');
    const reconnected = peer.nextClient();
    const newPassword = 'Changed-Password-N01-0002';
    const result = await first.call('SetVariables', {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: newPassword }],
    });
    assert.equal(result.setVariableResult[0].attributeStatus, 'Accepted');
    const client = await reconnected;
    await waitFor(() => peer.handshakes.at(-1)?.password === newPassword, 'the new password in use');
    const url = server.url('/diag').replace('http://', `http://n01:${UPLOAD_PASSWORD}@`);
    const response = await client.call('GetLog', getLog(url, 42, { logType: 'DiagnosticsLog' }));
    assert.equal(response.status, 'Accepted');
    assert.match(response.filename, /_DiagnosticsLog_42_/);
    await waitFor(() => statuses().includes('Uploaded:42'), 'Uploaded');
    const { body } = server.uploads[0]!;
    assert.match(body, /^# DiagnosticsLog of charging station CS-N01-2/);
    assert.match(body, / ocpp >> \[2,"[^"]+","BootNotification"/);
    assert.match(body, / ocpp << \[2,"[^"]+","SetVariables"/);
    assert.match(body, / ocpp << \[2,"[^"]+","GetLog"/);
    assert.match(body, / security StartupOfTheDevice/);
    assert.match(body, / security ReconfigurationOfSecurityParameters BasicAuthPassword changed by csms/);
    for (const secret of [PASSWORD, newPassword, UPLOAD_PASSWORD]) assert.ok(!body.includes(secret), `no ${secret}`);
  });

  it('N01.FR.10 a target answering 500: retried `retries` times, retryInterval apart, then UploadFailure', async () => {
    const { client, clock, server, failures, statuses } = await setUp('CS-N01-3');
    server.status = 500;
    assert.equal((await client.call('GetLog', getLog(server.url(), 43, { retries: 2, retryInterval: 30 }))).status, 'Accepted');
    for (let attempt = 1; attempt <= 2; attempt++) {
      await waitFor(() => failures.length === attempt, `failure ${attempt}`);
      assert.equal(server.requests, attempt);
      await clock.advance(29_000);
      assert.equal(server.requests, attempt, 'no retry before retryInterval');
      await clock.advance(1_000);
    }
    await waitFor(() => statuses().length === 2, 'UploadFailure');
    assert.equal(server.requests, 3);
    assert.deepEqual(statuses(), ['Uploading:43', 'UploadFailure:43']);
  });

  it('N01.FR.10 403 is PermissionDenied at once; a location that is no URL is BadMessage; ftp:// is NotSupportedOperation here', async () => {
    const { client, server, statuses } = await setUp('CS-N01-4');
    server.status = 403;
    assert.equal((await client.call('GetLog', getLog(server.url(), 44, { retries: 3 }))).status, 'Accepted');
    await waitFor(() => statuses().includes('PermissionDenied:44'), 'PermissionDenied');
    assert.equal(server.requests, 1);
    assert.equal((await client.call('GetLog', getLog('no url at all', 45))).status, 'Accepted');
    await waitFor(() => statuses().includes('BadMessage:45'), 'BadMessage');
    assert.equal((await client.call('GetLog', getLog('ftp://127.0.0.1/logs', 46))).status, 'Accepted');
    await waitFor(() => statuses().includes('NotSupportedOperation:46'), 'NotSupportedOperation');
    assert.deepEqual(statuses(), ['Uploading:44', 'PermissionDenied:44', 'BadMessage:45', 'Uploading:46', 'NotSupportedOperation:46']);
  });

  it('N01.FR.12/20 F06.FR.14/15 a second GetLog while one uploads: AcceptedCanceled; TriggerMessage says Uploading, then Idle', async () => {
    const { client, server, statuses, peer } = await setUp('CS-N01-5');
    server.hold = true;
    const triggered = () => peer.callsOf('LogStatusNotification').filter((call) => call.identity === 'CS-N01-5' && ['Idle', 'Uploading'].includes(call.payload.status)).length;
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    await waitFor(() => statuses().includes('Idle:-'), 'Idle before any upload');
    assert.equal((await client.call('GetLog', getLog(server.url('/first'), 51))).status, 'Accepted');
    await waitFor(() => server.heldCount === 1, 'the first upload held');
    const before = triggered();
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    await waitFor(() => triggered() === before + 1, 'the triggered status');
    assert.deepEqual(statuses().at(-1), 'Uploading:51');
    const second = await client.call('GetLog', getLog(server.url('/second'), 52));
    assert.equal(second.status, 'AcceptedCanceled');
    assert.match(second.filename, /_SecurityLog_52_/);
    await waitFor(() => server.requests === 2, 'the second upload');
    server.hold = false;
    server.release();
    await waitFor(() => statuses().includes('Uploaded:52'), 'the second one uploaded');
    assert.deepEqual(statuses(), ['Idle:-', 'Uploading:51', 'Uploading:51', 'AcceptedCanceled:51', 'Uploading:52', 'Uploaded:52']);
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    await waitFor(() => statuses().length === 7, 'Idle again');
    assert.equal(statuses().at(-1), 'Idle:-');
  });

  it('N01.FR.10 a restart during an upload: the next start reports UploadFailure for its requestId, and the file is gone', async () => {
    const server = await LogUploadServer.start();
    open.push(server);
    server.hold = true;
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const stores = memoryStationStores();
    const logDirectory = join(dir, 'CS-N01-7');
    const options = { stationId: 'CS-N01-7', password: PASSWORD, stores, logUploader: httpLogUploader(), logDirectory };
    const first = await startAcceptedStation(peer, open, options);
    assert.equal((await first.client.call('GetLog', getLog(server.url(), 71))).status, 'Accepted');
    await waitFor(() => server.heldCount === 1, 'the upload under way');
    await first.station.stop();
    assert.deepEqual(await readdir(logDirectory), ['CS-N01-7-log-upload.json'], 'the record of the upload stays; the log file is gone');
    const second = await startAcceptedStation(peer, open, options);
    const statuses = () => peer.callsOf('LogStatusNotification').map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);
    await waitFor(() => statuses().length === 2, 'the failure reported');
    assert.deepEqual(statuses(), ['Uploading:71', 'UploadFailure:71']);
    assert.deepEqual(await readdir(logDirectory), []);
    assert.equal((await second.client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    await waitFor(() => statuses().length === 3, 'Idle');
    assert.equal(statuses().at(-1), 'Idle:-');
  });

  it('seed on_log_status_notification: the integrator\'s own upload is reported, and TriggerMessage follows it', async () => {
    const { client, station, statuses } = await setUp('CS-N01-6');
    await station.onLogStatusNotification('Uploading', 61);
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    await waitFor(() => statuses().length === 2, 'the triggered status');
    await station.onLogStatusNotification('Uploaded', 61);
    assert.deepEqual(statuses(), ['Uploading:61', 'Uploading:61', 'Uploaded:61']);
  });
});
