// AuthCacheStore in the station's SQLite database (table auth_cache, migration 5). Every method is one
// statement or one transaction, committed when it returns.
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';
import type { AuthCacheEntry, AuthCacheStore, AuthStoreUsage } from '../auth-cache-store.js';

interface CacheRow {
  token_key: string;
  id_token: string;
  id_token_info: string;
  cached_at: string;
  last_used_at: string;
}

interface UsageRow {
  entries: number;
  bytes: number;
}

function entryOf(row: CacheRow): AuthCacheEntry {
  return {
    tokenKey: row.token_key,
    idToken: JSON.parse(row.id_token) as IdTokenType,
    idTokenInfo: JSON.parse(row.id_token_info) as IdTokenInfoType,
    cachedAt: row.cached_at,
    lastUsedAt: row.last_used_at,
  };
}

const COLUMNS = 'token_key, id_token, id_token_info, cached_at, last_used_at';

export class SqliteAuthCacheStore implements AuthCacheStore {
  private readonly selectOne: Statement<[string], CacheRow>;
  private readonly selectAll: Statement<[], CacheRow>;
  private readonly upsert: Statement<[string, string, string, string, string]>;
  private readonly updateLastUsed: Statement<[string, string]>;
  private readonly deleteOne: Statement<[string]>;
  private readonly deleteAll: Statement<[]>;
  private readonly selectUsage: Statement<[], UsageRow>;
  private readonly removeMany: Transaction<(tokenKeys: readonly string[]) => void>;

  /** `database` must have been opened with openStationDatabase (so that the schema exists). */
  constructor(database: Database) {
    this.selectOne = database.prepare(`SELECT ${COLUMNS} FROM auth_cache WHERE token_key = ?`);
    this.selectAll = database.prepare(`SELECT ${COLUMNS} FROM auth_cache ORDER BY last_used_at, cached_at, token_key`);
    this.upsert = database.prepare(
      `INSERT INTO auth_cache (${COLUMNS}) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (token_key) DO UPDATE SET id_token = excluded.id_token, id_token_info = excluded.id_token_info,
         cached_at = excluded.cached_at, last_used_at = excluded.last_used_at`,
    );
    this.updateLastUsed = database.prepare('UPDATE auth_cache SET last_used_at = ? WHERE token_key = ?');
    this.deleteOne = database.prepare('DELETE FROM auth_cache WHERE token_key = ?');
    this.deleteAll = database.prepare('DELETE FROM auth_cache');
    // CAST AS BLOB: LENGTH counts bytes of the UTF-8 text instead of characters.
    this.selectUsage = database.prepare(
      `SELECT COUNT(*) AS entries,
              COALESCE(SUM(LENGTH(CAST(id_token AS BLOB)) + LENGTH(CAST(id_token_info AS BLOB))), 0) AS bytes
       FROM auth_cache`,
    );
    this.removeMany = database.transaction((tokenKeys: readonly string[]) => {
      for (const key of tokenKeys) this.deleteOne.run(key);
    });
  }

  get(tokenKey: string): AuthCacheEntry | undefined {
    const row = this.selectOne.get(tokenKey);
    return row ? entryOf(row) : undefined;
  }

  put(entry: AuthCacheEntry): void {
    this.upsert.run(entry.tokenKey, JSON.stringify(entry.idToken), JSON.stringify(entry.idTokenInfo), entry.cachedAt, entry.lastUsedAt);
  }

  touch(tokenKey: string, lastUsedAt: string): void {
    this.updateLastUsed.run(lastUsedAt, tokenKey);
  }

  remove(tokenKeys: readonly string[]): void {
    if (tokenKeys.length > 0) this.removeMany(tokenKeys);
  }

  clear(): void {
    this.deleteAll.run();
  }

  loadAll(): AuthCacheEntry[] {
    return this.selectAll.all().map(entryOf);
  }

  usage(): AuthStoreUsage {
    return this.selectUsage.get() ?? { entries: 0, bytes: 0 };
  }
}
