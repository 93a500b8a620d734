// What the integrator hears of transactions, on the station's event bus: one event per TransactionEvent the
// station queues, once the transaction's state is consistent, and one when the queue is done with it.
import type {
  ChargingStateEnumType,
  IdTokenType,
  ReasonEnumType,
  Request,
  TransactionEventEnumType,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import type { DropReason } from '../../queue/message-dropped-error.js';
import type { EndReason } from './transaction-ports.js';
import type { TransactionRecord } from './transaction-record.js';

export interface TransactionEventInfo {
  readonly transactionId: string;
  /** 0 while the transaction is not tied to an EVSE yet (authorized before any cable was plugged in). */
  readonly evseId: number;
  readonly connectorId?: number;
  /** The token the transaction is authorized with, when there is one. */
  readonly idToken?: IdTokenType;
  readonly triggerReason: TriggerReasonEnumType;
  readonly chargingState: ChargingStateEnumType;
}

export interface TransactionEndedInfo extends TransactionEventInfo {
  readonly stoppedReason: ReasonEnumType;
}

/** A TransactionEvent the queue is done with: the CSMS answered it, or the queue gave up on it (E13). */
export interface TransactionMessageInfo {
  readonly transactionId: string;
  readonly seqNo: number;
  readonly eventType: TransactionEventEnumType;
  /** Queued by an earlier run of the station, and delivered (or dropped) after a restart. */
  readonly restored: boolean;
}

export interface TransactionMessageDropped extends TransactionMessageInfo {
  /** Why the queue gave up (e.g. MessageAttempts exhausted, the queue full). */
  readonly reason: DropReason;
}

export function transactionMessageInfo(request: Request<'TransactionEvent'>, restored: boolean): TransactionMessageInfo {
  return { transactionId: request.transactionInfo.transactionId, seqNo: request.seqNo, eventType: request.eventType, restored };
}

export function transactionEventInfo(record: Readonly<TransactionRecord>, triggerReason: TriggerReasonEnumType): TransactionEventInfo {
  return {
    transactionId: record.transactionId,
    evseId: record.evseId,
    ...(record.connectorId !== undefined ? { connectorId: record.connectorId } : {}),
    ...(record.idToken ? { idToken: record.idToken } : {}),
    triggerReason,
    chargingState: record.chargingState,
  };
}

export function transactionEndedInfo(record: Readonly<TransactionRecord>, why: EndReason): TransactionEndedInfo {
  return { ...transactionEventInfo(record, why.triggerReason), stoppedReason: why.stoppedReason };
}
