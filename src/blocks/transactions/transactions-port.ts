// What the transactions block offers other blocks: the open transactions and the few things others may ask of
// them (remote start and stop, F01-F04; the charging-rate event of external limits, K11.FR.04).
import type { ChargingStateEnumType } from '../../messages/types.js';
import type { EvseAuthorization } from './evse-session.js';
import type { TransactionRecord } from './transaction-record.js';

export interface TransactionsPort {
  transactionIdOf(evseId: number): string | undefined;
  /** The open transaction with this id, if any. */
  transaction(transactionId: string): Readonly<TransactionRecord> | undefined;
  /** Whether a transaction on the EVSE has been authorized (F01.FR.24, F05.FR.02). */
  hasAuthorizedTransaction(evseId: number): boolean;
  /** The open transactions by EVSE, with their start (for the composite schedule). */
  openTransactions(): Record<number, { id: string; start: Date }>;
  chargingStateOf(evseId: number): ChargingStateEnumType | undefined;
  /** F01/F02: a remote start authorizes the EVSE for the token. */
  remoteAuthorize(evseId: number, authorization: EvseAuthorization): void;
  /** F03/F04: the CSMS stops the transaction. False when no transaction has that id. */
  remoteStop(transactionId: string): boolean;
  /** K11.FR.04 / K13.FR.03: an Updated event with ChargingRateChanged; false when the EVSE has no transaction. */
  chargingRateChanged(evseId: number): boolean;
}
