// One behavioural contract for every AuthCacheStore and LocalAuthListStore, run against the in-memory and the
// SQLite implementations (on a temporary file, which must also survive being reopened).
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { authEntryBytes, type AuthCacheEntry, type AuthCacheStore } from '../../../../src/storage/auth-cache-store.js';
import type { LocalAuthListEntry, LocalAuthListStore } from '../../../../src/storage/local-auth-list-store.js';
import { MemoryAuthCacheStore } from '../../../../src/storage/memory/memory-auth-cache-store.js';
import { MemoryLocalAuthListStore } from '../../../../src/storage/memory/memory-local-auth-list-store.js';
import { SqliteAuthCacheStore } from '../../../../src/storage/sqlite/sqlite-auth-cache-store.js';
import { SqliteLocalAuthListStore } from '../../../../src/storage/sqlite/sqlite-local-auth-list-store.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';

interface Opened<S> {
  store: S;
  /** Closes and opens the store again on the same storage (persistent stores only). */
  reopen?: () => S;
  dispose(): void;
}

function cacheEntry(key: string, at: string, extra: Partial<AuthCacheEntry> = {}): AuthCacheEntry {
  return {
    tokenKey: `ISO14443:${key}`,
    idToken: { idToken: key.toUpperCase(), type: 'ISO14443' },
    idTokenInfo: { status: 'Accepted', groupIdToken: { idToken: 'grp', type: 'Central' } },
    cachedAt: at,
    lastUsedAt: at,
    ...extra,
  };
}

function listEntry(key: string, status: 'Accepted' | 'Blocked' = 'Accepted'): LocalAuthListEntry {
  return { tokenKey: `ISO14443:${key}`, idToken: { idToken: key, type: 'ISO14443' }, idTokenInfo: { status } };
}

const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';
const T3 = '2026-01-01T00:00:03.000Z';

function sqliteOpener<S>(make: (database: Database) => S): () => Opened<S> {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-store-'));
    const path = join(dir, 'station.db');
    let database = openStationDatabase(path);
    return {
      store: make(database),
      reopen: () => {
        database.close();
        database = openStationDatabase(path);
        return make(database);
      },
      dispose: () => {
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

function authCacheStoreContract(name: string, open: () => Opened<AuthCacheStore>, persistent: boolean): void {
  describe(`AuthCacheStore contract: ${name}`, () => {
    let opened: Opened<AuthCacheStore>;
    let store: AuthCacheStore;
    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty', () => {
      assert.equal(store.get('ISO14443:a'), undefined);
      assert.deepEqual(store.loadAll(), []);
      assert.deepEqual(store.usage(), { entries: 0, bytes: 0 });
    });

    it('returns what was put, and a put with the same key replaces it', () => {
      const first = cacheEntry('a', T1);
      store.put(first);
      assert.deepEqual(store.get(first.tokenKey), first);
      const second = cacheEntry('a', T2, { idTokenInfo: { status: 'Blocked' } });
      store.put(second);
      assert.deepEqual(store.get(first.tokenKey), second);
      assert.equal(store.usage().entries, 1);
    });

    it('loads entries least recently used first; touch moves one to the back', () => {
      store.put(cacheEntry('a', T1));
      store.put(cacheEntry('b', T2));
      store.put(cacheEntry('c', T3));
      store.touch('ISO14443:a', '2026-01-01T00:00:04.000Z');
      store.touch('ISO14443:unknown', T3);
      assert.deepEqual(store.loadAll().map((e) => e.tokenKey), ['ISO14443:b', 'ISO14443:c', 'ISO14443:a']);
      assert.equal(store.get('ISO14443:a')!.lastUsedAt, '2026-01-01T00:00:04.000Z');
      assert.equal(store.get('ISO14443:a')!.cachedAt, T1);
    });

    it('removes the given keys (ignoring unknown ones) and clears everything', () => {
      for (const key of ['a', 'b', 'c']) store.put(cacheEntry(key, T1));
      store.remove(['ISO14443:a', 'ISO14443:zzz', 'ISO14443:c']);
      assert.deepEqual(store.loadAll().map((e) => e.tokenKey), ['ISO14443:b']);
      store.clear();
      assert.deepEqual(store.usage(), { entries: 0, bytes: 0 });
    });

    it('counts bytes as authEntryBytes does, multi-byte characters included', () => {
      const a = cacheEntry('a', T1, { idTokenInfo: { status: 'Accepted', personalMessage: { format: 'UTF8', content: 'Grüße ✓' } } });
      const b = cacheEntry('b', T1);
      store.put(a);
      store.put(b);
      assert.deepEqual(store.usage(), {
        entries: 2,
        bytes: authEntryBytes(a.idToken, a.idTokenInfo) + authEntryBytes(b.idToken, b.idTokenInfo),
      });
    });

    it('C10.FR.02 keeps its entries across a reopen', { skip: !persistent }, () => {
      const entry = cacheEntry('a', T1);
      store.put(entry);
      store = opened.reopen!();
      assert.deepEqual(store.get(entry.tokenKey), entry);
    });
  });
}

function localAuthListStoreContract(name: string, open: () => Opened<LocalAuthListStore>, persistent: boolean): void {
  describe(`LocalAuthListStore contract: ${name}`, () => {
    let opened: Opened<LocalAuthListStore>;
    let store: LocalAuthListStore;
    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty with version 0', () => {
      assert.equal(store.version(), 0);
      assert.deepEqual(store.loadAll(), []);
      assert.deepEqual(store.usage(), { entries: 0, bytes: 0 });
    });

    it('replaceAll installs exactly the given entries and version; an empty replacement empties the list', () => {
      store.replaceAll([listEntry('a'), listEntry('b')], 3);
      store.replaceAll([listEntry('c', 'Blocked')], 2);
      assert.equal(store.version(), 2);
      assert.deepEqual(store.loadAll(), [listEntry('c', 'Blocked')]);
      store.replaceAll([], 5);
      assert.equal(store.version(), 5);
      assert.deepEqual(store.usage(), { entries: 0, bytes: 0 });
    });

    it('apply upserts, removes and sets the version', () => {
      store.replaceAll([listEntry('a'), listEntry('b')], 1);
      store.apply([listEntry('b', 'Blocked'), listEntry('c')], ['ISO14443:a', 'ISO14443:unknown'], 2);
      assert.equal(store.version(), 2);
      assert.deepEqual(store.loadAll(), [listEntry('b', 'Blocked'), listEntry('c')]);
      assert.deepEqual(store.get('ISO14443:c'), listEntry('c'));
      assert.equal(store.get('ISO14443:a'), undefined);
      const bytes = ['b', 'c'].reduce((sum, key) => sum + authEntryBytes(store.get(`ISO14443:${key}`)!.idToken, store.get(`ISO14443:${key}`)!.idTokenInfo), 0);
      assert.deepEqual(store.usage(), { entries: 2, bytes });
    });

    it('a replaceAll that fails part-way changes nothing', () => {
      store.replaceAll([listEntry('a')], 1);
      assert.throws(() => store.replaceAll([listEntry('b'), listEntry('b')], 2));
      assert.equal(store.version(), 1);
      assert.deepEqual(store.loadAll(), [listEntry('a')]);
    });

    it('an apply that fails part-way changes nothing', () => {
      store.replaceAll([listEntry('a')], 1);
      const unstorable = { ...listEntry('b'), idTokenInfo: { status: 'Accepted', big: 10n } } as unknown as LocalAuthListEntry;
      assert.throws(() => store.apply([listEntry('c'), unstorable], ['ISO14443:a'], 2));
      assert.equal(store.version(), 1);
      assert.deepEqual(store.loadAll(), [listEntry('a')]);
    });

    it('D01.FR.10 keeps the list and its version across a reopen', { skip: !persistent }, () => {
      store.replaceAll([listEntry('a'), listEntry('b', 'Blocked')], 7);
      store = opened.reopen!();
      assert.equal(store.version(), 7);
      assert.deepEqual(store.loadAll(), [listEntry('a'), listEntry('b', 'Blocked')]);
    });
  });
}

authCacheStoreContract('memory', () => ({ store: new MemoryAuthCacheStore(), dispose: () => undefined }), false);
authCacheStoreContract('sqlite', sqliteOpener((database) => new SqliteAuthCacheStore(database)), true);
localAuthListStoreContract('memory', () => ({ store: new MemoryLocalAuthListStore(), dispose: () => undefined }), false);
localAuthListStoreContract('sqlite', sqliteOpener((database) => new SqliteLocalAuthListStore(database)), true);
