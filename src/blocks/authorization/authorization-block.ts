// Blocks C (Authorization) and D (Local Authorization List): the station's one decision whether a token is
// authorized (validateToken, in the order authorization.ts describes), the cache and the list, ClearCache,
// SendLocalList and GetLocalListVersion, and the cache following the idTokenInfo the CSMS sends with
// TransactionEventResponses (C10.FR.05).
import type { IdTokenInfoType, IdTokenType, OCSPRequestDataType, Request, Response } from '../../messages/types.js';
import type { AuthCacheStore } from '../../storage/auth-cache-store.js';
import type { LocalAuthListStore } from '../../storage/local-auth-list-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { isOnline } from '../shared/link-port.js';
import { Authorization, type AuthorizeResponse } from './authorization.js';
import { contractStep, type ContractAuthorizationOptions } from './contract-authorization.js';

/** The authorization decision, for the blocks that start transactions. */
export interface TokenPort {
  validateToken(idToken: IdTokenType, certificate?: string, ocspRequestData?: OCSPRequestDataType[]): Promise<AuthorizeResponse>;
  /** Whether an authorization result lets a transaction start (on `evseId`, when given): C12.FR.09, C01.FR.21. */
  mayStartTransaction(idTokenInfo: IdTokenInfoType, evseId?: number): boolean;
}

/** A token was validated: what the station decided, from whichever source decided it. */
export interface TokenValidated {
  readonly idToken: IdTokenType;
  readonly idTokenInfo: IdTokenInfoType;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    tokens: TokenPort;
  }
}

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** A token was validated (presented by a driver, for a remote start, or through validateToken). */
    tokenValidated: TokenValidated;
  }
}

export interface AuthorizationApi {
  /** The seed's validate_token: local list, cache, CSMS and offline rules, in the specification's order. */
  validateToken(idToken: IdTokenType, certificate?: string, ocspRequestData?: OCSPRequestDataType[]): Promise<Response<'Authorize'>>;
}

export interface AuthorizationContext extends BlockContext {
  readonly stores: { readonly authCache: AuthCacheStore; readonly localAuthList: LocalAuthListStore };
}

export const authorizationBlock: BlockDefinition<AuthorizationContext, AuthorizationApi> = {
  name: 'authorization',
  controllers: ['AuthCtrlr', 'AuthCacheCtrlr', 'LocalAuthListCtrlr'],
  create(context) {
    const { link, events } = context;
    const authorization = new Authorization({
      model: context.model,
      send: context.send,
      isOnline: () => isOnline(link),
      clock: context.clock,
      logger: context.logger,
      cache: context.stores.authCache,
      localList: context.stores.localAuthList,
    });
    const contract: ContractAuthorizationOptions = {
      model: context.model,
      isOnline: () => isOnline(link),
      contracts: () => context.ports.find('contractCertificates'),
      logger: context.logger,
    };
    const validateToken: TokenPort['validateToken'] = async (idToken, certificate, ocspRequestData) => {
      // C07: a contract certificate gets its OCSP request data here, and the offline rules of contracts.
      const step = await contractStep(contract, certificate, ocspRequestData);
      const response = 'answer' in step ? step.answer : await authorization.validateToken(idToken, certificate, step.ocspRequestData);
      events.emit('tokenValidated', { idToken, idTokenInfo: response.idTokenInfo });
      return response;
    };
    const unsubscribe = link.onTransactionalOutcome((outcome) => {
      if (outcome.kind !== 'delivered' || outcome.action !== 'TransactionEvent') return;
      const request = outcome.payload as Request<'TransactionEvent'>;
      const response = outcome.response as Response<'TransactionEvent'>;
      // C10.FR.05 / C12.FR.06: the cache follows what the CSMS says of a token outside an Authorize.
      if (request.idToken && response.idTokenInfo) authorization.tokenInfoFromCsms(request.idToken, response.idTokenInfo);
    });
    return {
      handlers: authorization.handlers(),
      ports: {
        tokens: { validateToken, mayStartTransaction: (info, evseId) => authorization.mayStartTransaction(info, evseId) },
      },
      api: { validateToken },
      stop: unsubscribe,
    };
  },
};
