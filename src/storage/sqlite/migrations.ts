// The station database schema, as an ordered list of numbered migrations. A database records in
// `schema_migrations` which versions it has; opening it applies the missing ones, oldest first, each in
// its own transaction together with its version row. To change the schema, append a migration with the
// next version number to MIGRATIONS below; never edit or reorder one that has shipped.
import type { Database } from 'better-sqlite3';
import { OcppStationError } from '../../errors.js';

export interface Migration {
  /** 1 for the first migration, then each one more than the one before it. */
  readonly version: number;
  /** What it changes, for people reading the list or an error message. */
  readonly description: string;
  /**
   * SQL (may hold several statements), or a function for changes that need code. It runs inside a
   * transaction the runner opens, so it must not BEGIN/COMMIT itself nor set pragmas that are ignored
   * inside a transaction (such as foreign_keys).
   */
  readonly up: string | ((database: Database) => void);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'outgoing message queue',
    up: `
      CREATE TABLE message_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        queued_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'device model values',
    up: `
      CREATE TABLE device_model_values (
        component_key TEXT NOT NULL,
        variable_key TEXT NOT NULL,
        attribute_type TEXT NOT NULL CHECK (attribute_type IN ('Actual', 'Target', 'MinSet', 'MaxSet')),
        value TEXT NOT NULL,
        initial_value TEXT,
        changed_by TEXT NOT NULL CHECK (changed_by IN ('configuration', 'csms', 'integrator', 'station')),
        changed_at TEXT NOT NULL,
        PRIMARY KEY (component_key, variable_key, attribute_type)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'network connection profiles by configuration slot',
    up: `
      CREATE TABLE network_profiles (
        slot INTEGER PRIMARY KEY,
        profile TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'security log',
    up: `
      CREATE TABLE security_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        type TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        tech_info TEXT,
        critical INTEGER NOT NULL CHECK (critical IN (0, 1))
      );
    `,
  },
  {
    version: 5,
    description: 'authorization cache',
    up: `
      CREATE TABLE auth_cache (
        token_key TEXT PRIMARY KEY,
        id_token TEXT NOT NULL,
        id_token_info TEXT NOT NULL,
        cached_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL
      );
      CREATE INDEX auth_cache_last_used ON auth_cache (last_used_at);
    `,
  },
  {
    version: 6,
    description: 'local authorization list and its version',
    up: `
      CREATE TABLE local_auth_list (
        token_key TEXT PRIMARY KEY,
        id_token TEXT NOT NULL,
        id_token_info TEXT NOT NULL
      );
      CREATE TABLE local_auth_list_version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    description: 'operational status of the station, its EVSEs and connectors',
    up: `
      CREATE TABLE availability (
        scope_key TEXT PRIMARY KEY,
        operational_status TEXT NOT NULL CHECK (operational_status IN ('Operative', 'Inoperative')),
        scheduled_status TEXT CHECK (scheduled_status IN ('Operative', 'Inoperative'))
      );
    `,
  },
  {
    version: 8,
    description: 'transactions and the meter values kept for their Ended event',
    up: `
      CREATE TABLE transactions (
        transaction_id TEXT PRIMARY KEY,
        evse_id INTEGER NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE transaction_meter_values (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        transaction_id TEXT NOT NULL REFERENCES transactions (transaction_id) ON DELETE CASCADE,
        meter_value TEXT NOT NULL
      );
      CREATE INDEX transaction_meter_values_by_transaction ON transaction_meter_values (transaction_id, id);
    `,
  },
  {
    version: 9,
    description: 'charging profiles',
    up: `
      CREATE TABLE charging_profiles (
        profile_id INTEGER PRIMARY KEY,
        evse_id INTEGER NOT NULL,
        purpose TEXT NOT NULL,
        stack_level INTEGER NOT NULL,
        source TEXT NOT NULL,
        transaction_id TEXT,
        profile TEXT NOT NULL,
        installed_at TEXT NOT NULL
      );
      CREATE INDEX charging_profiles_by_evse ON charging_profiles (evse_id, purpose, stack_level);
    `,
  },
  {
    version: 10,
    description: 'energy registers of the simulated meters',
    up: `
      CREATE TABLE meter_registers (
        evse_id INTEGER PRIMARY KEY,
        register_wh REAL NOT NULL CHECK (register_wh >= 0)
      );
    `,
  },
  {
    version: 11,
    description: 'installed certificates, pending signing requests and cached OCSP responses',
    up: `
      CREATE TABLE certificates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL,
        pem TEXT NOT NULL,
        key_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('active', 'fallback', 'pending')),
        installed_at TEXT NOT NULL
      );
      CREATE TABLE certificate_signing_requests (
        use TEXT PRIMARY KEY,
        key_id TEXT NOT NULL,
        csr TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE ocsp_responses (
        key TEXT PRIMARY KEY,
        response TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        next_update TEXT
      );
    `,
  },
  {
    version: 12,
    description: 'the firmware update in progress and the last firmware status sent',
    up: `
      CREATE TABLE firmware_update (
        slot TEXT PRIMARY KEY CHECK (slot IN ('current', 'last-status')),
        value TEXT NOT NULL
      );
    `,
  },
];

/** The database was written by newer code than this: refused rather than used or downgraded. */
export class SchemaTooNewError extends OcppStationError {
  override readonly name = 'SchemaTooNewError';
  override readonly code = 'STORAGE_SCHEMA_TOO_NEW';
  constructor(
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `database schema version ${databaseVersion} is newer than the newest version this code knows (${supportedVersion}); ` +
        'refusing to open it: run a newer ocpp-station or use another database file',
    );
  }
}

/** A migration failed; its changes and its version row were rolled back. */
export class MigrationError extends OcppStationError {
  override readonly name = 'MigrationError';
  override readonly code = 'STORAGE_MIGRATION_FAILED';
  constructor(
    readonly version: number,
    readonly description: string,
    cause: unknown,
  ) {
    super(`migration ${version} (${description}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const CREATE_VERSION_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`;

/** The highest version recorded in the database, 0 if none (or no schema_migrations table yet). */
export function schemaVersion(database: Database): number {
  const table = database
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const version = database.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get();
  return typeof version === 'number' ? version : 0;
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration list is malformed: entry ${index} has version ${migration.version}, expected ${index + 1} (versions run 1, 2, 3, … in order)`,
      );
    }
  });
}

/**
 * Brings the database up to the newest version in `migrations` and returns that version. Throws
 * SchemaTooNewError (changing nothing) if the database is already past it, and MigrationError if a
 * migration fails; migrations applied before the failing one stay applied.
 */
export function runMigrations(database: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  checkList(migrations);
  const latest = migrations.length;
  const found = schemaVersion(database);
  if (found > latest) throw new SchemaTooNewError(found, latest);
  if (found === latest) return latest;

  database.exec(CREATE_VERSION_TABLE);
  const currentVersion = database.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck();
  const recordVersion = database.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');

  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before reading the version, so a second process opening the same
    // file at the same moment waits and then sees the migration as done instead of applying it twice.
    const apply = database.transaction(() => {
      const current = currentVersion.get() as number;
      if (current > latest) throw new SchemaTooNewError(current, latest);
      if (current >= migration.version) return;
      if (typeof migration.up === 'string') database.exec(migration.up);
      else migration.up(database);
      recordVersion.run(migration.version, new Date().toISOString());
    });
    try {
      apply.immediate();
    } catch (error) {
      if (error instanceof SchemaTooNewError) throw error;
      throw new MigrationError(migration.version, migration.description, error);
    }
  }
  return latest;
}
