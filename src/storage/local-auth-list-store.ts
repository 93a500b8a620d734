// The storage port of the local authorization list (D01): the idTokens the CSMS installed with SendLocalList
// and the version number it gave the list. Updates are all-or-nothing (D01: "the list stays as it was" when
// an update fails), so a crash half-way through one never leaves a mixed list behind.
import type { IdTokenInfoType, IdTokenType } from '../messages/types.js';
import type { AuthStoreUsage } from './auth-cache-store.js';

export interface LocalAuthListEntry {
  /** The idToken's lookup key (its type and case-folded value, see blocks/authorization/id-token.ts). */
  readonly tokenKey: string;
  readonly idToken: IdTokenType;
  readonly idTokenInfo: IdTokenInfoType;
}

export interface LocalAuthListStore {
  /** The version of the installed list; 0 when the CSMS never sent one. */
  version(): number;
  get(tokenKey: string): LocalAuthListEntry | undefined;
  /** Every entry, by tokenKey. */
  loadAll(): LocalAuthListEntry[];
  usage(): AuthStoreUsage;
  /** Replaces the whole list and sets its version, in one step. Keys must be unique. */
  replaceAll(entries: readonly LocalAuthListEntry[], version: number): void;
  /** Inserts or replaces `upserts`, deletes `removals` (unknown keys ignored) and sets the version, in one step. */
  apply(upserts: readonly LocalAuthListEntry[], removals: readonly string[], version: number): void;
}
