// FirmwareUpdateStore in the station's SQLite database (table firmware_update, migration 12): one row for the
// update in progress and one for the last status sent, each as JSON. A row that does not parse is treated as
// absent, so a damaged file never keeps the station from starting.
import type { Database, Statement } from 'better-sqlite3';
import type { FirmwareUpdateRecord, FirmwareUpdateStore, LastFirmwareStatus } from '../firmware-update-store.js';

type Slot = 'current' | 'last-status';

export class SqliteFirmwareUpdateStore implements FirmwareUpdateStore {
  private readonly select: Statement<[Slot], { value: string }>;
  private readonly upsert: Statement<[Slot, string]>;
  private readonly remove: Statement<[Slot]>;

  constructor(database: Database) {
    this.select = database.prepare('SELECT value FROM firmware_update WHERE slot = ?');
    this.upsert = database.prepare('INSERT INTO firmware_update (slot, value) VALUES (?, ?) ON CONFLICT (slot) DO UPDATE SET value = excluded.value');
    this.remove = database.prepare('DELETE FROM firmware_update WHERE slot = ?');
  }

  current(): FirmwareUpdateRecord | undefined {
    return this.read<FirmwareUpdateRecord>('current', (value) => typeof value.requestId === 'number' && typeof value.phase === 'string');
  }

  save(record: FirmwareUpdateRecord): void {
    this.upsert.run('current', JSON.stringify(record));
  }

  clear(): void {
    this.remove.run('current');
  }

  lastStatus(): LastFirmwareStatus | undefined {
    return this.read<LastFirmwareStatus>('last-status', (value) => typeof value.status === 'string');
  }

  saveLastStatus(status: LastFirmwareStatus): void {
    this.upsert.run('last-status', JSON.stringify(status));
  }

  private read<T>(slot: Slot, looksRight: (value: Record<string, unknown>) => boolean): T | undefined {
    const row = this.select.get(slot);
    if (row === undefined) return undefined;
    try {
      const value = JSON.parse(row.value) as unknown;
      return value !== null && typeof value === 'object' && looksRight(value as Record<string, unknown>) ? (value as T) : undefined;
    } catch {
      return undefined;
    }
  }
}
