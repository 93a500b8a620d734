// L03/L04 end to end: ocpp-rpc's strict RPCServer as the CSMS, the firmware file on a node:http server on
// loopback, downloaded for real by the station (src/transfer), published on the station's own HTTP server on
// 127.0.0.1, fetched from there by the test and checked by its MD5; retries on the fake clock; a restart on the
// same SQLite file serving the file again.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPublishFolder, sqliteStationStores } from '../../../src/station/station-stores.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let dir: string;
let origin: Server;
let base: string;
/** Requests the origin server saw, by path. */
const hits: string[] = [];
/** Responses held open (a download in progress). */
const held: ServerResponse[] = [];
/** /slow.bin answers whole (instead of holding the response open). */
let slowServesAll = false;
const image = Buffer.alloc(200_000, 7);
const other = Buffer.alloc(50_000, 3);
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-l03-'));
  origin = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/station-3.0.0.bin') response.writeHead(200, { 'content-length': image.length }).end(image);
    else if (request.url === '/other.bin') response.writeHead(200, { 'content-length': other.length }).end(other);
    else if (request.url === '/slow.bin' && slowServesAll) response.writeHead(200, { 'content-length': image.length }).end(image);
    else if (request.url === '/slow.bin') {
      response.writeHead(200, { 'content-length': image.length });
      response.write(image.subarray(0, 1000));
      held.push(response);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
after(async () => {
  origin.closeAllConnections();
  await new Promise((resolve) => origin.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const response of held.splice(0)) response.destroy();
  for (const thing of open.splice(0).reverse()) await thing.close();
  hits.length = 0;
  slowServesAll = false;
});

let cases = 0;
async function station(stationId: string, extra: { database?: string; clock?: FakeClock; peer?: CsmsPeer; port?: number; publishing?: false } = {}) {
  const peer = extra.peer ?? (await CsmsPeer.start({ handlers: { ...acceptingCsms(24 * 3600), PublishFirmwareStatusNotification: () => ({}) } }));
  if (extra.peer === undefined) open.push(peer);
  const directory = extra.database ? defaultPublishFolder(extra.database) : join(dir, `published-${++cases}`);
  const test = await startAcceptedStation(peer, open, {
    stationId,
    ...(extra.clock ? { clock: extra.clock } : {}),
    ...(extra.database ? { stores: sqliteStationStores(extra.database) } : {}),
    ...(extra.publishing === false ? {} : { firmwarePublishing: { directory, host: '127.0.0.1', port: extra.port ?? 0 } }),
  });
  const notifications = () => peer.callsOf('PublishFirmwareStatusNotification').filter((call) => call.identity === stationId);
  const statuses = () => notifications().map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);
  return { ...test, notifications, statuses };
}

async function fetchBody(url: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

describe('L03 PublishFirmware', () => {
  it('L03.FR.01/02/04/05/09 the sequence with the requestId, Published with a location serving the very file; L04.FR.01/02 Unpublished and the file is gone', async () => {
    const { client, statuses, notifications, station: cs } = await station('CS-L03-1');
    assert.deepEqual(await client.call('PublishFirmware', { location: `${base}/station-3.0.0.bin`, checksum: md5(image), requestId: 31 }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('Published:31'), 'Published');
    assert.deepEqual(statuses(), ['Downloading:31', 'Downloaded:31', 'ChecksumVerified:31', 'Published:31']);
    const [location] = notifications().at(-1)!.payload.location as string[];
    assert.match(location!, new RegExp(`^http://127\\.0\\.0\\.1:\\d+/firmware/${md5(image)}/station-3\\.0\\.0\\.bin$`));
    const served = await fetchBody(location!);
    assert.equal(served.status, 200);
    assert.equal(md5(served.body), md5(image));
    assert.deepEqual(cs.publishedFirmware(), {
      published: [{ checksum: md5(image), fileName: 'station-3.0.0.bin', size: image.length, locations: [location] }],
      lastStatus: 'Published',
      lastRequestId: 31,
    });

    // A second file beside it; unpublishing the first leaves the second served and the first 404.
    assert.deepEqual(await client.call('PublishFirmware', { location: `${base}/other.bin`, checksum: md5(other).toUpperCase(), requestId: 32 }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('Published:32'), 'the second Published');
    const [second] = notifications().at(-1)!.payload.location as string[];
    assert.deepEqual(await client.call('UnpublishFirmware', { checksum: md5(image) }), { status: 'Unpublished' });
    assert.equal((await fetchBody(location!)).status, 404);
    assert.equal(md5((await fetchBody(second!)).body), md5(other));
    // With nothing published the server is closed.
    assert.deepEqual(await client.call('UnpublishFirmware', { checksum: md5(other) }), { status: 'Unpublished' });
    await waitFor(() => cs.publishedFirmware().published.length === 0, 'nothing published');
    await assert.rejects(fetch(second!));
  });

  it('L03.FR.07 a file whose MD5 is not the checksum: InvalidChecksum, nothing served; L03.FR.11 the trigger repeats it', async () => {
    const { client, statuses, station: cs } = await station('CS-L03-2');
    assert.deepEqual(await client.call('PublishFirmware', { location: `${base}/station-3.0.0.bin`, checksum: md5(other), requestId: 33 }), { status: 'Accepted' });
    await waitFor(() => statuses().includes('InvalidChecksum:33'), 'InvalidChecksum');
    assert.deepEqual(statuses(), ['Downloading:33', 'Downloaded:33', 'InvalidChecksum:33']);
    assert.deepEqual(cs.publishedFirmware().published, []);
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'PublishFirmwareStatusNotification' }), { status: 'Accepted' });
    await waitFor(() => statuses().length === 4, 'the triggered status');
    assert.equal(statuses()[3], 'InvalidChecksum:33');
  });

  it('L03.FR.06 a 404: retried `retries` times retryInterval apart on the station clock, then DownloadFailed', async () => {
    const { client, statuses, clock } = await station('CS-L03-3');
    await client.call('PublishFirmware', { location: `${base}/missing.bin`, checksum: md5(image), requestId: 34, retries: 2, retryInterval: 45 });
    await waitFor(() => statuses().includes('DownloadScheduled:34'), 'the first retry scheduled');
    assert.equal(hits.length, 1);
    await clock.advance(44_000);
    assert.equal(hits.length, 1);
    await clock.advance(1000);
    await waitFor(() => hits.length === 2 && statuses().length === 4, 'the second attempt');
    await clock.advance(45_000);
    await waitFor(() => statuses().includes('DownloadFailed:34'), 'DownloadFailed');
    assert.equal(hits.length, 3);
    assert.deepEqual(statuses(), ['Downloading:34', 'DownloadScheduled:34', 'Downloading:34', 'DownloadScheduled:34', 'Downloading:34', 'DownloadFailed:34']);
  });

  it('L03.FR.05 Rejected: a second PublishFirmware while one downloads, a checksum that is no MD5, a station without publishing', async () => {
    const { client, statuses } = await station('CS-L03-4');
    await client.call('PublishFirmware', { location: `${base}/slow.bin`, checksum: md5(image), requestId: 35 });
    await waitFor(() => held.length === 1 && statuses().includes('Downloading:35'), 'the download to start');
    const second = await client.call('PublishFirmware', { location: `${base}/other.bin`, checksum: md5(other), requestId: 36 });
    assert.equal(second.status, 'Rejected');
    assert.equal(second.statusInfo.reasonCode, 'InvalidMessageSeq');
    const bad = await client.call('PublishFirmware', { location: `${base}/other.bin`, checksum: 'not-an-md5', requestId: 37 });
    assert.equal(bad.statusInfo.reasonCode, 'InvalidValue');
    // L04.FR.04: nothing is unpublished while the download runs.
    assert.deepEqual(await client.call('UnpublishFirmware', { checksum: md5(image) }), { status: 'DownloadOngoing' });
    // L03.FR.11: the last status sent, with its requestId.
    await client.call('TriggerMessage', { requestedMessage: 'PublishFirmwareStatusNotification' });
    await waitFor(() => statuses().length === 2, 'the triggered status');
    assert.equal(statuses()[1], 'Downloading:35');

    const bare = await station('CS-L03-5', { publishing: false });
    const refused = await bare.client.call('PublishFirmware', { location: `${base}/other.bin`, checksum: md5(other), requestId: 38 });
    assert.equal(refused.status, 'Rejected');
    assert.equal(refused.statusInfo.reasonCode, 'UnsupportedRequest');
    assert.deepEqual(await bare.client.call('UnpublishFirmware', { checksum: md5(other) }), { status: 'NoFirmware' });
  });

  it('L03.FR.08 the port is taken: PublishFailed; L04.FR.03 NoFirmware', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { client, statuses } = await station('CS-L03-6', { port: (taken.address() as AddressInfo).port });
      await client.call('PublishFirmware', { location: `${base}/other.bin`, checksum: md5(other), requestId: 39 });
      await waitFor(() => statuses().includes('PublishFailed:39'), 'PublishFailed');
      assert.deepEqual(statuses(), ['Downloading:39', 'Downloaded:39', 'ChecksumVerified:39', 'PublishFailed:39']);
      assert.deepEqual(await client.call('UnpublishFirmware', { checksum: md5(other) }), { status: 'NoFirmware' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('L03 DownloadPaused', () => {
  it('L03.FR.01 the integrator pauses the download: DownloadPaused; going on: Downloading again, then Published', async () => {
    const { client, statuses, station: cs } = await station('CS-L03-9');
    await client.call('PublishFirmware', { location: `${base}/slow.bin`, checksum: md5(image), requestId: 42, retries: 0 });
    await waitFor(() => held.length === 1, 'the download to start');
    cs.pausePublishDownload(true);
    await waitFor(() => statuses().includes('DownloadPaused:42'), 'DownloadPaused');
    assert.equal(cs.publishedFirmware().download?.phase, 'paused');
    slowServesAll = true;
    cs.pausePublishDownload(false);
    await waitFor(() => statuses().includes('Published:42'), 'Published');
    assert.deepEqual(statuses(), ['Downloading:42', 'DownloadPaused:42', 'Downloading:42', 'Downloaded:42', 'ChecksumVerified:42', 'Published:42']);
  });
});

describe('L03 across a restart', () => {
  it('L03.FR.10 the published file is served again after a restart on the same SQLite file, the trigger says Idle, and UnpublishFirmware still works', async () => {
    const database = join(dir, 'l03-restart.db');
    const first = await station('CS-L03-7', { database });
    await first.client.call('PublishFirmware', { location: `${base}/station-3.0.0.bin`, checksum: md5(image), requestId: 40 });
    await waitFor(() => first.statuses().includes('Published:40'), 'Published');
    const [location] = first.notifications().at(-1)!.payload.location as string[];
    await first.station.stop();
    await assert.rejects(fetch(location!));

    const second = await station('CS-L03-7', { database, clock: new FakeClock(first.clock.now()), peer: first.peer });
    await waitFor(() => second.station.publishedFirmware().published[0]?.locations.length === 1, 'served again');
    const [again] = second.station.publishedFirmware().published[0]!.locations;
    // Any free port was asked for: the previous one is taken again, so the location the CSMS has stays valid.
    assert.equal(again, location);
    assert.equal(md5((await fetchBody(again!)).body), md5(image));
    await second.client.call('TriggerMessage', { requestedMessage: 'PublishFirmwareStatusNotification' });
    await waitFor(() => second.statuses().length === 5, 'the triggered status');
    assert.equal(second.statuses()[4], 'Idle:-');
    assert.deepEqual(await second.client.call('UnpublishFirmware', { checksum: md5(image) }), { status: 'Unpublished' });
    await assert.rejects(fetch(again!));
  });

  it('a download the station stopped under is a failed attempt at the next start: retried after retryInterval, DownloadFailed once none is left', async () => {
    const database = join(dir, 'l03-crash.db');
    const first = await station('CS-L03-8', { database });
    await first.client.call('PublishFirmware', { location: `${base}/slow.bin`, checksum: md5(image), requestId: 41, retries: 1, retryInterval: 30 });
    await waitFor(() => held.length === 1, 'the download to start');
    await first.station.stop();

    const clock = new FakeClock(first.clock.now());
    const second = await station('CS-L03-8', { database, clock, peer: first.peer });
    await waitFor(() => second.statuses().includes('DownloadScheduled:41'), 'the retry scheduled');
    assert.equal(second.station.publishedFirmware().download?.phase, 'retry-scheduled');
    // The retry fails the same way (the origin holds it); with no retry left it ends in DownloadFailed at restart.
    await clock.advance(30_000);
    await waitFor(() => held.length === 2, 'the retry');
    await second.station.stop();
    const third = await station('CS-L03-8', { database, clock: new FakeClock(clock.now()), peer: first.peer });
    await waitFor(() => third.statuses().includes('DownloadFailed:41'), 'DownloadFailed');
    assert.deepEqual(third.statuses(), ['Downloading:41', 'DownloadScheduled:41', 'Downloading:41', 'DownloadFailed:41']);
    assert.equal(third.station.publishedFirmware().download, undefined);
  });
});
