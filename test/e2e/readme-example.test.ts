// The README's library example is real code: extracted from the README, pointed at this checkout's source,
// run as a child process against ocpp-rpc's strict RPCServer, it boots and is Accepted, and stops on SIGINT.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsmsPeer } from '../support/csms-peer.js';
import { acceptingCsms } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { killChildren, spawnNode } from '../support/child-process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library use'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'the README has a TypeScript example under "Library use"');
  return match[1]!;
}

describe('README library example', () => {
  let dir: string;
  let peer: CsmsPeer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-readme-'));
    peer = await CsmsPeer.start({ handlers: acceptingCsms(120) });
  });

  after(async () => {
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is under 60 lines', () => {
    assert.ok(readmeExample().trimEnd().split('\n').length < 60);
  });

  it('boots a station against a CSMS, is Accepted, and stops on SIGINT', async () => {
    const source = readmeExample().replace("from 'ocpp-station'", `from '${join(root, 'src', 'index.ts')}'`);
    const file = join(dir, 'boot.ts');
    writeFileSync(file, source);
    // The child runs in a temp folder, so tsx is named by its location in this checkout.
    const run = spawnNode(['--import', import.meta.resolve('tsx'), file, peer.url, 'CS-README'], {
      cwd: dir,
      env: { ...process.env, OCPP_STATION_PASSWORD: 'readme-password-0001' },
    });
    const { child } = run;
    const output = () => run.output().all;
    try {
      await waitFor(() => output().includes('registration: Accepted'), 'the station to be Accepted');
      assert.match(output(), /connected to ws:\/\/127\.0\.0\.1:\d+\/ocpp\/CS-README/);
      assert.match(output(), /HeartbeatInterval is now 120 \(by station\)/);
      assert.equal(peer.callsOf('BootNotification')[0]!.payload.chargingStation.model, 'Wallbox 2');
      child.kill('SIGINT');
      // run.exit: once the process has ended and all its output is read.
      assert.equal(await run.exit, 0);
      assert.match(output(), /heartbeat interval was 120 s/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
