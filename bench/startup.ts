// Start-up time: from spawning a process to its BootNotification arriving at the CSMS (an ocpp-rpc RPCServer on
// loopback). Alternates, over the rounds, `ocpp-station run` (a fresh database each time, so its migrations run)
// and the baseline: a bare script that imports ocpp-rpc's RPCClient, connects with ocpp2.0.1 and sends a
// BootNotification. Each child is killed once its BootNotification has arrived. Prints min/median/max of both and
// the ratio of the medians.
//
// BENCH_STARTUP_ROUNDS sets the rounds (10 by default); BENCH_STARTUP_MAIN runs another entry point instead of
// dist/src/cli/main.js (to measure a variant).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RPCServer } from 'ocpp-rpc';

const ROUNDS = Math.max(1, Number(process.env.BENCH_STARTUP_ROUNDS ?? 10));
const GOAL = 1.2;
const BOOT_TIMEOUT_MS = 30_000;
const MAIN = process.env.BENCH_STARTUP_MAIN ?? fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface BootWatch {
  /** Resolves with performance.now() when the BootNotification of `identity` arrives. */
  bootOf(identity: string): Promise<number>;
  port: number;
  close(): Promise<void>;
}

async function startCsms(): Promise<BootWatch> {
  const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: false, pingIntervalMs: 0 } as ConstructorParameters<
    typeof RPCServer
  >[0]);
  const waiters = new Map<string, (at: number) => void>();
  server.auth((accept) => accept({}));
  server.on('client', (client) => {
    client.handle('BootNotification', () => {
      const at = performance.now();
      waiters.get(client.identity)?.(at);
      waiters.delete(client.identity);
      return { currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' };
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  return {
    port: (http.address() as AddressInfo).port,
    bootOf: (identity) => new Promise((resolve) => waiters.set(identity, resolve)),
    close: () => server.close({ force: true }),
  };
}

/** The baseline: as little as a client of ocpp-rpc needs to get its BootNotification to the CSMS. */
function baselineScript(): string {
  const ocppRpc = pathToFileURL(createRequire(import.meta.url).resolve('ocpp-rpc')).href;
  return `import { RPCClient } from ${JSON.stringify(ocppRpc)};
const [endpoint, identity] = process.argv.slice(2);
const client = new RPCClient({ endpoint, identity, protocols: ['ocpp2.0.1'], reconnect: false });
await client.connect();
await client.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Baseline', vendorName: 'Bench' } });
`;
}

/** Spawns the command and resolves with the milliseconds from the spawn to the BootNotification; kills the child. */
async function timeToBoot(csms: BootWatch, identity: string, args: string[]): Promise<number> {
  const boot = csms.bootOf(identity);
  const start = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  try {
    const at = await Promise.race([
      boot,
      exited.then(() => Promise.reject(new Error(`${identity} exited before its BootNotification:\n${stderr}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${identity}: no BootNotification within ${BOOT_TIMEOUT_MS} ms\n${stderr}`)), BOOT_TIMEOUT_MS);
      }),
    ]);
    return at - start;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

function stats(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

function line(label: string, values: number[]): string {
  const { min, median, max } = stats(values);
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
  return `${label.padEnd(26)} min ${ms(min)}   median ${ms(median)}   max ${ms(max)}`;
}

async function main(): Promise<void> {
  const csms = await startCsms();
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-bench-startup-'));
  const baseline = join(dir, 'baseline.mjs');
  writeFileSync(baseline, baselineScript());
  const url = `ws://127.0.0.1:${csms.port}`;
  const ours = (n: number | string) =>
    timeToBoot(csms, `CS-${n}`, [MAIN, 'run', '--csms', url, '--id', `CS-${n}`, '--db', join(dir, `${n}.db`), '--log-level', 'silent']);
  const base = (n: number | string) => timeToBoot(csms, `BASE-${n}`, [baseline, url, `BASE-${n}`]);

  // One untimed start of each, so both read their modules from a warm file cache.
  await ours('warm');
  await base('warm');
  const oursMs: number[] = [];
  const baseMs: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternated, and which goes first alternates too, so drift in the machine's load hits both alike.
    if (round % 2 === 1) {
      oursMs.push(await ours(round));
      baseMs.push(await base(round));
    } else {
      baseMs.push(await base(round));
      oursMs.push(await ours(round));
    }
  }
  await csms.close();
  rmSync(dir, { recursive: true, force: true });

  const ratio = stats(oursMs).median / stats(baseMs).median;
  console.log(`startup: spawn to BootNotification at an ocpp-rpc RPCServer on loopback, ${ROUNDS} rounds alternated`);
  console.log(line('ocpp-station run', oursMs));
  console.log(line('ocpp-rpc RPCClient script', baseMs));
  console.log(`ratio of medians ${ratio.toFixed(2)}x (goal <= ${GOAL.toFixed(1)}x) ${ratio <= GOAL ? 'OK' : 'ABOVE GOAL'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
