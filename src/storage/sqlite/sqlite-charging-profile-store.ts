// ChargingProfileStore in the station's SQLite database (table charging_profiles, migration 9). The profile is kept
// as its JSON; purpose, stack level and transactionId are copied into columns of their own for the index.
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { ChargingLimitSourceEnumType, ChargingProfileType } from '../../messages/types.js';
import type { ChargingProfileStore, StoredChargingProfile } from '../charging-profile-store.js';

interface ProfileRow {
  evse_id: number;
  source: ChargingLimitSourceEnumType;
  installed_at: string;
  profile: string;
}

type UpsertParameters = [number, number, string, number, string, string | null, string, string];

export class SqliteChargingProfileStore implements ChargingProfileStore {
  private readonly selectAll: Statement<[], ProfileRow>;
  private readonly upsert: Statement<UpsertParameters>;
  private readonly deleteMany: Transaction<(ids: readonly number[]) => void>;

  constructor(database: Database) {
    this.selectAll = database.prepare(
      'SELECT evse_id, source, installed_at, profile FROM charging_profiles ORDER BY profile_id',
    );
    this.upsert = database.prepare(
      `INSERT INTO charging_profiles (profile_id, evse_id, purpose, stack_level, source, transaction_id, profile, installed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (profile_id) DO UPDATE SET evse_id = excluded.evse_id, purpose = excluded.purpose,
         stack_level = excluded.stack_level, source = excluded.source, transaction_id = excluded.transaction_id,
         profile = excluded.profile, installed_at = excluded.installed_at`,
    );
    const deleteOne: Statement<[number]> = database.prepare('DELETE FROM charging_profiles WHERE profile_id = ?');
    this.deleteMany = database.transaction((ids: readonly number[]) => {
      for (const id of ids) deleteOne.run(id);
    });
  }

  loadAll(): StoredChargingProfile[] {
    return this.selectAll.all().map((row) => ({
      evseId: row.evse_id,
      source: row.source,
      installedAt: row.installed_at,
      profile: JSON.parse(row.profile) as ChargingProfileType,
    }));
  }

  save(record: StoredChargingProfile): void {
    const { profile } = record;
    this.upsert.run(
      profile.id,
      record.evseId,
      profile.chargingProfilePurpose,
      profile.stackLevel,
      record.source,
      profile.transactionId ?? null,
      JSON.stringify(profile),
      record.installedAt,
    );
  }

  delete(profileIds: readonly number[]): void {
    if (profileIds.length > 0) this.deleteMany(profileIds);
  }
}
