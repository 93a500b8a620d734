// A charging station process for the SIGKILL storm (test/reliability/sigkill-storm.test.ts):
//   node --import tsx storm-station.ts <csmsUrl> <dbFile> <run>
// Each run boots on the same SQLite file (which ends or resends what the last run left), then drives one
// transaction through its life: plug in, token, charging, suspended, charging, unplug. With KILL_AT=<point>:<n>
// it SIGKILLs itself at the n-th TransactionEvent reaching that point of the message's life:
//   before-enqueue  the queue is about to store it          after-enqueue  stored, the SQLite transaction still open
//   after-send      its frame was handed to the socket       after-answer   the CSMS's answer arrived, not yet processed
//   after-delete    the answered message left the store
// With FINAL=1 it drives no transaction: it only delivers what is left and prints what the stores still hold.
// It prints "done <transactionId>" once its transaction's Ended event is answered.
import { ChargingStation } from '../../../src/station/charging-station.js';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';

const [csmsUrl, dbFile, run] = process.argv.slice(2);
const [killPoint, killCountText] = (process.env.KILL_AT ?? '').split(':');
let killCountdown = Number(killCountText ?? 0);
const final = process.env.FINAL === '1';

function reached(point: string): void {
  if (point !== killPoint) return;
  killCountdown -= 1;
  if (killCountdown === 0) process.kill(process.pid, 'SIGKILL');
}

const stores = sqliteStationStores(dbFile!);
// The kill points inside the queue's store: wrapped on this instance, the station is not changed.
const { append, remove } = stores.queue;
const storedTransactionEvents = new Set<number>();
stores.queue.append = (action, payload, queuedAt) => {
  if (action === 'TransactionEvent') reached('before-enqueue');
  const stored = append.call(stores.queue, action, payload, queuedAt);
  if (action === 'TransactionEvent') {
    storedTransactionEvents.add(stored.seq);
    reached('after-enqueue');
  }
  return stored;
};
stores.queue.remove = (seq) => {
  remove.call(stores.queue, seq);
  if (storedTransactionEvents.delete(seq)) reached('after-delete');
};
for (const message of stores.queue.loadAll()) if (message.action === 'TransactionEvent') storedTransactionEvents.add(message.seq);

const station = new ChargingStation({
  stationId: 'CS-STORM',
  config: parseStationConfig({
    ...DEFAULT_STATION_CONFIG_JSON,
    variables: {
      OCPPCommCtrlr: { WebSocketPingInterval: 0, RetryBackOffWaitMinimum: 0, RetryBackOffRandomRange: 0 },
      TxCtrlr: { TxStartPoint: 'EVConnected,Authorized', TxStopPoint: 'EVConnected,Authorized' },
    },
  }),
  stores,
  host: {
    reset: { supportsEvseReset: false, isResetAllowed: () => true, reset: () => undefined },
    evse: { setEnergyTransferAllowed: () => undefined, unlockConnector: () => true },
  },
  csms: { url: csmsUrl! },
  basicAuthPassword: 'storm-test-password-1',
});

const pendingAnswers = new Set<string>();
station.events.on('frame', ({ direction, text }) => {
  const frame = JSON.parse(text) as unknown[];
  if (direction === 'out' && frame[0] === 2 && frame[2] === 'TransactionEvent') {
    pendingAnswers.add(frame[1] as string);
    reached('after-send');
  } else if (direction === 'in' && frame[0] !== 2 && pendingAnswers.delete(frame[1] as string)) {
    reached('after-answer');
  }
});

let driving = false;
station.events.on('registrationChanged', ({ status }) => {
  if (status !== 'Accepted' || driving) return;
  driving = true;
  if (final) void reportWhenIdle();
  else void driveOneTransaction();
});

async function driveOneTransaction(): Promise<void> {
  // Each step waits until the CSMS has answered the last event, as on a real charger, so that each event
  // goes out the moment it is queued (the window a crash-unsafe queue would lose it in).
  await delivered();
  station.onSessionStarted(1, 1);
  await delivered();
  await station.presentToken({ idToken: `STORM-${run}`, type: 'ISO14443' }, 1);
  const transactionId = station.getEvseTransactionId(1);
  for (const state of ['Charging', 'SuspendedEV', 'Charging'] as const) {
    await delivered();
    station.onChargingStateChanged(1, state);
  }
  await delivered();
  station.events.on('transactionEventDelivered', (info) => {
    if (info.transactionId === transactionId && info.eventType === 'Ended') process.stdout.write(`done ${transactionId}\n`);
  });
  station.onSessionFinished(1, 1);
}

/** Resolves once no TransactionEvent waits in the store. */
async function delivered(): Promise<void> {
  while (stores.queue.count() > 0) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function reportWhenIdle(): Promise<void> {
  await delivered();
  process.stdout.write(`final queue=${stores.queue.count()} open=${stores.transactions.loadAll().length}\n`);
}

station.start('PowerUp');
