// TransactionEvents queued while the CSMS is unreachable (each persisted in SQLite), then the link comes up and
// the queue drains to an ocpp-rpc strict RPCServer on loopback; checks that none was lost or reordered.
// Baseline: bare inserts of the same rows (action, JSON payload, queued_at) into the same message_queue table
// of a station database with the same pragmas, one autocommit INSERT each, as the queue does: the floor any
// persistent queue pays. Ours and the baseline alternate over rounds; the drain rate is printed beside the
// rate of online round trips (send, wait for the answer) measured in the same rounds. The queue's size
// threshold (2,000 by default) is raised to twice the events, so that nothing is dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OcppLink } from '../src/link/ocpp-link.js';
import { openStationDatabase } from '../src/storage/sqlite/database.js';
import { SqliteQueueStore } from '../src/storage/sqlite/sqlite-queue-store.js';
import { InMemoryNetworkProfiles } from '../src/transport/network-profiles.js';
import { precompileAllValidators } from '../src/rpc/schema-validator.js';
import { alternate, formatSpread, printRates, rate, spreadOf, startBenchCsms, transactionEventWithSamples, type BenchCsms } from './bench-support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ONLINE_ROUND_TRIPS = 2_000;
const THRESHOLD = EVENTS * 2;

let databases = 0;

function baselineRound(dir: string): number {
  const database = openStationDatabase(join(dir, `baseline-${databases++}.db`));
  const insert = database.prepare('INSERT INTO message_queue (action, payload, queued_at) VALUES (?, ?, ?)');
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) insert.run('TransactionEvent', JSON.stringify(transactionEventWithSamples(i)), new Date().toISOString());
  const ms = performance.now() - started;
  database.close();
  return rate(EVENTS, ms);
}

interface OursRound {
  queueRate: number;
  drainRate: number;
  onlineRate: number;
  ok: boolean;
}

async function oursRound(dir: string, csms: BenchCsms): Promise<OursRound> {
  const database = openStationDatabase(join(dir, `station-${databases++}.db`));
  const link = new OcppLink({
    stationId: `BENCH-QUEUE-${databases}`,
    store: new SqliteQueueStore(database),
    profiles: InMemoryNetworkProfiles.forCsms(csms.url),
    credentials: () => ({ basicAuthPassword: 'bench-password-0003' }),
    settings: { webSocketPingIntervalSeconds: 0, messageQueueSizeThreshold: THRESHOLD },
  });
  link.setRegistrationStatus('Accepted');
  csms.transactionSeqNos.length = 0;
  let failures = 0;
  const queueStart = performance.now();
  const deliveries: Promise<unknown>[] = [];
  for (let i = 0; i < EVENTS; i++) deliveries.push(link.send('TransactionEvent', transactionEventWithSamples(i)).catch(() => failures++));
  const queueMs = performance.now() - queueStart;

  const drainStart = performance.now();
  link.connect();
  await Promise.all(deliveries);
  const drainMs = performance.now() - drainStart;
  const seqNos = csms.transactionSeqNos;
  let inOrder = seqNos.length === EVENTS && link.queuedMessages === 0;
  for (let i = 0; inOrder && i < EVENTS; i++) inOrder = seqNos[i] === i;

  const onlineStart = performance.now();
  for (let i = 0; i < ONLINE_ROUND_TRIPS; i++) await link.send('TransactionEvent', transactionEventWithSamples(i));
  const onlineMs = performance.now() - onlineStart;

  await link.close();
  database.close();
  return { queueRate: rate(EVENTS, queueMs), drainRate: rate(EVENTS, drainMs), onlineRate: rate(ONLINE_ROUND_TRIPS, onlineMs), ok: inOrder && failures === 0 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-bench-q-'));
  precompileAllValidators();
  const csms = await startBenchCsms();
  const rounds: OursRound[] = [];
  const queued = await alternate(
    ROUNDS,
    async () => {
      const round = await oursRound(dir, csms);
      rounds.push(round);
      return round.queueRate;
    },
    () => baselineRound(dir),
  );

  console.log(
    `offline-queue: ${ROUNDS} alternated rounds of ${EVENTS} TransactionEvents (10 samples each) queued offline, SQLite store ` +
      `(queue threshold raised from 2000 to ${THRESHOLD}), drained over loopback`,
  );
  console.log('rates are median (min-max) over the rounds; ratio = ours / baseline, of the medians');
  printRates('queue', queued.ours, 'bare SQLite insert, same table', queued.baseline);
  const drain = spreadOf(rounds.map((round) => round.drainRate));
  const online = spreadOf(rounds.map((round) => round.onlineRate));
  console.log(`${'drain'.padEnd(30)} ours ${formatSpread(drain)}/s   online round trips, same rounds ${formatSpread(online)}/s`);
  const allOk = rounds.every((round) => round.ok);
  console.log(`every round delivered all ${EVENTS}, in order, none left in the store: ${allOk ? 'yes' : 'NO'}`);

  await csms.close();
  rmSync(dir, { recursive: true, force: true });
  if (!allOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
