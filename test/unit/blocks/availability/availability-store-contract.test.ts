// One behavioural contract for every AvailabilityStore, run against the in-memory and the SQLite implementation,
// plus the scope keys they are addressed by.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScopeKey, scopeKey, type AvailabilityStore } from '../../../../src/storage/availability-store.js';
import { MemoryAvailabilityStore } from '../../../../src/storage/memory/memory-availability-store.js';
import { SqliteAvailabilityStore } from '../../../../src/storage/sqlite/sqlite-availability-store.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';

interface OpenedStore {
  store: AvailabilityStore;
  dispose(): void;
}

function availabilityStoreContract(name: string, open: () => OpenedStore): void {
  describe(`AvailabilityStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: AvailabilityStore;

    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty', () => {
      assert.deepEqual(store.loadAll(), new Map());
    });

    it('returns what it saved, with and without a scheduled status', () => {
      store.save('station', { operationalStatus: 'Inoperative' });
      store.save('evse:1', { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' });
      store.save('connector:1.2', { operationalStatus: 'Inoperative', scheduledStatus: 'Operative' });
      assert.deepEqual(
        store.loadAll(),
        new Map([
          ['connector:1.2', { operationalStatus: 'Inoperative', scheduledStatus: 'Operative' }],
          ['evse:1', { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' }],
          ['station', { operationalStatus: 'Inoperative' }],
        ]),
      );
    });

    it('replaces the record of a scope, dropping a scheduled status no longer given', () => {
      store.save('evse:2', { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' });
      store.save('evse:2', { operationalStatus: 'Inoperative' });
      assert.deepEqual(store.loadAll(), new Map([['evse:2', { operationalStatus: 'Inoperative' }]]));
    });

    it('deletes one scope and leaves the others; deleting a missing one is harmless', () => {
      store.save('evse:1', { operationalStatus: 'Inoperative' });
      store.save('evse:2', { operationalStatus: 'Inoperative' });
      store.delete('evse:1');
      store.delete('evse:9');
      assert.deepEqual([...store.loadAll().keys()], ['evse:2']);
    });

    it('hands out copies: changing what loadAll returned does not change the store', () => {
      store.save('station', { operationalStatus: 'Inoperative' });
      const loaded = store.loadAll();
      loaded.delete('station');
      assert.equal(store.loadAll().size, 1);
    });
  });
}

availabilityStoreContract('memory', () => ({ store: new MemoryAvailabilityStore(), dispose: () => undefined }));

availabilityStoreContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'availability-store-'));
  const database = openStationDatabase(join(dir, 'station.db'));
  return {
    store: new SqliteAvailabilityStore(database),
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteAvailabilityStore', () => {
  it('B01.FR.07 keeps its records across closing and opening the database again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'availability-store-'));
    try {
      const path = join(dir, 'station.db');
      const first = openStationDatabase(path);
      new SqliteAvailabilityStore(first).save('evse:1', { operationalStatus: 'Inoperative', scheduledStatus: 'Operative' });
      first.close();
      const second = openStationDatabase(path);
      assert.deepEqual(
        new SqliteAvailabilityStore(second).loadAll(),
        new Map([['evse:1', { operationalStatus: 'Inoperative', scheduledStatus: 'Operative' }]]),
      );
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a status the schema does not allow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'availability-store-'));
    const database = openStationDatabase(join(dir, 'station.db'));
    try {
      assert.throws(() => new SqliteAvailabilityStore(database).save('station', { operationalStatus: 'Broken' as never }));
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scope keys', () => {
  it("are 'station', 'evse:<id>' and 'connector:<evse>.<connector>', and parse back", () => {
    const scopes = [
      { kind: 'station' },
      { kind: 'evse', evseId: 3 },
      { kind: 'connector', evseId: 1, connectorId: 2 },
    ] as const;
    assert.deepEqual(scopes.map(scopeKey), ['station', 'evse:3', 'connector:1.2']);
    for (const scope of scopes) assert.deepEqual(parseScopeKey(scopeKey(scope)), scope);
  });

  it('other keys parse to nothing', () => {
    for (const key of ['', 'Station', 'evse:0', 'evse:x', 'connector:1', 'connector:1.0', 'evse:1 ', 'connector:01.2']) {
      assert.equal(parseScopeKey(key), undefined, key);
    }
  });
});
