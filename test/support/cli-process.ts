// The `ocpp-station` executable as a person runs it: the built entry (dist/src/cli/main.js, which `npm test`
// builds first) in a child process of plain Node, its output collected. For the few tests that need a real
// process (signals, exit codes); everything else calls the program in process (cli-in-process.ts).
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnNode, type NodeProcess } from './child-process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = join(root, 'dist', 'src', 'cli', 'main.js');

export type CliProcess = NodeProcess;

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    }),
  );
}

let checked = false;
/** The built CLI must exist and be newer than every source file: else this test would run yesterday's code. */
function checkBuilt(): void {
  if (checked) return;
  let built: number;
  try {
    built = statSync(BUILT_CLI).mtimeMs;
  } catch {
    throw new Error(`${BUILT_CLI} does not exist: run "npm run build" first (npm test does)`);
  }
  if (newestSource(join(root, 'src')) > built) {
    throw new Error(`${BUILT_CLI} is older than the source in src/: run "npm run build" first (npm test does)`);
  }
  checked = true;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  checkBuilt();
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  // A control API address from the developer's shell must not steer a test's `ctl`.
  if (!('OCPP_STATION_API' in env)) delete environment.OCPP_STATION_API;
  return spawnNode([BUILT_CLI, ...args], { env: environment });
}

/** Runs `ocpp-station ctl …` to its end. */
export async function ctl(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(['ctl', ...args], env);
  const code = await run.exit;
  const { stdout, stderr } = run.output();
  return { code, stdout, stderr };
}
