// A simulated station driven from the command line, end to end: `ocpp-station run` against ocpp-rpc's strict
// RPCServer, and `ocpp-station ctl` verbs playing driver, EV, technician and network cable, over the control API's
// real HTTP. The program runs in process (main with captured output); the station stopped with SIGTERM in the
// middle of a transaction, and run again, is the built executable in a child process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlUrlFile } from '../../../src/control/control-url-file.js';
import { runCli, type CliProcess } from '../../support/cli-process.js';
import { allCallsAnswered, mainOnce, runMain, type CliRun } from '../../support/cli-in-process.js';
import { killChildren } from '../../support/child-process.js';
import { CsmsPeer, type ReceivedCall } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

describe('ocpp-station run driven by ocpp-station ctl', () => {
  let dir: string;
  let peer: CsmsPeer;
  const stops: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-run-session-'));
    peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
        TransactionEvent: (payload: any) => (payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}),
        MeterValues: () => ({}),
      },
    });
  });

  after(async () => {
    for (const stop of stops) stop();
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const callsFrom = (identity: string, action: string): ReceivedCall[] => peer.callsOf(action).filter((call) => call.identity === identity);
  const statusesOf = (identity: string, evseId: number) =>
    callsFrom(identity, 'StatusNotification')
      .filter((call) => call.payload.evseId === evseId)
      .map((call) => call.payload.connectorStatus as string);
  const transactionEvents = (identity: string) => callsFrom(identity, 'TransactionEvent').map((call) => call.payload);

  const runArgs = (identity: string, db: string, extra: string[]) =>
    ['run', '--csms', peer.url, '--id', identity, '--db', db, '--password', 'run-session-password-01', ...extra];

  /** `run` in process, up once its control API URL file is written. */
  async function startRun(identity: string, db: string, extra: string[] = []): Promise<CliRun> {
    const run = runMain(runArgs(identity, db, extra));
    stops.push(() => run.stop());
    await waitFor(() => existsSync(controlUrlFile(db)), 'the control API URL file');
    return run;
  }

  /** The built `run` in a child process, for a real SIGTERM. */
  async function startRunProcess(identity: string, db: string): Promise<CliProcess> {
    const run = runCli(runArgs(identity, db, []));
    await waitFor(() => existsSync(controlUrlFile(db)), 'the control API URL file');
    return run;
  }

  async function ctlOk(db: string, ...args: string[]): Promise<string> {
    const result = await mainOnce(['ctl', '--db', db, ...args]);
    assert.equal(result.code, 0, `ctl ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  it('E02/E06: plug, authorize, EV pause and resume, fault, offline/online, set/get, unplug and reboot — each verb seen by the CSMS', async () => {
    const id = 'CS-RUN-SESSION';
    const db = join(dir, `${id}.db`);
    const frames = join(dir, `${id}.jsonl`);
    const booted = peer.nextClient();
    const run = await startRun(id, db, ['--evses', '2', '--log-messages', frames]);
    await booted;
    await waitFor(() => statusesOf(id, 2).length === 1, 'a StatusNotification per EVSE');

    const status = JSON.parse(await ctlOk(db, 'status'));
    assert.equal(status.stationId, id);
    assert.equal(status.registration, 'Accepted');
    assert.equal(status.connected, true);
    assert.deepEqual(status.evses.map((evse: any) => evse.connectors[0].status), ['Available', 'Available']);

    await ctlOk(db, 'plug', '1');
    await waitFor(() => statusesOf(id, 1).at(-1) === 'Occupied', 'EVSE 1 Occupied');
    await ctlOk(db, 'authorize', '1', 'RUN-SESSION-TOKEN');
    await waitFor(() => transactionEvents(id).some((event) => event.transactionInfo.chargingState === 'Charging'), 'charging');
    const started = transactionEvents(id)[0];
    assert.equal(started.eventType, 'Started');
    assert.deepEqual(started.idToken, { idToken: 'RUN-SESSION-TOKEN', type: 'ISO14443' });
    const charging = JSON.parse(await ctlOk(db, 'status')).evses[0];
    assert.equal(charging.transactionId, started.transactionInfo.transactionId);
    assert.equal(charging.chargingState, 'Charging');
    assert.ok(charging.ev.currentA > 0, 'the EV draws current');

    await ctlOk(db, 'ev-suspend', '1');
    await waitFor(() => transactionEvents(id).at(-1)?.transactionInfo.chargingState === 'SuspendedEV', 'SuspendedEV');
    await ctlOk(db, 'ev-resume', '1');
    await waitFor(() => transactionEvents(id).at(-1)?.transactionInfo.chargingState === 'Charging', 'Charging again');

    await ctlOk(db, 'set', 'SampledDataCtrlr.TxUpdatedInterval', '30');
    assert.match(await ctlOk(db, 'get', 'SampledDataCtrlr.TxUpdatedInterval'), /30/);

    await ctlOk(db, 'fault', '2', '1');
    await waitFor(() => statusesOf(id, 2).at(-1) === 'Faulted', 'EVSE 2 Faulted');
    await ctlOk(db, 'clear-fault', '2', '1');
    await waitFor(() => statusesOf(id, 2).at(-1) === 'Available', 'EVSE 2 Available again');

    // Nothing in flight when the link goes down: a TransactionEvent whose answer had not arrived would go again.
    await waitFor(() => allCallsAnswered(run.output().stdout), 'the answers to the station\'s calls');
    await ctlOk(db, 'offline');
    assert.equal(JSON.parse(await ctlOk(db, 'status')).connected, false);
    const back = peer.nextClient();
    await ctlOk(db, 'online');
    assert.equal((await back).identity, id);

    await ctlOk(db, 'unplug', '1');
    await waitFor(() => transactionEvents(id).at(-1)?.eventType === 'Ended', 'the Ended event');
    const events = transactionEvents(id);
    assert.equal(events.at(-1).transactionInfo.stoppedReason, 'EVDisconnected');
    assert.deepEqual(events.map((event) => event.seqNo), events.map((_, index) => index), 'seqNo without gaps or repeats');

    const rebooted = peer.nextClient();
    await ctlOk(db, 'reboot');
    await rebooted;
    await waitFor(() => callsFrom(id, 'BootNotification').length === 2, 'the second boot');
    assert.equal(callsFrom(id, 'BootNotification')[1]!.payload.reason, 'LocalReset');

    run.stop('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
    assert.equal(existsSync(controlUrlFile(db)), false, 'the control URL file is removed on stop');
    const { stdout } = run.output();
    assert.match(stdout, /control API http:\/\/127\.0\.0\.1:\d+/);
    assert.match(stdout, /→ TransactionEvent #\S+ \{"eventType":"Started"/);
    // Issue 10 item 18: the transaction's start and end lines, as `demo` prints them (one shared formatter).
    const transactionId = started.transactionInfo.transactionId as string;
    assert.match(stdout, new RegExp(`^\\* transaction ${transactionId} started on EVSE 1 \\(Authorized, token RUN-SESSION-TOKEN\\)$`, 'm'));
    assert.match(stdout, new RegExp(`^\\* transaction ${transactionId} ended \\(EVDisconnected\\): \\d+\\.\\d\\d kWh delivered$`, 'm'));
    assert.equal(stdout.match(new RegExp(`\\* transaction ${transactionId} started`, 'g'))?.length, 1, 'once, though the link went down');
    assert.match(stdout, /\* EVSE 2 connector 1: Faulted/);
    const logged = readFileSync(frames, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.ok(logged.every((line) => typeof line.timestamp === 'string' && ['in', 'out'].includes(line.direction) && Array.isArray(line.frame)));
    assert.ok(logged.some((line) => line.direction === 'out' && line.frame[2] === 'TransactionEvent' && line.frame[3].eventType === 'Ended'));
  });

  it('E04/E07: SIGTERM during a transaction with messages queued offline; run again delivers them and ends it (PowerLoss), nothing lost or repeated', async () => {
    const id = 'CS-RUN-SIGTERM';
    const db = join(dir, `${id}.db`);
    const first = await startRunProcess(id, db);
    await waitFor(() => statusesOf(id, 1).length === 1, 'the boot StatusNotification');
    await ctlOk(db, 'plug', '1');
    await ctlOk(db, 'authorize', '1', 'SIGTERM-TOKEN');
    await waitFor(() => transactionEvents(id).some((event) => event.transactionInfo.chargingState === 'Charging'), 'charging');
    const transactionId = transactionEvents(id)[0].transactionInfo.transactionId;
    const deliveredBefore = transactionEvents(id).length;

    await waitFor(() => allCallsAnswered(first.output().stdout), 'the answers to the station\'s calls');
    await ctlOk(db, 'offline');
    await ctlOk(db, 'ev-suspend', '1'); // a TransactionEvent that can only wait in the queue
    first.child.kill('SIGTERM');
    assert.equal(await first.exit, 0, first.output().stderr);
    assert.equal(transactionEvents(id).length, deliveredBefore, 'nothing reached the CSMS while offline');

    const second = await startRunProcess(id, db);
    await waitFor(() => transactionEvents(id).at(-1)?.eventType === 'Ended', 'the Ended event after the restart');
    const events = transactionEvents(id);
    assert.ok(events.every((event) => event.transactionInfo.transactionId === transactionId), 'one transaction');
    assert.deepEqual(events.map((event) => event.seqNo), events.map((_, index) => index), 'seqNo without gaps or repeats');
    const queued = events[deliveredBefore];
    assert.equal(queued.transactionInfo.chargingState, 'SuspendedEV', 'the event queued before SIGTERM arrives first');
    assert.equal(queued.offline, true);
    assert.equal(events.at(-1).transactionInfo.stoppedReason, 'PowerLoss');
    assert.equal(events.filter((event) => event.eventType === 'Started').length, 1);
    assert.equal(events.filter((event) => event.eventType === 'Ended').length, 1);

    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0, second.output().stderr);
  });
});

describe('ocpp-station demo', () => {
  it('plays a whole session against its embedded CSMS and exits 0', async () => {
    const { code, stdout, stderr } = await mainOnce(['demo']);
    assert.equal(code, 0, stderr);
    const expected = [
      /→ BootNotification #\S+ \{"reason":"PowerUp"/,
      /← BootNotification answer #\S+ \{.*"status":"Accepted"/,
      /→ StatusNotification #\S+ \{.*"connectorStatus":"Available"/,
      /→ Heartbeat #/,
      /→ StatusNotification #\S+ \{.*"connectorStatus":"Occupied"/,
      /→ Authorize #\S+ \{"idToken":\{"idToken":"DEMO-RFID-0001"/,
      /→ TransactionEvent #\S+ \{"eventType":"Started"/,
      /← SetChargingProfile #\S+ \{.*"TxDefaultProfile"/,
      /→ SetChargingProfile answer #\S+ \{"status":"Accepted"\}/,
      /"triggerReason":"MeterValuePeriodic"/,
      /EVSE 1 draws 10 A \(limit 10 A\)/,
      /→ TransactionEvent #\S+ \{"eventType":"Ended"/,
      /kWh delivered/,
      /demo complete/,
    ];
    let from = 0;
    for (const pattern of expected) {
      const match = pattern.exec(stdout.slice(from));
      assert.ok(match, `the output shows ${pattern} after what came before:\n${stdout}`);
      from += match.index + match[0].length;
    }
  });
});
