// The middle process of test/e2e/support/children-die.test.ts: `node --import tsx spawns-grandchildren.ts`.
// It starts two Node processes that would run forever, one through spawnNode (IPC channel and the die-with-parent
// preload) and one plainly, prints "pids <guarded> <plain>", and waits to be killed.
import { spawn } from 'node:child_process';
import { spawnNode } from './child-process.js';

const forever = 'setInterval(() => undefined, 60_000)';
const guarded = spawnNode(['-e', forever]);
const plain = spawn(process.execPath, ['-e', forever], { stdio: 'ignore' });
process.stdout.write(`pids ${guarded.child.pid} ${plain.pid}\n`);
setInterval(() => undefined, 60_000);
