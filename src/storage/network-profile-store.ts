// The storage port of the network connection profiles the CSMS (SetNetworkProfile) or the integrator put in
// configuration slots. Synchronous like the other ports: stored when the call returns.
import type { NetworkConnectionProfileType } from '../messages/types.js';

export interface NetworkProfileStore {
  /** Every stored profile by slot. */
  loadAll(): Map<number, NetworkConnectionProfileType>;
  save(slot: number, profile: NetworkConnectionProfileType): void;
  delete(slot: number): void;
}
