// Downloads and uploads over http:// and https:// against real node:http and node:https servers on loopback
// (the https one with a throw-away CA): progress, limits, stalls, aborts, redirects, TLS trust, PUT and
// multipart POST uploads, and how each failure is classified.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, uploadFile, TransferError, type TransferFailureKind, type TransferProgress } from '../../../src/transfer/index.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { closedPort } from '../../unit/control/closed-port.js';

const PAYLOAD = randomBytes(300 * 1024);
const LIMITS = { timeoutMs: 5000, stallTimeoutMs: 2000, maxBytes: 1024 * 1024 };

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let dir: string;
let pki: TestPki;
let server: Server;
let httpsServer: Server;
let base: string;
let httpsBase: string;
const received = new Map<string, Received>();

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const body = await bodyOf(request);
  received.set(path, { method: request.method ?? '', headers: request.headers, body });
  switch (path) {
    case '/file':
      response.writeHead(200, { 'content-length': PAYLOAD.length }).end(PAYLOAD);
      return;
    case '/big':
      response.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
      return;
    case '/big-chunked':
      // No Content-Length: the limit is only seen while the bytes arrive.
      response.writeHead(200);
      for (let i = 0; i < 10; i += 1) response.write(Buffer.alloc(1000));
      response.end();
      return;
    case '/stall':
      response.writeHead(200, { 'content-length': 10_000 });
      response.write(Buffer.alloc(100));
      return; // never ends
    case '/cut':
      response.writeHead(200, { 'content-length': 10_000 });
      response.write(Buffer.alloc(100), () => response.destroy());
      return;
    case '/upload-moved':
      // 307 keeps the method and the body: the upload is sent again to /upload.
      response.writeHead(307, { location: '/upload' }).end();
      return;
    case '/upload-see-other':
      response.writeHead(303, { location: '/upload' }).end();
      return;
    case '/redirect':
      response.writeHead(302, { location: '/hop' }).end();
      return;
    case '/hop':
      response.writeHead(301, { location: `${base}/file` }).end();
      return;
    case '/loop':
      response.writeHead(302, { location: '/loop' }).end();
      return;
    case '/upload':
    case '/form':
      response.writeHead(201).end('stored');
      return;
    case '/forbidden':
      response.writeHead(403).end();
      return;
    case '/broken':
      response.writeHead(500).end('oops');
      return;
    case '/private':
      response.writeHead(request.headers.authorization === basic('user', 's3cret-pw') ? 404 : 401).end();
      return;
    default:
      response.writeHead(404).end();
  }
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function listen(target: Server): Promise<string> {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(target.address() as AddressInfo).port}`;
}

async function close(target: Server): Promise<void> {
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
}

/** Asserts a TransferError of `kind` whose message does not give the password away. */
async function rejectsWith(promise: Promise<unknown>, kind: TransferFailureKind, message?: RegExp): Promise<TransferError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof TransferError, String(caught));
  assert.equal(caught.kind, kind, caught.message);
  assert.equal(caught.code, 'TRANSFER_FAILED');
  assert.doesNotMatch(caught.message, /s3cret-pw/);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** Nothing at the destination, and no part file either. */
async function assertNothingLeft(destination: string): Promise<void> {
  assert.equal(existsSync(destination), false, 'no file at the destination');
  assert.equal(existsSync(`${destination}.part`), false, 'no part file');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-transfer-http-'));
  pki = await createTestPki();
  server = createServer((request, response) => void handle(request, response));
  httpsServer = createHttpsServer({ key: pki.server.key, cert: pki.server.cert }, (request, response) => void handle(request, response));
  base = `http://${await listen(server)}`;
  httpsBase = `https://${await listen(httpsServer)}`;
});

after(async () => {
  await Promise.all([close(server), close(httpsServer)]);
  await pki.cleanUp();
  await rm(dir, { recursive: true, force: true });
});

describe('HTTP download', () => {
  it('downloads the exact bytes, reports throttled progress, and leaves no part file', async () => {
    const destination = join(dir, 'ok.bin');
    const events: TransferProgress[] = [];
    const result = await downloadFile(`${base}/file`, destination, { ...LIMITS, onProgress: (p) => events.push(p) });
    assert.equal(result.bytes, PAYLOAD.length);
    assert.deepEqual(await readFile(destination), PAYLOAD);
    assert.equal(existsSync(`${destination}.part`), false);
    assert.ok(events.length >= 2, `${events.length} progress events`);
    assert.ok(events.length <= Math.ceil(PAYLOAD.length / 65536) + 2, `${events.length} progress events: throttled`);
    assert.deepEqual(events.at(-1), { bytes: PAYLOAD.length, totalBytes: PAYLOAD.length });
    for (let i = 1; i < events.length; i += 1) assert.ok(events[i]!.bytes > events[i - 1]!.bytes);
  });

  it('a 404 is not-found and leaves nothing', async () => {
    const destination = join(dir, 'missing.bin');
    const error = await rejectsWith(downloadFile(`${base}/nothing-here`, destination, LIMITS), 'not-found', /HTTP 404/);
    assert.equal(error.statusCode, 404);
    await assertNothingLeft(destination);
  });

  it('a closed port is refused', async () => {
    const port = await closedPort();
    const error = await rejectsWith(downloadFile(`http://127.0.0.1:${port}/file`, join(dir, 'refused.bin'), LIMITS), 'refused');
    assert.equal(error.socketCode, 'ECONNREFUSED');
  });

  it('a Content-Length over maxBytes fails at once; a body over it without one fails as it arrives; nothing is left', async () => {
    const announced = join(dir, 'big.bin');
    await rejectsWith(downloadFile(`${base}/big`, announced, { ...LIMITS, maxBytes: 1000 }), 'too-large', /announces 5000 bytes/);
    await assertNothingLeft(announced);
    const streamed = join(dir, 'big-chunked.bin');
    await rejectsWith(downloadFile(`${base}/big-chunked`, streamed, { ...LIMITS, maxBytes: 2500 }), 'too-large', /more than 2500 bytes arrived/);
    await assertNothingLeft(streamed);
  });

  it('a server that sends the headers and then stalls times out within stallTimeoutMs', async () => {
    const destination = join(dir, 'stall.bin');
    const started = Date.now();
    await rejectsWith(downloadFile(`${base}/stall`, destination, { ...LIMITS, stallTimeoutMs: 200 }), 'timeout', /no data moved for 200 ms/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 190 && elapsed < 2000, `${elapsed} ms`);
    await assertNothingLeft(destination);
  });

  it('the whole-transfer limit holds even while bytes trickle in', async () => {
    const destination = join(dir, 'deadline.bin');
    await rejectsWith(downloadFile(`${base}/stall`, destination, { timeoutMs: 150, maxBytes: 1e6 }), 'timeout', /not done within 150 ms/);
    await assertNothingLeft(destination);
  });

  it('an abort through the signal is aborted, also when the signal fired before the start', async () => {
    const destination = join(dir, 'abort.bin');
    const controller = new AbortController();
    const download = downloadFile(`${base}/stall`, destination, { ...LIMITS, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(download, 'aborted');
    await assertNothingLeft(destination);
    await rejectsWith(downloadFile(`${base}/file`, destination, { ...LIMITS, signal: AbortSignal.abort() }), 'aborted');
    await assertNothingLeft(destination);
  });

  it('a connection cut in the middle of the body is io and leaves nothing', async () => {
    const destination = join(dir, 'cut.bin');
    await rejectsWith(downloadFile(`${base}/cut`, destination, LIMITS), 'io');
    await assertNothingLeft(destination);
  });

  it('follows redirects (relative and absolute), but not more than 5', async () => {
    const destination = join(dir, 'redirected.bin');
    assert.deepEqual(await downloadFile(`${base}/redirect`, destination, LIMITS), { bytes: PAYLOAD.length });
    assert.deepEqual(await readFile(destination), PAYLOAD);
    await rejectsWith(downloadFile(`${base}/loop`, join(dir, 'loop.bin'), LIMITS), 'server-error', /more than 5 redirects/);
  });

  it('sends the URL credentials as Basic auth and never names the password', async () => {
    const error = await rejectsWith(downloadFile(`http://user:s3cret-pw@${base.slice(7)}/private`, join(dir, 'p.bin'), LIMITS), 'not-found');
    assert.match(error.message, /http:\/\/\[redacted\]@127\.0\.0\.1/);
    await rejectsWith(downloadFile(`http://user:wrong@${base.slice(7)}/private`, join(dir, 'p.bin'), LIMITS), 'permission-denied', /HTTP 401/);
  });

  it('bad URLs and other schemes are refused before any connection', async () => {
    await rejectsWith(downloadFile('not a url s3cret-pw', join(dir, 'x'), LIMITS), 'bad-url');
    await rejectsWith(downloadFile('sftp://u:s3cret-pw@127.0.0.1/x', join(dir, 'x'), LIMITS), 'unsupported-scheme', /sftp:\/\/\[redacted\]@/);
  });
});

describe('HTTPS download', () => {
  it('works with the test CA given in ca', async () => {
    const destination = join(dir, 'tls.bin');
    assert.deepEqual(await downloadFile(`${httpsBase}/file`, destination, { ...LIMITS, ca: [pki.ca.cert] }), { bytes: PAYLOAD.length });
    assert.deepEqual(await readFile(destination), PAYLOAD);
  });

  it('fails as refused, naming the TLS code, when the server certificate is not trusted', async () => {
    const destination = join(dir, 'untrusted.bin');
    const error = await rejectsWith(downloadFile(`${httpsBase}/file`, destination, LIMITS), 'refused', /TLS handshake failed/);
    assert.ok(error.socketCode, 'the TLS code');
    assert.ok(error.message.includes(error.socketCode));
    await assertNothingLeft(destination);
  });
});

describe('HTTP upload', () => {
  let source: string;
  before(async () => {
    source = join(dir, 'log-upload.tar.gz');
    await writeFile(source, PAYLOAD);
  });

  it('PUT sends the file as the body, exactly', async () => {
    const events: TransferProgress[] = [];
    const result = await uploadFile(`${base}/upload`, source, { timeoutMs: 5000, fileName: 'ignored.bin', onProgress: (p) => events.push(p) });
    assert.equal(result.bytes, PAYLOAD.length);
    const got = received.get('/upload');
    assert.equal(got?.method, 'PUT');
    assert.deepEqual(got?.body, PAYLOAD);
    assert.deepEqual(events.at(-1), { bytes: PAYLOAD.length, totalBytes: PAYLOAD.length });
  });

  it('POST sends one multipart/form-data part named "file" with the file name', async () => {
    await uploadFile(`${httpsBase}/form`, source, { timeoutMs: 5000, fileName: 'station "7".log', httpMethod: 'POST', ca: [pki.ca.cert] });
    const got = received.get('/form');
    assert.equal(got?.method, 'POST');
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(got?.headers['content-type'] ?? '')?.[1];
    assert.ok(boundary, got?.headers['content-type']);
    const parts = parseMultipart(got!.body, boundary);
    assert.equal(parts.length, 1);
    assert.match(parts[0]!.headers, /^Content-Disposition: form-data; name="file"; filename="station %227%22.log"$/m);
    assert.deepEqual(parts[0]!.body, PAYLOAD);
  });

  it('follows a 307 with the same method and body, but not a 303 (an upload never becomes a GET)', async () => {
    received.delete('/upload');
    await uploadFile(`${base}/upload-moved`, source, { timeoutMs: 5000, fileName: 'x' });
    assert.deepEqual(received.get('/upload')?.body, PAYLOAD);
    assert.equal(received.get('/upload')?.method, 'PUT');
    await rejectsWith(uploadFile(`${base}/upload-see-other`, source, { timeoutMs: 5000, fileName: 'x' }), 'server-error', /HTTP 303/);
  });

  it('a 403 is permission-denied and a 500 server-error', async () => {
    const forbidden = await rejectsWith(uploadFile(`${base}/forbidden`, source, { timeoutMs: 5000, fileName: 'x' }), 'permission-denied', /HTTP 403/);
    assert.equal(forbidden.statusCode, 403);
    await rejectsWith(uploadFile(`${base}/broken`, source, { timeoutMs: 5000, fileName: 'x', httpMethod: 'POST' }), 'server-error', /HTTP 500/);
  });

  it('a missing source file is io, and nothing is sent', async () => {
    await rejectsWith(uploadFile(`${base}/upload`, join(dir, 'no-such-file'), { timeoutMs: 5000, fileName: 'x' }), 'io', /ENOENT/);
  });

  it('leaves no stray part files in the download folder', async () => {
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.part')), []);
  });
});

/** The parts of a multipart body: headers as text, body as bytes. */
function parseMultipart(body: Buffer, boundary: string): { headers: string; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: string; body: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    assert.notEqual(next, -1, 'the closing delimiter');
    const part = body.subarray(start + 2, next - 2); // after CRLF, before the CRLF of the next delimiter
    const split = part.indexOf('\r\n\r\n');
    parts.push({ headers: part.subarray(0, split).toString(), body: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}
