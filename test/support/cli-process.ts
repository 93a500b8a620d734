// The `ocpp-station` command line as a person runs it: a child process (through tsx) with its output collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  /** The exit code once the process has ended (null when a signal ended it). */
  readonly exit: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  // A control API address from the developer's shell must not steer a test's `ctl`.
  if (!('OCPP_STATION_API' in env)) delete environment.OCPP_STATION_API;
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exit, output: () => ({ stdout, stderr }) };
}

/** Runs `ocpp-station ctl …` to its end. */
export async function ctl(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(['ctl', ...args]);
  const code = await run.exit;
  return { code, ...run.output() };
}
