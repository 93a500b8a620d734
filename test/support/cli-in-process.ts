// The `ocpp-station` program called in this process: main(argv, io) with its standard output and error captured,
// an environment of the test's own (nothing from the developer's shell), and a stop the test asks for instead of
// a signal. Optionally a FakeClock as the real time that `run --speed` scales.
import { Writable } from 'node:stream';
import type { Clock } from '../../src/clock.js';
import { main } from '../../src/cli/program.js';

export interface CliRun {
  /** The exit code main resolved to. */
  readonly exit: Promise<number>;
  /** Asks a running `run` to stop, as SIGINT or SIGTERM would. */
  stop(signal?: 'SIGINT' | 'SIGTERM'): void;
  output(): { stdout: string; stderr: string };
}

export interface CliRunOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `ocpp-station <args…>` in process. */
export function runMain(args: readonly string[], options: CliRunOptions = {}): CliRun {
  const stdout = new TextSink();
  const stderr = new TextSink();
  let requestStop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (requestStop = resolve));
  const exit = main(['node', 'ocpp-station', ...args], {
    stdout,
    stderr,
    env: { ...options.env },
    stopRequested: () => stopped,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    exit,
    stop: (signal = 'SIGTERM') => requestStop(signal),
    output: () => ({ stdout: stdout.text, stderr: stderr.text }),
  };
}

/** Runs `ocpp-station <args…>` in process to its end. */
export async function mainOnce(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = runMain(args, { env });
  const code = await run.exit;
  return { code, ...run.output() };
}

/**
 * Whether the station's console (stdout of run) shows an answer for each call the station made: nothing is in
 * flight, so cutting the link now resends nothing. Calls out are "→ Action #id …", answers "← Action answer #id …".
 */
export function allCallsAnswered(stdout: string): boolean {
  const calls = stdout.match(/^→ \S+ #/gm) ?? [];
  const answers = stdout.match(/^← \S+ (answer|CALLERROR) #/gm) ?? [];
  return calls.length === answers.length;
}
