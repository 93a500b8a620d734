// Child processes of a test: Node with an IPC channel and test/support/die-with-parent.mjs preloaded, so that a
// child dies with the test file that spawned it, even when that file is killed (node:test kills a file that
// runs past its timeout, and then no `after` hook runs). Every child is also remembered, for `killChildren` in
// an `after` hook and for the file's own exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The preload that makes a child exit when its parent is gone. */
export const DIE_WITH_PARENT = pathToFileURL(fileURLToPath(new URL('./die-with-parent.mjs', import.meta.url))).href;

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface NodeProcess {
  readonly child: ChildProcess;
  /** The exit code once the process has ended and its output is read (null when a signal ended it). */
  readonly exit: Promise<number | null>;
  /** Everything it printed so far; `all` is both, in the order it came. */
  output(): { stdout: string; stderr: string; all: string };
}

export interface SpawnNodeOptions {
  /** The whole environment of the child (this process's when not given). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** `node --import die-with-parent.mjs <args…>`, its output collected. */
export function spawnNode(args: readonly string[], options: SpawnNodeOptions = {}): NodeProcess {
  const child = spawn(process.execPath, ['--import', DIE_WITH_PARENT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // The IPC channel is only there to close when this process dies; it must not keep this process alive.
  child.channel?.unref();
  let stdout = '';
  let stderr = '';
  let all = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    all += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    all += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exit, output: () => ({ stdout, stderr, all }) };
}

/** SIGKILLs every child still running and waits until they are gone: for `after` hooks. */
export async function killChildren(): Promise<void> {
  const children = [...live];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
}

export interface ScriptProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/**
 * A TypeScript script run as a separate Node process (through tsx), with its output collected: for tests that
 * kill a station with SIGKILL and start it again.
 */
export function startScript(script: string, args: readonly string[]): ScriptProcess {
  const started = spawnNode(['--import', 'tsx', script, ...args]);
  return { child: started.child, output: () => started.output().all };
}

/** Resolves once the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
}

/** Whether a process runs (a zombie, dead but not yet reaped by whoever adopted it, does not). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
