// `ocpp-station run` as a person uses it: a child process connecting to ocpp-rpc's strict RPCServer on
// loopback, stopped with SIGTERM; bad options refused with exit code 2 and a message naming the option.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { runCli } from '../../support/cli-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { killChildren } from '../../support/child-process.js';

describe('ocpp-station run', () => {
  let dir: string;
  let peer: CsmsPeer;
  const seen: { identity: string; password: string | undefined }[] = [];
  const running: ChildProcess[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-'));
    peer = await CsmsPeer.start({
      handlers: acceptingCsms(),
      authorize: (identity, password) => {
        seen.push({ identity, password });
        return password === 'cli-password-0123456' || (identity === 'CS-NOPW' && password === undefined);
      },
    });
  });

  after(async () => {
    for (const child of running) child.kill('SIGKILL');
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to <csms>/<id> with Basic auth and the ocpp2.0.1 subprotocol, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'nested', 'CS-CLI.db');
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-CLI', '--db', db, '--log-level', 'silent'], {
      OCPP_STATION_PASSWORD: 'cli-password-0123456',
    });
    running.push(run.child);
    const connected = await client;
    assert.equal(connected.identity, 'CS-CLI');
    assert.equal(connected.protocol, 'ocpp2.0.1');
    assert.deepEqual(seen.at(-1), { identity: 'CS-CLI', password: 'cli-password-0123456' });
    assert.ok(existsSync(db), 'the database file was created');
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
  });

  it('answers the CSMS while running: an action OCPP 2.0.1 defines but nothing handles gets NotSupported', async () => {
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-CLI2', '--db', join(dir, 'CS-CLI2.db'), '--log-level', 'silent', '--password', 'cli-password-0123456']);
    running.push(run.child);
    const connected = await client;
    connected.sendRaw('[2, "cli-1", "ClearDisplayMessage", {"id": 1}]');
    const answer = () => connected.inbound.map((text) => JSON.parse(text) as unknown[]).find((frame) => frame[1] === 'cli-1');
    await waitFor(() => answer() !== undefined, 'an answer');
    assert.deepEqual(answer()!.slice(0, 3), [4, 'cli-1', 'NotSupported']);
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0);
  });

  it('connects without Basic auth when no password is given (security profile 1, e.g. a lab CSMS)', async () => {
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-NOPW', '--db', join(dir, 'CS-NOPW.db'), '--log-level', 'silent']);
    running.push(run.child);
    assert.equal((await client).identity, 'CS-NOPW');
    assert.deepEqual(seen.at(-1), { identity: 'CS-NOPW', password: undefined });
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0);
  });

  it('B01 boots with the configuration file\'s identity, and a CSMS Reset restarts it with reason RemoteReset', async () => {
    const configFile = join(dir, 'station.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        identity: { vendorName: 'ExampleVendor', model: 'Wallbox 2' },
        evses: [{ id: 1, connectors: [{ id: 1, type: 'sType2' }] }, { id: 2, connectors: [{ id: 1, type: 'sType2' }] }],
      }),
    );
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-CFG', '--db', join(dir, 'CS-CFG.db'), '--config', configFile,
      '--log-level', 'silent', '--password', 'cli-password-0123456']);
    running.push(run.child);
    const connected = await client;
    const boots = () => peer.callsOf('BootNotification').filter((call) => call.identity === 'CS-CFG');
    await waitFor(() => peer.callsOf('StatusNotification').filter((c) => c.identity === 'CS-CFG').length === 2, 'two StatusNotifications', 10_000);
    assert.deepEqual(boots()[0]!.payload, { reason: 'PowerUp', chargingStation: { vendorName: 'ExampleVendor', model: 'Wallbox 2' } });

    const set = await connected.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '321' }],
    });
    assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
    const again = peer.nextClient();
    assert.deepEqual(await connected.call('Reset', { type: 'Immediate' }), { status: 'Accepted' });
    const reconnected = await again;
    await waitFor(() => boots().length === 2, 'the boot after the reset', 10_000);
    assert.equal(boots()[1]!.payload.reason, 'RemoteReset');
    const read = await reconnected.call('GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }],
    });
    assert.equal(read.getVariableResult[0].attributeValue, '321', 'the value survived the restart');
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0);
  });

  it('--speed 60: simulated time keeps its own clock (TimeSource RealTimeClock) and a 60 s heartbeat comes within seconds', async () => {
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-FAST', '--db', join(dir, 'CS-FAST.db'), '--speed', '60',
      '--password', 'cli-password-0123456']);
    running.push(run.child);
    const connected = await client;
    const read = await connected.call('GetVariables', { getVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'TimeSource' } }] });
    assert.equal(read.getVariableResult[0].attributeValue, 'RealTimeClock');
    await connected.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' }],
    });
    const heartbeats = () => peer.callsOf('Heartbeat').filter((call) => call.identity === 'CS-FAST').length;
    await waitFor(() => heartbeats() >= 2, 'two heartbeats a simulated minute apart', 10_000);
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0);
    assert.match(run.output().stdout, /60x speed/);
  });

  it('refuses a configuration file with a bad key, naming it, with exit code 2', async () => {
    const configFile = join(dir, 'bad-station.json');
    writeFileSync(configFile, JSON.stringify({ identity: { vendorName: 'V', model: 'M' }, evses: [{ id: 1, connectors: [{ id: 1, type: 'cType9' }] }] }));
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-BADCFG', '--db', join(dir, 'bad-cfg.db'), '--config', configFile]);
    running.push(run.child);
    assert.equal(await run.exit, 2);
    assert.match(run.output().stderr, /evses\[0\]\.connectors\[0\]\.type/);
  });

  it('refuses to start when a required variable of a supported block has no value, naming it', async () => {
    const configFile = join(dir, 'tariff-station.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        identity: { vendorName: 'V', model: 'M' },
        evses: [{ id: 1, connectors: [{ id: 1, type: 'cType2' }] }],
        supportedBlocks: ['Core', 'TariffCost'],
      }),
    );
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-TARIFF', '--db', join(dir, 'tariff.db'), '--config', configFile]);
    running.push(run.child);
    assert.equal(await run.exit, 2);
    assert.match(run.output().stderr, /TariffCostCtrlr\.TariffFallbackMessage/);
  });

  const refusals: [string, string[], RegExp][] = [
    ['a URL that is not ws:// or wss://', ['--csms', 'http://127.0.0.1:1/ocpp'], /--csms/],
    ['an identity with a colon', ['--id', 'CS:1'], /--id/],
    ['an unknown security profile', ['--security-profile', '4'], /--security-profile/],
    ['security profile 2 on a ws:// URL', ['--security-profile', '2'], /wss:\/\//],
    ['an unknown durability', ['--durability', 'sometimes'], /--durability/],
    ['an unknown log level', ['--log-level', 'chatty'], /--log-level/],
    ['a security profile that is not a number', ['--security-profile', 'two'], /security-profile/],
    ['zero EVSEs', ['--evses', '0'], /--evses must be 1 to 32/],
    ['more EVSEs than the simulator takes', ['--evses', '33'], /--evses must be 1 to 32/],
    ['--evses beside --config', ['--evses', '2', '--config', 'station.json'], /--evses and --config/],
    ['a speed of zero', ['--speed', '0'], /--speed/],
    ['a speed that is not a number', ['--speed', 'fast'], /--speed/],
    ['a control port out of range', ['--control-port', '70000'], /--control-port/],
  ];
  for (const [what, override, message] of refusals) {
    it(`refuses ${what} with exit code 2`, async () => {
      const options: Record<string, string> = { '--csms': 'ws://127.0.0.1:1/ocpp', '--id': 'CS-BAD', '--db': join(dir, 'bad.db') };
      for (let i = 0; i < override.length; i += 2) options[override[i]!] = override[i + 1]!;
      const run = runCli(['run', ...Object.entries(options).flat()]);
      running.push(run.child);
      const code = await run.exit;
      assert.equal(code, 2, run.output().stderr);
      assert.match(run.output().stderr, message);
      assert.match(run.output().stderr, /Usage: ocpp-station run \[options\]/, 'the usage follows the error');
    });
  }

  it('refuses a message log it cannot write, and a control port already in use, with exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as AddressInfo).port;
    const common = ['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-BAD', '--log-level', 'silent'];
    writeFileSync(join(dir, 'not-a-folder'), ''); // a file where the log's folder would have to be
    const unwritable = runCli([...common, '--db', join(dir, 'log.db'), '--log-messages', join(dir, 'not-a-folder', 'frames.jsonl')]);
    const busy = runCli([...common, '--db', join(dir, 'busy.db'), '--control-port', String(busyPort)]);
    running.push(unwritable.child, busy.child);
    try {
      assert.equal(await unwritable.exit, 2);
      assert.match(unwritable.output().stderr, /--log-messages: cannot write/);
      assert.equal(await busy.exit, 2);
      assert.match(busy.output().stderr, new RegExp(`--control-port ${busyPort}: .*EADDRINUSE`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a missing required option with exit code 2', async () => {
    const run = runCli(['run', '--id', 'CS-BAD']);
    running.push(run.child);
    assert.equal(await run.exit, 2);
    assert.match(run.output().stderr, /--csms/);
    assert.match(run.output().stderr, /Usage: ocpp-station run \[options\]/);
  });

  it('refuses an unknown option and an unknown command with exit code 2 and the usage', async () => {
    const option = runCli(['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-BAD', '--colour', 'red']);
    const command = runCli(['charge']);
    running.push(option.child, command.child);
    assert.equal(await option.exit, 2);
    assert.match(option.output().stderr, /unknown option '--colour'/);
    assert.match(option.output().stderr, /Usage: ocpp-station run/);
    assert.equal(await command.exit, 2);
    assert.match(command.output().stderr, /unknown command 'charge'/);
  });
});
