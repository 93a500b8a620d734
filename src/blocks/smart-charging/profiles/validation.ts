// K01 SetChargingProfile: whether a charging profile may be installed on an EVSE, as a pure function of the
// profile, the EVSE, the profiles already installed, the open transactions and the SmartChargingCtrlr limits.
// The first rule broken decides; each names its requirement and the reason code the response carries
// (Part 2 appendix, Reason codes).
//
// The order: who may send this purpose (K01.FR.22, K05.FR.02), an id the CSMS may not replace (K01.FR.05), the
// EVSE (K01.FR.28), purpose and EVSE (K04.FR.03, K01.FR.38, K01.FR.16), transactionId presence (K01.FR.03,
// F01.FR.11), stack level (ProfileStackLevel), kind and validity, the schedules (K01.FR.34, K01.FR.26,
// PeriodsPerSchedule, K01.FR.40/41/31/35, phases K01.FR.19/20/43/48 and the phase conflicts of errata 2.36),
// the transaction (K01.FR.09/33/39), ISO 15118 order (K15.FR.17), duplicates (K01.FR.06/52/53), and last the room left (Entries maxLimit).
import type { ChargingProfilePurposeEnumType, ChargingProfileType } from '../../../messages/types.js';
import type { StoredChargingProfile } from '../../../storage/charging-profile-store.js';
import type { Iso15118Port, ProfileOrigin, TransactionLookup } from './profile-ports.js';
import { checkSchedules } from './schedule-checks.js';
import { reject, type Check, type ProfileLimits, type ProfileVerdict, type ValidationContext } from './validation-types.js';

export type {
  ProfileAcceptance,
  ProfileLimits,
  ProfileReasonCode,
  ProfileRejection,
  ProfileVerdict,
  ValidationContext,
} from './validation-types.js';

const STATION = 0;
/** Purposes whose phaseToUse must agree with the transaction purposes' (errata 2.36, Avoiding Phase Conflicts). */
const STATION_LIMIT_PURPOSES: ReadonlySet<ChargingProfilePurposeEnumType> = new Set([
  'ChargingStationMaxProfile',
  'ChargingStationExternalConstraints',
]);

/** Decides whether `profile` may be installed on `evseId` (0 = the station). Never throws; never changes its inputs. */
export function validateChargingProfile(profile: ChargingProfileType, evseId: number, context: ValidationContext): ProfileVerdict {
  const origin = context.origin ?? 'SetChargingProfile';
  const existing = context.installed.find((record) => record.profile.id === profile.id);
  const others = context.installed.filter((record) => record.profile.id !== profile.id);
  const rejection =
    checkOrigin(profile, origin) ??
    checkReplacement(existing, origin) ??
    checkEvse(evseId, context) ??
    checkPurposeAndEvse(profile, evseId) ??
    checkTransactionIdPresence(profile, origin) ??
    checkStackLevel(profile, context.limits) ??
    checkKindAndValidity(profile, context.now) ??
    checkSchedules(profile, evseId, context) ??
    checkPhaseConflicts(profile, evseId, others, context.now) ??
    checkTransaction(profile, evseId, origin, others, context.transactions) ??
    checkIso15118Sequence(profile, evseId, origin, context.iso15118) ??
    checkDuplicates(profile, evseId, others, context.now) ??
    checkCapacity(existing, context);
  if (rejection) return rejection;
  return existing ? { valid: true, replaces: existing } : { valid: true };
}

function checkOrigin(profile: ChargingProfileType, origin: ProfileOrigin): Check {
  const purpose = profile.chargingProfilePurpose;
  if (origin === 'External') {
    if (purpose !== 'ChargingStationExternalConstraints') {
      return reject('K11', 'InvalidProfile', `a local limit has purpose ChargingStationExternalConstraints, not ${purpose}`);
    }
    return undefined;
  }
  if (origin === 'RequestStartTransaction' && purpose !== 'TxProfile') {
    return reject('K05.FR.02', 'InvalidProfile', `the profile of a RequestStartTransaction must be a TxProfile, not ${purpose}`);
  }
  if (purpose === 'ChargingStationExternalConstraints') {
    return reject('K01.FR.22', 'InvalidProfile', 'ChargingStationExternalConstraints profiles are set by local systems, not by the CSMS');
  }
  return undefined;
}

function checkReplacement(existing: StoredChargingProfile | undefined, origin: ProfileOrigin): Check {
  if (origin === 'External' || existing?.profile.chargingProfilePurpose !== 'ChargingStationExternalConstraints') return undefined;
  return reject(
    'K01.FR.05',
    'InvalidProfile',
    `profile id ${existing.profile.id} is an external constraint, which the CSMS cannot replace`,
  );
}

function checkEvse(evseId: number, context: ValidationContext): Check {
  if (evseId === STATION || context.evseIds.includes(evseId)) return undefined;
  return reject('K01.FR.28', 'UnknownEvse', `EVSE ${evseId} does not exist`);
}

function checkPurposeAndEvse(profile: ChargingProfileType, evseId: number): Check {
  switch (profile.chargingProfilePurpose) {
    case 'ChargingStationMaxProfile':
      if (evseId !== STATION) return reject('K04.FR.03', 'InvalidProfile', 'a ChargingStationMaxProfile can only be set on EVSE 0');
      if (profile.chargingProfileKind === 'Relative') {
        return reject('K01.FR.38', 'InvalidProfile', 'a ChargingStationMaxProfile cannot be Relative');
      }
      return undefined;
    case 'TxProfile':
      if (evseId === STATION) return reject('K01.FR.16', 'InvalidProfile', 'a TxProfile can only be set on an EVSE, not on EVSE 0');
      return undefined;
    default:
      return undefined;
  }
}

function checkTransactionIdPresence(profile: ChargingProfileType, origin: ProfileOrigin): Check {
  const hasTransactionId = profile.transactionId !== undefined;
  if (profile.chargingProfilePurpose !== 'TxProfile') {
    if (!hasTransactionId) return undefined;
    return reject('2.10 ChargingProfileType', 'InvalidProfile', 'only a TxProfile may carry a transactionId');
  }
  if (origin === 'RequestStartTransaction') {
    if (!hasTransactionId) return undefined;
    return reject('F01.FR.11', 'InvalidProfile', 'the profile of a RequestStartTransaction cannot name a transactionId');
  }
  if (hasTransactionId) return undefined;
  return reject('K01.FR.03', 'MissingParam', 'a TxProfile needs the transactionId of its transaction');
}

function checkStackLevel(profile: ChargingProfileType, limits: ProfileLimits): Check {
  const level = profile.stackLevel;
  if (level >= 0 && level <= limits.maxStackLevel) return undefined;
  return reject(
    'SmartChargingCtrlr.ProfileStackLevel',
    'InvalidStackLevel',
    `stackLevel ${level} is outside 0..${limits.maxStackLevel}`,
  );
}

function checkKindAndValidity(profile: ChargingProfileType, now: Date): Check {
  if (profile.chargingProfileKind === 'Recurring' && profile.recurrencyKind === undefined) {
    return reject('3.3 Recurring', 'InvalidProfile', 'a Recurring profile needs a recurrencyKind (Daily or Weekly)');
  }
  if (profile.chargingProfileKind !== 'Recurring' && profile.recurrencyKind !== undefined) {
    return reject('3.3 Recurring', 'InvalidProfile', `recurrencyKind only goes with a Recurring profile, not ${profile.chargingProfileKind}`);
  }
  const from = profile.validFrom === undefined ? -Infinity : Date.parse(profile.validFrom);
  const to = profile.validTo === undefined ? Infinity : Date.parse(profile.validTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return reject('K01.FR.36', 'InvalidProfile', 'validFrom or validTo is not a date-time');
  if (from >= to) return reject('K01.FR.36/37', 'InvalidProfile', 'validFrom must come before validTo');
  if (to <= now.getTime()) return reject('K01.FR.37', 'InvalidProfile', `the profile expired at ${profile.validTo}`);
  return undefined;
}

/** The validity of a profile in ms: validFrom (else when it was installed, else now) to validTo (else forever). */
export function validityWindow(profile: ChargingProfileType, installedAt: number): { from: number; to: number } {
  return {
    from: profile.validFrom === undefined ? installedAt : Date.parse(profile.validFrom),
    to: profile.validTo === undefined ? Infinity : Date.parse(profile.validTo),
  };
}

/** Whether two profiles can both be valid at some instant from `now` on (what has passed no longer matters). */
function validAtTheSameTime(profile: ChargingProfileType, other: StoredChargingProfile, now: number): boolean {
  const a = validityWindow(profile, now);
  const b = validityWindow(other.profile, Date.parse(other.installedAt));
  return Math.max(a.from, b.from, now) < Math.min(a.to, b.to);
}

function phasesToUse(profile: ChargingProfileType): Set<number> {
  const phases = new Set<number>();
  for (const schedule of profile.chargingSchedule) {
    for (const period of schedule.chargingSchedulePeriod) if (period.phaseToUse !== undefined) phases.add(period.phaseToUse);
  }
  return phases;
}

/**
 * Errata 2.36: a phaseToUse of a TxProfile or TxDefaultProfile that differs from one of a ChargingStationMaxProfile
 * or ChargingStationExternalConstraints acting on the same EVSE leaves no composite to build. Where the periods
 * line up is not known beforehand (Relative profiles start with their transaction), so any difference is refused.
 */
function checkPhaseConflicts(profile: ChargingProfileType, evseId: number, others: readonly StoredChargingProfile[], now: Date): Check {
  const mine = phasesToUse(profile);
  if (mine.size === 0) return undefined;
  const stationLimit = STATION_LIMIT_PURPOSES.has(profile.chargingProfilePurpose);
  for (const other of others) {
    if (STATION_LIMIT_PURPOSES.has(other.profile.chargingProfilePurpose) === stationLimit) continue;
    const sameScope = other.evseId === evseId || other.evseId === STATION || evseId === STATION;
    if (!sameScope || !validAtTheSameTime(profile, other, now.getTime())) continue;
    const theirs = phasesToUse(other.profile);
    const conflict = [...mine].some((phase) => [...theirs].some((their) => their !== phase));
    if (conflict) {
      return reject(
        'errata 2.36',
        'InvalidSchedule',
        `phaseToUse conflicts with profile ${other.profile.id} (${other.profile.chargingProfilePurpose}) on EVSE ${other.evseId}`,
      );
    }
  }
  return undefined;
}

function checkTransaction(
  profile: ChargingProfileType,
  evseId: number,
  origin: ProfileOrigin,
  others: readonly StoredChargingProfile[],
  transactions: TransactionLookup,
): Check {
  if (profile.chargingProfilePurpose !== 'TxProfile' || origin === 'RequestStartTransaction') return undefined;
  const transactionId = profile.transactionId!;
  const running = transactions.transactionIdOf(evseId);
  if (running === undefined) return reject('K01.FR.09', 'TxNotFound', `no transaction is active on EVSE ${evseId}`);
  if (running !== transactionId) {
    const elsewhere = transactions.evseOfTransaction(transactionId);
    const where = elsewhere === undefined ? 'is not known' : `runs on EVSE ${elsewhere}`;
    return reject('K01.FR.33', 'TxNotFound', `transaction ${transactionId} ${where}; EVSE ${evseId} runs ${running}`);
  }
  const clash = others.find(
    (other) =>
      other.profile.chargingProfilePurpose === 'TxProfile' &&
      other.profile.transactionId === transactionId &&
      other.profile.stackLevel === profile.stackLevel,
  );
  if (clash) {
    return reject(
      'K01.FR.39',
      'DuplicateProfile',
      `TxProfile ${clash.profile.id} already has stackLevel ${profile.stackLevel} for transaction ${transactionId}`,
    );
  }
  return undefined;
}

/** K15.FR.17: the CSMS should wait for NotifyEVChargingNeeds before it sends the TxProfile of a 15118 session. */
function checkIso15118Sequence(profile: ChargingProfileType, evseId: number, origin: ProfileOrigin, iso15118: Iso15118Port | undefined): Check {
  if (profile.chargingProfilePurpose !== 'TxProfile' || origin !== 'SetChargingProfile') return undefined;
  if (!(iso15118?.tooEarlyFor?.(evseId, profile) ?? false)) return undefined;
  return reject('K15.FR.17', 'InvalidMessageSeq', `the EV on EVSE ${evseId} has not sent its charging needs yet`);
}

function checkDuplicates(profile: ChargingProfileType, evseId: number, others: readonly StoredChargingProfile[], now: Date): Check {
  const purpose = profile.chargingProfilePurpose;
  if (purpose === 'TxProfile') return undefined;
  const samePlace = others.find(
    (other) =>
      other.evseId === evseId &&
      other.profile.chargingProfilePurpose === purpose &&
      other.profile.stackLevel === profile.stackLevel &&
      validAtTheSameTime(profile, other, now.getTime()),
  );
  if (samePlace) {
    return reject(
      'K01.FR.06',
      'DuplicateProfile',
      `profile ${samePlace.profile.id} already has ${purpose} stackLevel ${profile.stackLevel} on EVSE ${evseId} with an overlapping validity`,
    );
  }
  if (purpose !== 'TxDefaultProfile') return undefined;
  // K01.FR.52 / K01.FR.53: a TxDefaultProfile on EVSE 0 acts on every EVSE, so its stack level is taken there too.
  const otherTier = others.find(
    (other) =>
      other.profile.chargingProfilePurpose === 'TxDefaultProfile' &&
      other.profile.stackLevel === profile.stackLevel &&
      (evseId === STATION ? other.evseId !== STATION : other.evseId === STATION),
  );
  if (!otherTier) return undefined;
  return reject(
    evseId === STATION ? 'K01.FR.52' : 'K01.FR.53',
    'DuplicateProfile',
    `TxDefaultProfile ${otherTier.profile.id} on EVSE ${otherTier.evseId} already has stackLevel ${profile.stackLevel}`,
  );
}

function checkCapacity(existing: StoredChargingProfile | undefined, context: ValidationContext): Check {
  if (existing || context.installed.length < context.limits.capacity) return undefined;
  return reject(
    'SmartChargingCtrlr.Entries[ChargingProfiles]',
    'OutOfStorage',
    `${context.installed.length} profiles are installed, the most this station holds`,
  );
}
