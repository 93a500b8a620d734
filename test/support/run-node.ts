// Runs a Node.js script as a child process to its end (a child that dies with the test, see child-process.ts),
// with its output, stdout and stderr together, bounded in time so that a hung child fails the test instead of
// holding it.
import { spawnNode } from './child-process.js';

export interface NodeRun {
  readonly code: number | null;
  readonly output: string;
}

export async function runNode(args: readonly string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<NodeRun> {
  const run = spawnNode(args, { ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: options.env } : {}) });
  const timer = setTimeout(() => run.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    const code = await run.exit;
    return { code, output: run.output().all };
  } finally {
    clearTimeout(timer);
  }
}
