// What the charging profiles need from the rest of the station, as narrow interfaces the station wires to the
// real thing, and what they tell it back.
import type { ChargingProfileType } from '../../../messages/types.js';

/** Block E as far as TxProfiles care: which transaction runs where. */
export interface TransactionLookup {
  /** The open transaction on the EVSE, if any. */
  transactionIdOf(evseId: number): string | undefined;
  /** The EVSE of an open transaction; undefined when no open transaction has that id. */
  evseOfTransaction(transactionId: string): number | undefined;
}

/** ISO 15118 sessions (K15-K17) as far as installing a TxProfile cares. */
export interface Iso15118Port {
  /**
   * K01.FR.34: the EV on this EVSE negotiates its schedule over ISO 15118 (its charging needs went to the CSMS), so
   * a TxProfile may hold up to three chargingSchedules. Absent: never.
   */
  negotiating?(evseId: number): boolean;
  /** K15.FR.17: a TxProfile arriving now comes before the EV's charging needs were sent. Absent: never. */
  tooEarlyFor?(evseId: number, profile: ChargingProfileType): boolean;
}

/** Who hands in a profile: the rules differ (K01.FR.22, K05.FR.02, F01.FR.11). */
export type ProfileOrigin =
  /** SetChargingProfile from the CSMS (K01). */
  | 'SetChargingProfile'
  /** A profile attached to RequestStartTransaction, before its transaction exists (K05, F01.FR.08-11). */
  | 'RequestStartTransaction'
  /** A local system's limit (ChargingStationExternalConstraints, K11-K14). */
  | 'External';

/** A profile as the composite schedule calculation takes it: the EVSE it is installed on (0 = station-wide). */
export interface EvseProfile {
  readonly evseId: number;
  readonly profile: ChargingProfileType;
}

/** Why the installed profiles changed. */
export type ProfileChangeReason =
  /** SetChargingProfile, a remote start's profile or an external limit was installed (K01.FR.07). */
  | 'installed'
  /** ClearChargingProfile or a local removal (K10.FR.05). */
  | 'cleared'
  /** The TxProfiles of a transaction that ended went (K02.FR.05). */
  | 'transactionEnded'
  /** Profiles whose validTo has passed were dropped. */
  | 'expired'
  /** Profiles were dropped at start-up. */
  | 'restored';

export interface ProfileChange {
  readonly reason: ProfileChangeReason;
  /** The EVSEs whose profiles changed; 0 stands for the station-wide profiles (which count for every EVSE). */
  readonly evseIds: readonly number[];
  /** The profiles installed (a replaced one included) with their EVSE. */
  readonly installed: readonly EvseProfile[];
  /** The profiles removed, with the EVSE they were on. */
  readonly removed: readonly EvseProfile[];
}

export type ProfileChangeListener = (change: ProfileChange) => void;
