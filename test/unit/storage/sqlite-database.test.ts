// The station database on a real file: pragmas, migrations and persistence across close and reopen.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, openStationDatabase } from '../../../src/storage/sqlite/database.js';
import {
  MIGRATIONS,
  MigrationError,
  SchemaTooNewError,
  runMigrations,
  schemaVersion,
  type Migration,
} from '../../../src/storage/sqlite/migrations.js';
import { SqliteQueueStore } from '../../../src/storage/sqlite/sqlite-queue-store.js';

const AT = '2025-01-02T03:04:05.678Z';

let dir: string;
let file: string;
const toClose: Database[] = [];

/** Opens the station database and closes it after the test even if an assertion fails. */
function open(options?: Parameters<typeof openStationDatabase>[1]): Database {
  const database = openStationDatabase(file, options);
  toClose.push(database);
  return database;
}

/** A plain connection without our pragmas or migrations, to look at or tamper with the file. */
function openRaw(): Database {
  const database = new BetterSqlite3(file);
  toClose.push(database);
  return database;
}

function tableNames(database: Database): string[] {
  return database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function versionRows(database: Database): { version: number; applied_at: string }[] {
  return database.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    applied_at: string;
  }[];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocpp-station-db-'));
  file = join(dir, 'station.db');
});

afterEach(() => {
  for (const database of toClose.splice(0)) if (database.open) database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The runner tests start from a database holding only migration 1, so later shipped migrations do not matter. */
const FIRST_MIGRATION = MIGRATIONS[0]!;

function withFirstMigrationOnly() {
  const database = openRaw();
  runMigrations(database, [FIRST_MIGRATION]);
  return database;
}

describe('openStationDatabase pragmas', () => {
  it('uses WAL, foreign keys, a busy timeout and synchronous NORMAL by default', () => {
    const database = open();
    assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(database.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(database.pragma('busy_timeout', { simple: true }), BUSY_TIMEOUT_MS);
    assert.equal(database.pragma('synchronous', { simple: true }), 1); // NORMAL
  });

  it("uses synchronous NORMAL for 'process-crash-safe'", () => {
    const database = open({ durability: 'process-crash-safe' });
    assert.equal(database.pragma('synchronous', { simple: true }), 1);
  });

  it("uses synchronous FULL for 'power-loss-safe'", () => {
    const database = open({ durability: 'power-loss-safe' });
    assert.equal(database.pragma('synchronous', { simple: true }), 2); // FULL
    assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
  });

  it('leaves the file in WAL mode for the next connection', () => {
    open().close();
    assert.equal(openRaw().pragma('journal_mode', { simple: true }), 'wal');
  });

  it('refuses an unknown durability', () => {
    assert.throws(() => open({ durability: 'sometimes' as never }), /unknown durability "sometimes"/);
  });
});

describe('migrations', () => {
  it('creates message_queue with the expected columns and records version 1', () => {
    const database = open();
    assert.ok(tableNames(database).includes('message_queue'));
    const columns = database.prepare('PRAGMA table_info(message_queue)').all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    assert.deepEqual(
      columns.map((c) => [c.name, c.type, c.notnull, c.dflt_value, c.pk]),
      [
        ['seq', 'INTEGER', 0, null, 1],
        ['action', 'TEXT', 1, null, 0],
        ['payload', 'TEXT', 1, null, 0],
        ['failed_attempts', 'INTEGER', 1, '0', 0],
        ['queued_at', 'TEXT', 1, null, 0],
      ],
    );
    const sql = database.prepare("SELECT sql FROM sqlite_master WHERE name = 'message_queue'").pluck().get() as string;
    assert.match(sql, /AUTOINCREMENT/);
    const rows = versionRows(database);
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((m) => m.version),
    );
    assert.ok(!Number.isNaN(Date.parse(rows[0]!.applied_at)), `applied_at "${rows[0]!.applied_at}" is a timestamp`);
    assert.equal(schemaVersion(database), MIGRATIONS.length);
  });

  it('does not re-run applied migrations on reopen', () => {
    const first = open();
    const appliedAt = versionRows(first);
    first.close();
    const second = open();
    assert.deepEqual(versionRows(second), appliedAt);
    // Running them again by hand is a no-op too (migration 1 would fail with "table already exists").
    assert.equal(runMigrations(second), MIGRATIONS.length);
    assert.deepEqual(versionRows(second), appliedAt);
  });

  it('applies only the migrations a database is missing, in order', () => {
    const database = withFirstMigrationOnly();
    const calls: number[] = [];
    const list: Migration[] = [
      FIRST_MIGRATION,
      { version: 2, description: 'second', up: 'CREATE TABLE second (id INTEGER PRIMARY KEY)' },
      {
        version: 3,
        description: 'third, in code',
        up: (db) => {
          calls.push(3);
          db.exec('CREATE TABLE third (id INTEGER PRIMARY KEY, second_id INTEGER REFERENCES second (id))');
          db.prepare('INSERT INTO second (id) VALUES (1)').run();
        },
      },
    ];
    assert.equal(runMigrations(database, list), 3);
    assert.equal(runMigrations(database, list), 3);
    assert.deepEqual(calls, [3]);
    assert.deepEqual(
      versionRows(database).map((r) => r.version),
      [1, 2, 3],
    );
    assert.deepEqual(tableNames(database), ['message_queue', 'schema_migrations', 'second', 'third']);
  });

  it('refuses a database with a newer schema version, naming both versions, and changes nothing', () => {
    open().close();
    const raw = openRaw();
    const tablesBefore = tableNames(raw);
    const newer = MIGRATIONS.length + 3;
    raw.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, '2030-01-01T00:00:00.000Z')").run(newer);
    raw.close();

    assert.throws(
      () => open(),
      (error: unknown) => {
        assert.ok(error instanceof SchemaTooNewError);
        assert.equal(error.databaseVersion, newer);
        assert.equal(error.supportedVersion, MIGRATIONS.length);
        assert.match(error.message, new RegExp(`version ${newer} is newer .*\\(${MIGRATIONS.length}\\)`));
        return true;
      },
    );
    const after = openRaw();
    assert.deepEqual(
      versionRows(after).map((r) => r.version),
      [...MIGRATIONS.map((m) => m.version), newer],
    );
    assert.deepEqual(tableNames(after), tablesBefore);
  });

  it('rolls back a failing SQL migration: no partial schema, no version row', () => {
    const database = withFirstMigrationOnly();
    const list: Migration[] = [
      FIRST_MIGRATION,
      {
        version: 2,
        description: 'half good',
        up: 'CREATE TABLE partial (id INTEGER PRIMARY KEY); INSERT INTO message_queue (action) VALUES (1); CREATE TABLE never (id INTEGER);',
      },
    ];
    assert.throws(
      () => runMigrations(database, list),
      (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.version, 2);
        assert.match(error.message, /migration 2 \(half good\) failed: NOT NULL constraint failed/);
        assert.ok(error.cause instanceof Error);
        return true;
      },
    );
    assert.equal(database.inTransaction, false);
    assert.deepEqual(tableNames(database), ['message_queue', 'schema_migrations']);
    assert.deepEqual(
      versionRows(database).map((r) => r.version),
      [1],
    );
    assert.equal(database.prepare('SELECT COUNT(*) FROM message_queue').pluck().get(), 0);
  });

  it('rolls back a migration function that throws, keeping the ones before it', () => {
    const database = withFirstMigrationOnly();
    const list: Migration[] = [
      FIRST_MIGRATION,
      { version: 2, description: 'fine', up: 'CREATE TABLE fine (id INTEGER PRIMARY KEY)' },
      {
        version: 3,
        description: 'throws halfway',
        up: (db) => {
          db.exec('CREATE TABLE doomed (id INTEGER PRIMARY KEY)');
          db.prepare('INSERT INTO fine (id) VALUES (1)').run();
          throw new Error('boom');
        },
      },
      { version: 4, description: 'never reached', up: 'CREATE TABLE unreached (id INTEGER)' },
    ];
    assert.throws(() => runMigrations(database, list), /migration 3 \(throws halfway\) failed: boom/);
    assert.deepEqual(tableNames(database), ['fine', 'message_queue', 'schema_migrations']);
    assert.equal(database.prepare('SELECT COUNT(*) FROM fine').pluck().get(), 0);
    assert.deepEqual(
      versionRows(database).map((r) => r.version),
      [1, 2],
    );
  });

  it('leaves a fresh file without any schema when migration 1 itself fails', () => {
    const database = openRaw();
    const list: Migration[] = [{ version: 1, description: 'broken', up: 'CREATE TABLE a (x); CREATE TABLE a (x);' }];
    assert.throws(() => runMigrations(database, list), MigrationError);
    assert.deepEqual(tableNames(database), ['schema_migrations']);
    assert.equal(schemaVersion(database), 0);
  });

  it('refuses a malformed migration list before touching the database', () => {
    const database = openRaw();
    const gap: Migration[] = [FIRST_MIGRATION, { version: 3, description: 'skips 2', up: 'CREATE TABLE x (y)' }];
    assert.throws(() => runMigrations(database, gap), /entry 1 has version 3, expected 2/);
    assert.deepEqual(tableNames(database), []);
  });

  it('numbers the shipped migrations 1, 2, 3, … with a description each', () => {
    MIGRATIONS.forEach((migration, index) => {
      assert.equal(migration.version, index + 1);
      assert.ok(migration.description.length > 0);
    });
  });
});

describe('SqliteQueueStore on a file', () => {
  it('keeps messages, their order and failed attempts across close and reopen', () => {
    const first = open();
    const store = new SqliteQueueStore(first);
    const a = store.append('TransactionEvent', { seqNo: 0, note: 'ü' }, AT);
    const b = store.append('SecurityEventNotification', { type: 'StartupOfTheDevice' }, AT);
    const c = store.append('TransactionEvent', { seqNo: 1 }, AT);
    store.recordFailedAttempt(c.seq, 2);
    store.remove(b.seq);
    first.close();

    const reopened = new SqliteQueueStore(open());
    assert.equal(reopened.count(), 2);
    assert.deepEqual(reopened.loadAll(), [
      { seq: a.seq, action: 'TransactionEvent', payload: { seqNo: 0, note: 'ü' }, failedAttempts: 0, queuedAt: AT },
      { seq: c.seq, action: 'TransactionEvent', payload: { seqNo: 1 }, failedAttempts: 2, queuedAt: AT },
    ]);
  });

  it('does not reuse the seq of a removed last message after a reopen', () => {
    const first = open();
    const store = new SqliteQueueStore(first);
    store.append('TransactionEvent', {}, AT);
    const last = store.append('TransactionEvent', {}, AT);
    store.remove(last.seq);
    first.close();

    const next = new SqliteQueueStore(open()).append('TransactionEvent', {}, AT);
    assert.ok(next.seq > last.seq, `seq ${next.seq} must be greater than the removed ${last.seq}`);
  });

  it('has each append committed when it returns (visible to another connection)', () => {
    const store = new SqliteQueueStore(open());
    const other = openRaw();
    const countOther = other.prepare('SELECT COUNT(*) FROM message_queue').pluck();
    store.append('TransactionEvent', { n: 1 }, AT);
    assert.equal(countOther.get(), 1);
    const second = store.append('TransactionEvent', { n: 2 }, AT);
    store.recordFailedAttempt(second.seq, 1);
    assert.equal(other.prepare('SELECT failed_attempts FROM message_queue WHERE seq = ?').pluck().get(second.seq), 1);
    store.remove(second.seq);
    assert.equal(countOther.get(), 1);
  });
});
