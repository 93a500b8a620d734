// What the station remembers of an open transaction, persisted with every TransactionEvent it sends so that a
// restart continues exactly where the last event left off (same seqNo, same flags).
import type { ChargingProfileType, ChargingStateEnumType, IdTokenType, ReasonEnumType } from '../../messages/types.js';
import type { EvseConditions } from './tx-points.js';

export interface TransactionRecord {
  readonly transactionId: string;
  /** 0 until the transaction is tied to an EVSE (authorized before any cable was plugged in). */
  evseId: number;
  connectorId?: number;
  readonly startedAt: string;
  /** seqNo of the next TransactionEvent (E01.FR.07: 0 for Started, then one more each time). */
  nextSeqNo: number;
  chargingState: ChargingStateEnumType;
  /** What was true at the EVSE after the last event. */
  conditions: EvseConditions;
  idToken?: IdTokenType;
  groupIdToken?: IdTokenType;
  /** The idToken has gone out in an event (E03.FR.01: the next event after it is known carries it). */
  idTokenReported: boolean;
  remoteStartId?: number;
  remoteStartIdReported: boolean;
  reservationId?: number;
  reservationIdReported: boolean;
  /** evse with connectorId has gone out since the cable was plugged in (E01.FR.16). */
  evseReported: boolean;
  /** Energy may flow (false once deauthorized, stopped remotely or by the driver, or after an invalid idToken). */
  energyAllowed: boolean;
  /** Why the transaction will end when its stop point is reached, if someone already asked it to stop. */
  stopReason?: ReasonEnumType;
  /** The CSMS rejected the idToken: with StopTxOnInvalidId false, energy up to MaxEnergyOnInvalidId from here (Wh). */
  invalidIdEnergyStartWh?: number;
  /** The TxProfile a RequestStartTransaction brought along (F01.FR.08), for the smart-charging block. */
  chargingProfile?: ChargingProfileType;
}

export function newTransactionRecord(fields: {
  transactionId: string;
  evseId: number;
  connectorId?: number;
  startedAt: string;
  chargingState: ChargingStateEnumType;
  conditions: EvseConditions;
}): TransactionRecord {
  return {
    ...fields,
    nextSeqNo: 0,
    idTokenReported: false,
    remoteStartIdReported: false,
    reservationIdReported: false,
    evseReported: false,
    energyAllowed: false,
  };
}
