// The test suite's own guarantee: a process a test spawns (test/support/child-process.ts) dies with the process
// that spawned it, also when that one is SIGKILLed and no cleanup code of its own runs, as when node:test kills a
// test file that ran past its timeout. A process spawned without the guard survives the same kill: the guard,
// not the kill, is what ends the first.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { exited, isRunning, killChildren, spawnNode, startScript } from '../../support/child-process.js';
import { waitFor } from '../../support/wait-for.js';

const middleScript = fileURLToPath(new URL('../../support/spawns-grandchildren.ts', import.meta.url));

describe('children die with their parent', () => {
  const strays: number[] = [];

  after(async () => {
    for (const pid of strays) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await killChildren();
  });

  it('a grandchild spawned through spawnNode exits when its parent is SIGKILLed; one spawned plainly does not', async () => {
    const middle = startScript(middleScript, []);
    await waitFor(() => /pids \d+ \d+/.test(middle.output()), 'the middle process to start its children');
    const [guarded, plain] = /pids (\d+) (\d+)/.exec(middle.output())!.slice(1).map(Number) as [number, number];
    strays.push(guarded, plain);
    assert.equal(isRunning(guarded), true);
    assert.equal(isRunning(plain), true);

    middle.child.kill('SIGKILL');
    await exited(middle.child);
    await waitFor(() => !isRunning(guarded), 'the guarded grandchild to exit');
    assert.equal(isRunning(plain), true, 'the plain grandchild outlives the kill');
  });

  it('a child that is done exits by itself: the IPC channel does not keep it alive', async () => {
    const child = spawnNode(['-e', 'process.stdout.write("done")']);
    assert.equal(await child.exit, 0);
    assert.equal(child.output().stdout, 'done');
  });
});
