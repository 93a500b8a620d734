// What the transactions block knows about one EVSE between events: the physical conditions, the charging state,
// the authorization in force and the open transaction, if any.
import type { TimerHandle } from '../../clock.js';
import type { ChargingProfileType, ChargingStateEnumType, IdTokenType } from '../../messages/types.js';
import { sameIdToken } from '../authorization/id-token.js';
import type { TransactionRecord } from './transaction-record.js';
import type { EvseConditions } from './tx-points.js';

/** An authorization to charge: by a driver's token or a RequestStartTransaction. */
export interface EvseAuthorization {
  readonly idToken: IdTokenType;
  readonly groupIdToken?: IdTokenType;
  readonly remoteStartId?: number;
  readonly chargingProfile?: ChargingProfileType;
}

export interface EvseSession {
  readonly evseId: number;
  /** The connector the cable is plugged into, while it is. */
  connectorId?: number;
  conditions: EvseConditions;
  chargingState: ChargingStateEnumType;
  authorization?: EvseAuthorization;
  /** Energy held back by the station: deauthorized, stopped, or the CSMS rejected the token. */
  energyBlocked: boolean;
  /** What the hardware was last told. */
  energyAllowed: boolean;
  /** EVConnectionTimeOut running after an authorization without a cable (E03.FR.05). */
  connectionTimer?: TimerHandle;
  transaction?: TransactionRecord;
}

export const NOTHING_HAPPENING: EvseConditions = Object.freeze({
  parkingBayOccupied: false,
  evConnected: false,
  authorized: false,
  dataSigned: false,
  energyTransfer: false,
});

export function newSession(evseId: number): EvseSession {
  return { evseId, conditions: { ...NOTHING_HAPPENING }, chargingState: 'Idle', energyBlocked: false, energyAllowed: false };
}

/** Whether two tokens are the same identifier (same type, idToken compared case-insensitively: C01.FR.25). */
export function sameToken(a: IdTokenType | undefined, b: IdTokenType | undefined): boolean {
  return a !== undefined && b !== undefined && sameIdToken(a, b);
}
