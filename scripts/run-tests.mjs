#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (Node 20 does not expand globs itself).
//   node scripts/run-tests.mjs [files or folders…]      the given files (a folder: its *.test.ts), or all
//   node scripts/run-tests.mjs --reliability             only test/reliability/ (npm run soak, with SOAK=1)
//   node scripts/run-tests.mjs --timeout=<ms> [files…]   a per-file timeout other than 120 s
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const args = process.argv.slice(2);
const timeout = args.find((arg) => arg.startsWith('--timeout='))?.slice('--timeout='.length) ?? '120000';
const reliabilityOnly = args.includes('--reliability');
const named = args.filter((arg) => !arg.startsWith('--'));
const expand = (path) => (statSync(path, { throwIfNoEntry: false })?.isDirectory() ? findTests(path).sort() : [path]);
const files = named.length > 0 ? named.flatMap(expand) : findTests(reliabilityOnly ? join('test', 'reliability') : 'test').sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${timeout}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
