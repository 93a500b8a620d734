#!/usr/bin/env node
// The `ocpp-station` command line. Usage errors exit with code 2 and a message naming the option.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runStation, type RunOptions } from './run-command.js';
import { UsageError } from './usage-error.js';
import { MessageLogError } from '../console/message-log.js';
import { registerCtlCommand } from './ctl-command.js';
import { DEFAULT_DEMO_SPEED, runDemo, type DemoOptions } from '../demo/demo-session.js';

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return parsed;
}

const USAGE_EXIT_CODE = 2;

const program = new Command()
  .name('ocpp-station')
  .description('OCPP 2.0.1 charging station stack and simulator')
  // Commander would exit by itself with code 1; parse errors are usage errors here (exit code 2).
  .exitOverride();

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`"${value}" is not a number above 0`);
  return parsed;
}

const run = program
  .command('run')
  .description('run a simulated charging station against a CSMS until SIGINT or SIGTERM, driven by `ocpp-station ctl`')
  .requiredOption('--csms <url>', 'OCPP-J endpoint of the CSMS (ws:// or wss://); the station id is appended')
  .requiredOption('--id <stationId>', 'charging station identity (at most 48 characters, no ":")')
  .option('--db <file>', 'SQLite database of this station, created if missing (default: data/<id>.db)')
  .option('--config <file>', 'station configuration file (JSON: identity, EVSEs and connectors, variables, custom components)')
  .option('--evses <n>', 'without --config: this many EVSEs, each with one Type 2 connector', integer)
  .option('--password <password>', 'Basic-auth password (security profiles 1 and 2); or set OCPP_STATION_PASSWORD', process.env.OCPP_STATION_PASSWORD)
  .option('--security-profile <n>', 'security profile: 1 (ws + Basic), 2 (wss + Basic), 3 (wss + client certificate)', integer, 1)
  .option('--ca <file>', 'PEM file with the CSMS root certificate(s) (profiles 2 and 3)')
  .option('--cert <file>', 'PEM file with the station certificate chain (profile 3)')
  .option('--key <file>', 'PEM file with the station private key (profile 3)')
  .option('--control-port <port>', 'port of the HTTP control API (0: any free port; the URL is printed and written to <db>.control-url)', integer, 0)
  .option('--control-host <address>', 'interface of the control API; anything but loopback exposes the station to the network', '127.0.0.1')
  .option('--log-messages <file>', 'append every OCPP-J frame to this file as a JSON line (timestamp, direction, frame)')
  .option('--speed <factor>', 'simulated time runs this many times faster than real time', positiveNumber, 1)
  .option('--log-level <level>', 'diagnostic log on standard error: fatal, error, warn, info, debug, trace or silent', 'warn')
  .option(
    '--durability <mode>',
    'process-crash-safe (queue survives a killed process) or power-loss-safe (also a power cut: one fsync per message)',
    'process-crash-safe',
  )
  .action(async (options: RunOptions) => {
    await runStation(options);
  });

const demo = program
  .command('demo')
  .description('watch a whole charging session: an embedded CSMS on loopback and a simulated station, then exit')
  .option('--speed <factor>', 'simulated time runs this many times faster than real time', positiveNumber, DEFAULT_DEMO_SPEED)
  .option('--log-messages <file>', 'append every OCPP-J frame to this file as a JSON line (timestamp, direction, frame)')
  .action(async (options: DemoOptions) => {
    usageOf = demo;
    await runDemo(options);
  });

/** The command whose usage follows a UsageError: the one that runs. */
let usageOf: Command = run;

for (const command of [program, run, demo]) {
  // A parse error prints one line and then the usage of the command it concerns.
  command.showHelpAfterError();
}

// `ocpp-station ctl <verb> …`: drives a running station through its control API (src/cli/ctl-command.ts).
registerCtlCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version output are not errors; commander has already printed its message.
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    return;
  }
  // A message log that cannot be opened is a usage error of --log-messages (src/console knows nothing of options).
  const usage = error instanceof UsageError ? error.message : error instanceof MessageLogError ? `--log-messages: ${error.message}` : undefined;
  if (usage !== undefined) {
    process.stderr.write(`ocpp-station: ${usage}\n\n${usageOf.helpInformation()}`);
    process.exitCode = USAGE_EXIT_CODE;
    return;
  }
  process.stderr.write(`ocpp-station: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
