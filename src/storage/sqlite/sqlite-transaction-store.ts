// TransactionStore in the station's SQLite database (table transactions).
import type { Database, Statement } from 'better-sqlite3';
import type { StoredTransaction, TransactionStore } from '../transaction-store.js';

interface TransactionRow {
  transaction_id: string;
  evse_id: number;
  state: string;
  updated_at: string;
}

export class SqliteTransactionStore implements TransactionStore {
  private readonly selectAll: Statement<[], TransactionRow>;
  private readonly upsert: Statement<[string, number, string, string]>;
  private readonly deleteOne: Statement<[string]>;

  constructor(database: Database) {
    this.selectAll = database.prepare('SELECT transaction_id, evse_id, state, updated_at FROM transactions ORDER BY rowid');
    this.upsert = database.prepare(
      `INSERT INTO transactions (transaction_id, evse_id, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (transaction_id) DO UPDATE SET evse_id = excluded.evse_id, state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.deleteOne = database.prepare('DELETE FROM transactions WHERE transaction_id = ?');
  }

  loadAll(): StoredTransaction[] {
    return this.selectAll.all().map((row) => ({
      transactionId: row.transaction_id,
      evseId: row.evse_id,
      state: JSON.parse(row.state) as unknown,
      updatedAt: row.updated_at,
    }));
  }

  save(transaction: StoredTransaction): void {
    this.upsert.run(transaction.transactionId, transaction.evseId, JSON.stringify(transaction.state), transaction.updatedAt);
  }

  remove(transactionId: string): void {
    this.deleteOne.run(transactionId);
  }
}
