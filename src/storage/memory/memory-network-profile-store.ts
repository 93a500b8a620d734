// NetworkProfileStore in memory, for tests and stations that keep nothing across restarts.
import type { NetworkConnectionProfileType } from '../../messages/types.js';
import type { NetworkProfileStore } from '../network-profile-store.js';

export class MemoryNetworkProfileStore implements NetworkProfileStore {
  private readonly bySlot = new Map<number, string>();

  loadAll(): Map<number, NetworkConnectionProfileType> {
    return new Map([...this.bySlot].map(([slot, text]) => [slot, JSON.parse(text) as NetworkConnectionProfileType]));
  }

  save(slot: number, profile: NetworkConnectionProfileType): void {
    this.bySlot.set(slot, JSON.stringify(profile));
  }

  delete(slot: number): void {
    this.bySlot.delete(slot);
  }
}
