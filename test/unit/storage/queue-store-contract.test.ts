// One behavioural contract for every QueueStore, run against the in-memory and the SQLite implementation.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueStore } from '../../../src/queue/queue-store.js';
import { MemoryQueueStore } from '../../../src/storage/memory/memory-queue-store.js';
import { SqliteQueueStore } from '../../../src/storage/sqlite/sqlite-queue-store.js';
import { openStationDatabase } from '../../../src/storage/sqlite/database.js';

interface OpenedStore {
  store: QueueStore;
  dispose(): void;
}

const AT = '2025-01-02T03:04:05.678Z';

function queueStoreContract(name: string, open: () => OpenedStore): void {
  describe(`QueueStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: QueueStore;

    beforeEach(() => {
      opened = open();
      store = opened.store;
    });
    afterEach(() => opened.dispose());

    it('starts empty', () => {
      assert.equal(store.count(), 0);
      assert.deepEqual(store.loadAll(), []);
    });

    it('returns what it appended, with zero failed attempts', () => {
      const payload = { reason: 'x' };
      const stored = store.append('SecurityEventNotification', payload, AT);
      assert.equal(stored.action, 'SecurityEventNotification');
      assert.deepEqual(stored.payload, payload);
      assert.equal(stored.failedAttempts, 0);
      assert.equal(stored.queuedAt, AT);
      assert.ok(Number.isInteger(stored.seq) && stored.seq > 0);
    });

    it('loads messages oldest first with strictly increasing seqs', () => {
      const seqs = [0, 1, 2, 3, 4].map((n) => store.append('TransactionEvent', { seqNo: n }, AT).seq);
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!);
      const loaded = store.loadAll();
      assert.deepEqual(
        loaded.map((m) => m.seq),
        seqs,
      );
      assert.deepEqual(
        loaded.map((m) => m.payload),
        [0, 1, 2, 3, 4].map((n) => ({ seqNo: n })),
      );
    });

    it('keeps the order of the rest when a message in the middle is removed', () => {
      const [a, b, c] = ['a', 'b', 'c'].map((id) => store.append('TransactionEvent', { id }, AT));
      store.remove(b!.seq);
      assert.deepEqual(
        store.loadAll().map((m) => m.seq),
        [a!.seq, c!.seq],
      );
    });

    it('never reuses the seq of a removed last message', () => {
      store.append('TransactionEvent', { n: 1 }, AT);
      const last = store.append('TransactionEvent', { n: 2 }, AT);
      store.remove(last.seq);
      const next = store.append('TransactionEvent', { n: 3 }, AT);
      assert.ok(next.seq > last.seq, `seq ${next.seq} must be greater than the removed ${last.seq}`);
    });

    it('never reuses a seq after the store was emptied', () => {
      const only = store.append('TransactionEvent', {}, AT);
      store.remove(only.seq);
      assert.equal(store.count(), 0);
      assert.ok(store.append('TransactionEvent', {}, AT).seq > only.seq);
    });

    it('records failed attempts of one message only', () => {
      const a = store.append('TransactionEvent', { id: 'a' }, AT);
      const b = store.append('TransactionEvent', { id: 'b' }, AT);
      store.recordFailedAttempt(b.seq, 1);
      store.recordFailedAttempt(b.seq, 2);
      assert.deepEqual(
        store.loadAll().map((m) => [m.seq, m.failedAttempts]),
        [
          [a.seq, 0],
          [b.seq, 2],
        ],
      );
    });

    it('ignores recordFailedAttempt and remove for unknown seqs', () => {
      const a = store.append('TransactionEvent', { id: 'a' }, AT);
      store.recordFailedAttempt(a.seq + 100, 3);
      store.remove(a.seq + 100);
      store.remove(a.seq);
      store.remove(a.seq);
      store.recordFailedAttempt(a.seq, 1);
      assert.equal(store.count(), 0);
      assert.deepEqual(store.loadAll(), []);
    });

    it('counts stored messages', () => {
      const a = store.append('TransactionEvent', {}, AT);
      store.append('SecurityEventNotification', {}, AT);
      store.append('TransactionEvent', {}, AT);
      assert.equal(store.count(), 3);
      store.remove(a.seq);
      assert.equal(store.count(), 2);
    });

    it('round-trips payloads exactly: nesting, unicode, numbers, null, empty values', () => {
      const payload = {
        eventType: 'Updated',
        nested: { deeper: { list: [1, [2, [3, { four: 4 }]]], empty: {}, none: [] } },
        text: 'Ladestation Köln – 充电桩 ⚡ \u{1F50C} "quoted" \\ back\nslash\u0000nul',
        numbers: [0, -0.5, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300],
        flags: [true, false, null],
        emptyText: '',
      };
      store.append('TransactionEvent', payload, AT);
      store.append('Heartbeat', {}, AT);
      store.append('DataTransfer', 'a bare string', AT);
      store.append('DataTransfer', 42.5, AT);
      store.append('DataTransfer', null, AT);
      const [first, ...rest] = store.loadAll();
      assert.deepEqual(first!.payload, payload);
      assert.equal(JSON.stringify(first!.payload), JSON.stringify(payload));
      assert.deepEqual(
        rest.map((m) => [m.action, m.payload]),
        [
          ['Heartbeat', {}],
          ['DataTransfer', 'a bare string'],
          ['DataTransfer', 42.5],
          ['DataTransfer', null],
        ],
      );
    });

    it('stores the JSON form of a payload (undefined properties dropped, dates as strings)', () => {
      store.append('TransactionEvent', { kept: 1, dropped: undefined, when: new Date(AT) }, AT);
      assert.deepEqual(store.loadAll()[0]!.payload, { kept: 1, when: AT });
    });

    it('refuses a payload JSON cannot represent and stores nothing', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      assert.throws(() => store.append('TransactionEvent', undefined, AT), TypeError);
      assert.throws(() => store.append('TransactionEvent', cyclic, AT), TypeError);
      assert.throws(() => store.append('TransactionEvent', { big: 1n }, AT), TypeError);
      assert.equal(store.count(), 0);
    });

    it('is not changed by mutating the appended payload or what loadAll returned', () => {
      const payload = { meter: { value: 1 } };
      store.append('TransactionEvent', payload, AT);
      payload.meter.value = 2;
      const loaded = store.loadAll();
      assert.deepEqual(loaded[0]!.payload, { meter: { value: 1 } });
      (loaded[0]!.payload as { meter: { value: number } }).meter.value = 3;
      (loaded[0] as { failedAttempts: number }).failedAttempts = 9;
      loaded.length = 0;
      const again = store.loadAll();
      assert.equal(again.length, 1);
      assert.deepEqual(again[0]!.payload, { meter: { value: 1 } });
      assert.equal(again[0]!.failedAttempts, 0);
    });
  });
}

queueStoreContract('MemoryQueueStore', () => ({ store: new MemoryQueueStore(), dispose: () => undefined }));

queueStoreContract('SqliteQueueStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-queue-contract-'));
  const database = openStationDatabase(join(dir, 'station.db'));
  return {
    store: new SqliteQueueStore(database),
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
