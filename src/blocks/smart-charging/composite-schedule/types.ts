// The shapes the composite schedule calculation works with: its public input, and the limits it carries
// internally per instant (amps and watts on separate tracks until the very end, facts §8).
import type { ChargingProfileType } from '../../../messages/types.js';

/** One installed charging profile, wire format, with the EVSE it is installed on (0 = station-wide). */
export interface InstalledChargingProfile {
  evseId: number;
  profile: ChargingProfileType;
}

/** The transaction open on an EVSE: its transactionId (matched against TxProfile.transactionId) and start. */
export interface OpenTransaction {
  id: string;
  start: Date;
}

/** What the station assumes where no profile says otherwise. */
export interface CompositeScheduleDefaults {
  /** Limit in A for instants no profile covers (per EVSE). */
  limitAmps: number;
  /** Limit in W for instants no profile covers (per EVSE). */
  limitWatts: number;
  /** Phases used to convert between A and W when no period gives numberPhases. */
  numberPhases: number;
  /** Line voltage used to convert between A and W. */
  supplyVoltage: number;
}

export interface CompositeScheduleInput {
  /** Installed profiles, wire format; evseId 0 = station-wide. */
  profiles: InstalledChargingProfile[];
  /** The EVSE asked for; 0 = the whole station (the sum over `evseIds`). */
  evseId: number;
  /** Every EVSE of the station (ids > 0). */
  evseIds: number[];
  /** The window: floored to whole seconds; the schedule starts at floor(start). */
  start: Date;
  end: Date;
  unit: 'A' | 'W';
  /** The open transaction per EVSE id. */
  transactions: Record<number, OpenTransaction>;
  /**
   * As if each EVSE had a transaction (the CSMS's GetCompositeSchedule, K08.FR.06): TxDefaultProfiles count on
   * EVSEs without one, and their Relative profiles start at `start`.
   */
  simulateTransaction?: boolean;
  defaults?: CompositeScheduleDefaults;
}

/** libocpp's defaults: 230 V, 48 A, 33120 W (= 48 A x 230 V x 3), 3 phases. */
export const COMPOSITE_SCHEDULE_DEFAULTS: Readonly<CompositeScheduleDefaults> = Object.freeze({
  limitAmps: 48,
  limitWatts: 33120,
  numberPhases: 3,
  supplyVoltage: 230,
});

/**
 * The limit in force at an instant: an amps track and a watts track (either may be absent), and the number of
 * phases the limiting periods name. `undefined` in place of a Limit means no profile covers the instant.
 */
export interface Limit {
  amps?: number;
  watts?: number;
  phases?: number;
}

/** Times inside the calculation are whole seconds since the epoch. */
export type Seconds = number;

/** The half-open window [start, end) the calculation covers, in seconds. */
export interface Window {
  start: Seconds;
  end: Seconds;
}

/** A stretch [from, to) of one profile's schedule with the limit of the period in force there. */
export interface Segment {
  from: Seconds;
  to: Seconds;
  limit: Limit;
}

export function sameLimit(a: Limit | undefined, b: Limit | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.amps === b.amps && a.watts === b.watts && a.phases === b.phases;
}
