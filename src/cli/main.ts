#!/usr/bin/env node
// The `ocpp-station` executable: the program (src/cli/program.ts) with this process's argv, streams and
// environment; `run` stops on the first SIGINT or SIGTERM.
import { main } from './program.js';

// Listened for from the start: a signal while the station is still starting stops it once it is up, instead of
// killing the process with the default action (no exit code 0, the database left mid-start).
const stopSignal = new Promise<string>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
const stopRequested = () => stopSignal;

process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, stopRequested });
