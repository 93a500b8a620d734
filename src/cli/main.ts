#!/usr/bin/env node
// The `ocpp-station` executable: the program (src/cli/program.ts) with this process's argv, streams and
// environment; `run` stops on the first SIGINT or SIGTERM.
import { main } from './program.js';

const stopRequested = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, stopRequested });
