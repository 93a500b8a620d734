// TxMeterValueStore in the station's SQLite database (table transaction_meter_values, migration 8). Each sample
// is one row holding its JSON; the rows go with their transaction (ON DELETE CASCADE) or on clear().
import type { Database, Statement } from 'better-sqlite3';
import type { MeterValueType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../tx-meter-value-store.js';

export class SqliteTxMeterValueStore implements TxMeterValueStore {
  private readonly insert: Statement<[string, string]>;
  private readonly select: Statement<[string], { meter_value: string }>;
  private readonly remove: Statement<[string]>;

  constructor(database: Database) {
    this.insert = database.prepare('INSERT INTO transaction_meter_values (transaction_id, meter_value) VALUES (?, ?)');
    this.select = database.prepare('SELECT meter_value FROM transaction_meter_values WHERE transaction_id = ? ORDER BY id');
    this.remove = database.prepare('DELETE FROM transaction_meter_values WHERE transaction_id = ?');
  }

  append(transactionId: string, meterValue: MeterValueType): void {
    this.insert.run(transactionId, JSON.stringify(meterValue));
  }

  load(transactionId: string): MeterValueType[] {
    return this.select.all(transactionId).map((row) => JSON.parse(row.meter_value) as MeterValueType);
  }

  clear(transactionId: string): void {
    this.remove.run(transactionId);
  }
}
