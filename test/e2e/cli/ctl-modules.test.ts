// `ocpp-station ctl` starts quickly because it loads only what it needs (issue 10 item 18): the built CLI run as
// a child with a module trace; ctl must load neither the run command, the station, the simulator, the demo,
// the console nor pino and ocpp-rpc. (Asserts which modules load, not how fast: speed depends on the machine.)
// Needs `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runNode } from '../../support/run-node.js';

const repo = process.cwd();

describe('ocpp-station ctl', () => {
  it('loads neither the run nor the demo code', async () => {
    const main = join(repo, 'dist', 'src', 'cli', 'main.js');
    const trace = join(repo, 'test', 'support', 'module-trace.mjs');
    // Port 1 on loopback: nothing answers, ctl reports that and exits; what it loaded on the way is the point.
    const run = await runNode(['--import', trace, main, 'ctl', 'status', '--api', 'http://127.0.0.1:1'], { timeoutMs: 30_000 });
    const line = run.output.split('\n').find((text) => text.startsWith('MODULES '));
    assert.ok(line, run.output);
    const loaded = (JSON.parse(line.slice('MODULES '.length)) as string[]).map((url) => url.replace(/^file:\/\//, ''));
    const ours = loaded.filter((path) => path.startsWith(join(repo, 'dist', 'src'))).map((path) => path.slice(repo.length + 1));
    assert.ok(ours.includes('dist/src/cli/ctl-command.js'), ours.join('\n'));
    const heavy = ours.filter(
      (path) =>
        path === 'dist/src/cli/run-command.js' ||
        (/^dist\/src\/(station|simulator|console|blocks|link|rpc|transport|storage)\//.test(path)) ||
        (/^dist\/src\/demo\//.test(path) && path !== 'dist/src/demo/demo-defaults.js'),
    );
    assert.deepEqual(heavy, []);
    assert.deepEqual(loaded.filter((path) => /\/node_modules\/(ocpp-rpc|pino|better-sqlite3|ws)\//.test(path)), []);
  });
});
