// One behavioural contract for every TxMeterValueStore, run against the in-memory and the SQLite implementation.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MeterValueType } from '../../../../src/messages/types.js';
import type { TxMeterValueStore } from '../../../../src/storage/tx-meter-value-store.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import { SqliteTxMeterValueStore } from '../../../../src/storage/sqlite/sqlite-tx-meter-value-store.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';

interface OpenedStore {
  store: TxMeterValueStore;
  /** Makes a transaction known where the store needs that (the SQLite foreign key). */
  addTransaction(transactionId: string): void;
  /** A new store over the same data, as after a restart; undefined when nothing survives. */
  reopen(): TxMeterValueStore | undefined;
  dispose(): void;
}

const sample = (value: number, context: MeterValueType['sampledValue'][number]['context'] = 'Sample.Periodic'): MeterValueType => ({
  timestamp: `2026-01-01T00:0${value % 10}:00.000Z`,
  sampledValue: [
    {
      value,
      context,
      measurand: 'Energy.Active.Import.Register',
      unitOfMeasure: { unit: 'kWh', multiplier: 3 },
      signedMeterValue: { signedMeterData: 'QUJD', signingMethod: 'ECDSA', encodingMethod: 'OCMF', publicKey: 'S0VZ' },
    },
  ],
});

function txMeterValueStoreContract(name: string, open: () => OpenedStore): void {
  describe(`TxMeterValueStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: TxMeterValueStore;

    beforeEach(() => {
      opened = open();
      store = opened.store;
      for (const id of ['tx-1', 'tx-2']) opened.addTransaction(id);
    });
    afterEach(() => opened.dispose());

    it('has nothing for a transaction it never saw', () => {
      assert.deepEqual(store.load('tx-1'), []);
      assert.deepEqual(store.load('never'), []);
    });

    it('returns the samples exactly as appended, in order', () => {
      const samples = [sample(1, 'Transaction.Begin'), sample(2), sample(3, 'Sample.Clock')];
      for (const s of samples) store.append('tx-1', s);
      assert.deepEqual(store.load('tx-1'), samples);
    });

    it('keeps transactions apart and clears one without touching another', () => {
      store.append('tx-1', sample(1));
      store.append('tx-2', sample(2));
      store.append('tx-1', sample(3));
      store.clear('tx-1');
      assert.deepEqual(store.load('tx-1'), []);
      assert.deepEqual(store.load('tx-2'), [sample(2)]);
      store.clear('tx-1');
      store.clear('never');
    });

    it('hands out copies: changing what was appended or loaded changes nothing stored', () => {
      const appended = sample(1);
      store.append('tx-1', appended);
      appended.sampledValue[0]!.value = 99;
      const loaded = store.load('tx-1');
      loaded[0]!.sampledValue[0]!.value = 77;
      assert.equal(store.load('tx-1')[0]!.sampledValue[0]!.value, 1);
    });

    it('appends again after a clear', () => {
      store.append('tx-1', sample(1));
      store.clear('tx-1');
      store.append('tx-1', sample(2));
      assert.deepEqual(store.load('tx-1'), [sample(2)]);
    });

    it('keeps the samples across a restart where it persists', () => {
      store.append('tx-1', sample(1));
      store.append('tx-1', sample(2));
      const reopened = opened.reopen();
      if (reopened) assert.deepEqual(reopened.load('tx-1'), [sample(1), sample(2)]);
    });
  });
}

txMeterValueStoreContract('MemoryTxMeterValueStore', () => ({
  store: new MemoryTxMeterValueStore(),
  addTransaction: () => undefined,
  reopen: () => undefined,
  dispose: () => undefined,
}));

txMeterValueStoreContract('SqliteTxMeterValueStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-tx-meter-values-'));
  const path = join(dir, 'station.db');
  const databases: Database[] = [openStationDatabase(path)];
  return {
    store: new SqliteTxMeterValueStore(databases[0]!),
    addTransaction: (id) => {
      databases[0]!
        .prepare("INSERT INTO transactions (transaction_id, evse_id, state, updated_at) VALUES (?, 1, 'Started', '2026-01-01T00:00:00Z')")
        .run(id);
    },
    reopen: () => {
      databases[0]!.close();
      databases[0] = openStationDatabase(path);
      return new SqliteTxMeterValueStore(databases[0]);
    },
    dispose: () => {
      databases[0]!.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteTxMeterValueStore and the transactions table', () => {
  let dir: string;
  let database: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-tx-meter-values-fk-'));
    database = openStationDatabase(join(dir, 'station.db'));
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a sample for a transaction that has no row (foreign key)', () => {
    const store = new SqliteTxMeterValueStore(database);
    assert.throws(() => store.append('ghost', sample(1)), /FOREIGN KEY/);
    assert.deepEqual(store.load('ghost'), []);
  });

  it('loses the samples with their transaction (ON DELETE CASCADE)', () => {
    database.prepare("INSERT INTO transactions (transaction_id, evse_id, state, updated_at) VALUES ('tx-1', 1, 'Ended', 'now')").run();
    const store = new SqliteTxMeterValueStore(database);
    store.append('tx-1', sample(1));
    database.prepare("DELETE FROM transactions WHERE transaction_id = 'tx-1'").run();
    assert.deepEqual(store.load('tx-1'), []);
  });
});
