// The simulator's FirmwareHost: a real download from an HTTP server on loopback, the install on the fake clock
// with the new version taken from the image's name, a forced failure, and a cancelled install.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirmwareInstallError } from '../../../src/blocks/firmware/firmware-host.js';
import { SimulatedFirmwareHost, versionFromLocation, type SimulatedFirmwareOptions } from '../../../src/simulator/simulated-firmware.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const image = Buffer.alloc(200_000, 3);
let server: Server;
let base: string;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-sim-firmware-'));
  server = createServer((request, response) => {
    if (request.url === '/station-2.1.0.bin') {
      response.writeHead(200, { 'content-length': image.length });
      response.end(image);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function host(extra: Partial<SimulatedFirmwareOptions> = {}) {
  const clock = new FakeClock();
  const versions: string[] = [];
  const firmware = new SimulatedFirmwareHost({
    clock,
    maxBytes: 1024 * 1024,
    downloadTimeoutMs: 10_000,
    stallTimeoutMs: 2000,
    installSeconds: 30,
    installVersion: (version) => versions.push(version),
    ...extra,
  });
  return { clock, versions, firmware };
}

describe('SimulatedFirmwareHost', () => {
  it('downloads the image for real with progress, installs it in installSeconds and takes its name as the version', async () => {
    const { clock, versions, firmware } = host();
    const destinationPath = join(dir, 'image.bin');
    const progress: number[] = [];
    await firmware.download({ location: `${base}/station-2.1.0.bin`, destinationPath, signal: new AbortController().signal, onProgress: (bytes) => progress.push(bytes) });
    assert.deepEqual(await readFile(destinationPath), image);
    assert.equal(progress.at(-1), image.length);
    let outcome: string | undefined;
    const installing = firmware.install({ filePath: destinationPath, location: `${base}/station-2.1.0.bin`, signal: new AbortController().signal }).then((value) => (outcome = value));
    await clock.advance(29_000);
    assert.equal(outcome, undefined);
    await clock.advance(1000);
    await installing;
    assert.equal(outcome, 'reboot-required');
    assert.deepEqual(versions, ['station-2.1.0']);
  });

  it('a missing image fails the download; a forced failure and a cancel fail the install', async () => {
    const { clock, firmware } = host({ failInstall: 'InstallVerificationFailed' });
    await assert.rejects(firmware.download({ location: `${base}/missing.bin`, destinationPath: join(dir, 'missing.bin'), signal: new AbortController().signal }), /not-found|404|not found/i);
    const failing = firmware.install({ filePath: 'x', location: 'x', signal: new AbortController().signal });
    const assertion = assert.rejects(failing, (error: unknown) => error instanceof FirmwareInstallError && error.status === 'InstallVerificationFailed');
    await clock.advance(30_000);
    await assertion;

    const abort = new AbortController();
    const cancelled = assert.rejects(host().firmware.install({ filePath: 'x', location: 'x', signal: abort.signal }), /cancelled/);
    abort.abort();
    await cancelled;
  });

  it('the version is the location\'s file name without extension, at most 50 characters', () => {
    assert.equal(versionFromLocation('ftp://host/path/fw-1.2.3.img?x=1'), 'fw-1.2.3');
    assert.equal(versionFromLocation('https://host/'), 'updated');
    assert.equal(versionFromLocation(`https://host/${'v'.repeat(80)}.bin`).length, 50);
  });
});
