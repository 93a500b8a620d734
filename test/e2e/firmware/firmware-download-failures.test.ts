// L01.FR.30 / L02.FR.19 end to end: downloads that fail for real against servers on loopback started here, the
// simulator's FirmwareHost (src/transfer, real sockets and timers) fetching them, and the retries `retryInterval`
// apart on the FakeClock: a server that sends its headers and then stalls, an image over maxBytes (announced, and
// arriving without a Content-Length), a server that never answers, one that closes half-way, a closed port. After the last attempt the CSMS gets DownloadFailed, the
// update is over and nothing is left in the firmware folder.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
/** Responses the stalling route holds open, ended when the file is done. */
const held: ServerResponse[] = [];
/** GET requests per path. */
const requests = new Map<string, number>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-fw-fail-'));
  server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (path === '/stall.bin') {
      // The headers and a first few bytes, then silence.
      response.writeHead(200, { 'content-length': 10_000 });
      response.write(Buffer.alloc(100, 1));
      held.push(response);
    } else if (path === '/big.bin') {
      response.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000, 2));
    } else if (path === '/big-unsized.bin') {
      // No Content-Length: the limit is only found out as the bytes arrive, after some are on disk.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(600, 3));
      setTimeout(() => response.end(Buffer.alloc(5000, 3)), 20);
    } else if (path === '/silent.bin') {
      held.push(response); // not even the headers
    } else if (path === '/cut.bin') {
      // Half of what the Content-Length announces, then the connection closes.
      response.writeHead(200, { 'content-length': 4000 });
      response.write(Buffer.alloc(2000, 4), () => response.socket?.destroy());
    } else response.writeHead(404).end();
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

/** A port nothing listens on: one the OS just gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('L01.FR.30 / L02.FR.19 firmware downloads that fail', () => {
  it('L01.FR.30 a server that stalls after its headers: every attempt times out, retryInterval apart, then DownloadFailed', async () => {
    const test = await firmwareStation('CS-FWF-1', open, { host: { stallTimeoutMs: 200 } });
    const { client, clock, statuses, station, failedAttempts } = test;
    const request = { requestId: 21, retries: 2, retryInterval: 30, firmware: { location: `${base}/stall.bin`, retrieveDateTime: clock.now().toISOString() } };
    assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
    await failedAttempts(1);
    assert.deepEqual(statuses(), ['Downloading:21']);
    assert.equal(requests.get('/stall.bin'), 1);
    await allAnswered(test);
    // The next attempt waits for retryInterval on the station's clock, not for the wall clock.
    await clock.advance(29_000);
    assert.equal(station.firmwareStatus().update?.phase, 'download-scheduled');
    await clock.advance(1000);
    await failedAttempts(2);
    assert.deepEqual(statuses(), ['Downloading:21', 'Downloading:21']);
    await allAnswered(test);
    await clock.advance(30_000);
    await waitFor(() => statuses().includes('DownloadFailed:21'), 'DownloadFailed');
    assert.deepEqual(statuses(), ['Downloading:21', 'Downloading:21', 'Downloading:21', 'DownloadFailed:21']);
    assert.equal(requests.get('/stall.bin'), 3, 'retries 2: three attempts in all');
    assert.equal(station.firmwareStatus().update, undefined);
    assert.equal(station.firmwareStatus().lastStatus, 'DownloadFailed');
  });

  it('L01.FR.30 an image over maxBytes, announced or arriving: DownloadFailed after the retries, no file left in the firmware folder', async () => {
    for (const [requestId, name] of [
      [22, 'big.bin'],
      [23, 'big-unsized.bin'],
    ] as const) {
      const firmwareDirectory = join(dir, `images-${requestId}`);
      const test = await firmwareStation(`CS-FWF-${requestId}`, open, { host: { maxBytes: 1000 }, firmwareDirectory });
      const { client, clock, statuses, failedAttempts, station } = test;
      const request = { requestId, retries: 1, retryInterval: 10, firmware: { location: `${base}/${name}`, retrieveDateTime: clock.now().toISOString() } };
      assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
      await failedAttempts(1);
      assert.deepEqual(await readdir(firmwareDirectory), [], `${name}: nothing left after the first attempt`);
      await allAnswered(test);
      await clock.advance(10_000);
      await waitFor(() => statuses().includes(`DownloadFailed:${requestId}`), `DownloadFailed of ${name}`);
      assert.deepEqual(statuses(), [`Downloading:${requestId}`, `Downloading:${requestId}`, `DownloadFailed:${requestId}`]);
      assert.equal(requests.get(`/${name}`), 2);
      assert.deepEqual(await readdir(firmwareDirectory), [], `${name}: nothing left in the firmware folder`);
      assert.equal(station.firmwareStatus().update, undefined);
    }
  });

  it('L01.FR.30 a server that never answers, and one that closes half-way through the body: failed attempts, DownloadFailed, nothing left', async () => {
    for (const [requestId, name] of [
      [25, 'silent.bin'],
      [26, 'cut.bin'],
    ] as const) {
      const firmwareDirectory = join(dir, `images-${requestId}`);
      const test = await firmwareStation(`CS-FWF-${requestId}`, open, { host: { stallTimeoutMs: 200 }, firmwareDirectory });
      const { client, clock, statuses, failedAttempts } = test;
      const request = { requestId, retries: 1, retryInterval: 5, firmware: { location: `${base}/${name}`, retrieveDateTime: clock.now().toISOString() } };
      assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
      await failedAttempts(1);
      await allAnswered(test);
      await clock.advance(5000);
      await waitFor(() => statuses().includes(`DownloadFailed:${requestId}`), `DownloadFailed of ${name}`);
      assert.deepEqual(statuses(), [`Downloading:${requestId}`, `Downloading:${requestId}`, `DownloadFailed:${requestId}`]);
      assert.equal(requests.get(`/${name}`), 2);
      assert.deepEqual(await readdir(firmwareDirectory), [], `${name}: nothing left in the firmware folder`);
    }
  });

  it('L01.FR.30 a closed port (connection refused): DownloadFailed after the retries', async () => {
    const test = await firmwareStation('CS-FWF-4', open);
    const { client, clock, statuses, failedAttempts } = test;
    const location = `http://127.0.0.1:${await closedPort()}/station-9.bin`;
    const request = { requestId: 24, retries: 1, retryInterval: 60, firmware: { location, retrieveDateTime: clock.now().toISOString() } };
    assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
    await failedAttempts(1);
    assert.deepEqual(statuses(), ['Downloading:24']);
    await allAnswered(test);
    await clock.advance(60_000);
    await waitFor(() => statuses().includes('DownloadFailed:24'), 'DownloadFailed');
    assert.deepEqual(statuses(), ['Downloading:24', 'Downloading:24', 'DownloadFailed:24']);
  });
});
