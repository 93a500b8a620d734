// 100,000 TransactionEvents queued while the CSMS is unreachable (each persisted in SQLite), then the link
// comes up and the queue drains to an ocpp-rpc strict RPCServer on loopback. Prints the queue rate and the
// drain rate and checks that none was lost or reordered. Baseline: the same number of bare SQLite inserts
// (one prepared INSERT per event, same pragmas), the floor any persistent queue pays.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OcppLink } from '../src/link/ocpp-link.js';
import { openStationDatabase } from '../src/storage/sqlite/database.js';
import { SqliteQueueStore } from '../src/storage/sqlite/sqlite-queue-store.js';
import { InMemoryNetworkProfiles } from '../src/transport/network-profiles.js';
import { rate, startBenchCsms, transactionEventWithSamples } from './bench-support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-bench-q-'));

  // Baseline: bare inserts of the same JSON into a table with the same pragmas.
  const baselineDb = openStationDatabase(join(dir, 'baseline.db'));
  baselineDb.exec('CREATE TABLE bench_baseline (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = baselineDb.prepare('INSERT INTO bench_baseline (payload) VALUES (?)');
  const baselineStart = performance.now();
  for (let i = 0; i < EVENTS; i++) insert.run(JSON.stringify(transactionEventWithSamples(i)));
  const baselineMs = performance.now() - baselineStart;
  baselineDb.close();

  const csms = await startBenchCsms();
  const database = openStationDatabase(join(dir, 'station.db'));
  const profiles = InMemoryNetworkProfiles.forCsms(csms.url);
  const link = new OcppLink({
    stationId: 'BENCH-QUEUE',
    store: new SqliteQueueStore(database),
    profiles,
    credentials: () => ({ basicAuthPassword: 'bench-password-0003' }),
    settings: { webSocketPingIntervalSeconds: 0, messageQueueSizeThreshold: EVENTS * 2 },
  });
  link.setRegistrationStatus('Accepted');

  let failures = 0;
  const queueStart = performance.now();
  const deliveries: Promise<unknown>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    deliveries.push(link.send('TransactionEvent', transactionEventWithSamples(i)).catch(() => failures++));
  }
  const queueMs = performance.now() - queueStart;

  const drainStart = performance.now();
  link.connect();
  await Promise.all(deliveries);
  const drainMs = performance.now() - drainStart;

  const seqNos = csms.transactionSeqNos;
  let inOrder = seqNos.length === EVENTS;
  for (let i = 0; inOrder && i < EVENTS; i++) inOrder = seqNos[i] === i;

  console.log(`offline-queue: ${EVENTS} TransactionEvents (10 samples each), SQLite store, loopback drain`);
  console.log(
    `queue  ours ${rate(EVENTS, queueMs).toFixed(0).padStart(7)}/s   bare SQLite insert ${rate(EVENTS, baselineMs).toFixed(0).padStart(7)}/s   ratio ${(baselineMs / queueMs).toFixed(2)}x`,
  );
  console.log(`drain  ours ${rate(EVENTS, drainMs).toFixed(0).padStart(7)}/s   (round trips to the CSMS, one at a time)`);
  console.log(`delivered ${seqNos.length}/${EVENTS}, failed ${failures}, in order and none lost: ${inOrder && failures === 0 ? 'yes' : 'NO'}`);
  console.log(`left in store after drain: ${link.queuedMessages}`);

  await link.close();
  database.close();
  await csms.close();
  rmSync(dir, { recursive: true, force: true });
  if (!inOrder || failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
