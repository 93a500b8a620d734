// The storage port of the meter values a transaction collects for its TransactionEvent(Ended): the
// Transaction.Begin sample, the samples taken every SampledDataCtrlr.TxEndedInterval and at the clock-aligned
// AlignedDataCtrlr.TxEndedInterval times. They must survive a restart until the Ended event is queued (E06.FR.11,
// J02), so the metering block writes each sample as it is taken.
import type { MeterValueType } from '../messages/types.js';

export interface TxMeterValueStore {
  /**
   * Appends one sample to the transaction's list. The SQLite store needs the transaction's row in
   * `transactions` to exist (foreign key) and throws otherwise.
   */
  append(transactionId: string, meterValue: MeterValueType): void;
  /** The transaction's samples in the order they were appended; empty when there are none. */
  load(transactionId: string): MeterValueType[];
  /** Forgets the transaction's samples (nothing happens when there are none). */
  clear(transactionId: string): void;
}
