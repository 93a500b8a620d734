// AuthCacheStore in memory, for tests and stations that keep nothing across restarts. Entries are kept as JSON
// text so callers never share objects with the store.
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';
import type { AuthCacheEntry, AuthCacheStore, AuthStoreUsage } from '../auth-cache-store.js';

interface Row {
  idToken: string;
  idTokenInfo: string;
  cachedAt: string;
  lastUsedAt: string;
}

function entryOf(tokenKey: string, row: Row): AuthCacheEntry {
  return {
    tokenKey,
    idToken: JSON.parse(row.idToken) as IdTokenType,
    idTokenInfo: JSON.parse(row.idTokenInfo) as IdTokenInfoType,
    cachedAt: row.cachedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export class MemoryAuthCacheStore implements AuthCacheStore {
  private readonly rows = new Map<string, Row>();

  get(tokenKey: string): AuthCacheEntry | undefined {
    const row = this.rows.get(tokenKey);
    return row ? entryOf(tokenKey, row) : undefined;
  }

  put(entry: AuthCacheEntry): void {
    this.rows.set(entry.tokenKey, {
      idToken: JSON.stringify(entry.idToken),
      idTokenInfo: JSON.stringify(entry.idTokenInfo),
      cachedAt: entry.cachedAt,
      lastUsedAt: entry.lastUsedAt,
    });
  }

  touch(tokenKey: string, lastUsedAt: string): void {
    const row = this.rows.get(tokenKey);
    if (row) row.lastUsedAt = lastUsedAt;
  }

  remove(tokenKeys: readonly string[]): void {
    for (const key of tokenKeys) this.rows.delete(key);
  }

  clear(): void {
    this.rows.clear();
  }

  loadAll(): AuthCacheEntry[] {
    return [...this.rows]
      .map(([key, row]) => entryOf(key, row))
      .sort((a, b) => compare(a.lastUsedAt, b.lastUsedAt) || compare(a.cachedAt, b.cachedAt) || compare(a.tokenKey, b.tokenKey));
  }

  usage(): AuthStoreUsage {
    let bytes = 0;
    for (const row of this.rows.values()) bytes += Buffer.byteLength(row.idToken, 'utf8') + Buffer.byteLength(row.idTokenInfo, 'utf8');
    return { entries: this.rows.size, bytes };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
