// LocalAuthListStore in the station's SQLite database (tables local_auth_list and local_auth_list_version,
// migration 6). replaceAll and apply each run in one transaction: a failure part-way rolls everything back.
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';
import type { AuthStoreUsage } from '../auth-cache-store.js';
import type { LocalAuthListEntry, LocalAuthListStore } from '../local-auth-list-store.js';

interface ListRow {
  token_key: string;
  id_token: string;
  id_token_info: string;
}

interface UsageRow {
  entries: number;
  bytes: number;
}

function entryOf(row: ListRow): LocalAuthListEntry {
  return {
    tokenKey: row.token_key,
    idToken: JSON.parse(row.id_token) as IdTokenType,
    idTokenInfo: JSON.parse(row.id_token_info) as IdTokenInfoType,
  };
}

export class SqliteLocalAuthListStore implements LocalAuthListStore {
  private readonly selectVersion: Statement<[], number>;
  private readonly selectOne: Statement<[string], ListRow>;
  private readonly selectAll: Statement<[], ListRow>;
  private readonly selectUsage: Statement<[], UsageRow>;
  private readonly insert: Statement<[string, string, string]>;
  private readonly upsert: Statement<[string, string, string]>;
  private readonly deleteOne: Statement<[string]>;
  private readonly deleteAll: Statement<[]>;
  private readonly writeVersion: Statement<[number]>;
  private readonly replaceTransaction: Transaction<(entries: readonly LocalAuthListEntry[], version: number) => void>;
  private readonly applyTransaction: Transaction<
    (upserts: readonly LocalAuthListEntry[], removals: readonly string[], version: number) => void
  >;

  /** `database` must have been opened with openStationDatabase (so that the schema exists). */
  constructor(database: Database) {
    this.selectVersion = database.prepare<[], number>('SELECT version FROM local_auth_list_version WHERE id = 1').pluck();
    this.selectOne = database.prepare('SELECT token_key, id_token, id_token_info FROM local_auth_list WHERE token_key = ?');
    this.selectAll = database.prepare('SELECT token_key, id_token, id_token_info FROM local_auth_list ORDER BY token_key');
    // CAST AS BLOB: LENGTH counts bytes of the UTF-8 text instead of characters.
    this.selectUsage = database.prepare(
      `SELECT COUNT(*) AS entries,
              COALESCE(SUM(LENGTH(CAST(id_token AS BLOB)) + LENGTH(CAST(id_token_info AS BLOB))), 0) AS bytes
       FROM local_auth_list`,
    );
    this.insert = database.prepare('INSERT INTO local_auth_list (token_key, id_token, id_token_info) VALUES (?, ?, ?)');
    this.upsert = database.prepare(
      `INSERT INTO local_auth_list (token_key, id_token, id_token_info) VALUES (?, ?, ?)
       ON CONFLICT (token_key) DO UPDATE SET id_token = excluded.id_token, id_token_info = excluded.id_token_info`,
    );
    this.deleteOne = database.prepare('DELETE FROM local_auth_list WHERE token_key = ?');
    this.deleteAll = database.prepare('DELETE FROM local_auth_list');
    this.writeVersion = database.prepare(
      'INSERT INTO local_auth_list_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
    );
    this.replaceTransaction = database.transaction((entries: readonly LocalAuthListEntry[], version: number) => {
      this.deleteAll.run();
      for (const entry of entries) this.insert.run(entry.tokenKey, JSON.stringify(entry.idToken), JSON.stringify(entry.idTokenInfo));
      this.writeVersion.run(version);
    });
    this.applyTransaction = database.transaction(
      (upserts: readonly LocalAuthListEntry[], removals: readonly string[], version: number) => {
        for (const entry of upserts) this.upsert.run(entry.tokenKey, JSON.stringify(entry.idToken), JSON.stringify(entry.idTokenInfo));
        for (const key of removals) this.deleteOne.run(key);
        this.writeVersion.run(version);
      },
    );
  }

  version(): number {
    return this.selectVersion.get() ?? 0;
  }

  get(tokenKey: string): LocalAuthListEntry | undefined {
    const row = this.selectOne.get(tokenKey);
    return row ? entryOf(row) : undefined;
  }

  loadAll(): LocalAuthListEntry[] {
    return this.selectAll.all().map(entryOf);
  }

  usage(): AuthStoreUsage {
    return this.selectUsage.get() ?? { entries: 0, bytes: 0 };
  }

  replaceAll(entries: readonly LocalAuthListEntry[], version: number): void {
    this.replaceTransaction(entries, version);
  }

  apply(upserts: readonly LocalAuthListEntry[], removals: readonly string[], version: number): void {
    this.applyTransaction(upserts, removals, version);
  }
}
