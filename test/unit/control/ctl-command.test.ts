// `ocpp-station ctl` in process (runCtl with its output captured), against the control server and a fake station:
// every verb's output, --json, where the URL comes from, and the exit codes. The child-process tests are in
// test/e2e/control/ctl.test.ts.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlServer, type ControlServer } from '../../../src/control/http-server.js';
import { writeControlUrl } from '../../../src/control/control-url-file.js';
import { CTL_USAGE, runCtl, type CtlOptions } from '../../../src/cli/ctl-command.js';
import { FakeStationControl } from './fake-station-control.js';
import { closedPort } from './closed-port.js';

describe('ctl verbs', () => {
  let control: FakeStationControl;
  let server: ControlServer;
  let dir: string;

  before(async () => {
    control = new FakeStationControl();
    server = await startControlServer({ control });
    dir = mkdtempSync(join(tmpdir(), 'ocpp-ctl-'));
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    control.calls.length = 0;
  });

  async function ctl(args: string[], options: CtlOptions = { api: server.url }, env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const [verb, ...rest] = args;
    const code = await runCtl(verb, rest, options, { out: (text) => (stdout += text), err: (text) => (stderr += text), env });
    return { code, stdout, stderr };
  }

  const lines: [string[], string, string, unknown[]][] = [
    [['plug', '1'], 'plugged in at EVSE 1', 'plug', [1]],
    [['plug', '2', '2'], 'plugged in at EVSE 2, connector 2', 'plug', [2, 2]],
    [['unplug', '2'], 'unplugged at EVSE 2', 'unplug', [2]],
    [['authorize', '1', 'TOKEN-1'], 'authorized at EVSE 1 (Accepted)', 'authorize', [1, 'TOKEN-1']],
    [['authorize', 'any', 'BAD-1', 'ISO15693'], 'rejected (Invalid)', 'authorize', ['any', 'BAD-1', 'ISO15693']],
    [['ev-suspend', '1'], 'EV suspended at EVSE 1', 'evSuspend', [1]],
    [['ev-resume', '1'], 'EV resumed at EVSE 1', 'evResume', [1]],
    [['fault', '2', '2'], 'fault at EVSE 2, connector 2', 'fault', [2, 2]],
    [['clear-fault', '2', '2'], 'fault cleared at EVSE 2, connector 2', 'clearFault', [2, 2]],
    [['offline'], 'offline: the network link is down', 'offline', []],
    [['online'], 'online: the network link is back; the station reconnects', 'online', []],
    [['reboot'], 'rebooted', 'reboot', []],
    [['set', 'OCPPCommCtrlr.HeartbeatInterval', '60'], 'OCPPCommCtrlr.HeartbeatInterval = 60 (Accepted)', 'set', ['OCPPCommCtrlr.HeartbeatInterval', '60']],
    [['set', 'VendorCtrlr.Mode', 'Boost'], 'VendorCtrlr.Mode = Boost (RebootRequired: takes effect after a reboot)', 'set', ['VendorCtrlr.Mode', 'Boost']],
    [['get', 'EVSE#1.Power/MaxSet'], '11000', 'get', ['EVSE#1.Power/MaxSet']],
    [['logs'], 'uploading (request 8); last status Uploading (request 8)', 'logs', []],
    [
      ['firmware'],
      'last status Downloading (request 5); update 5 downloading from https://firmware.example/v2.bin after 1 failed attempt(s)',
      'firmware',
      [],
    ],
    [
      ['publishing'],
      'abababababababababababababababab fw.bin (42 bytes) http://127.0.0.1:8070/firmware/abababababababababababababababab/fw.bin\n' +
        'last status DownloadScheduled (request 9); download 9 retry-scheduled from https://firmware.example/v3.bin',
      'publishing',
      [],
    ],
    [
      ['certificates'],
      'CSMSRootCertificate (active): O=Fake Operator, CN=Fake Root; issuer O=Fake Operator, CN=Fake Root; serial 01AB; valid 2026-01-01T00:00:00.000Z to 2027-01-01T00:00:00.000Z',
      'certificates',
      [],
    ],
  ];
  for (const [args, line, method, callArgs] of lines) {
    it(`${args.join(' ')} prints "${line}" and exits 0`, async () => {
      const result = await ctl(args);
      assert.deepEqual(result, { code: 0, stdout: `${line}\n`, stderr: '' });
      assert.deepEqual(control.callsOf(method), [callArgs]);
    });
  }

  it('status prints the station status as JSON', async () => {
    const result = await ctl(['status']);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), JSON.parse(JSON.stringify(new FakeStationControl().status())));
  });

  it('certificates: one line per certificate, "no certificates installed" when none, the list with --json', async () => {
    assert.deepEqual(JSON.parse((await ctl(['certificates'], { api: server.url, json: true })).stdout), control.installed);
    const installed = control.installed;
    control.installed = [];
    try {
      assert.deepEqual(await ctl(['certificates']), { code: 0, stdout: 'no certificates installed\n', stderr: '' });
    } finally {
      control.installed = installed;
    }
  });

  it('--json prints the answer as JSON for every verb', async () => {
    assert.deepEqual(JSON.parse((await ctl(['plug', '1'], { api: server.url, json: true })).stdout), { ok: true });
    assert.deepEqual(JSON.parse((await ctl(['authorize', '2', 'T'], { api: server.url, json: true })).stdout), {
      result: 'authorized',
      evseId: 2,
      status: 'Accepted',
    });
    const read = JSON.parse((await ctl(['get', 'OCPPCommCtrlr.HeartbeatInterval'], { api: server.url, json: true })).stdout);
    assert.equal(read.attributeStatus, 'Accepted');
  });

  it('sends a negative value and an empty one as given', async () => {
    assert.equal((await ctl(['set', 'VendorCtrlr.Offset', '-5'])).code, 1, 'unknown variable in the fake');
    control.variables.set('VendorCtrlr.Offset', '0');
    assert.equal((await ctl(['set', 'VendorCtrlr.Offset', '-5'])).code, 0);
    assert.equal((await ctl(['set', 'VendorCtrlr.Offset', ''])).code, 0);
    assert.deepEqual(control.callsOf('set').slice(1), [
      ['VendorCtrlr.Offset', '-5'],
      ['VendorCtrlr.Offset', ''],
    ]);
  });

  it('exits 1 with the station\'s one-line message when the station refuses', async () => {
    assert.deepEqual(await ctl(['plug', '9']), {
      code: 1,
      stdout: '',
      stderr: 'ocpp-station ctl: plug: EVSE 9 does not exist; this station has EVSEs 1 and 2\n',
    });
    assert.deepEqual(await ctl(['get', 'OCPPCommCtrlr.Nothing']), {
      code: 1,
      stdout: '',
      stderr: 'ocpp-station ctl: get: OCPPCommCtrlr.Nothing: UnknownVariable\n',
    });
    assert.match((await ctl(['set', 'OCPPCommCtrlr.HeartbeatInterval', 'soon'])).stderr, /Rejected \(InvalidValue: not an integer\)/);
  });

  const usage: [string[], RegExp][] = [
    [[], /which verb\?/],
    [['launch'], /unknown verb "launch"; the verbs are status, plug/],
    [['toString'], /unknown verb "toString"/],
    [['status', 'now'], /status takes no arguments; got "now"/],
    [['plug'], /plug takes <evse> \[connector\]; got none/],
    [['plug', '1', '2', '3'], /plug takes <evse> \[connector\]; got "1" "2" "3"/],
    [['plug', 'one'], /<evse> must be a positive integer, got "one"/],
    [['plug', '0'], /<evse> must be a positive integer, got "0"/],
    [['plug', '1', '1.5'], /<connector> must be a positive integer, got "1.5"/],
    [['fault', '1'], /fault takes <evse> <connector>/],
    [['authorize', 'all', 'T'], /<evse\|any> must be a positive integer, got "all"/],
    [['authorize', '1', 'T', 'RFID'], /\[type\] must be one of Central, eMAID/],
    [['set', 'HeartbeatInterval', '60'], /not a variable path/],
    [['set', 'OCPPCommCtrlr.HeartbeatInterval'], /set takes <Component\.Variable> <value>/],
    [['get', 'EVSE#1.Power/Biggest'], /not an attribute type/],
  ];
  for (const [args, message] of usage) {
    it(`ctl ${args.join(' ') || '(nothing)'} is a usage error: exit 2, the message and the usage, nothing sent`, async () => {
      const result = await ctl(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.ok(result.stderr.endsWith(`\n\n${CTL_USAGE}`));
      assert.deepEqual(control.calls, []);
    });
  }

  it('takes the URL from --api, else from <db>.control-url, else from OCPP_STATION_API', async () => {
    const db = join(dir, 'station.db');
    writeControlUrl(db, server.url);
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    assert.equal((await ctl(['reboot'], { db })).code, 0, '--db');
    assert.equal((await ctl(['reboot'], {}, { OCPP_STATION_API: server.url })).code, 0, 'environment');
    assert.equal((await ctl(['reboot'], { db }, { OCPP_STATION_API: unreachable })).code, 0, '--db before the environment');
    assert.equal((await ctl(['reboot'], { api: server.url, db: join(dir, 'none.db') })).code, 0, '--api before --db');
    assert.equal(control.callsOf('reboot').length, 4);
  });

  it('is a usage error without any URL, or with one that is not http://', async () => {
    const none = await ctl(['status'], {});
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Pass --api <url> or --db <file>, or set OCPP_STATION_API/);
    const ws = await ctl(['status'], { api: 'ws://127.0.0.1:9000' });
    assert.equal(ws.code, 2);
    assert.match(ws.stderr, /^ocpp-station ctl: --api: "ws:\/\/127\.0\.0\.1:9000" is not an http:\/\/ or https:\/\/ URL/);
    const env = await ctl(['status'], {}, { OCPP_STATION_API: 'localhost' });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /\$OCPP_STATION_API: "localhost"/);
  });

  it('exits 1 naming the URL when nothing answers there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await ctl(['status'], { api: url });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
    assert.match(result.stderr, new RegExp(`^ocpp-station ctl: cannot reach the control API at ${url}: connect ECONNREFUSED`));
  });

  it('with --db, says which file the URL came from, or that there is none', async () => {
    const db = join(dir, 'stale.db');
    const url = `http://127.0.0.1:${await closedPort()}`;
    writeControlUrl(db, url);
    const stale = await ctl(['status'], { db });
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, new RegExp(`cannot reach the control API at ${url}: .*the URL is from ${db}\\.control-url; is "ocpp-station run --db ${db}" still running\\?`));
    const missing = await ctl(['status'], { db: join(dir, 'never.db') });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no control API URL: .*never\.db\.control-url does not exist; is "ocpp-station run --db .*never\.db" running\?/);
  });
});
