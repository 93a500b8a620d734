// The network connection profiles by slot, kept in a store and read by the transport at each connection
// attempt. Profiles from the station's own configuration (e.g. the CLI's --csms) and from SetNetworkProfile
// land here alike.
import type { NetworkConnectionProfileType } from '../../messages/types.js';
import type { NetworkProfileStore } from '../../storage/network-profile-store.js';
import type { NetworkProfileSource } from '../../transport/network-profiles.js';

export class StoredNetworkProfiles implements NetworkProfileSource {
  private readonly bySlot: Map<number, NetworkConnectionProfileType>;

  constructor(private readonly store: NetworkProfileStore) {
    this.bySlot = store.loadAll();
  }

  get(slot: number): NetworkConnectionProfileType | undefined {
    return this.bySlot.get(slot);
  }

  /** Stores a profile in its slot (written through at once). */
  set(slot: number, profile: NetworkConnectionProfileType): void {
    if (!Number.isInteger(slot) || slot < 0) throw new RangeError(`configuration slot must be an integer >= 0, got ${slot}`);
    this.store.save(slot, profile);
    this.bySlot.set(slot, profile);
  }

  /** Removes the profile of a slot (written through at once). */
  delete(slot: number): void {
    this.store.delete(slot);
    this.bySlot.delete(slot);
  }

  /** Slots holding a profile, ascending. */
  slots(): number[] {
    return [...this.bySlot.keys()].sort((a, b) => a - b);
  }
}
