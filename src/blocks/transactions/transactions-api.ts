// The seed's methods of block E: what the hardware reports about a charging session, and the integrator's own
// starts and stops. The stack decides from these, with TxStartPoint and TxStopPoint, when transactions start
// and end.
import type {
  ChargingStateEnumType,
  IdTokenType,
  ReasonEnumType,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import type { TokenOutcome, Transactions } from './transactions.js';

export interface TransactionsApi {
  /**
   * A driver presents a token (at an EVSE, or at the station): validated, then it authorizes charging — or, if
   * it is the token (or group) of a running transaction, stops it. Start and stop follow TxStartPoint/TxStopPoint.
   */
  presentToken(idToken: IdTokenType, evseId?: number): Promise<TokenOutcome>;
  /** The seed's on_session_started: a cable is plugged in. */
  onSessionStarted(evseId: number, connectorId: number): void;
  /** The seed's on_session_finished: the cable is out. */
  onSessionFinished(evseId: number, connectorId: number): void;
  /** The seed's on_authorized: the integrator authorized the token itself (e.g. Plug & Charge). */
  onAuthorized(evseId: number, connectorId: number, idToken: IdTokenType, groupIdToken?: IdTokenType): void;
  /**
   * The seed's on_transaction_started: start a transaction now, whatever TxStartPoint says (for hardware that
   * decides itself). Returns its transactionId. Ordinarily the stack starts transactions from the events.
   */
  onTransactionStarted(
    evseId: number,
    connectorId: number | undefined,
    triggerReason: TriggerReasonEnumType,
    idToken?: IdTokenType,
    options?: { groupIdToken?: IdTokenType; reservationId?: number; remoteStartId?: number },
  ): string | undefined;
  /**
   * The seed's on_transaction_finished: the integrator ends the transaction for a reason of its own (emergency
   * stop, fault, …); ordinary stops follow from the reported events and TxStopPoint.
   */
  onTransactionFinished(evseId: number, stoppedReason: ReasonEnumType, triggerReason?: TriggerReasonEnumType): void;
  /** The seed's on_charging_state_changed; false when no EV is connected to change state. */
  onChargingStateChanged(evseId: number, chargingState: ChargingStateEnumType): boolean;
  /** A parking bay detector sees an EV arrive or leave (TxStartPoint / TxStopPoint ParkingBayOccupancy). */
  onParkingBayOccupancy(evseId: number, occupied: boolean): void;
  /** The seed's get_evse_transaction_id. */
  getEvseTransactionId(evseId: number): string | undefined;
}

export function transactionsApi(transactions: Transactions): TransactionsApi {
  return {
    presentToken: (idToken, evseId) => transactions.presentToken(idToken, evseId),
    onSessionStarted: (evseId, connectorId) => transactions.evConnected(evseId, connectorId),
    onSessionFinished: (evseId, connectorId) => transactions.evDisconnected(evseId, connectorId),
    onAuthorized: (evseId, _connectorId, idToken, groupIdToken) => transactions.authorized(evseId, idToken, groupIdToken),
    onTransactionStarted: (evseId, connectorId, triggerReason, idToken, options = {}) =>
      transactions.startTransaction(evseId, connectorId, triggerReason, idToken ? { idToken, ...options } : undefined),
    onTransactionFinished: (evseId, stoppedReason, triggerReason = 'AbnormalCondition') =>
      transactions.finishTransaction(evseId, stoppedReason, triggerReason),
    onChargingStateChanged: (evseId, chargingState) => transactions.chargingStateChanged(evseId, chargingState),
    onParkingBayOccupancy: (evseId, occupied) => transactions.parkingBay(evseId, occupied),
    getEvseTransactionId: (evseId) => transactions.transactionIdOf(evseId),
  };
}
