// L03.FR.03/04: the station's HTTP server for published firmware, on loopback: it serves the published files at
// their paths (GET and HEAD, with Content-Length), nothing else, and listens only while something is published.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpFirmwareServer } from '../../../../src/blocks/publishing/firmware-file-server.js';
import { servedFileName, type PublishedFile } from '../../../../src/blocks/publishing/publishing-folder.js';

let dir: string;
let file: PublishedFile;
let secret: string;
const content = Buffer.alloc(70_000, 9);
const servers: HttpFirmwareServer[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-l03-server-'));
  const path = join(dir, 'station.bin');
  secret = join(dir, 'secret.txt');
  await Promise.all([writeFile(path, content), writeFile(secret, 'not to be served')]);
  file = { checksum: 'a'.repeat(32), fileName: 'station.bin', path, size: content.length };
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function server(options: Partial<ConstructorParameters<typeof HttpFirmwareServer>[0]> = {}): HttpFirmwareServer {
  const made = new HttpFirmwareServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(made);
  return made;
}

/** One request with a raw path (no normalisation by a URL parser). */
function fetchRaw(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('L03 the firmware file server', () => {
  it('L03.FR.03 GET and HEAD of a published file with its Content-Length; 404 for any other path; 405 for another method', async () => {
    const files = server();
    await files.serve([file]);
    const port = files.port!;
    const path = `/firmware/${file.checksum}/station.bin`;
    const got = await fetchRaw(port, path);
    assert.equal(got.status, 200);
    assert.equal(got.headers['content-length'], String(content.length));
    assert.deepEqual(got.body, content);
    const head = await fetchRaw(port, path, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(content.length));
    assert.equal(head.body.length, 0);
    assert.equal((await fetchRaw(port, path, 'PUT')).status, 405);
    for (const other of ['/', '/firmware', `/firmware/${file.checksum}`, `/firmware/${file.checksum}/other.bin`, `/firmware/${file.checksum}/../../secret.txt`, '/secret.txt', `/firmware/${file.checksum}/%2e%2e%2fsecret.txt`]) {
      const answer = await fetchRaw(port, other);
      assert.equal(answer.status, 404, other);
      assert.ok(!answer.body.toString().includes('not to be served'));
    }
    assert.equal((await fetchRaw(port, `${path}?x=1`)).status, 200);
  });

  it('L03.FR.04 the locations name the advertised host, or the listening one; an IPv6 host is bracketed', async () => {
    const plain = server();
    await plain.serve([file]);
    assert.deepEqual(plain.locations(file), [`http://127.0.0.1:${plain.port}/firmware/${file.checksum}/station.bin`]);
    const advertised = server({ advertisedHost: 'lc.site.example' });
    await advertised.serve([file]);
    assert.deepEqual(advertised.locations(file), [`http://lc.site.example:${advertised.port}/firmware/${file.checksum}/station.bin`]);
    const v6 = server({ advertisedHost: 'fd00::1' });
    await v6.serve([file]);
    assert.match(v6.locations(file)[0]!, /^http:\/\/\[fd00::1\]:\d+\//);
  });

  it('listens only while something is published: serve([]) and close() stop it; a file unpublished is 404 at once', async () => {
    const files = server();
    assert.deepEqual(files.locations(file), []);
    await files.serve([file]);
    const port = files.port!;
    await files.serve([]);
    assert.equal(files.port, undefined);
    await assert.rejects(fetchRaw(port, `/firmware/${file.checksum}/station.bin`), /ECONNREFUSED/);
    await files.serve([file]);
    files.close();
    assert.equal(files.port, undefined);
  });

  it('with port 0 the previous port is taken again when free, any free one when not; a fixed port in use fails', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as AddressInfo).port;
    try {
      const fallback = server({ preferredPort: busy });
      await fallback.serve([file]);
      assert.notEqual(fallback.port, busy);
      const fixed = server({ port: busy });
      await assert.rejects(fixed.serve([file]), /EADDRINUSE/);
      const free = fallback.port!;
      fallback.close();
      const again = server({ preferredPort: free });
      await again.serve([file]);
      assert.equal(again.port, free);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('the served name: the last path segment of the location, unsafe characters replaced', () => {
    assert.equal(servedFileName('http://h/a/b/fw-1.2.bin'), 'fw-1.2.bin');
    assert.equal(servedFileName('http://h/a/..%2F..%2Fetc%2Fpasswd'), '.._.._etc_passwd'.replace(/^[.]+/, ''));
    assert.equal(servedFileName('ftp://h/dir/'), 'firmware.bin');
    assert.equal(servedFileName('http://h/x/%E2%82%AC uro.img?sig=1'), '__uro.img');
  });
});
