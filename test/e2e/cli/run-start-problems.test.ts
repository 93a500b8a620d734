// Issue 10 items 11 and 17, through the built executable: mistakes end in one line each and exit code 2, never a
// stack trace, and nothing is created; a log path that can never exist (under /proc) is refused at start instead
// of spinning on mkdir; a station stopped while its CSMS is unreachable exits 0 at once, without a stack trace,
// its JSON log naming stationId once per line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { runCli } from '../../support/cli-process.js';
import { killChildren } from '../../support/child-process.js';
import { waitFor } from '../../support/wait-for.js';

describe('ocpp-station run: start problems and an unreachable CSMS', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-start-problems-'));
  });

  after(async () => {
    await killChildren();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 10 item 17: every mistake of one invocation is reported, one line each, exit 2, no database or log created', async () => {
    const config = join(dir, 'station.json');
    // A structural problem (no identity) and bad variable values in the same file.
    writeFileSync(config, JSON.stringify({
      evses: [{ id: 1, connectors: [{ id: 1, type: 'cType2' }] }],
      variables: { OCPPCommCtrlr: { HeartbeatInterval: 'often' } },
    }));
    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, 'a file where a folder should be\n');
    const run = runCli([
      'run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-MISTAKES', '--config', config,
      '--db', join(notAFolder, 'station.db'), '--durability', 'sometimes', '--log-messages', '/proc/nope/x.log',
    ]);
    assert.equal(await run.exit, 2, run.output().stderr);
    const { stderr, stdout } = run.output();
    const problems = stderr.split('\n\n')[0]!.split('\n');
    for (const expected of [
      /^ocpp-station: --durability must be process-crash-safe or power-loss-safe, got "sometimes"$/,
      /^ocpp-station: --db: .*plain-file\/station\.db cannot be created: a folder on its path is a file$/,
      /^ocpp-station: --log-messages: \/proc\/nope\/x\.log cannot be created: \/proc is on a virtual file system/,
      /^ocpp-station: --config: identity: is required$/,
    ]) {
      assert.ok(problems.some((line) => expected.test(line)), `${expected} in:\n${stderr}`);
    }
    assert.equal(problems.length, 4, stderr);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(stdout, '');
    assert.deepEqual(readdirSync(dir).sort(), ['plain-file', 'station.json'], 'nothing was created');
  });

  it('issue 10 item 17: bad variable values and a --db that is not SQLite, reported together; the file left untouched', async () => {
    const config = join(dir, 'values.json');
    writeFileSync(config, JSON.stringify({
      identity: { model: 'M', vendorName: 'V' },
      evses: [{ id: 1, connectors: [{ id: 1, type: 'cType2' }] }],
      variables: { OCPPCommCtrlr: { HeartbeatInterval: 'often', NoSuchVariable: '1' } },
    }));
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'these are my notes, not a database\n');
    const run = runCli(['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-VALUES', '--config', config, '--db', text, '--speed', '20000']);
    assert.equal(await run.exit, 2, run.output().stderr);
    const { stderr } = run.output();
    assert.match(stderr, /^ocpp-station: --speed must be a number above 0 and at most 10000, got 20000$/m);
    assert.match(stderr, /^ocpp-station: --db: .*notes\.txt is not an SQLite database \(it is left as it is\)$/m);
    assert.match(stderr, /^ocpp-station: --config: variables\.OCPPCommCtrlr\.HeartbeatInterval: "often" is not an integer/m);
    assert.match(stderr, /^ocpp-station: --config: variables\.OCPPCommCtrlr\.NoSuchVariable: component OCPPCommCtrlr has no variable NoSuchVariable$/m);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(readFileSync(text, 'utf8'), 'these are my notes, not a database\n');
    assert.equal(existsSync(`${text}-wal`), false);
  });

  it('issue 10 item 11: a --log-messages path under /proc is refused at start with exit 2 and one line, not a spin on mkdir', async () => {
    const db = join(dir, 'proc.db');
    const run = runCli(['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-PROC', '--db', db, '--log-messages', '/proc/nope/x.log']);
    assert.equal(await run.exit, 2, run.output().stderr);
    assert.match(run.output().stderr, /^ocpp-station: --log-messages: \/proc\/nope\/x\.log cannot be created: \/proc is on a virtual file system \(proc, sysfs\)\n\nUsage:/);
    assert.equal(existsSync(db), false);
  });

  describe('a CSMS that accepts TCP but never answers the WebSocket upgrade', () => {
    let silent: Server;
    let port: number;
    const sockets = new Set<Socket>();

    before(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as AddressInfo).port;
    });

    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`issue 10 item 17: ${signal} while it is unreachable exits 0 at once, no stack trace, stationId once per JSON line`, async () => {
        const db = join(dir, `unreachable-${signal}.db`);
        const run = runCli(['run', '--csms', `ws://127.0.0.1:${port}/ocpp`, '--id', `CS-${signal}`, '--db', db, '--log-level', 'info', '--password', 'unreachable-password-01']);
        const before = sockets.size;
        // Stopped in the middle of a connection attempt that will never complete.
        await waitFor(() => existsSync(`${db}.control-url`) && sockets.size > before, 'the station is up and connecting');
        run.child.kill(signal);
        assert.equal(await run.exit, 0, run.output().stderr);
        const { stdout, stderr } = run.output();
        assert.match(stdout, new RegExp(`\\* ${signal}: stopping`));
        assert.doesNotMatch(stderr, /"stack"|\n\s+at /, 'no stack trace');
        const lines = stderr.trim().split('\n');
        assert.ok(lines.length > 0);
        for (const line of lines) {
          const record = JSON.parse(line) as { level: number };
          assert.ok(record.level <= 30, `nothing above info at a routine stop: ${line}`);
          assert.ok((line.match(/"stationId"/g) ?? []).length <= 1, `stationId once: ${line}`);
        }
      });
    }
  });
});
