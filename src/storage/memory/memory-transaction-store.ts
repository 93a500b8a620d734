// TransactionStore in memory.
import type { StoredTransaction, TransactionStore } from '../transaction-store.js';

export class MemoryTransactionStore implements TransactionStore {
  private readonly byId = new Map<string, string>();

  loadAll(): StoredTransaction[] {
    return [...this.byId.values()].map((text) => JSON.parse(text) as StoredTransaction);
  }

  save(transaction: StoredTransaction): void {
    this.byId.set(transaction.transactionId, JSON.stringify(transaction));
  }

  remove(transactionId: string): void {
    this.byId.delete(transactionId);
  }
}
