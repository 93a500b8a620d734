// The network-profile and security-log stores: one contract run against memory and SQLite (a real file),
// plus what only SQLite can show (surviving a reopen).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkConnectionProfileType } from '../../../src/messages/types.js';
import type { NetworkProfileStore } from '../../../src/storage/network-profile-store.js';
import type { SecurityLogStore } from '../../../src/storage/security-log-store.js';
import { MemoryNetworkProfileStore } from '../../../src/storage/memory/memory-network-profile-store.js';
import { MemorySecurityLogStore } from '../../../src/storage/memory/memory-security-log-store.js';
import { openStationDatabase } from '../../../src/storage/sqlite/database.js';
import { SqliteNetworkProfileStore } from '../../../src/storage/sqlite/sqlite-network-profile-store.js';
import { SqliteSecurityLogStore } from '../../../src/storage/sqlite/sqlite-security-log-store.js';

const dir = mkdtempSync(join(tmpdir(), 'ocpp-stores-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newDatabase = () => openStationDatabase(join(dir, `station-${files++}.db`));

const profile = (url: string): NetworkConnectionProfileType => ({
  ocppCsmsUrl: url,
  securityProfile: 2,
  messageTimeout: 30,
  ocppVersion: 'OCPP20',
  ocppTransport: 'JSON',
  ocppInterface: 'Wireless0',
  apn: { apn: 'internet', apnAuthentication: 'AUTO' },
});

function networkProfileContract(name: string, create: () => NetworkProfileStore) {
  describe(`NetworkProfileStore contract: ${name}`, () => {
    it('saves, replaces and deletes profiles by slot, keeping every field', () => {
      const store = create();
      store.save(2, profile('wss://b.example/ocpp'));
      store.save(1, profile('wss://a.example/ocpp'));
      store.save(2, profile('wss://c.example/ocpp'));
      assert.deepEqual([...store.loadAll().keys()].sort(), [1, 2]);
      assert.deepEqual(store.loadAll().get(2), profile('wss://c.example/ocpp'));
      store.delete(1);
      store.delete(9);
      assert.deepEqual([...store.loadAll().keys()], [2]);
    });
  });
}

function securityLogContract(name: string, create: () => SecurityLogStore) {
  describe(`SecurityLogStore contract: ${name}`, () => {
    it('A04.FR.04 keeps entries in order, with their fields', () => {
      const store = create();
      store.append({ type: 'StartupOfTheDevice', timestamp: '2026-01-01T00:00:00.000Z', critical: true }, 10);
      store.append({ type: 'InvalidMessages', timestamp: '2026-01-01T00:00:01.000Z', techInfo: 'bad frame', critical: false }, 10);
      assert.deepEqual(store.loadAll(), [
        { type: 'StartupOfTheDevice', timestamp: '2026-01-01T00:00:00.000Z', critical: true },
        { type: 'InvalidMessages', timestamp: '2026-01-01T00:00:01.000Z', techInfo: 'bad frame', critical: false },
      ]);
    });

    it('keeps only the newest maxEntries entries', () => {
      const store = create();
      for (let i = 0; i < 7; i++) store.append({ type: `E${i}`, timestamp: '2026-01-01T00:00:00.000Z', critical: false }, 3);
      assert.deepEqual(store.loadAll().map((entry) => entry.type), ['E4', 'E5', 'E6']);
    });
  });
}

networkProfileContract('memory', () => new MemoryNetworkProfileStore());
networkProfileContract('SQLite', () => new SqliteNetworkProfileStore(newDatabase()));
securityLogContract('memory', () => new MemorySecurityLogStore());
securityLogContract('SQLite', () => new SqliteSecurityLogStore(newDatabase()));

describe('SQLite station stores across a reopen', () => {
  it('keeps profiles and the security log', () => {
    const path = join(dir, 'reopen.db');
    const first = openStationDatabase(path);
    new SqliteNetworkProfileStore(first).save(3, profile('wss://kept.example/ocpp'));
    new SqliteSecurityLogStore(first).append({ type: 'ResetOrReboot', timestamp: '2026-01-01T00:00:00.000Z', critical: true }, 10);
    first.close();
    const second = openStationDatabase(path);
    assert.equal(new SqliteNetworkProfileStore(second).loadAll().get(3)?.ocppCsmsUrl, 'wss://kept.example/ocpp');
    assert.equal(new SqliteSecurityLogStore(second).loadAll()[0]?.type, 'ResetOrReboot');
    second.close();
  });
});
