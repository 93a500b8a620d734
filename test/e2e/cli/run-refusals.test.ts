// `ocpp-station run` refusing what it cannot run, in process (main with captured output): every bad option,
// an unwritable message log and a control port already in use exit with code 2, a message naming the option,
// and the usage. Also the program's own usage errors and --help.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { mainOnce } from '../../support/cli-in-process.js';

describe('ocpp-station run refuses', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-refusals-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
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
      const run = await mainOnce(['run', ...Object.entries(options).flat()]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: ocpp-station run \[options\]/, 'the usage follows the error');
      assert.equal(run.stdout, '');
    });
  }

  it('refuses a message log it cannot write, and a control port already in use, with exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as AddressInfo).port;
    const common = ['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-BAD', '--log-level', 'silent'];
    writeFileSync(join(dir, 'not-a-folder'), ''); // a file where the log's folder would have to be
    try {
      const unwritable = await mainOnce([...common, '--db', join(dir, 'log.db'), '--log-messages', join(dir, 'not-a-folder', 'frames.jsonl')]);
      const busy = await mainOnce([...common, '--db', join(dir, 'busy.db'), '--control-port', String(busyPort)]);
      assert.equal(unwritable.code, 2);
      assert.match(unwritable.stderr, /--log-messages: .*frames\.jsonl cannot be created: a folder on its path is a file/);
      assert.match(unwritable.stderr, /Usage: ocpp-station run \[options\]/);
      assert.equal(busy.code, 2);
      assert.match(busy.stderr, new RegExp(`--control-port ${busyPort}: .*EADDRINUSE`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a missing required option with exit code 2', async () => {
    const run = await mainOnce(['run', '--id', 'CS-BAD']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--csms/);
    assert.match(run.stderr, /Usage: ocpp-station run \[options\]/);
  });

  it('refuses an unknown option and an unknown command with exit code 2 and the usage', async () => {
    const option = await mainOnce(['run', '--csms', 'ws://127.0.0.1:1/ocpp', '--id', 'CS-BAD', '--colour', 'red']);
    const command = await mainOnce(['charge']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option '--colour'/);
    assert.match(option.stderr, /Usage: ocpp-station run/);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /unknown command 'charge'/);
    assert.match(command.stderr, /Usage: ocpp-station \[options\] \[command\]/);
  });
});

describe('ocpp-station demo refuses', () => {
  it('a message log it cannot write, with exit code 2 and the usage of demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-demo-refusal-'));
    try {
      writeFileSync(join(dir, 'not-a-folder'), '');
      const demo = await mainOnce(['demo', '--log-messages', join(dir, 'not-a-folder', 'frames.jsonl')]);
      assert.equal(demo.code, 2);
      assert.match(demo.stderr, /^ocpp-station: --log-messages: cannot write /);
      assert.match(demo.stderr, /Usage: ocpp-station demo \[options\]/);
      assert.equal(demo.stdout, '', 'nothing was played');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a speed that is not a number above 0', async () => {
    const demo = await mainOnce(['demo', '--speed', '-1']);
    assert.equal(demo.code, 2);
    assert.match(demo.stderr, /--speed/);
    assert.match(demo.stderr, /Usage: ocpp-station demo \[options\]/);
  });
});

describe('ocpp-station --help', () => {
  it('prints the usage with every command and exits 0', async () => {
    const help = await mainOnce(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stderr, '');
    for (const command of ['run', 'demo', 'ctl']) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'), command);
  });

  it('run --help prints the options of run and exits 0', async () => {
    const help = await mainOnce(['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: ocpp-station run \[options\]/);
    assert.match(help.stdout, /--csms <url>/);
  });
});
