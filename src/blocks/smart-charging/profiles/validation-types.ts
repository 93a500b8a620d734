// The shapes of a profile's validation: what SmartChargingCtrlr allows, what the rules know, and the verdict.
import type { ChargingRateUnitEnumType } from '../../../messages/types.js';
import type { StoredChargingProfile } from '../../../storage/charging-profile-store.js';
import type { Iso15118Port, ProfileOrigin, TransactionLookup } from './profile-ports.js';

/** The reason codes a refused profile is answered with. */
export type ProfileReasonCode =
  | 'DuplicateProfile'
  | 'InvalidProfile'
  | 'InvalidSchedule'
  | 'InvalidMessageSeq'
  | 'InvalidStackLevel'
  | 'MissingParam'
  | 'OutOfStorage'
  | 'TooManyElements'
  | 'TxNotFound'
  | 'UnknownEvse'
  | 'UnsupportedRateUnit';

/** What SmartChargingCtrlr allows. */
export interface ProfileLimits {
  /** ProfileStackLevel: the highest stackLevel accepted. */
  readonly maxStackLevel: number;
  /** PeriodsPerSchedule: most periods in one chargingSchedule. */
  readonly maxPeriodsPerSchedule: number;
  /** RateUnit: the chargingRateUnits accepted (K01.FR.26). */
  readonly rateUnits: readonly ChargingRateUnitEnumType[];
  /** Entries[ChargingProfiles] maxLimit: most profiles installed at once. */
  readonly capacity: number;
  /** ACPhaseSwitchingSupported: phaseToUse can be honoured (K01.FR.20, K01.FR.46/48). */
  readonly acPhaseSwitchingSupported: boolean;
  /** Phases3to1: the station can charge on fewer phases than an EVSE supplies (K01.FR.43). */
  readonly phases3to1: boolean;
}

export interface ValidationContext {
  readonly now: Date;
  /** Default SetChargingProfile. */
  readonly origin?: ProfileOrigin;
  /** The station's EVSEs (each > 0). */
  readonly evseIds: readonly number[];
  /** AC phases an EVSE supplies (1 or 3), 0 for DC, undefined when unknown (then taken as AC). */
  readonly supplyPhases?: (evseId: number) => number | undefined;
  /** The profiles installed now. */
  readonly installed: readonly StoredChargingProfile[];
  readonly transactions: TransactionLookup;
  readonly limits: ProfileLimits;
  /** ISO 15118 sessions: up to three schedules in a TxProfile (K01.FR.34), a TxProfile too early (K15.FR.17). */
  readonly iso15118?: Iso15118Port;
}

export interface ProfileRejection {
  readonly valid: false;
  /** The requirement (or device model variable) broken, e.g. 'K01.FR.31'. */
  readonly requirement: string;
  readonly reasonCode: ProfileReasonCode;
  readonly additionalInfo: string;
}

export interface ProfileAcceptance {
  readonly valid: true;
  /** The installed profile with the same id, which this one replaces (K01.FR.05). */
  readonly replaces?: StoredChargingProfile;
}

export type ProfileVerdict = ProfileAcceptance | ProfileRejection;

/** One rule's result: the rejection, or undefined when the rule holds. */
export type Check = ProfileRejection | undefined;

export function reject(requirement: string, reasonCode: ProfileReasonCode, additionalInfo: string): ProfileRejection {
  return { valid: false, requirement, reasonCode, additionalInfo };
}
