// Failed connection attempts on the console of `ocpp-station run` (issue 10 item 14): a CSMS that is down or
// refuses the password shows one readable line per failed attempt, with the reason and when the next attempt
// starts, instead of a silent console while the station retries. Real time is a FakeClock the test moves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { runMain } from '../../support/cli-in-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const failedLine = /^\* connection attempt (\d+) to (\S+) failed: (.+); next attempt in ([\d.]+ m?s)$/gm;

describe('ocpp-station run shows failed connection attempts', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-failures-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CSMS that is down: one line per attempt with the reason and the next retry', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const clock = new FakeClock(new Date());
    const run = runMain(['run', '--csms', `ws://127.0.0.1:${port}/ocpp`, '--id', 'CS-DOWN', '--db', join(dir, 'down.db'), '--log-level', 'silent'], { clock });
    try {
      const lines = () => [...run.output().stdout.matchAll(failedLine)];
      await waitFor(() => lines().length === 1, 'the first failed attempt on the console');
      const [first] = lines();
      assert.equal(first![1], '1');
      assert.equal(first![2], `ws://127.0.0.1:${port}/ocpp/CS-DOWN`);
      assert.match(first![3]!, /cannot reach the CSMS: .*ECONNREFUSED/);
      await clock.advance(10 * 60_000);
      await waitFor(() => lines().length >= 2, 'the second failed attempt');
      assert.equal(lines()[1]![1], '2', 'the attempts are numbered');
    } finally {
      run.stop();
      assert.equal(await run.exit, 0, run.output().stderr);
    }
  });

  it('a CSMS that refuses the password (HTTP 401)', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms(), authorize: () => false });
    const run = runMain(['run', '--csms', peer.url, '--id', 'CS-401', '--db', join(dir, '401.db'), '--password', 'wrong-password-0123', '--log-level', 'silent'], {
      clock: new FakeClock(new Date()),
    });
    try {
      await waitFor(() => failedLine.test(run.output().stdout), 'the failed attempt on the console');
      failedLine.lastIndex = 0;
      assert.match(run.output().stdout, /^\* connection attempt 1 to \S+\/CS-401 failed: .*401.*; next attempt in /m);
    } finally {
      run.stop();
      assert.equal(await run.exit, 0, run.output().stderr);
      await peer.close();
    }
  });
});
