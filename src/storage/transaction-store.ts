// The storage port of open transactions: each one's state as the transactions block keeps it, written in the
// same atomic step as the TransactionEvent it goes with, so that after a crash the state and the queue agree.
export interface StoredTransaction {
  readonly transactionId: string;
  /** 0 while the transaction has no EVSE yet (authorized before the cable was plugged in). */
  readonly evseId: number;
  /** The transactions block's own record, JSON-serializable. */
  readonly state: unknown;
  readonly updatedAt: string;
}

export interface TransactionStore {
  /** Every open transaction. */
  loadAll(): StoredTransaction[];
  /** Inserts or replaces a transaction's state. */
  save(transaction: StoredTransaction): void;
  /** Forgets an ended transaction (its stored meter values go with it). Unknown ids are ignored. */
  remove(transactionId: string): void;
}
