// C10 / C11 / C12: the authorization cache. It remembers the latest IdTokenInfo the CSMS gave for each idToken
// (Authorize and TransactionEvent responses), forgets entries once they expire, makes room when full, and is
// cleared by ClearCache. Whether an entry may be used to authorize is the Authorization block's decision.
//
// Expiry (C10.FR.08/10/13 as amended by the 2025 errata): an entry with a cacheExpiryDateTime expires when that
// moment has passed; one without expires AuthCacheCtrlr.LifeTime seconds after its idTokenInfo was last
// written. Expired entries are removed when met. An idTokenInfo whose cacheExpiryDateTime is already past is not
// stored, and removes the entry it would have replaced.
//
// Room (C10.FR.07): at most `maxEntries` entries, and at most AuthCacheCtrlr.Storage's maxLimit bytes when the
// model declares one. When an update overfills the cache, expired entries go first, then entries in the order
// AuthCacheCtrlr.Policy names: LRU least recently used, FIFO least recently written, CUSTOM entries that are not
// Accepted before Accepted ones (the C10.FR.07 suggestion), each least recently used first. LFU needs use counts
// the auth_cache table does not keep, so it falls back to LRU. An entry larger than Storage's maxLimit on its own
// is not stored.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { AUTH_CACHE_POLICIES, AuthCacheCtrlr, type AuthCachePolicy } from '../../device-model/standardized/index.js';
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';
import { authEntryBytes, type AuthCacheEntry, type AuthCacheStore } from '../../storage/auth-cache-store.js';
import { tokenKey } from './id-token.js';
import { maxLimitOf, readVariable, setCounter } from '../shared/model-reads.js';

/** Default hard cap on the number of cache entries. */
export const AUTH_CACHE_MAX_ENTRIES = 1000;

export interface AuthorizationCacheOptions {
  model: DeviceModel;
  store: AuthCacheStore;
  clock: Clock;
  logger: Logger;
  /** Most entries kept; default AUTH_CACHE_MAX_ENTRIES. */
  maxEntries?: number;
}

/** Types whose IdTokenInfo is never cached (C02.FR.03, C03.FR.02, C05.FR.02). */
const NEVER_CACHED: ReadonlySet<IdTokenType['type']> = new Set<IdTokenType['type']>(['Central', 'NoAuthorization']);

export class AuthorizationCache {
  private readonly maxEntries: number;

  constructor(private readonly options: AuthorizationCacheOptions) {
    const maxEntries = options.maxEntries ?? AUTH_CACHE_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.maxEntries = maxEntries;
    this.refreshStorageVariable();
  }

  /** C10.FR.11: AuthCacheCtrlr.Enabled is true (and Available is not false). */
  get enabled(): boolean {
    const { model } = this.options;
    return readVariable(model, AuthCacheCtrlr.Enabled) === true && readVariable(model, AuthCacheCtrlr.Available) !== false;
  }

  /** The unexpired entry of this idToken; an expired one is removed (C10.FR.10/13) and not returned. */
  lookup(idToken: IdTokenType): AuthCacheEntry | undefined {
    const entry = this.options.store.get(tokenKey(idToken));
    if (!entry) return undefined;
    if (this.isExpired(entry, this.options.clock.now().getTime())) {
      this.removeEntries([entry.tokenKey]);
      return undefined;
    }
    return entry;
  }

  /** Records that an entry was used to authorize (for LRU). */
  markUsed(entry: AuthCacheEntry): void {
    this.options.store.touch(entry.tokenKey, this.options.clock.now().toISOString());
  }

  /**
   * C10.FR.01/04/05, C12.FR.06: stores what the CSMS said about an idToken, replacing the entry it had. Nothing
   * is stored while the cache is disabled, for Central and NoAuthorization tokens, or for an info whose
   * cacheExpiryDateTime has passed (that one removes the entry instead). personalMessage is left out: it may
   * carry tariff information, which the cache must not keep (C10.FR.09).
   */
  update(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
    if (!this.enabled || NEVER_CACHED.has(idToken.type)) return;
    const key = tokenKey(idToken);
    const now = this.options.clock.now();
    const expiry = parseTime(idTokenInfo.cacheExpiryDateTime);
    if (expiry !== undefined && now.getTime() > expiry) {
      if (this.options.store.get(key)) this.removeEntries([key]);
      return;
    }
    const { personalMessage: _dropped, ...kept } = idTokenInfo;
    const maxBytes = maxLimitOf(this.options.model, AuthCacheCtrlr.Storage);
    if (maxBytes !== undefined && authEntryBytes(idToken, kept) > maxBytes) {
      // Larger than the whole cache may be: not kept, and the outdated entry goes.
      if (this.options.store.get(key)) this.removeEntries([key]);
      return;
    }
    const stamp = now.toISOString();
    this.options.store.put({ tokenKey: key, idToken, idTokenInfo: kept, cachedAt: stamp, lastUsedAt: stamp });
    this.makeRoom(key);
    this.refreshStorageVariable();
  }

  /** C11: removes every entry. */
  clear(): void {
    this.options.store.clear();
    this.refreshStorageVariable();
  }

  /** The current usage: entries and bytes. */
  usage(): { entries: number; bytes: number } {
    return this.options.store.usage();
  }

  private isExpired(entry: AuthCacheEntry, nowMs: number): boolean {
    const expiry = parseTime(entry.idTokenInfo.cacheExpiryDateTime);
    if (expiry !== undefined) return nowMs > expiry; // C10.FR.13
    const lifeTime = readVariable(this.options.model, AuthCacheCtrlr.LifeTime);
    if (lifeTime === undefined) return false;
    const written = parseTime(entry.cachedAt);
    return written !== undefined && nowMs - written > lifeTime * 1000; // C10.FR.10
  }

  /** C10.FR.07: drops entries other than `keep` (which fits on its own) until the cache is within its limits. */
  private makeRoom(keep: string): void {
    const { store, model } = this.options;
    const maxBytes = maxLimitOf(model, AuthCacheCtrlr.Storage);
    const fits = (usage: { entries: number; bytes: number }) =>
      usage.entries <= this.maxEntries && (maxBytes === undefined || usage.bytes <= maxBytes);
    let usage = store.usage();
    if (fits(usage)) return;

    const nowMs = this.options.clock.now().getTime();
    const others = store.loadAll().filter((entry) => entry.tokenKey !== keep);
    const expired = others.filter((entry) => this.isExpired(entry, nowMs));
    const live = others.filter((entry) => !this.isExpired(entry, nowMs));
    const victims = [...expired, ...orderForEviction(live, policyOf(readVariable(model, AuthCacheCtrlr.Policy)))];

    const removed: string[] = [];
    let { entries, bytes } = usage;
    for (const victim of victims) {
      if (fits({ entries, bytes })) break;
      removed.push(victim.tokenKey);
      entries -= 1;
      bytes -= authEntryBytes(victim.idToken, victim.idTokenInfo);
    }
    this.removeEntries(removed);
    usage = store.usage();
    this.options.logger.debug({ evicted: removed.length, entries: usage.entries, bytes: usage.bytes }, 'authorization cache trimmed');
  }

  private removeEntries(keys: readonly string[]): void {
    if (keys.length === 0) return;
    this.options.store.remove(keys);
    this.refreshStorageVariable();
  }

  /** AuthCacheCtrlr.Storage reports the bytes in use, when the model declares it. */
  private refreshStorageVariable(): void {
    const { model, logger } = this.options;
    if (!model.has(AuthCacheCtrlr.Storage)) return;
    setCounter(model, AuthCacheCtrlr.Storage, this.options.store.usage().bytes, (reason) =>
      logger.warn({ reason }, 'AuthCacheCtrlr.Storage not updated'),
    );
  }
}

/** Live entries in the order they are given up under `policy` (the store gives them least recently used first). */
function orderForEviction(entries: readonly AuthCacheEntry[], policy: AuthCachePolicy): AuthCacheEntry[] {
  switch (policy) {
    case 'FIFO':
      return [...entries].sort((a, b) => compareText(a.cachedAt, b.cachedAt) || compareText(a.lastUsedAt, b.lastUsedAt));
    case 'CUSTOM':
      return [
        ...entries.filter((entry) => entry.idTokenInfo.status !== 'Accepted'),
        ...entries.filter((entry) => entry.idTokenInfo.status === 'Accepted'),
      ];
    case 'LRU':
    case 'LFU':
    default:
      return [...entries];
  }
}

function policyOf(value: string | undefined): AuthCachePolicy {
  return (AUTH_CACHE_POLICIES as readonly string[]).includes(value ?? '') ? (value as AuthCachePolicy) : 'LRU';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

