// The FirmwareUpdateStore contract against memory and SQLite (a real file), a reopen, and a damaged row.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FirmwareUpdateRecord, FirmwareUpdateStore } from '../../../src/storage/firmware-update-store.js';
import { MemoryFirmwareUpdateStore } from '../../../src/storage/memory/memory-firmware-update-store.js';
import { openStationDatabase } from '../../../src/storage/sqlite/database.js';
import { SqliteFirmwareUpdateStore } from '../../../src/storage/sqlite/sqlite-firmware-update-store.js';

const dir = mkdtempSync(join(tmpdir(), 'ocpp-firmware-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newDatabase = () => openStationDatabase(join(dir, `station-${files++}.db`));

const record: FirmwareUpdateRecord = {
  requestId: 42,
  firmware: { location: 'https://firmware.example/v2.bin', retrieveDateTime: '2026-12-04T10:00:00.000Z', signature: 'c2ln' },
  retries: 3,
  retryIntervalSeconds: 60,
  phase: 'downloading',
  failedAttempts: 1,
  previousVersion: '1.0.0',
  updatedAt: '2026-12-04T10:00:01.000Z',
};

function contract(name: string, create: () => FirmwareUpdateStore) {
  describe(`FirmwareUpdateStore contract: ${name}`, () => {
    it('keeps the update in progress until cleared, replacing it on save, and the last status apart from it', () => {
      const store = create();
      assert.equal(store.current(), undefined);
      assert.equal(store.lastStatus(), undefined);
      store.save(record);
      assert.deepEqual(store.current(), record);
      store.save({ ...record, phase: 'install-scheduled', filePath: '/state/firmware-42.bin' });
      assert.equal(store.current()?.phase, 'install-scheduled');
      store.saveLastStatus({ status: 'Downloaded', requestId: 42 });
      store.clear();
      assert.equal(store.current(), undefined);
      assert.deepEqual(store.lastStatus(), { status: 'Downloaded', requestId: 42 });
    });
  });
}

contract('memory', () => new MemoryFirmwareUpdateStore());
contract('SQLite', () => new SqliteFirmwareUpdateStore(newDatabase()));

describe('SQLite firmware update store', () => {
  it('keeps the update and the last status across a reopen; a damaged row reads as absent', () => {
    const path = join(dir, 'reopen.db');
    const first = openStationDatabase(path);
    new SqliteFirmwareUpdateStore(first).save(record);
    new SqliteFirmwareUpdateStore(first).saveLastStatus({ status: 'Downloading', requestId: 42 });
    first.close();
    const second = openStationDatabase(path);
    assert.deepEqual(new SqliteFirmwareUpdateStore(second).current(), record);
    assert.deepEqual(new SqliteFirmwareUpdateStore(second).lastStatus(), { status: 'Downloading', requestId: 42 });
    second.prepare("UPDATE firmware_update SET value = '{not json' WHERE slot = 'current'").run();
    second.prepare(`UPDATE firmware_update SET value = '{"other":1}' WHERE slot = 'last-status'`).run();
    assert.equal(new SqliteFirmwareUpdateStore(second).current(), undefined);
    assert.equal(new SqliteFirmwareUpdateStore(second).lastStatus(), undefined);
    second.close();
  });
});
