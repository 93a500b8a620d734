// The storage port of the authorization cache (C10): what the CSMS last said about each idToken it was asked
// about or told the station of. Synchronous like the other ports: a change is stored when the call returns.
// Which entries expire, and which are dropped when the cache is full, is decided by the authorization block.
import type { IdTokenInfoType, IdTokenType } from '../messages/types.js';

export interface AuthCacheEntry {
  /** The idToken's lookup key (its type and case-folded value, see blocks/authorization/id-token.ts). */
  readonly tokenKey: string;
  readonly idToken: IdTokenType;
  readonly idTokenInfo: IdTokenInfoType;
  /** When idTokenInfo was last written (ISO 8601 from the station clock). */
  readonly cachedAt: string;
  /** When the entry was last written or used to authorize (ISO 8601 from the station clock). */
  readonly lastUsedAt: string;
}

/** How much a store holds. Bytes are counted as `authEntryBytes` counts them. */
export interface AuthStoreUsage {
  readonly entries: number;
  readonly bytes: number;
}

/**
 * The bytes one idToken entry counts for in AuthCacheCtrlr.Storage and LocalAuthListCtrlr.Storage: the UTF-8
 * length of the JSON of its idToken plus that of its idTokenInfo, as stored.
 */
export function authEntryBytes(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): number {
  return Buffer.byteLength(JSON.stringify(idToken), 'utf8') + Buffer.byteLength(JSON.stringify(idTokenInfo), 'utf8');
}

export interface AuthCacheStore {
  get(tokenKey: string): AuthCacheEntry | undefined;
  /** Inserts the entry, or replaces the one with the same tokenKey. */
  put(entry: AuthCacheEntry): void;
  /** Sets lastUsedAt of an entry. Unknown keys are ignored. */
  touch(tokenKey: string, lastUsedAt: string): void;
  /** Deletes these entries, all or none. Unknown keys are ignored. */
  remove(tokenKeys: readonly string[]): void;
  /** Deletes every entry. */
  clear(): void;
  /** Every entry, least recently used first (ties: oldest cachedAt first). */
  loadAll(): AuthCacheEntry[];
  usage(): AuthStoreUsage;
}
