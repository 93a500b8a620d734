// AvailabilityStore in the station's SQLite database (table availability, migration 7).
import type { Database, Statement } from 'better-sqlite3';
import type { OperationalStatusEnumType } from '../../messages/types.js';
import type { AvailabilityRecord, AvailabilityStore } from '../availability-store.js';

interface AvailabilityRow {
  scope_key: string;
  operational_status: OperationalStatusEnumType;
  scheduled_status: OperationalStatusEnumType | null;
}

export class SqliteAvailabilityStore implements AvailabilityStore {
  private readonly selectAll: Statement<[], AvailabilityRow>;
  private readonly upsert: Statement<[string, OperationalStatusEnumType, OperationalStatusEnumType | null]>;
  private readonly deleteOne: Statement<[string]>;

  constructor(database: Database) {
    this.selectAll = database.prepare('SELECT scope_key, operational_status, scheduled_status FROM availability ORDER BY scope_key');
    this.upsert = database.prepare(
      `INSERT INTO availability (scope_key, operational_status, scheduled_status) VALUES (?, ?, ?)
       ON CONFLICT (scope_key) DO UPDATE SET operational_status = excluded.operational_status,
                                             scheduled_status = excluded.scheduled_status`,
    );
    this.deleteOne = database.prepare('DELETE FROM availability WHERE scope_key = ?');
  }

  loadAll(): Map<string, AvailabilityRecord> {
    return new Map(
      this.selectAll.all().map((row) => [
        row.scope_key,
        {
          operationalStatus: row.operational_status,
          ...(row.scheduled_status !== null ? { scheduledStatus: row.scheduled_status } : {}),
        },
      ]),
    );
  }

  save(scopeKey: string, record: AvailabilityRecord): void {
    this.upsert.run(scopeKey, record.operationalStatus, record.scheduledStatus ?? null);
  }

  delete(scopeKey: string): void {
    this.deleteOne.run(scopeKey);
  }
}
