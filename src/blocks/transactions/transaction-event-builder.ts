// Builds TransactionEvent requests from a transaction's record: seqNo in order (E01.FR.07), and each optional
// field in the first event after it became known — idToken (E03.FR.01), evse with connectorId after the cable
// was plugged in (E01.FR.16), remoteStartId (F02.FR.01), reservationId (E01.FR.13) — chargingState in Started
// and whenever it changed (E01.FR.18), and in a triggered event (F06.FR.07). Pure: the caller persists the record it returns.
import type {
  ChargingStateEnumType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  Request,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import type { TransactionRecord } from './transaction-record.js';

export interface TransactionEventSpec {
  readonly eventType: 'Started' | 'Updated' | 'Ended';
  readonly triggerReason: TriggerReasonEnumType;
  readonly timestamp: string;
  readonly meterValue?: readonly MeterValueType[];
  readonly stoppedReason?: ReasonEnumType;
  /** The charging state now; reported when it differs from the record's, in Started, or when `reportChargingState`. */
  readonly chargingState?: ChargingStateEnumType;
  /** Report the charging state even when unchanged (F06.FR.07: a triggered event carries it). */
  readonly reportChargingState?: boolean;
  /** A token other than the transaction's to report, e.g. the one that stopped it (E07.FR.02). */
  readonly idToken?: IdTokenType;
  readonly numberOfPhasesUsed?: number;
}

export interface BuiltTransactionEvent {
  readonly request: Request<'TransactionEvent'>;
  /** The record after this event: seqNo advanced, reported flags set, charging state updated. */
  readonly record: TransactionRecord;
}

export function buildTransactionEvent(record: TransactionRecord, spec: TransactionEventSpec): BuiltTransactionEvent {
  const next: TransactionRecord = { ...record, nextSeqNo: record.nextSeqNo + 1 };
  const chargingState = spec.chargingState ?? record.chargingState;
  const stateChanged = spec.eventType === 'Started' || spec.reportChargingState === true || chargingState !== record.chargingState;
  next.chargingState = chargingState;

  const transactionInfo: Request<'TransactionEvent'>['transactionInfo'] = { transactionId: record.transactionId };
  if (stateChanged) transactionInfo.chargingState = chargingState;
  if (spec.stoppedReason !== undefined) transactionInfo.stoppedReason = spec.stoppedReason;
  if (record.remoteStartId !== undefined && !record.remoteStartIdReported) {
    transactionInfo.remoteStartId = record.remoteStartId;
    next.remoteStartIdReported = true;
  }

  const request: Request<'TransactionEvent'> = {
    eventType: spec.eventType,
    timestamp: spec.timestamp,
    triggerReason: spec.triggerReason,
    seqNo: record.nextSeqNo,
    transactionInfo,
  };
  if (spec.idToken) request.idToken = spec.idToken;
  else if (record.idToken && !record.idTokenReported) {
    request.idToken = record.idToken;
    next.idTokenReported = true;
  }
  if (record.evseId > 0 && (spec.eventType === 'Started' || !record.evseReported)) {
    request.evse = record.connectorId !== undefined ? { id: record.evseId, connectorId: record.connectorId } : { id: record.evseId };
    if (record.connectorId !== undefined) next.evseReported = true;
  }
  if (record.reservationId !== undefined && !record.reservationIdReported) {
    request.reservationId = record.reservationId;
    next.reservationIdReported = true;
  }
  if (spec.meterValue && spec.meterValue.length > 0) request.meterValue = [...spec.meterValue];
  if (spec.numberOfPhasesUsed !== undefined) request.numberOfPhasesUsed = spec.numberOfPhasesUsed;
  return { request, record: next };
}
