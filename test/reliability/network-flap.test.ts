// Network flaps while sessions run: the CSMS drops the socket at random, swallows answers (and then the link
// dies) and answers late, while two EVSEs run transaction after transaction on a real SQLite file. Afterwards
// every transaction's events reached the CSMS: no seqNo gap, no seqNo naming two different events, every
// transaction ended, nothing left in the queue (E01.FR.07, E13, E04). SOAK=1 runs it at scale (npm run soak).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChargingStation } from '../../src/station/charging-station.js';
import { sqliteStationStores, type StationStores } from '../../src/station/station-stores.js';
import { parseStationConfig } from '../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../src/station/default-station-config.js';
import { CsmsPeer } from '../support/csms-peer.js';
import { acceptingCsms } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { TransactionLedger } from './support/transaction-ledger.js';

const SOAK = process.env.SOAK === '1';
const TRANSACTIONS_PER_EVSE = SOAK ? 400 : 20;
const CHAOS = { drop: 0.06, swallow: 0.06, delayMs: 15 };

describe('network flaps during sessions (E01.FR.07, E13, E04)', () => {
  let dir: string;
  let peer: CsmsPeer;
  let station: ChargingStation;
  let stores: StationStores;
  const ledger = new TransactionLedger();
  const random = seededRandom(Number(process.env.FLAP_SEED ?? 4122026));
  let drops = 0;
  let swallowed = 0;
  let delayed = 0;
  let chaos = true;

  function dropSoon(): void {
    drops++;
    setTimeout(() => void peer.clients.at(-1)?.close({ force: true }), Math.floor(random() * 10));
  }

  /** Answers like a flaky CSMS: late, never (the link then dies), or with a dropped socket. */
  function flaky<T>(answer: () => T): () => Promise<T> | T {
    return () => {
      if (!chaos) return answer();
      if (random() < CHAOS.drop) dropSoon();
      if (random() < CHAOS.swallow) {
        swallowed++;
        dropSoon();
        return new Promise<T>(() => undefined);
      }
      delayed++;
      return new Promise<T>((resolve) => setTimeout(() => resolve(answer()), Math.floor(random() * CHAOS.delayMs)));
    };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-flap-'));
    const recordEvent = flaky(() => ({}));
    peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Authorize: flaky(() => ({ idTokenInfo: { status: 'Accepted' } })),
        StatusNotification: flaky(() => ({})),
        TransactionEvent: (payload: any) => {
          ledger.record(payload);
          return recordEvent();
        },
      },
    });
    stores = sqliteStationStores(join(dir, 'station.db'));
    station = new ChargingStation({
      stationId: 'CS-FLAP',
      config: parseStationConfig({
        ...DEFAULT_STATION_CONFIG_JSON,
        evses: [1, 2].map((id) => ({ id, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 })),
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
      csms: { url: peer.url },
      basicAuthPassword: 'flap-test-password-1',
    });
  });

  after(async () => {
    await station.stop();
    stores.close();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function pause(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 6)));
  }

  async function runSessions(evseId: number): Promise<void> {
    for (let n = 0; n < TRANSACTIONS_PER_EVSE; n++) {
      station.onSessionStarted(evseId, 1);
      await pause();
      await station.presentToken({ idToken: `FLAP-${evseId}-${n}`, type: 'ISO14443' }, evseId);
      for (const state of ['Charging', 'SuspendedEV', 'Charging'] as const) {
        station.onChargingStateChanged(evseId, state);
        await pause();
      }
      station.onSessionFinished(evseId, 1);
      await pause();
    }
  }

  it('every transaction of two EVSEs arrives whole through drops, swallowed and late answers', async () => {
    station.start('PowerUp');
    await waitFor(() => station.registrationStatus === 'Accepted', 'Accepted', 60_000);
    await Promise.all([runSessions(1), runSessions(2)]);
    chaos = false;
    await waitFor(() => stores.queue.count() === 0 && stores.transactions.loadAll().length === 0, 'the queue to drain', 60_000);

    const figures = ledger.figures();
    const checks = [
      ['no event lost', figures.lost === 0],
      ['no seqNo reused for a different event', figures.reusedSeqNo === 0],
      ['every transaction ended', figures.ended === figures.transactions],
      ['every session was a transaction', figures.transactions === 2 * TRANSACTIONS_PER_EVSE],
    ] as const;
    const failed = checks.filter(([, ok]) => !ok).length;
    console.log(
      `network-flap: transactions ${figures.transactions}, events ${figures.events}, drops ${drops}, swallowed ${swallowed}, ` +
        `delayed ${delayed}, duplicated ${figures.duplicated}, lost ${figures.lost}, reused seqNo ${figures.reusedSeqNo}`,
    );
    for (const problem of figures.problems.slice(0, 20)) console.log(`  ${problem}`);
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    assert.deepEqual(figures.problems, []);
    assert.equal(figures.transactions, 2 * TRANSACTIONS_PER_EVSE);
  });
});

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
