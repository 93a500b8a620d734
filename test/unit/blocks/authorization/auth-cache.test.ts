// The authorization cache on its own: making room when full (C10.FR.07) under each AuthCacheCtrlr.Policy and
// the Storage byte limit, what is never stored (C10.FR.09), ClearCache (C11), and persistence (C10.FR.02).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controller, optional } from '../../../../src/device-model/declare.js';
import { AuthCacheCtrlr } from '../../../../src/device-model/standardized/index.js';
import { tokenKey } from '../../../../src/blocks/authorization/id-token.js';
import { AUTH_CACHE_MAX_ENTRIES } from '../../../../src/blocks/authorization/auth-cache.js';
import type { CallContext } from '../../../../src/rpc/handler-router.js';
import { authEntryBytes } from '../../../../src/storage/auth-cache-store.js';
import { MemoryAuthCacheStore } from '../../../../src/storage/memory/memory-auth-cache-store.js';
import { SqliteAuthCacheStore } from '../../../../src/storage/sqlite/sqlite-auth-cache-store.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';
import { harness, rfid, type Harness } from './support.js';

const context: CallContext = { messageId: 'm1', action: 'ClearCache', afterResponse: () => undefined };
const SECOND = 1000;

function keys(h: Harness): string[] {
  return h.cache.loadAll().map((entry) => entry.tokenKey).sort();
}

/** Caches tokens one second apart. */
async function fill(h: Harness, names: readonly string[], status: 'Accepted' | 'Blocked' = 'Accepted'): Promise<void> {
  for (const name of names) {
    h.auth.tokenInfoFromCsms(rfid(name), { status });
    await h.clock.advance(SECOND);
  }
}

describe('making room (C10.FR.07)', () => {
  it('keeps at most AUTH_CACHE_MAX_ENTRIES by default', () => {
    assert.equal(AUTH_CACHE_MAX_ENTRIES, 1000);
    assert.throws(() => harness({ maxCacheEntries: 0 }), RangeError);
  });

  it('LRU (the default) drops the least recently used entry to take a new one', async () => {
    const h = harness({ maxCacheEntries: 3 });
    await fill(h, ['A', 'B', 'C']);
    await h.auth.validateToken(rfid('A')); // A is used: B is now the least recently used
    await h.clock.advance(SECOND);
    await fill(h, ['D']);
    assert.deepEqual(keys(h), ['ISO14443:a', 'ISO14443:c', 'ISO14443:d']);
    assert.equal(h.cache.usage().entries, 3);
  });

  it('FIFO drops the entry written longest ago, however recently it was used', async () => {
    const h = harness({ maxCacheEntries: 3 });
    h.set(AuthCacheCtrlr.Policy, 'FIFO');
    await fill(h, ['A', 'B', 'C']);
    await h.auth.validateToken(rfid('A'));
    await fill(h, ['D']);
    assert.deepEqual(keys(h), ['ISO14443:b', 'ISO14443:c', 'ISO14443:d']);
  });

  it('CUSTOM drops entries that are not Accepted first (the C10.FR.07 suggestion), then the least recently used', async () => {
    const h = harness({ maxCacheEntries: 3 });
    h.set(AuthCacheCtrlr.Policy, 'CUSTOM');
    await fill(h, ['A', 'B']);
    await fill(h, ['X'], 'Blocked');
    await fill(h, ['D']);
    assert.deepEqual(keys(h), ['ISO14443:a', 'ISO14443:b', 'ISO14443:d']);
    await fill(h, ['E']);
    assert.deepEqual(keys(h), ['ISO14443:b', 'ISO14443:d', 'ISO14443:e']);
  });

  it('LFU falls back to LRU (the auth_cache table keeps no use counts)', async () => {
    const h = harness({ maxCacheEntries: 2 });
    h.set(AuthCacheCtrlr.Policy, 'LFU');
    await fill(h, ['A', 'B']);
    await h.auth.validateToken(rfid('A'));
    await h.clock.advance(SECOND);
    await fill(h, ['C']);
    assert.deepEqual(keys(h), ['ISO14443:a', 'ISO14443:c']);
  });

  it('C10.FR.10 expired entries go before any live one', async () => {
    const h = harness({ maxCacheEntries: 2 });
    h.auth.tokenInfoFromCsms(rfid('OLD'), { status: 'Accepted' });
    h.auth.tokenInfoFromCsms(rfid('SOON'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:00:05.000Z' });
    await h.clock.advance(10 * SECOND);
    h.auth.tokenInfoFromCsms(rfid('NEW'), { status: 'Accepted' });
    assert.deepEqual(keys(h), ['ISO14443:new', 'ISO14443:old']);
  });

  it('AuthCacheCtrlr.Storage: reports the bytes in use and its maxLimit bounds them', async () => {
    const entryBytes = authEntryBytes(rfid('A'), { status: 'Accepted' });
    const Storage = controller('AuthCacheCtrlr', 'AuthCache', {
      Storage: optional.integer({ mutability: 'ReadOnly', max: entryBytes * 2 }),
    }).Storage;
    const h = harness({ declarations: [Storage] });
    assert.equal(h.model.value(AuthCacheCtrlr.Storage), 0);
    await fill(h, ['A']);
    assert.equal(h.model.value(AuthCacheCtrlr.Storage), entryBytes);
    await fill(h, ['B', 'C']);
    assert.deepEqual(keys(h), ['ISO14443:b', 'ISO14443:c']);
    assert.equal(h.model.value(AuthCacheCtrlr.Storage), entryBytes * 2);
    // An entry too big for the whole cache is not kept at all.
    h.auth.tokenInfoFromCsms(rfid('BIG'), { status: 'Accepted', language1: 'en-US', language2: 'nl-NL', chargingPriority: 9 });
    assert.equal(h.cache.get(tokenKey(rfid('BIG'))), undefined);
    assert.deepEqual(keys(h), ['ISO14443:b', 'ISO14443:c']);
  });
});

describe('what the cache keeps', () => {
  it('C10.FR.09 personalMessage (it may carry tariff information) is not stored', () => {
    const h = harness();
    h.auth.tokenInfoFromCsms(rfid('A'), { status: 'Accepted', personalMessage: { format: 'ASCII', content: 'EUR 0.30/kWh' }, language1: 'en' });
    assert.deepEqual(h.cache.get(tokenKey(rfid('A')))?.idTokenInfo, { status: 'Accepted', language1: 'en' });
  });

  it('AuthCacheCtrlr.Enabled switched off and on again keeps the entries (Part 2 §2.4.1)', async () => {
    const h = harness();
    h.auth.tokenInfoFromCsms(rfid('A'), { status: 'Accepted' });
    h.set(AuthCacheCtrlr.Enabled, false);
    h.set(AuthCacheCtrlr.Enabled, true);
    assert.equal((await h.auth.validateToken(rfid('A'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('AuthCacheCtrlr.Available false means there is no cache to use', async () => {
    const h = harness({ initialValues: [{ component: AuthCacheCtrlr.Available.component, variable: AuthCacheCtrlr.Available.variable, value: 'false' }] });
    h.auth.tokenInfoFromCsms(rfid('A'), { status: 'Accepted' });
    assert.equal(h.cache.usage().entries, 0);
    assert.equal(h.auth.cache.enabled, false);
  });
});

describe('ClearCache (C11)', () => {
  it('C11.FR.03 empties the cache and answers Accepted', async () => {
    const h = harness();
    await fill(h, ['A', 'B']);
    assert.deepEqual(await h.auth.handlers().ClearCache!({}, context), { status: 'Accepted' });
    assert.equal(h.cache.usage().entries, 0);
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('A'))).idTokenInfo.status, 'Unknown');
  });

  it('C11.FR.04 answers Rejected (NotEnabled) while the cache is disabled, and keeps the entries', async () => {
    const h = harness();
    await fill(h, ['A']);
    h.set(AuthCacheCtrlr.Enabled, false);
    const response = await h.auth.handlers().ClearCache!({}, context);
    assert.equal(response.status, 'Rejected');
    assert.equal(response.statusInfo?.reasonCode, 'NotEnabled');
    assert.equal(h.cache.usage().entries, 1);
  });

  it('C11.FR.05 answers Rejected when the cache could not be cleared', async () => {
    const store = new MemoryAuthCacheStore();
    store.clear = () => {
      throw new Error('disk full');
    };
    const h = harness({ cache: store });
    const response = await h.auth.handlers().ClearCache!({}, context);
    assert.equal(response.status, 'Rejected');
    assert.equal(response.statusInfo?.reasonCode, 'InternalError');
  });
});

describe('persistence (C10.FR.02)', () => {
  it('a cached token authorizes offline after a restart on the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-cache-'));
    try {
      const path = join(dir, 'station.db');
      let database = openStationDatabase(path);
      const before = harness({ cache: new SqliteAuthCacheStore(database) });
      await before.auth.validateToken(rfid('CAFE'));
      assert.equal(before.authorizeCalls.length, 1);
      database.close();

      database = openStationDatabase(path);
      const after = harness({ cache: new SqliteAuthCacheStore(database), clock: before.clock });
      after.online = false;
      assert.equal((await after.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted');
      assert.equal(after.authorizeCalls.length, 0);
      database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
