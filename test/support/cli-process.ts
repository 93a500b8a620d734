// The `ocpp-station` command line as a person runs it: a child process (through tsx) with its output collected.
// It dies with the test file that spawned it (test/support/child-process.ts).
import { fileURLToPath } from 'node:url';
import { spawnNode, type NodeProcess } from './child-process.js';

const mainScript = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export type CliProcess = NodeProcess;

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  // A control API address from the developer's shell must not steer a test's `ctl`.
  if (!('OCPP_STATION_API' in env)) delete environment.OCPP_STATION_API;
  return spawnNode(['--import', 'tsx', mainScript, ...args], { env: environment });
}

/** Runs `ocpp-station ctl …` to its end. */
export async function ctl(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(['ctl', ...args]);
  const code = await run.exit;
  const { stdout, stderr } = run.output();
  return { code, stdout, stderr };
}
