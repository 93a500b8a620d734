// `ocpp-station run` as a person uses it, connecting to ocpp-rpc's strict RPCServer on loopback: the built
// executable in a child process, stopped with SIGTERM and SIGINT; and the program in process (main with captured
// output), stopped as those signals would stop it, its real time a FakeClock where the test needs to see time.
// Bad options: test/e2e/cli/run-refusals.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli-process.js';
import { allCallsAnswered, runMain } from '../../support/cli-in-process.js';
import { killChildren } from '../../support/child-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { FakeClock } from '../../fakes/fake-clock.js';

describe('ocpp-station run', () => {
  let dir: string;
  let peer: CsmsPeer;
  const seen: { identity: string; password: string | undefined }[] = [];
  const stops: (() => void)[] = [];

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
    for (const stop of stops) stop();
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `run` in process; stopped in `after` if the test did not get that far. */
  function runInProcess(args: string[], options: Parameters<typeof runMain>[1] = {}) {
    const run = runMain(['run', ...args], options);
    stops.push(() => run.stop());
    return run;
  }

  it('connects to <csms>/<id> with Basic auth and the ocpp2.0.1 subprotocol, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'nested', 'CS-CLI.db');
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-CLI', '--db', db, '--log-level', 'silent'], {
      OCPP_STATION_PASSWORD: 'cli-password-0123456',
    });
    const connected = await client;
    assert.equal(connected.identity, 'CS-CLI');
    assert.equal(connected.protocol, 'ocpp2.0.1');
    assert.deepEqual(seen.at(-1), { identity: 'CS-CLI', password: 'cli-password-0123456' });
    assert.ok(existsSync(db), 'the database file was created');
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
    assert.match(run.output().stdout, /\* SIGTERM: stopping/);
  });

  it('answers the CSMS while running: an action OCPP 2.0.1 defines but nothing handles gets NotSupported; stops on SIGINT', async () => {
    const client = peer.nextClient();
    const run = runCli(['run', '--csms', peer.url, '--id', 'CS-CLI2', '--db', join(dir, 'CS-CLI2.db'), '--log-level', 'silent', '--password', 'cli-password-0123456']);
    const connected = await client;
    connected.sendRaw('[2, "cli-1", "ClearDisplayMessage", {"id": 1}]');
    const answer = () => connected.inbound.map((text) => JSON.parse(text) as unknown[]).find((frame) => frame[1] === 'cli-1');
    await waitFor(() => answer() !== undefined, 'an answer');
    assert.deepEqual(answer()!.slice(0, 3), [4, 'cli-1', 'NotSupported']);
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0);
    assert.match(run.output().stdout, /\* SIGINT: stopping/);
  });

  it('connects without Basic auth when no password is given (security profile 1, e.g. a lab CSMS)', async () => {
    const client = peer.nextClient();
    const run = runInProcess(['--csms', peer.url, '--id', 'CS-NOPW', '--db', join(dir, 'CS-NOPW.db'), '--log-level', 'silent']);
    assert.equal((await client).identity, 'CS-NOPW');
    assert.deepEqual(seen.at(-1), { identity: 'CS-NOPW', password: undefined });
    run.stop('SIGTERM');
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
    const run = runInProcess(['--csms', peer.url, '--id', 'CS-CFG', '--db', join(dir, 'CS-CFG.db'), '--config', configFile,
      '--log-level', 'silent', '--password', 'cli-password-0123456']);
    const connected = await client;
    const boots = () => peer.callsOf('BootNotification').filter((call) => call.identity === 'CS-CFG');
    await waitFor(() => peer.callsOf('StatusNotification').filter((c) => c.identity === 'CS-CFG').length === 2, 'two StatusNotifications');
    assert.deepEqual(boots()[0]!.payload, { reason: 'PowerUp', chargingStation: { vendorName: 'ExampleVendor', model: 'Wallbox 2' } });

    const set = await connected.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '321' }],
    });
    assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
    const again = peer.nextClient();
    assert.deepEqual(await connected.call('Reset', { type: 'Immediate' }), { status: 'Accepted' });
    const reconnected = await again;
    await waitFor(() => boots().length === 2, 'the boot after the reset');
    assert.equal(boots()[1]!.payload.reason, 'RemoteReset');
    const read = await reconnected.call('GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }],
    });
    assert.equal(read.getVariableResult[0].attributeValue, '321', 'the value survived the restart');
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0);
  });

  it('--speed 60: simulated time keeps its own clock (TimeSource RealTimeClock) and a 60 s heartbeat comes every second of real time', async () => {
    // Real time is a FakeClock: each second the test moves it is a simulated minute for the station.
    const realTime = new FakeClock(new Date());
    const client = peer.nextClient();
    const run = runInProcess(['--csms', peer.url, '--id', 'CS-FAST', '--db', join(dir, 'CS-FAST.db'), '--speed', '60',
      '--password', 'cli-password-0123456'], { clock: realTime });
    const connected = await client;
    // The BootNotification answer sets HeartbeatInterval (to 300): the interval this test sets must come after it.
    await waitFor(() => run.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    const read = await connected.call('GetVariables', { getVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'TimeSource' } }] });
    assert.equal(read.getVariableResult[0].attributeValue, 'RealTimeClock');
    await connected.call('SetVariables', {
      setVariableData: [
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' },
        // No websocket pings: their pongs are real I/O, which a FakeClock moving by whole seconds would outrun.
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, attributeValue: '0' },
      ],
    });
    const heartbeats = () => peer.callsOf('Heartbeat').filter((call) => call.identity === 'CS-FAST').length;
    // The station's calls all answered (and their timeouts cleared) before real time moves on.
    const settled = () => allCallsAnswered(run.output().stdout);
    await waitFor(settled, 'the station\'s calls to be answered');
    assert.equal(heartbeats(), 0);
    await realTime.advance(1000);
    await waitFor(() => heartbeats() === 1, 'a heartbeat one real second after the interval was set');
    await waitFor(settled, 'the first heartbeat to be answered');
    await realTime.advance(1000);
    await waitFor(() => heartbeats() >= 2, 'two heartbeats a simulated minute apart');
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0);
    assert.match(run.output().stdout, /60x speed/);
  });

  it('refuses a configuration file with a bad key, naming it, with exit code 2', async () => {
    const configFile = join(dir, 'bad-station.json');
    writeFileSync(configFile, JSON.stringify({ identity: { vendorName: 'V', model: 'M' }, evses: [{ id: 1, connectors: [{ id: 1, type: 'cType9' }] }] }));
    const run = runInProcess(['--csms', peer.url, '--id', 'CS-BADCFG', '--db', join(dir, 'bad-cfg.db'), '--config', configFile]);
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
    const run = runInProcess(['--csms', peer.url, '--id', 'CS-TARIFF', '--db', join(dir, 'tariff.db'), '--config', configFile]);
    assert.equal(await run.exit, 2);
    assert.match(run.output().stderr, /TariffCostCtrlr\.TariffFallbackMessage/);
  });
});
