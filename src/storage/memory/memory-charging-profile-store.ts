// ChargingProfileStore in memory, for tests and stations that keep nothing across restarts.
import type { ChargingProfileStore, StoredChargingProfile } from '../charging-profile-store.js';

export class MemoryChargingProfileStore implements ChargingProfileStore {
  private readonly byId = new Map<number, StoredChargingProfile>();

  loadAll(): StoredChargingProfile[] {
    return [...this.byId.values()].sort((a, b) => a.profile.id - b.profile.id).map((record) => structuredClone(record));
  }

  save(record: StoredChargingProfile): void {
    this.byId.set(record.profile.id, structuredClone(record));
  }

  delete(profileIds: readonly number[]): void {
    for (const id of profileIds) this.byId.delete(id);
  }
}
