// MeterRegisterStore in the station's SQLite database (table meter_registers, migration 10).
import type { Database, Statement } from 'better-sqlite3';
import type { MeterRegisterStore } from '../meter-register-store.js';
import { openStationDatabase } from './database.js';

export class SqliteMeterRegisterStore implements MeterRegisterStore {
  private readonly selectAll: Statement<[], { evse_id: number; register_wh: number }>;
  private readonly upsert: Statement<[number, number]>;

  constructor(database: Database) {
    this.selectAll = database.prepare('SELECT evse_id, register_wh FROM meter_registers');
    // MAX: a register only grows, even if two writers (an old and a new process) overlap.
    this.upsert = database.prepare(
      `INSERT INTO meter_registers (evse_id, register_wh) VALUES (?, ?)
       ON CONFLICT (evse_id) DO UPDATE SET register_wh = MAX(register_wh, excluded.register_wh)`,
    );
  }

  loadAll(): Map<number, number> {
    return new Map(this.selectAll.all().map((row) => [row.evse_id, row.register_wh]));
  }

  save(evseId: number, registerWh: number): void {
    this.upsert.run(evseId, registerWh);
  }
}

/** The registers in the SQLite file at `path` (opened, and migrated, like the station's own stores). */
export function openSqliteMeterRegisters(path: string): { store: MeterRegisterStore; close: () => void } {
  const database = openStationDatabase(path);
  return { store: new SqliteMeterRegisterStore(database), close: () => database.close() };
}
