// F01/F02 RequestStartTransaction and F03/F04 RequestStopTransaction once registered: which EVSE, whether it may
// start there, and the authorization that follows the response — checked with the station's own authorization
// first when AuthorizeRemoteStart is true (F01.FR.01), given directly otherwise (F01.FR.02). The transaction
// itself is the transactions block's.
import type { Logger } from '../../logger.js';
import type { ChargingProfileType, Request, Response, StatusInfoType } from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { AuthCtrlr } from '../../device-model/standardized/index.js';
import type { EvseAuthorization } from '../transactions/evse-session.js';
import type { TransactionAvailability, TokenValidator } from '../transactions/transaction-ports.js';
import type { TransactionsPort } from '../transactions/transactions-port.js';
import type { RemoteTransactionControl } from './remote-start-stop.js';

export interface RemoteStartOptions {
  transactions: TransactionsPort;
  availability: TransactionAvailability;
  tokens: TokenValidator;
  model: DeviceModel;
  evseIds: readonly number[];
  logger: Logger;
  /** Whether the station does smart charging; without it an attached profile is ignored (F01.FR.12). */
  smartCharging: () => boolean;
  /** K05.FR.05 / F01.FR.26: why an attached profile would be refused, if it would. */
  checkProfile?: (profile: ChargingProfileType, evseId: number) => StatusInfoType | undefined;
}

type StartResponse = Response<'RequestStartTransaction'>;

/** Tokens the station never checks itself (C03.FR.01/C05.FR.01: Central; C02: NoAuthorization). */
const UNCHECKED_TOKEN_TYPES = new Set(['Central', 'NoAuthorization']);

export function remoteTransactionControl(options: RemoteStartOptions): RemoteTransactionControl {
  const { transactions, availability } = options;
  return {
    start(request, afterResponse): StartResponse {
      const evseId = request.evseId ?? chooseEvse(options);
      if (evseId === undefined) return rejected('TxInProgress', 'no EVSE is free to start a transaction on');
      if (!options.evseIds.includes(evseId)) return rejected('UnknownEvse', `EVSE ${evseId} does not exist`);
      // F01.FR.23: Unavailable or Faulted; F01.FR.24: an authorized transaction is already running there.
      if (!availability.canStartCharging(evseId)) return rejected('Unspecified', `EVSE ${evseId} is unavailable or faulted`);
      if (transactions.hasAuthorizedTransaction(evseId)) return rejected('TxInProgress', `EVSE ${evseId} is in use`);
      if (request.chargingProfile && options.smartCharging()) {
        const refusal = options.checkProfile?.(request.chargingProfile, evseId);
        if (refusal) return { status: 'Rejected', statusInfo: refusal };
      }
      const authorization: EvseAuthorization = {
        idToken: request.idToken,
        remoteStartId: request.remoteStartId,
        ...(request.groupIdToken ? { groupIdToken: request.groupIdToken } : {}),
        ...(request.chargingProfile && options.smartCharging() ? { chargingProfile: request.chargingProfile } : {}),
      };
      afterResponse(() => authorizeRemotely(options, evseId, authorization));
      // F01.FR.13: a transaction waiting for its authorization is named in the response.
      const transactionId = transactions.transactionIdOf(evseId);
      return { status: 'Accepted', ...(transactionId ? { transactionId } : {}) };
    },
    stop(request: Request<'RequestStopTransaction'>): Response<'RequestStopTransaction'> {
      // F03.FR.07/08
      if (transactions.remoteStop(request.transactionId)) return { status: 'Accepted' };
      return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } };
    },
  };
}

function rejected(reasonCode: string, additionalInfo: string): StartResponse {
  return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo } };
}

/** F01.FR.20: without an evseId the station picks a free EVSE. */
function chooseEvse(options: RemoteStartOptions): number | undefined {
  return options.evseIds.find(
    (evseId) => options.availability.canStartCharging(evseId) && !options.transactions.hasAuthorizedTransaction(evseId),
  );
}

function authorizeRemotely(options: RemoteStartOptions, evseId: number, authorization: EvseAuthorization): void {
  const check = options.model.value(AuthCtrlr.AuthorizeRemoteStart) && !UNCHECKED_TOKEN_TYPES.has(authorization.idToken.type);
  if (!check) {
    options.transactions.remoteAuthorize(evseId, authorization);
    return;
  }
  options.tokens.validateToken(authorization.idToken).then(
    (response) => {
      if (response.idTokenInfo.status === 'Accepted') {
        const group = response.idTokenInfo.groupIdToken;
        options.transactions.remoteAuthorize(evseId, group && !authorization.groupIdToken ? { ...authorization, groupIdToken: group } : authorization);
      } else {
        options.logger.info({ evseId, status: response.idTokenInfo.status }, 'remote start: the token was not authorized');
      }
    },
    (error: unknown) => options.logger.warn({ err: error, evseId }, 'remote start: authorizing the token failed'),
  );
}
