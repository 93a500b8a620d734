// NetworkProfileStore in the station's SQLite database (table network_profiles).
import type { Database, Statement } from 'better-sqlite3';
import type { NetworkConnectionProfileType } from '../../messages/types.js';
import type { NetworkProfileStore } from '../network-profile-store.js';

interface ProfileRow {
  slot: number;
  profile: string;
}

export class SqliteNetworkProfileStore implements NetworkProfileStore {
  private readonly selectAll: Statement<[], ProfileRow>;
  private readonly upsert: Statement<[number, string]>;
  private readonly deleteOne: Statement<[number]>;

  constructor(database: Database) {
    this.selectAll = database.prepare('SELECT slot, profile FROM network_profiles ORDER BY slot');
    this.upsert = database.prepare(
      'INSERT INTO network_profiles (slot, profile) VALUES (?, ?) ON CONFLICT (slot) DO UPDATE SET profile = excluded.profile',
    );
    this.deleteOne = database.prepare('DELETE FROM network_profiles WHERE slot = ?');
  }

  loadAll(): Map<number, NetworkConnectionProfileType> {
    return new Map(this.selectAll.all().map((row) => [row.slot, JSON.parse(row.profile) as NetworkConnectionProfileType]));
  }

  save(slot: number, profile: NetworkConnectionProfileType): void {
    this.upsert.run(slot, JSON.stringify(profile));
  }

  delete(slot: number): void {
    this.deleteOne.run(slot);
  }
}
