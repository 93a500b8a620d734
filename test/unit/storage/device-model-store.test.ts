// One behavioural contract for every DeviceModelStore, run against the in-memory and the SQLite
// implementation, and the SQLite store on a real file across close and reopen.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DeviceModelStore, StoredVariableValue } from '../../../src/device-model/device-model-store.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { SqliteDeviceModelStore } from '../../../src/storage/sqlite/sqlite-device-model-store.js';
import { openStationDatabase } from '../../../src/storage/sqlite/database.js';

interface OpenedStore {
  store: DeviceModelStore;
  dispose(): void;
}

const AT = '2026-01-02T03:04:05.678Z';

function stored(overrides: Partial<StoredVariableValue> = {}): StoredVariableValue {
  return {
    componentKey: 'OCPPCommCtrlr',
    variableKey: 'HeartbeatInterval',
    attributeType: 'Actual',
    value: '300',
    initialValue: '300',
    changedBy: 'configuration',
    changedAt: AT,
    ...overrides,
  };
}

function byKey(values: StoredVariableValue[]): StoredVariableValue[] {
  const key = (v: StoredVariableValue) => `${v.componentKey}|${v.variableKey}|${v.attributeType}`;
  return [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function deviceModelStoreContract(name: string, open: () => OpenedStore): void {
  describe(`DeviceModelStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: DeviceModelStore;

    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty', () => {
      assert.deepEqual(store.loadAll(), []);
    });

    it('returns what it saved, field for field, including a null initial value', () => {
      const value = stored({ initialValue: null, changedBy: 'csms', value: 'ü, "quoted", \n multi-line' });
      store.save(value);
      assert.deepEqual(store.loadAll(), [value]);
    });

    it('keeps one row per component, variable and attribute type (save is an upsert)', () => {
      store.save(stored());
      store.save(stored({ value: '600', changedBy: 'csms', changedAt: '2026-02-01T00:00:00.000Z' }));
      store.save(stored({ attributeType: 'Target', value: '10' }));
      store.save(stored({ variableKey: 'MessageAttempts[TransactionEvent]', value: '5' }));
      store.save(stored({ componentKey: 'EVSE#1', variableKey: 'Power', attributeType: 'MaxSet', value: '22000' }));
      assert.deepEqual(
        byKey(store.loadAll()),
        byKey([
          stored({ value: '600', changedBy: 'csms', changedAt: '2026-02-01T00:00:00.000Z' }),
          stored({ attributeType: 'Target', value: '10' }),
          stored({ variableKey: 'MessageAttempts[TransactionEvent]', value: '5' }),
          stored({ componentKey: 'EVSE#1', variableKey: 'Power', attributeType: 'MaxSet', value: '22000' }),
        ]),
      );
    });

    it('saves many values at once, later ones replacing earlier ones with the same key', () => {
      store.saveMany([stored(), stored({ variableKey: 'OfflineThreshold', value: '60' }), stored({ value: '900' })]);
      assert.deepEqual(
        byKey(store.loadAll()),
        byKey([stored({ value: '900' }), stored({ variableKey: 'OfflineThreshold', value: '60' })]),
      );
      store.saveMany([]);
      assert.equal(store.loadAll().length, 2);
    });

    it('keeps the empty string as a value, distinct from no value', () => {
      store.save(stored({ value: '', initialValue: '' }));
      assert.deepEqual(store.loadAll(), [stored({ value: '', initialValue: '' })]);
    });

    it('hands out copies: changing what loadAll returned changes nothing stored', () => {
      store.save(stored());
      const [loaded] = store.loadAll();
      (loaded as { value: string }).value = 'tampered';
      assert.equal(store.loadAll()[0]!.value, '300');
    });
  });
}

deviceModelStoreContract('memory', () => ({ store: new MemoryDeviceModelStore(), dispose: () => {} }));

deviceModelStoreContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-station-dm-'));
  const database = openStationDatabase(join(dir, 'station.db'));
  return {
    store: new SqliteDeviceModelStore(database),
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteDeviceModelStore on a file', () => {
  let dir: string;
  let file: string;
  const toClose: Database[] = [];
  const open = (): Database => {
    const database = openStationDatabase(file);
    toClose.push(database);
    return database;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-station-dm-file-'));
    file = join(dir, 'station.db');
  });
  afterEach(() => {
    for (const database of toClose.splice(0)) if (database.open) database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every saved value across close and reopen', () => {
    const first = open();
    const store = new SqliteDeviceModelStore(first);
    store.save(stored());
    store.saveMany([stored({ value: '42', changedBy: 'integrator' }), stored({ variableKey: 'OfflineThreshold', value: '60' })]);
    first.close();

    const reopened = new SqliteDeviceModelStore(open());
    assert.deepEqual(
      byKey(reopened.loadAll()),
      byKey([stored({ value: '42', changedBy: 'integrator' }), stored({ variableKey: 'OfflineThreshold', value: '60' })]),
    );
  });

  it('saveMany writes nothing when one value cannot be stored', () => {
    const database = open();
    const store = new SqliteDeviceModelStore(database);
    const bad = stored({ variableKey: 'Broken', changedBy: 'nobody' as never });
    assert.throws(() => store.saveMany([stored(), bad]), /CHECK constraint/);
    assert.deepEqual(store.loadAll(), []);
  });

  it('creates device_model_values keyed by component, variable and attribute type', () => {
    const database = open();
    const columns = database.prepare('PRAGMA table_info(device_model_values)').all() as { name: string; notnull: number; pk: number }[];
    assert.deepEqual(
      columns.map((c) => [c.name, c.notnull, c.pk]),
      [
        ['component_key', 1, 1],
        ['variable_key', 1, 2],
        ['attribute_type', 1, 3],
        ['value', 1, 0],
        ['initial_value', 0, 0],
        ['changed_by', 1, 0],
        ['changed_at', 1, 0],
      ],
    );
  });
});
