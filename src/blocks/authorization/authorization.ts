// Functional blocks C (Authorization) and D (Local Authorization List Management): decides whether a presented
// idToken is authorized — the seed's validate_token — and answers ClearCache, SendLocalList and
// GetLocalListVersion.
//
// The decision order of validateToken:
//  1. Central and NoAuthorization tokens, and every token while AuthCtrlr.Enabled is false, are Accepted without
//     asking anyone (C02, C03.FR.01, C05.FR.01; AuthCtrlr.Enabled).
//  2. The local list, when enabled, comes before the cache (C13.FR.01, C14.FR.01). A listed token whose status
//     is Accepted — and, with LocalAuthListCtrlr.SupportsExpiryDateTime true, whose cacheExpiryDateTime has not
//     passed — is accepted without an Authorize, online or offline (C13.FR.02-06, C14.FR.02/04). A listed token
//     that is not Accepted is asked about when online (C14.FR.03) unless LocalAuthListCtrlr.DisablePostAuthorize;
//     one whose expiry has passed is asked about when online (C14.FR.05). Otherwise the list's answer stands
//     (an expired entry answers Expired): a listed token is never "unknown" (C13.FR.06 note).
//  3. The authorization cache, when enabled. Online: an Accepted entry is used when AuthCtrlr.LocalPreAuthorize
//     is true (C12); otherwise the CSMS is asked. An entry that is not Accepted is asked about (C10.FR.03,
//     C12.FR.05) unless AuthCacheCtrlr.DisablePostAuthorize, in which case its status stands. Offline: an
//     Accepted entry is used when AuthCtrlr.LocalAuthorizeOffline is true; an entry that is not Accepted is
//     refused with its status (it is known, not unknown).
//  4. Online: an Authorize request, unless AuthCtrlr.DisableRemoteAuthorization (then local sources decide and
//     an unlisted, uncached token is Unknown). Its answer is returned as it is and updates the cache (C10.FR.04).
//  5. Offline, or the Authorize got no answer (timeout, CALLERROR, connection lost): the local rules above, and
//     for a token neither listed nor cached AuthCtrlr.OfflineTxForUnknownIdEnabled decides Accepted or Unknown
//     (C13.FR.04, C15.FR.08). Such an acceptance is not cached (C15.FR.01).
//
// LocalPreAuthorize and LocalAuthorizeOffline govern the cache only: C14.FR.02 and C13.FR.02-06 make the local
// list authorize by themselves, and Part 2 §C 1 describes both variables in terms of the cache.
//
// Group tokens are returned as the CSMS or the list gives them. A master pass token (groupIdToken equal to
// AuthCtrlr.MasterPassGroupId) is returned with its status too: it may stop transactions but start none
// (C12.FR.09, C16.FR.03), which `mayStartTransaction` tells.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { AuthCacheCtrlr, AuthCtrlr, LocalAuthListCtrlr } from '../../device-model/standardized/index.js';
import type {
  AuthorizationStatusEnumType,
  IdTokenInfoType,
  IdTokenType,
  OCSPRequestDataType,
  Request,
  Response,
} from '../../messages/types.js';
import { OutgoingPayloadError } from '../../rpc/errors.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { AuthCacheStore } from '../../storage/auth-cache-store.js';
import type { LocalAuthListStore } from '../../storage/local-auth-list-store.js';
import { AuthorizationCache } from './auth-cache.js';
import { allowedAtEvse, isMasterPass } from './id-token.js';
import { LocalAuthorizationList } from './local-auth-list.js';
import { readVariable } from '../shared/model-reads.js';

export { allowedAtEvse, isMasterPass, sameGroup, sameIdToken, tokenKey } from './id-token.js';
export { AUTH_CACHE_MAX_ENTRIES } from './auth-cache.js';

export type AuthorizeResponse = Response<'Authorize'>;

export interface AuthorizationOptions {
  model: DeviceModel;
  /** The link's send: Authorize requests go through it. */
  send: Send;
  /** Whether an Authorize can be sent now (connected and registration Accepted). */
  isOnline: () => boolean;
  clock: Clock;
  logger: Logger;
  cache: AuthCacheStore;
  localList: LocalAuthListStore;
  /** Hard cap on authorization cache entries; default AUTH_CACHE_MAX_ENTRIES. */
  maxCacheEntries?: number;
}

/** What the local sources (list, cache) make of a token: a final answer, or "ask the CSMS if you can". */
type LocalVerdict = { readonly answer: AuthorizeResponse } | { readonly ask: true };

function withStatus(status: AuthorizationStatusEnumType): AuthorizeResponse {
  return { idTokenInfo: { status } };
}

export class Authorization {
  /** The authorization cache (C10-C12). */
  readonly cache: AuthorizationCache;
  /** The local authorization list (D01, D02; used by C13, C14). */
  readonly localList: LocalAuthorizationList;
  private readonly logger: Logger;

  constructor(private readonly options: AuthorizationOptions) {
    this.logger = options.logger;
    this.cache = new AuthorizationCache({
      model: options.model,
      store: options.cache,
      clock: options.clock,
      logger: this.logger,
      ...(options.maxCacheEntries !== undefined ? { maxEntries: options.maxCacheEntries } : {}),
    });
    this.localList = new LocalAuthorizationList({ model: options.model, store: options.localList, logger: this.logger });
  }

  /**
   * Whether `idToken` is authorized, in the decision order described at the top of this file. A CSMS that does
   * not answer leads to the offline rules, and a cache that cannot be written is only logged; it rejects only
   * if a store cannot be read. `certificate` and `ocspRequestData` (ISO 15118
   * contract certificates, C07) are passed on in the Authorize request.
   */
  async validateToken(
    idToken: IdTokenType,
    certificate?: string,
    ocspRequestData?: OCSPRequestDataType[],
  ): Promise<AuthorizeResponse> {
    const { model } = this.options;
    // C02 (start button), C03.FR.01 / C05.FR.01 (CSMS-generated tokens): nothing to ask.
    if (idToken.type === 'NoAuthorization' || idToken.type === 'Central') return withStatus('Accepted');
    if (readVariable(model, AuthCtrlr.Enabled) === false) return withStatus('Accepted');

    if (!this.options.isOnline()) return this.decideOffline(idToken, 'offline');

    const remoteDisabled = readVariable(model, AuthCtrlr.DisableRemoteAuthorization) === true;
    const local = this.decideOnline(idToken, remoteDisabled);
    if ('answer' in local) return local.answer;
    if (remoteDisabled) return withStatus('Unknown');

    const answer = await this.authorize(idToken, certificate, ocspRequestData);
    if (answer === 'invalid') return withStatus('Invalid');
    if (answer === undefined) return this.decideOffline(idToken, 'no answer');
    this.remember(idToken, answer.idTokenInfo); // C10.FR.04
    return answer;
  }

  /**
   * C10.FR.05 / C12.FR.06: the CSMS said something about an idToken outside an Authorize (the idTokenInfo of a
   * TransactionEventResponse): the cache follows it. Central and NoAuthorization tokens are left out
   * (C02.FR.03, C03.FR.02).
   */
  tokenInfoFromCsms(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
    this.remember(idToken, idTokenInfo);
  }

  /** C12.FR.09 / C16.FR.03: the info puts the token in the master pass group (AuthCtrlr.MasterPassGroupId). */
  isMasterPass(idTokenInfo: IdTokenInfoType | undefined): boolean {
    return isMasterPass(idTokenInfo, readVariable(this.options.model, AuthCtrlr.MasterPassGroupId));
  }

  /**
   * Whether an authorization result lets a transaction start (on `evseId`, when given): Accepted, not a master
   * pass (C12.FR.09, C16.FR.03), and on an EVSE the info allows (C01.FR.21).
   */
  mayStartTransaction(idTokenInfo: IdTokenInfoType, evseId?: number): boolean {
    if (idTokenInfo.status !== 'Accepted' || this.isMasterPass(idTokenInfo)) return false;
    return evseId === undefined || allowedAtEvse(idTokenInfo, evseId);
  }

  /** ClearCache (C11), SendLocalList (D01), GetLocalListVersion (D02). */
  handlers(): HandlerTable {
    return {
      ClearCache: () => this.clearCache(),
      ...this.localList.handlers(),
    };
  }

  /** C11: Accepted once the cache is empty; Rejected when the cache is disabled (C11.FR.04) or clearing failed (C11.FR.05). */
  clearCache(): Response<'ClearCache'> {
    if (!this.cache.enabled) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'NotEnabled', additionalInfo: 'the authorization cache is not enabled (AuthCacheCtrlr.Enabled)' } };
    }
    try {
      this.cache.clear();
    } catch (error) {
      this.logger.error({ err: error }, 'the authorization cache could not be cleared');
      return { status: 'Rejected', statusInfo: { reasonCode: 'InternalError', additionalInfo: 'the authorization cache could not be cleared' } };
    }
    return { status: 'Accepted' };
  }

  /** Updates the cache; a cache that cannot be written is logged, never allowed to undo the CSMS's answer. */
  private remember(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
    try {
      this.cache.update(idToken, idTokenInfo);
    } catch (error) {
      this.logger.error({ type: idToken.type, error: error instanceof Error ? error.message : String(error) }, 'the authorization cache could not be updated');
    }
  }

  /** Steps 2 and 3 while online. */
  private decideOnline(idToken: IdTokenType, remoteDisabled: boolean): LocalVerdict {
    const { model } = this.options;
    const listed = this.listVerdict(idToken);
    if (listed) {
      if (listed.usable) return { answer: { idTokenInfo: listed.idTokenInfo } }; // C14.FR.02/04
      const postAuthorizeDisabled = readVariable(model, LocalAuthListCtrlr.DisablePostAuthorize) === true;
      // C14.FR.05 (expiry passed) always asks; C14.FR.03 (not Accepted) unless DisablePostAuthorize.
      if (!remoteDisabled && (listed.expired || !postAuthorizeDisabled)) return { ask: true };
      return { answer: { idTokenInfo: listed.idTokenInfo } };
    }
    if (!this.cache.enabled) return { ask: true };
    const cached = this.cache.lookup(idToken);
    if (!cached) return { ask: true };
    if (cached.idTokenInfo.status === 'Accepted') {
      // C12: LocalPreAuthorize starts at once on a cached Accepted; with remote authorization disabled the cache decides.
      if (readVariable(model, AuthCtrlr.LocalPreAuthorize) === true || remoteDisabled) {
        this.cache.markUsed(cached);
        return { answer: { idTokenInfo: cached.idTokenInfo } };
      }
      return { ask: true };
    }
    // C10.FR.03 / C12.FR.05, unless AuthCacheCtrlr.DisablePostAuthorize (or no Authorize may be sent at all).
    if (readVariable(model, AuthCacheCtrlr.DisablePostAuthorize) === true || remoteDisabled) {
      return { answer: { idTokenInfo: cached.idTokenInfo } };
    }
    return { ask: true };
  }

  /** Step 5: no CSMS to ask (offline, or it did not answer). */
  private decideOffline(idToken: IdTokenType, why: 'offline' | 'no answer'): AuthorizeResponse {
    const { model } = this.options;
    const listed = this.listVerdict(idToken);
    if (listed) return { idTokenInfo: listed.idTokenInfo }; // C13.FR.02-06
    if (this.cache.enabled) {
      const cached = this.cache.lookup(idToken);
      if (cached && cached.idTokenInfo.status !== 'Accepted') return { idTokenInfo: cached.idTokenInfo };
      if (cached && readVariable(model, AuthCtrlr.LocalAuthorizeOffline) === true) {
        this.cache.markUsed(cached);
        return { idTokenInfo: cached.idTokenInfo };
      }
    }
    // C13.FR.04, C15.FR.08: an unknown token; accepted only with OfflineTxForUnknownIdEnabled (and not cached, C15.FR.01).
    const unknownAccepted = readVariable(model, AuthCtrlr.OfflineTxForUnknownIdEnabled) === true;
    this.logger.info({ type: idToken.type, why, accepted: unknownAccepted }, 'idToken decided without the CSMS as unknown');
    return withStatus(unknownAccepted ? 'Accepted' : 'Unknown');
  }

  /**
   * The list's view of a token, when the list is enabled and holds it. `usable`: Accepted and not past its
   * cacheExpiryDateTime (checked only with SupportsExpiryDateTime true). An entry past its expiry answers Expired.
   */
  private listVerdict(idToken: IdTokenType): { usable: boolean; expired: boolean; idTokenInfo: IdTokenInfoType } | undefined {
    if (!this.localList.enabled) return undefined;
    const entry = this.localList.lookup(idToken);
    if (!entry) return undefined;
    const info = entry.idTokenInfo;
    const expiry = info.cacheExpiryDateTime === undefined ? NaN : Date.parse(info.cacheExpiryDateTime);
    const expired =
      readVariable(this.options.model, LocalAuthListCtrlr.SupportsExpiryDateTime) === true &&
      !Number.isNaN(expiry) &&
      this.options.clock.now().getTime() > expiry;
    if (expired) return { usable: false, expired: true, idTokenInfo: { ...info, status: info.status === 'Accepted' ? 'Expired' : info.status } };
    return { usable: info.status === 'Accepted', expired: false, idTokenInfo: info };
  }

  /**
   * Sends Authorize. Undefined when no answer came (offline, timeout, CALLERROR, connection lost); 'invalid'
   * when the idToken cannot be put on the wire at all (e.g. longer than the 36 characters IdTokenType allows).
   */
  private async authorize(
    idToken: IdTokenType,
    certificate: string | undefined,
    ocspRequestData: OCSPRequestDataType[] | undefined,
  ): Promise<AuthorizeResponse | 'invalid' | undefined> {
    const request: Request<'Authorize'> = {
      idToken,
      ...(certificate !== undefined ? { certificate } : {}),
      ...(ocspRequestData !== undefined && ocspRequestData.length > 0 ? { iso15118CertificateHashData: ocspRequestData } : {}),
    };
    try {
      return await this.options.send('Authorize', request);
    } catch (error) {
      if (error instanceof OutgoingPayloadError) {
        this.logger.warn({ type: idToken.type }, 'Authorize could not be sent: the idToken does not fit the message schema');
        return 'invalid';
      }
      // Only the error's name: a CSMS's error text could quote the idToken, and KeyCode values must never be logged (C04.FR.04).
      this.logger.info({ type: idToken.type, error: error instanceof Error ? error.name : typeof error }, 'Authorize got no answer');
      return undefined;
    }
  }
}
