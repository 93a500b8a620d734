#!/usr/bin/env node
// The `ocpp-station` command line.
import { Command, InvalidArgumentError } from 'commander';
import { runStation, UsageError, type RunOptions } from './run-command.js';

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return parsed;
}

const program = new Command()
  .name('ocpp-station')
  .description('OCPP 2.0.1 charging station stack and simulator');

program
  .command('run')
  .description('connect a charging station to a CSMS and keep the link up')
  .requiredOption('--csms <url>', 'OCPP-J endpoint of the CSMS (ws:// or wss://); the station id is appended')
  .requiredOption('--id <stationId>', 'charging station identity (at most 48 characters, no ":")')
  .requiredOption('--db <file>', 'SQLite database file of this station (created if missing)')
  .option('--password <password>', 'Basic-auth password (security profiles 1 and 2)', process.env.OCPP_STATION_PASSWORD)
  .option('--security-profile <n>', 'security profile: 1 (ws + Basic), 2 (wss + Basic), 3 (wss + client certificate)', integer, 1)
  .option('--ca <file>', 'PEM file with the CSMS root certificate(s) (profiles 2 and 3)')
  .option('--cert <file>', 'PEM file with the station certificate chain (profile 3)')
  .option('--key <file>', 'PEM file with the station private key (profile 3)')
  .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent', 'info')
  .action(async (options: RunOptions) => {
    await runStation(options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`ocpp-station: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`ocpp-station: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
