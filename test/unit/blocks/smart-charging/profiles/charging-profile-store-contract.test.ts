// One behavioural contract for every ChargingProfileStore, run against the in-memory and the SQLite implementation;
// and the SQLite one across closing and opening its database (K01.FR.27).
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChargingProfileStore, StoredChargingProfile } from '../../../../../src/storage/charging-profile-store.js';
import { MemoryChargingProfileStore } from '../../../../../src/storage/memory/memory-charging-profile-store.js';
import { SqliteChargingProfileStore } from '../../../../../src/storage/sqlite/sqlite-charging-profile-store.js';
import { openStationDatabase } from '../../../../../src/storage/sqlite/database.js';
import { START, stationMax, txDefault, txProfile } from './support.js';

interface OpenedStore {
  store: ChargingProfileStore;
  dispose(): void;
}

const maxRecord: StoredChargingProfile = { evseId: 0, source: 'CSO', installedAt: START, profile: stationMax(7) };
const txRecord: StoredChargingProfile = { evseId: 2, source: 'CSO', installedAt: '2026-03-01T12:05:00.000Z', profile: txProfile(3, 'tx-42') };
const externalRecord: StoredChargingProfile = {
  evseId: 1,
  source: 'EMS',
  installedAt: '2026-03-01T12:10:00.000Z',
  profile: stationMax(12, { chargingProfilePurpose: 'ChargingStationExternalConstraints', validTo: '2026-03-02T00:00:00.000Z' }),
};

function chargingProfileStoreContract(name: string, open: () => OpenedStore): void {
  describe(`ChargingProfileStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: ChargingProfileStore;

    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty', () => {
      assert.deepEqual(store.loadAll(), []);
    });

    it('returns what it saved, every field, by ascending profile id', () => {
      store.save(externalRecord);
      store.save(maxRecord);
      store.save(txRecord);
      assert.deepEqual(store.loadAll(), [txRecord, maxRecord, externalRecord]);
    });

    it('K01.FR.05 saving the same profile id replaces the record, EVSE and source included', () => {
      store.save(maxRecord);
      const replacement: StoredChargingProfile = { evseId: 3, source: 'SO', installedAt: '2026-03-01T13:00:00.000Z', profile: txDefault(7, { stackLevel: 4 }) };
      store.save(replacement);
      assert.deepEqual(store.loadAll(), [replacement]);
    });

    it('deletes the ids given and leaves the others; ids not stored are ignored', () => {
      store.save(maxRecord);
      store.save(txRecord);
      store.save(externalRecord);
      store.delete([3, 99, 12]);
      assert.deepEqual(store.loadAll(), [maxRecord]);
      store.delete([]);
      assert.deepEqual(store.loadAll(), [maxRecord]);
    });

    it('hands out copies and keeps its own', () => {
      const record = structuredClone(maxRecord);
      store.save(record);
      record.profile.stackLevel = 5;
      const loaded = store.loadAll();
      loaded[0]!.profile.chargingSchedule[0]!.chargingSchedulePeriod[0]!.limit = 1;
      assert.deepEqual(store.loadAll(), [maxRecord]);
    });
  });
}

chargingProfileStoreContract('memory', () => ({ store: new MemoryChargingProfileStore(), dispose: () => undefined }));

chargingProfileStoreContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'charging-profile-store-'));
  const database = openStationDatabase(join(dir, 'station.db'));
  return {
    store: new SqliteChargingProfileStore(database),
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteChargingProfileStore', () => {
  it('K01.FR.27 keeps its profiles across closing and opening the database again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'charging-profile-store-'));
    try {
      const path = join(dir, 'station.db');
      const first = openStationDatabase(path);
      const store = new SqliteChargingProfileStore(first);
      store.save(maxRecord);
      store.save(txRecord);
      store.delete([7]);
      first.close();
      const second = openStationDatabase(path);
      assert.deepEqual(new SqliteChargingProfileStore(second).loadAll(), [txRecord]);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fills the columns of migration 9 from the profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'charging-profile-store-'));
    const database = openStationDatabase(join(dir, 'station.db'));
    try {
      const store = new SqliteChargingProfileStore(database);
      store.save(txRecord);
      store.save(maxRecord);
      const rows = database
        .prepare('SELECT profile_id, evse_id, purpose, stack_level, source, transaction_id, installed_at FROM charging_profiles ORDER BY profile_id')
        .all();
      assert.deepEqual(rows, [
        { profile_id: 3, evse_id: 2, purpose: 'TxProfile', stack_level: 0, source: 'CSO', transaction_id: 'tx-42', installed_at: txRecord.installedAt },
        { profile_id: 7, evse_id: 0, purpose: 'ChargingStationMaxProfile', stack_level: 0, source: 'CSO', transaction_id: null, installed_at: START },
      ]);
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
