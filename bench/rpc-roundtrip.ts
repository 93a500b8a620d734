// Sequential round trips of Heartbeat and of a TransactionEvent with ten sampled values, from our station link
// to an ocpp-rpc strict RPCServer on loopback, beside ocpp-rpc's own strict RPCClient making the same calls to
// the same server, alternating over rounds in one run. Ours persists each TransactionEvent in SQLite. Prints
// median (min-max) of the rates over the rounds and the ratio of the medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RPCClient } from 'ocpp-rpc';
import { OcppLink } from '../src/link/ocpp-link.js';
import { openStationDatabase } from '../src/storage/sqlite/database.js';
import { SqliteQueueStore } from '../src/storage/sqlite/sqlite-queue-store.js';
import { InMemoryNetworkProfiles } from '../src/transport/network-profiles.js';
import { precompileAllValidators } from '../src/rpc/schema-validator.js';
import { alternate, printRates, rate, startBenchCsms, transactionEventWithSamples } from './bench-support.js';

const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

async function timeIt(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const csms = await startBenchCsms();
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-bench-rt-'));
  precompileAllValidators();

  const database = openStationDatabase(join(dir, 'station.db'));
  const profiles = InMemoryNetworkProfiles.forCsms(csms.url);
  const link = new OcppLink({
    stationId: 'BENCH-OURS',
    store: new SqliteQueueStore(database),
    profiles,
    credentials: () => ({ basicAuthPassword: 'bench-password-0001' }),
    settings: { webSocketPingIntervalSeconds: 0 },
  });
  const connected = new Promise<void>((resolve) => link.onConnected(() => resolve()));
  link.connect();
  await connected;
  link.setRegistrationStatus('Accepted');

  // ocpp-rpc's declarations mark every option required although the library defaults them all.
  const clientOptions = {
    endpoint: csms.url,
    identity: 'BENCH-BASELINE',
    password: 'bench-password-0002',
    protocols: ['ocpp2.0.1'],
    strictMode: true,
    reconnect: false,
    pingIntervalMs: 0,
  } as Partial<ConstructorParameters<typeof RPCClient>[0]> as ConstructorParameters<typeof RPCClient>[0];
  const client = new RPCClient(clientOptions);
  await client.connect();

  // Warm-up so both sides run JIT-compiled code.
  for (let i = 0; i < 500; i++) {
    await link.send('Heartbeat', {});
    await client.call('Heartbeat', {});
  }

  const heartbeat = await alternate(
    ROUNDS,
    async () => rate(ROUND_TRIPS, await timeIt(async () => {
      for (let i = 0; i < ROUND_TRIPS; i++) await link.send('Heartbeat', {});
    })),
    async () => rate(ROUND_TRIPS, await timeIt(async () => {
      for (let i = 0; i < ROUND_TRIPS; i++) await client.call('Heartbeat', {});
    })),
  );
  const transactionEvent = await alternate(
    ROUNDS,
    async () => rate(ROUND_TRIPS, await timeIt(async () => {
      for (let i = 0; i < ROUND_TRIPS; i++) await link.send('TransactionEvent', transactionEventWithSamples(i));
    })),
    async () => rate(ROUND_TRIPS, await timeIt(async () => {
      for (let i = 0; i < ROUND_TRIPS; i++) await client.call('TransactionEvent', transactionEventWithSamples(i));
    })),
  );

  console.log(`rpc-roundtrip: ${ROUNDS} alternated rounds of ${ROUND_TRIPS} sequential round trips, loopback, ocpp-rpc strict RPCServer`);
  console.log('rates are median (min-max) over the rounds; ratio = ours / baseline, of the medians');
  printRates('Heartbeat', heartbeat.ours, 'ocpp-rpc RPCClient', heartbeat.baseline, 1.0);
  printRates('TransactionEvent (10 samples)', transactionEvent.ours, 'ocpp-rpc RPCClient', transactionEvent.baseline, 0.8);

  await client.close({ force: true });
  await link.close();
  database.close();
  await csms.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
