// The `ocpp-station` command line as a function: main(argv, io) parses argv, runs the command with io as its
// standard output, standard error and environment, and resolves to the exit code. Importing this module runs
// nothing; src/cli/main.ts is the executable that calls it. Usage errors exit with code 2 and a message naming
// the option.
import { Command, CommanderError, InvalidArgumentError, type OutputConfiguration } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_DEMO_SPEED } from '../demo/demo-defaults.js';
import type { DemoOptions } from '../demo/demo-session.js';
import { DEFAULT_LOG_KEEP, DEFAULT_LOG_MAX_BYTES } from '../logger.js';
import { registerCtlCommand } from './ctl-command.js';
import type { RunOptions } from './run-command.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './package-version.js';

/** Where a run of the program reads and writes: the process's own streams and environment in the executable. */
export interface CliIo {
  /** The console of `run` and `demo`, what `ctl` prints, `--help`. */
  readonly stdout: NodeJS.WritableStream;
  /** Usage errors, failures, and the diagnostic log of `run`. */
  readonly stderr: NodeJS.WritableStream;
  /** OCPP_STATION_PASSWORD, OCPP_STATION_API, and commander's colour variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Called once `run` is up; resolves with what asked it to stop (e.g. "SIGTERM"), and `run` then stops. The
   * executable resolves on the first SIGINT or SIGTERM.
   */
  readonly stopRequested: () => Promise<string>;
  /** The real time `run` runs on (simulated time runs --speed times faster on it); the system clock by default. */
  readonly clock?: Clock;
}

const USAGE_EXIT_CODE = 2;

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`"${value}" is not a number above 0`);
  return parsed;
}

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size in bytes: a whole number, optionally with k, M or G (powers of 1024; "KiB", "MB" and the like too). */
function bytes(value: string): number {
  const match = /^\s*(\d+)\s*([kmg]?)(i?b)?\s*$/i.exec(value);
  if (!match) throw new InvalidArgumentError(`"${value}" is not a size (bytes, or a number with k, M or G)`);
  return Number(match[1]) * BYTE_UNITS[match[2]!.toLowerCase()]!;
}

/** Commander's own rule for colours (NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE), read from io.env. */
function colourFromEnv(env: CliIo['env']): boolean | undefined {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return undefined;
}

function outputOf(io: CliIo): OutputConfiguration {
  const tty = (stream: NodeJS.WritableStream) => stream as Partial<NodeJS.WriteStream>;
  // Not a terminal: no width, and commander wraps at its default (its own default does the same; its types say number).
  const width = (stream: NodeJS.WritableStream) => (tty(stream).isTTY ? tty(stream).columns : undefined) as number;
  const colours = (stream: NodeJS.WritableStream) =>
    colourFromEnv(io.env) ?? Boolean(tty(stream).isTTY && tty(stream).hasColors?.());
  return {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    getOutHelpWidth: () => width(io.stdout),
    getErrHelpWidth: () => width(io.stderr),
    getOutHasColors: () => colours(io.stdout),
    getErrHasColors: () => colours(io.stderr),
  };
}

/** A message log that cannot be written is a usage error of --log-messages (loaded only when something failed). */
async function messageLogUsage(error: unknown): Promise<string | undefined> {
  if (!(error instanceof Error) || error.name !== 'MessageLogError') return undefined;
  const { MessageLogError } = await import('../console/message-log.js');
  return error instanceof MessageLogError ? `--log-messages: ${error.message}` : undefined;
}

/** Runs the program once with `argv` in process.argv's form (node, script, arguments…); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('ocpp-station')
    .description('OCPP 2.0.1 charging station stack and simulator')
    .configureOutput(outputOf(io))
    .version(packageVersion(), '-V, --version', 'print the version of ocpp-station and exit')
    // Commander would exit by itself with code 1; parse errors are usage errors here (exit code 2).
    .exitOverride();

  const run = program
    .command('run')
    .description('run a simulated charging station against a CSMS until SIGINT or SIGTERM, driven by `ocpp-station ctl`')
    .requiredOption('--csms <url>', 'OCPP-J endpoint of the CSMS (ws:// or wss://); the station id is appended')
    .requiredOption('--id <stationId>', 'charging station identity (at most 48 characters, no ":")')
    .option('--db <file>', 'SQLite database of this station, created if missing (default: data/<id>.db)')
    .option('--config <file>', 'station configuration file (JSON: identity, EVSEs and connectors, variables, custom components)')
    .option('--evses <n>', 'without --config: this many EVSEs, each with one Type 2 connector', integer)
    .option('--password <password>', 'Basic-auth password (security profiles 1 and 2); or set OCPP_STATION_PASSWORD', io.env.OCPP_STATION_PASSWORD)
    .option('--security-profile <n>', 'security profile: 1 (ws + Basic), 2 (wss + Basic), 3 (wss + client certificate)', integer, 1)
    .option('--ca <file>', 'PEM file with the CSMS root certificate(s) (profiles 2 and 3)')
    .option('--cert <file>', 'PEM file with the station certificate chain (profile 3; without it the CSMS provisions one)')
    .option('--key <file>', 'PEM file with the private key of --cert')
    .option('--control-port <port>', 'port of the HTTP control API (0: any free port; the URL is printed and written to <db>.control-url)', integer, 0)
    .option('--control-host <address>', 'interface of the control API; anything but loopback exposes the station to the network', '127.0.0.1')
    .option('--log-messages <file>', 'append every OCPP-J frame to this file as a JSON line (timestamp, direction, frame)')
    .option('--log-max-frame-bytes <bytes>', 'cut frames longer than this in the --log-messages file (0: every frame whole)', bytes, 0)
    .option('--speed <factor>', 'simulated time runs this many times faster than real time (network timeouts, pings and reconnect back-off stay on real time)', positiveNumber, 1)
    .option('--log-level <level>', 'diagnostic log on standard error: fatal, error, warn, info, debug, trace or silent', 'warn')
    .option('--log-format <format>', 'diagnostic log: pretty (a readable line per record), json, or auto (pretty on a terminal, else json)', 'auto')
    .option('--log-file <file>', 'write the diagnostic log into this file (JSON lines, rotating) instead of standard error')
    .option('--log-max-bytes <bytes>', 'size budget of each log file (--log-messages, --log-file) with its rotated files; k, M, G allowed', bytes, DEFAULT_LOG_MAX_BYTES)
    .option('--log-keep <n>', 'rotated files kept of each log: <file>.1 (newest) … <file>.<n>', integer, DEFAULT_LOG_KEEP)
    .option('--firmware-install-seconds <n>', 'how long a simulated firmware installation takes (seconds of simulated time)', integer, 10)
    .option('--firmware-install-fail <status>', 'make every firmware installation end in InstallationFailed or InstallVerificationFailed')
    .option('--firmware-revoked-serial <hex>', 'treat the firmware signing certificate with this serial number as revoked (RevokedCertificate); repeatable', (value: string, previous: string[] = []) => [...previous, value])
    .option('--publish-host <address>', 'interface of the HTTP server for firmware published with PublishFirmware (L03)', '127.0.0.1')
    .option('--publish-port <port>', 'port of that server (0: any free port, the same again after a restart when free)', integer, 0)
    .option('--publish-advertised-host <host>', 'host name or address other stations reach published firmware by (default: --publish-host)')
    .option(
      '--durability <mode>',
      'process-crash-safe (queue survives a killed process) or power-loss-safe (also a power cut: one fsync per message)',
      'process-crash-safe',
    )
    .action(async (options: RunOptions) => {
      // Loaded only for `run`: ctl starts without the station, the simulator and the console.
      const { runStation } = await import('./run-command.js');
      await runStation(options, {
        out: io.stdout,
        logTo: io.stderr,
        clock: io.clock ?? systemClock,
        stopRequested: io.stopRequested,
      });
    });

  /** The command whose usage follows a UsageError: the one that runs. */
  let usageOf: Command = run;

  const demo = program
    .command('demo')
    .description('watch a whole charging session: an embedded CSMS on loopback and a simulated station, then exit')
    .option('--speed <factor>', 'simulated time runs this many times faster than real time (network timeouts stay on real time)', positiveNumber, DEFAULT_DEMO_SPEED)
    .option('--log-messages <file>', 'append every OCPP-J frame to this file as a JSON line (timestamp, direction, frame)')
    .action(async (options: DemoOptions) => {
      usageOf = demo;
      // Loaded only for the demo: `run` starts without it.
      const { runDemo } = await import('../demo/demo-session.js');
      await runDemo({ ...options, out: io.stdout });
    });

  for (const command of [program, run, demo]) {
    // A parse error prints one line and then the usage of the command it concerns.
    command.showHelpAfterError();
  }

  // `ocpp-station ctl <verb> …`: drives a running station through its control API (src/cli/ctl-command.ts).
  registerCtlCommand(program, {
    io: { out: (text) => io.stdout.write(text), err: (text) => io.stderr.write(text), env: io.env },
    exit: (code) => (exitCode = code),
  });

  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are not errors; commander has already printed its message.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    const usage = error instanceof UsageError ? error.message : await messageLogUsage(error);
    if (usage !== undefined) {
      // One line per problem (the start checks of `run` report every problem at once), then the usage.
      const lines = usage.split('\n').map((line) => `ocpp-station: ${line}\n`).join('');
      io.stderr.write(`${lines}\n${usageOf.helpInformation()}`);
      return USAGE_EXIT_CODE;
    }
    io.stderr.write(`ocpp-station: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}
