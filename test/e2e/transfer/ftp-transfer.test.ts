// Downloads and uploads over ftp:// and ftps:// (explicit TLS) against a real ftp-srv server on loopback, in
// passive mode, rooted in a temp folder: the bytes on disk, missing files, wrong passwords, folder and file
// upload URLs, a stalled server and the maxBytes limit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';
import { downloadFile, uploadFile, TransferError, type TransferFailureKind, type TransferProgress } from '../../../src/transfer/index.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';

const PAYLOAD = randomBytes(200 * 1024);
const LIMITS = { timeoutMs: 5000, stallTimeoutMs: 2000, maxBytes: 1024 * 1024 };
const USER = 'station';
const PASSWORD = 'ftp-s3cret';

/** A bunyan-shaped logger that writes nothing (ftp-srv logs every command otherwise). */
const silentLog = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => silentLog,
};

/** The root folder, plus two files that misbehave: one that stalls after 100 bytes, one whose SIZE lies (1 byte). */
class TestFileSystem extends FileSystem {
  private readonly stalled: PassThrough[];
  constructor(connection: FtpConnection, root: string, stalled: PassThrough[]) {
    super(connection, { root, cwd: '/' });
    this.stalled = stalled;
  }
  override get(fileName: string): Promise<any> {
    if (fileName.endsWith('stall.bin')) return Promise.resolve({ size: 10_000, name: fileName });
    if (fileName.endsWith('unsized.bin')) return Promise.resolve({ size: 1, name: fileName });
    return super.get(fileName);
  }
  override read(fileName: string, options?: { start?: any }): Promise<any> {
    if (fileName.endsWith('stall.bin')) {
      const stream = new PassThrough();
      stream.write(Buffer.alloc(100));
      this.stalled.push(stream);
      return Promise.resolve({ stream, clientPath: fileName });
    }
    if (fileName.endsWith('unsized.bin')) {
      const stream = new PassThrough();
      stream.end(Buffer.alloc(5000));
      return Promise.resolve({ stream, clientPath: fileName });
    }
    return super.read(fileName, options);
  }
}

interface RunningFtp {
  readonly server: FtpSrv;
  readonly base: string;
  readonly stalled: PassThrough[];
}

let root: string;
let local: string;
let pki: TestPki;
let plain: RunningFtp;
let secure: RunningFtp;

async function startFtp(tls?: { key: string; cert: string }): Promise<RunningFtp> {
  const pasvMin = randomInt(40_000, 60_000);
  const stalled: PassThrough[] = [];
  const server = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: pasvMin,
    pasv_max: pasvMin + 200,
    anonymous: true,
    log: silentLog,
    ...(tls ? { tls } : {}),
  });
  server.on('login', ({ connection, username, password }, resolve, reject) => {
    if (username === 'anonymous' || (username === USER && password === PASSWORD)) {
      resolve({ fs: new TestFileSystem(connection, root, stalled) });
    } else reject(new Error('wrong user or password'));
  });
  await server.listen();
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return { server, base: `127.0.0.1:${port}`, stalled };
}

async function rejectsWith(promise: Promise<unknown>, kind: TransferFailureKind, message?: RegExp): Promise<TransferError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof TransferError, String(caught));
  assert.equal(caught.kind, kind, caught.message);
  assert.doesNotMatch(caught.message, new RegExp(PASSWORD));
  if (message) assert.match(caught.message, message);
  return caught;
}

async function assertNothingLeft(destination: string): Promise<void> {
  assert.equal(existsSync(destination), false, 'no file at the destination');
  assert.equal(existsSync(`${destination}.part`), false, 'no part file');
}

const credentials = `${USER}:${PASSWORD}`;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'ocpp-transfer-ftp-root-'));
  local = await mkdtemp(join(tmpdir(), 'ocpp-transfer-ftp-local-'));
  await mkdir(join(root, 'firmware'));
  await mkdir(join(root, 'logs'));
  await writeFile(join(root, 'firmware', 'image.bin'), PAYLOAD);
  await writeFile(join(local, 'diagnostics.zip'), PAYLOAD);
  pki = await createTestPki();
  plain = await startFtp();
  secure = await startFtp({ key: pki.server.key, cert: pki.server.cert });
});

after(async () => {
  for (const running of [plain, secure]) {
    for (const stream of running?.stalled ?? []) stream.end();
    await running?.server.close();
  }
  await pki?.cleanUp();
  await rm(root, { recursive: true, force: true });
  await rm(local, { recursive: true, force: true });
});

describe('FTP download', () => {
  it('downloads the exact bytes with user and password from the URL, with progress', async () => {
    const destination = join(local, 'image.bin');
    const events: TransferProgress[] = [];
    const result = await downloadFile(`ftp://${credentials}@${plain.base}/firmware/image.bin`, destination, {
      ...LIMITS,
      onProgress: (p) => events.push(p),
    });
    assert.equal(result.bytes, PAYLOAD.length);
    assert.deepEqual(await readFile(destination), PAYLOAD);
    assert.equal(existsSync(`${destination}.part`), false);
    assert.deepEqual(events.at(-1), { bytes: PAYLOAD.length, totalBytes: PAYLOAD.length });
  });

  it('logs in anonymously when the URL has no user', async () => {
    const destination = join(local, 'anonymous.bin');
    assert.deepEqual(await downloadFile(`ftp://${plain.base}/firmware/image.bin`, destination, LIMITS), { bytes: PAYLOAD.length });
  });

  it('a missing file is not-found (550) and leaves nothing', async () => {
    const destination = join(local, 'missing.bin');
    const error = await rejectsWith(downloadFile(`ftp://${credentials}@${plain.base}/firmware/nope.bin`, destination, LIMITS), 'not-found');
    assert.equal(error.statusCode, 550);
    assert.match(error.message, /ftp:\/\/\[redacted\]@127\.0\.0\.1/);
    await assertNothingLeft(destination);
  });

  it('a wrong password is permission-denied (530), and the message does not contain it', async () => {
    const error = await rejectsWith(
      downloadFile(`ftp://${USER}:wrong-${PASSWORD}@${plain.base}/firmware/image.bin`, join(local, 'denied.bin'), LIMITS),
      'permission-denied',
    );
    assert.equal(error.statusCode, 530);
  });

  it('over maxBytes: a SIZE above it fails at once, bytes beyond it as they arrive; nothing is left', async () => {
    const sized = join(local, 'too-large.bin');
    await rejectsWith(downloadFile(`ftp://${plain.base}/firmware/image.bin`, sized, { ...LIMITS, maxBytes: 1000 }), 'too-large', /announces/);
    await assertNothingLeft(sized);
    const unsized = join(local, 'unsized.bin');
    await rejectsWith(downloadFile(`ftp://${plain.base}/unsized.bin`, unsized, { ...LIMITS, maxBytes: 1000 }), 'too-large', /arrived/);
    await assertNothingLeft(unsized);
  });

  it('a server that stops sending times out within stallTimeoutMs', async () => {
    const destination = join(local, 'stall.bin');
    const started = Date.now();
    await rejectsWith(downloadFile(`ftp://${plain.base}/stall.bin`, destination, { ...LIMITS, stallTimeoutMs: 200 }), 'timeout');
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    await assertNothingLeft(destination);
  });

  it('an abort through the signal is aborted and leaves nothing', async () => {
    const destination = join(local, 'abort.bin');
    const controller = new AbortController();
    const download = downloadFile(`ftp://${plain.base}/stall.bin`, destination, { ...LIMITS, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await rejectsWith(download, 'aborted');
    await assertNothingLeft(destination);
  });
});

describe('FTP upload', () => {
  it('to a folder URL: the file goes in under fileName', async () => {
    const result = await uploadFile(`ftp://${credentials}@${plain.base}/logs/`, join(local, 'diagnostics.zip'), {
      timeoutMs: 5000,
      fileName: 'CS-1-log.zip',
    });
    assert.equal(result.bytes, PAYLOAD.length);
    assert.deepEqual(await readFile(join(root, 'logs', 'CS-1-log.zip')), PAYLOAD);
  });

  it('to a file URL: the file gets the URL name', async () => {
    await uploadFile(`ftp://${credentials}@${plain.base}/logs/named.zip`, join(local, 'diagnostics.zip'), {
      timeoutMs: 5000,
      fileName: 'unused.zip',
    });
    assert.deepEqual(await readFile(join(root, 'logs', 'named.zip')), PAYLOAD);
  });

  it('into a folder that does not exist is not-found', async () => {
    await rejectsWith(
      uploadFile(`ftp://${credentials}@${plain.base}/no-folder/`, join(local, 'diagnostics.zip'), { timeoutMs: 5000, fileName: 'x.zip' }),
      'not-found',
    );
  });
});

describe('FTPS (explicit TLS)', () => {
  it('downloads and uploads with the test CA given in ca', async () => {
    const destination = join(local, 'secure.bin');
    const options = { ...LIMITS, ca: [pki.ca.cert] };
    assert.deepEqual(await downloadFile(`ftps://${credentials}@${secure.base}/firmware/image.bin`, destination, options), {
      bytes: PAYLOAD.length,
    });
    assert.deepEqual(await readFile(destination), PAYLOAD);
    await uploadFile(`ftps://${credentials}@${secure.base}/logs/`, join(local, 'diagnostics.zip'), { ...options, fileName: 'secure.zip' });
    assert.deepEqual(await readFile(join(root, 'logs', 'secure.zip')), PAYLOAD);
  });

  it('an untrusted server certificate is refused with the TLS code', async () => {
    const destination = join(local, 'untrusted.bin');
    const error = await rejectsWith(downloadFile(`ftps://${credentials}@${secure.base}/firmware/image.bin`, destination, LIMITS), 'refused');
    assert.ok(error.socketCode && error.message.includes(error.socketCode), error.message);
    await assertNothingLeft(destination);
  });
});
