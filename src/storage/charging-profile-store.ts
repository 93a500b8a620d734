// The storage port of the smart charging block: every installed charging profile, with the EVSE it was installed
// on (0 = the whole station), who set it (CSO for the CSMS, EMS/SO/Other for external limits) and when, so that
// profiles outlive a reboot (K01.FR.27). Synchronous like the other ports: stored when the call returns.
import type { ChargingLimitSourceEnumType, ChargingProfileType } from '../messages/types.js';

/** One installed profile. A TxProfile carries the transactionId of its transaction in `profile`. */
export interface StoredChargingProfile {
  /** The EVSE the profile was installed on; 0 for the station (grid connection). */
  readonly evseId: number;
  /** Who set the limit: CSO for profiles from the CSMS. */
  readonly source: ChargingLimitSourceEnumType;
  /** When it was installed (ISO 8601); a profile without validFrom is valid from then on. */
  readonly installedAt: string;
  /** The profile in wire format, as it was accepted. */
  readonly profile: ChargingProfileType;
}

export interface ChargingProfileStore {
  /** Every stored profile, by ascending profile id. */
  loadAll(): StoredChargingProfile[];
  /** Inserts the profile, or replaces the one with the same profile id (K01.FR.05). */
  save(record: StoredChargingProfile): void;
  /** Deletes the profiles with these ids, all or none; ids not stored are ignored. */
  delete(profileIds: readonly number[]): void;
}
