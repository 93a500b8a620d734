#!/usr/bin/env node
// The `ocpp-station` command line. Usage errors exit with code 2 and a message naming the option.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runStation, UsageError, type RunOptions } from './run-command.js';
import { registerCtlCommand } from './ctl-command.js';

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

program
  .command('run')
  .description('run a charging station against a CSMS (boot, heartbeat, device model) until SIGINT or SIGTERM')
  .requiredOption('--csms <url>', 'OCPP-J endpoint of the CSMS (ws:// or wss://); the station id is appended')
  .requiredOption('--id <stationId>', 'charging station identity (at most 48 characters, no ":")')
  .requiredOption('--db <file>', 'SQLite database file of this station (created if missing)')
  .option('--password <password>', 'Basic-auth password (security profiles 1 and 2); or set OCPP_STATION_PASSWORD', process.env.OCPP_STATION_PASSWORD)
  .option('--security-profile <n>', 'security profile: 1 (ws + Basic), 2 (wss + Basic), 3 (wss + client certificate)', integer, 1)
  .option('--ca <file>', 'PEM file with the CSMS root certificate(s) (profiles 2 and 3)')
  .option('--cert <file>', 'PEM file with the station certificate chain (profile 3)')
  .option('--key <file>', 'PEM file with the station private key (profile 3)')
  .option('--config <file>', 'station configuration file (JSON: identity, EVSEs and connectors, variables, custom components)')
  .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent', 'info')
  .option(
    '--durability <mode>',
    'process-crash-safe (queue survives a killed process) or power-loss-safe (also a power cut: one fsync per message)',
    'process-crash-safe',
  )
  .action(async (options: RunOptions) => {
    await runStation(options);
  });

// `ocpp-station ctl <verb> …`: drives a running station through its control API (src/cli/ctl-command.ts).
registerCtlCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version output are not errors; commander has already printed its message.
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    return;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`ocpp-station: ${error.message}\n`);
    process.exitCode = USAGE_EXIT_CODE;
    return;
  }
  process.stderr.write(`ocpp-station: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
