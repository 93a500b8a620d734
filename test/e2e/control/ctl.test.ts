// `ocpp-station ctl` as a person runs it, talking to a control API served in this test on loopback (with a fake
// station behind it): the program in process (main with captured output), and the built executable in a child
// process for the exit codes a shell sees. Exit codes, output, URL discovery through --db, usage errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlServer, type ControlServer } from '../../../src/control/http-server.js';
import { writeControlUrl } from '../../../src/control/control-url-file.js';
import { FakeStationControl } from '../../unit/control/fake-station-control.js';
import { closedPort } from '../../unit/control/closed-port.js';
import { ctl as ctlProcess } from '../../support/cli-process.js';
import { killChildren } from '../../support/child-process.js';
import { mainOnce } from '../../support/cli-in-process.js';

interface CtlRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `ocpp-station ctl <args…>` in process, with an environment of its own. */
function ctl(args: string[], env: Record<string, string> = {}): Promise<CtlRun> {
  return mainOnce(['ctl', ...args], env);
}

// Each test has a station of its own, so that they can run side by side.
describe('ocpp-station ctl', { concurrency: true }, () => {
  let dir: string;
  const servers: ControlServer[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-ctl-e2e-'));
  });

  after(async () => {
    await killChildren();
    await Promise.all(servers.map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function station(): Promise<{ control: FakeStationControl; server: ControlServer }> {
    const control = new FakeStationControl();
    const server = await startControlServer({ control });
    servers.push(server);
    return { control, server };
  }

  it('status prints the station as JSON and exits 0 (the built executable)', async () => {
    const { server } = await station();
    const run = await ctlProcess(['--api', server.url, 'status']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const status = JSON.parse(run.stdout);
    assert.equal(status.stationId, 'CS-FAKE');
    assert.deepEqual(status.evses[1].connectors, [
      { id: 1, status: 'Available' },
      { id: 2, status: 'Faulted' },
    ]);
  });

  it('plug, authorize and set act on the station and print a short line; options may follow the verb', async () => {
    const { control, server } = await station();
    const plug = await ctl(['plug', '2', '2', '--api', server.url]);
    assert.deepEqual(plug, { code: 0, stdout: 'plugged in at EVSE 2, connector 2\n', stderr: '' });
    const authorize = await ctl(['--api', server.url, 'authorize', 'any', 'TOKEN-9', 'ISO14443']);
    assert.deepEqual(authorize, { code: 0, stdout: 'authorized at EVSE 1 (Accepted)\n', stderr: '' });
    const set = await ctl(['--api', server.url, 'set', 'OCPPCommCtrlr.HeartbeatInterval', '-5']);
    assert.equal(set.code, 1, 'a negative number is a value, and the fake refuses it');
    assert.match(set.stderr, /Rejected/);
    assert.deepEqual(control.callsOf('plug'), [[2, 2]]);
    assert.deepEqual(control.callsOf('authorize'), [['any', 'TOKEN-9', 'ISO14443']]);
    assert.deepEqual(control.callsOf('set'), [['OCPPCommCtrlr.HeartbeatInterval', '-5']]);
  });

  it('finds the API through --db <file> (the URL file run writes), and through OCPP_STATION_API', async () => {
    const { server } = await station();
    const db = join(dir, 'station.db');
    writeControlUrl(db, server.url);
    const set = await ctl(['--db', db, 'set', 'EVSE#1.Power/MaxSet', '7400']);
    assert.deepEqual(set, { code: 0, stdout: 'EVSE#1.Power/MaxSet = 7400 (Accepted)\n', stderr: '' });
    const get = await ctl(['get', 'EVSE#1.Power/MaxSet'], { OCPP_STATION_API: server.url });
    assert.deepEqual(get, { code: 0, stdout: '7400\n', stderr: '' });
  });

  it('exits 1 with the station\'s one-line message when the station refuses', async () => {
    const { server } = await station();
    const run = await ctl(['--api', server.url, 'fault', '1', '4']);
    assert.deepEqual(run, { code: 1, stdout: '', stderr: 'ocpp-station ctl: fault: EVSE 1 has no connector 4\n' });
  });

  it('exits 2 with the usage for an unknown verb, and sends nothing', async () => {
    const { control, server } = await station();
    const run = await ctl(['--api', server.url, 'explode']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^ocpp-station ctl: unknown verb "explode"; the verbs are status, plug, unplug, authorize/);
    assert.match(run.stderr, /Usage: ocpp-station ctl \[--api <url> \| --db <file>\]/);
    assert.deepEqual(control.calls, []);
  });

  it('exits 2 with the usage for wrong arguments and unknown options', async () => {
    const { server } = await station();
    const missing = await ctl(['--api', server.url, 'unplug']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /unplug takes <evse>; got none/);
    assert.match(missing.stderr, /Usage: ocpp-station ctl/);
    const option = await ctl(['--apy', server.url, 'status']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option '--apy'/);
    assert.match(option.stderr, /Usage: ocpp-station ctl/);
    const nowhere = await ctl(['status']);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /Pass --api <url> or --db <file>, or set OCPP_STATION_API/);
  });

  it('exits 1 naming the URL when the API cannot be reached (the built executable)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await ctlProcess(['--api', url, 'reboot']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^ocpp-station ctl: cannot reach the control API at ${url}: connect ECONNREFUSED[^\\n]*\\n$`));
  });

  it('--help prints the usage with every verb and exits 0', async () => {
    const run = await ctl(['--help']);
    assert.equal(run.code, 0);
    for (const verb of ['status', 'plug', 'unplug', 'authorize', 'ev-suspend', 'ev-resume', 'fault', 'clear-fault', 'offline', 'online', 'reboot', 'set', 'get']) {
      assert.match(run.stdout, new RegExp(`^  ${verb} `, 'm'), verb);
    }
  });
});
