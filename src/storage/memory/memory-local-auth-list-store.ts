// LocalAuthListStore in memory, for tests and stations that keep nothing across restarts. An update is
// prepared completely before anything is changed, so it lands whole or not at all.
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';
import type { AuthStoreUsage } from '../auth-cache-store.js';
import type { LocalAuthListEntry, LocalAuthListStore } from '../local-auth-list-store.js';

interface Row {
  idToken: string;
  idTokenInfo: string;
}

function rowOf(entry: LocalAuthListEntry): Row {
  return { idToken: JSON.stringify(entry.idToken), idTokenInfo: JSON.stringify(entry.idTokenInfo) };
}

function entryOf(tokenKey: string, row: Row): LocalAuthListEntry {
  return {
    tokenKey,
    idToken: JSON.parse(row.idToken) as IdTokenType,
    idTokenInfo: JSON.parse(row.idTokenInfo) as IdTokenInfoType,
  };
}

export class MemoryLocalAuthListStore implements LocalAuthListStore {
  private rows = new Map<string, Row>();
  private listVersion = 0;

  version(): number {
    return this.listVersion;
  }

  get(tokenKey: string): LocalAuthListEntry | undefined {
    const row = this.rows.get(tokenKey);
    return row ? entryOf(tokenKey, row) : undefined;
  }

  loadAll(): LocalAuthListEntry[] {
    return [...this.rows.keys()].sort().map((key) => entryOf(key, this.rows.get(key)!));
  }

  usage(): AuthStoreUsage {
    let bytes = 0;
    for (const row of this.rows.values()) bytes += Buffer.byteLength(row.idToken, 'utf8') + Buffer.byteLength(row.idTokenInfo, 'utf8');
    return { entries: this.rows.size, bytes };
  }

  replaceAll(entries: readonly LocalAuthListEntry[], version: number): void {
    const next = new Map<string, Row>();
    for (const entry of entries) {
      if (next.has(entry.tokenKey)) throw new Error(`duplicate token key in a local list replacement: ${entry.tokenKey.split(':')[0]}`);
      next.set(entry.tokenKey, rowOf(entry));
    }
    this.rows = next;
    this.listVersion = version;
  }

  apply(upserts: readonly LocalAuthListEntry[], removals: readonly string[], version: number): void {
    const next = new Map(this.rows);
    for (const entry of upserts) next.set(entry.tokenKey, rowOf(entry));
    for (const key of removals) next.delete(key);
    this.rows = next;
    this.listVersion = version;
  }
}
