// What the transactions block needs from the other blocks and from the hardware, each as a narrow interface the
// station wires to the real thing.
import type {
  ChargingProfileType,
  ChargingStateEnumType,
  IdTokenInfoType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  Response,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import type { TransactionRecord } from './transaction-record.js';

/** Why a transaction ends, and the token that ended it when a driver did (E07.FR.02). */
export interface EndReason {
  readonly triggerReason: TriggerReasonEnumType;
  readonly stoppedReason: ReasonEnumType;
  readonly idToken?: IdTokenType;
}

/** Block J: meter values for the transaction's events. */
export interface TransactionMetering {
  /** For TransactionEvent Started (context Transaction.Begin). */
  startedValues(evseId: number): MeterValueType[];
  /** Starts periodic and clock-aligned sampling; `updated` delivers the meter values of an Updated event. */
  transactionStarted(evseId: number, transactionId: string, updated: MeterUpdate): void;
  /** Resumes sampling of a transaction that survived a restart. */
  resume(evseId: number, transactionId: string, updated: MeterUpdate): void;
  /** Stops sampling; the TxEnded samples and a final Transaction.End sample for the Ended event. */
  endedValues(evseId: number, transactionId: string, maxValues?: number): MeterValueType[];
  /** Forgets the stored samples once the Ended event is queued. */
  clear(transactionId: string): void;
  /** For a TriggerMessage(TransactionEvent): the latest TxUpdated measurands, context Trigger (F06.FR.07). */
  triggeredTransactionValues(evseId: number): MeterValueType[];
  /** The latest Energy.Active.Import.Register of the EVSE in Wh, for MaxEnergyOnInvalidId. */
  energyRegisterWh?(evseId: number): number | undefined;
}

export type MeterUpdate = (meterValues: MeterValueType[], trigger: 'MeterValuePeriodic' | 'MeterValueClock') => void;

/** Block G: whether charging may start, and which connectors are occupied. */
export interface TransactionAvailability {
  setOccupied(evseId: number, connectorId: number, occupied: boolean): void;
  canStartCharging(evseId: number, connectorId?: number): boolean;
}

/** Block C: the authorization decision for a presented token. */
export interface TokenValidator {
  validateToken(idToken: IdTokenType): Promise<Response<'Authorize'>>;
  /** Whether an accepted token may start a transaction here (not a master pass, an allowed EVSE: C12.FR.09, C01.FR.21). */
  mayStartTransaction?(idTokenInfo: IdTokenInfoType, evseId?: number): boolean;
}

/** The hardware: whether the EVSE may deliver energy now (the power path may close). */
export interface EnergyControl {
  /**
   * Whether the EVSE may deliver energy now: a connected EV, an authorized driver, nothing holding it back
   * (deauthorized, stopped, unavailable). Close or open the power path (contactor, PWM) accordingly; then
   * report the charging state the EV takes through onChargingStateChanged.
   */
  setEnergyTransferAllowed(evseId: number, allowed: boolean): void;
}

/** What the transactions block tells the rest of the station, each once the transaction's state is consistent. */
export interface TransactionListener {
  /** A transaction began: its Started event is queued. */
  started?(record: Readonly<TransactionRecord>, triggerReason: TriggerReasonEnumType): void;
  /** An Updated event is queued. */
  updated?(record: Readonly<TransactionRecord>, triggerReason: TriggerReasonEnumType): void;
  /** A transaction ended: its Ended event is queued and the transaction is forgotten. */
  ended?(record: Readonly<TransactionRecord>, why: EndReason): void;
  chargingStateChanged?(evseId: number, chargingState: ChargingStateEnumType): void;
  /** A RequestStartTransaction's TxProfile now has its transaction (K05, F01.FR.10): install it. */
  chargingProfileArrived?(evseId: number, transactionId: string, profile: ChargingProfileType): void;
}
