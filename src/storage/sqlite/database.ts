// Opens the station's SQLite database: one file per station, holding every table the stack persists.
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { runMigrations } from './migrations.js';

/**
 * How much a commit is worth once the call that made it has returned (the database runs in WAL mode):
 *
 * - 'process-crash-safe' (synchronous = NORMAL, the default): the commit is in the WAL file, handed to
 *   the operating system, so it survives the process being killed at any moment. After a power cut or
 *   an OS crash the database is still consistent, but the most recent commits may be missing, because
 *   the WAL is only fsynced at checkpoints.
 * - 'power-loss-safe' (synchronous = FULL): the WAL is fsynced on every commit, so a commit survives a
 *   power cut too. This costs one fsync per commit (about 150 µs each on the machine this was measured
 *   on, far more on slow flash).
 */
export type Durability = 'process-crash-safe' | 'power-loss-safe';

export interface StationDatabaseOptions {
  /** Defaults to 'process-crash-safe'. */
  durability?: Durability;
}

/** How long a statement waits for a lock held by another connection before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

const SYNCHRONOUS: Record<Durability, 'NORMAL' | 'FULL'> = {
  'process-crash-safe': 'NORMAL',
  'power-loss-safe': 'FULL',
};

/**
 * Opens (creating if needed) the database file at `path` and brings its schema up to date. The parent
 * directory must exist. Throws, with the database closed again, if the file was written by a newer
 * schema version than this code knows or a migration fails.
 */
export function openStationDatabase(path: string, options: StationDatabaseOptions = {}): Database {
  const durability = options.durability ?? 'process-crash-safe';
  const synchronous = SYNCHRONOUS[durability];
  if (synchronous === undefined) throw new TypeError(`unknown durability "${String(durability)}"`);

  const database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    const journalMode = database.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal' && !database.memory) {
      throw new Error(`cannot switch ${path} to WAL journal mode (SQLite answered "${String(journalMode)}")`);
    }
    database.pragma(`synchronous = ${synchronous}`);
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    runMigrations(database);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}
