// The schedules of a profile (K01): at least one, more only in an ISO 15118 session (K01.FR.34), each in a unit
// the station takes (K01.FR.26) with at most PeriodsPerSchedule periods in order from 0 (K01.FR.31/35/40/41),
// and phases the EVSEs can use (K01.FR.19/20/43/48).
import type { ChargingProfileType, ChargingScheduleType } from '../../../messages/types.js';
import { reject, type Check, type ValidationContext } from './validation-types.js';

/** EVSE 0: the whole station. */
const STATION = 0;

export function checkSchedules(profile: ChargingProfileType, evseId: number, context: ValidationContext): Check {
  const schedules = profile.chargingSchedule;
  if (schedules.length === 0) return reject('2.10 ChargingProfileType', 'InvalidProfile', 'the profile has no chargingSchedule');
  const negotiating = profile.chargingProfilePurpose === 'TxProfile' && (context.iso15118?.negotiating?.(evseId) ?? false);
  if (schedules.length > 1 && !negotiating) {
    return reject('K01.FR.34', 'InvalidProfile', 'only a TxProfile in an ISO 15118 session may hold more than one chargingSchedule');
  }
  for (const schedule of schedules) {
    const problem = checkSchedule(profile, schedule, evseId, context);
    if (problem) return problem;
  }
  return undefined;
}

function checkSchedule(profile: ChargingProfileType, schedule: ChargingScheduleType, evseId: number, context: ValidationContext): Check {
  const { limits } = context;
  const label = `chargingSchedule ${schedule.id}`;
  // K01.FR.26 is about what the CSMS sends; a local system's limit is taken in either unit.
  if (context.origin !== 'External' && !limits.rateUnits.includes(schedule.chargingRateUnit)) {
    return reject('K01.FR.26', 'UnsupportedRateUnit', `${label}: unit ${schedule.chargingRateUnit} is not supported (RateUnit ${limits.rateUnits.join(',')})`);
  }
  const periods = schedule.chargingSchedulePeriod;
  if (periods.length > limits.maxPeriodsPerSchedule) {
    return reject(
      'SmartChargingCtrlr.PeriodsPerSchedule',
      'TooManyElements',
      `${label} has ${periods.length} periods; at most ${limits.maxPeriodsPerSchedule} are supported`,
    );
  }
  const hasStart = schedule.startSchedule !== undefined;
  if (profile.chargingProfileKind === 'Relative' && hasStart) {
    return reject('K01.FR.41', 'InvalidSchedule', `${label}: a Relative profile cannot have a startSchedule`);
  }
  if (profile.chargingProfileKind !== 'Relative' && !hasStart) {
    return reject('K01.FR.40', 'InvalidSchedule', `${label}: an ${profile.chargingProfileKind} profile needs a startSchedule`);
  }
  if (hasStart && Number.isNaN(Date.parse(schedule.startSchedule!))) {
    return reject('K01.FR.40', 'InvalidSchedule', `${label}: startSchedule is not a date-time`);
  }
  if (schedule.duration !== undefined && schedule.duration < 0) {
    return reject('2.12 ChargingScheduleType', 'InvalidSchedule', `${label}: duration cannot be negative`);
  }
  if (schedule.minChargingRate !== undefined && schedule.minChargingRate < 0) {
    return reject('2.12 ChargingScheduleType', 'InvalidSchedule', `${label}: minChargingRate cannot be negative`);
  }
  const first = periods[0];
  if (!first) return reject('2.12 ChargingScheduleType', 'InvalidSchedule', `${label} has no periods`);
  if (first.startPeriod !== 0) {
    return reject('K01.FR.31', 'InvalidSchedule', `${label}: the first period starts at ${first.startPeriod}, not 0`);
  }
  for (let index = 1; index < periods.length; index++) {
    if (periods[index]!.startPeriod <= periods[index - 1]!.startPeriod) {
      return reject('K01.FR.35', 'InvalidSchedule', `${label}: startPeriod values must increase (period ${index})`);
    }
  }
  if (periods.some((period) => period.limit < 0)) {
    return reject('2.11 ChargingSchedulePeriodType', 'InvalidSchedule', `${label}: a limit cannot be negative`);
  }
  return checkPhases(schedule, label, evseId, context);
}

/** The EVSEs a profile on `evseId` acts on: every EVSE for EVSE 0. */
function targetsOf(evseId: number, context: ValidationContext): readonly number[] {
  return evseId === STATION ? context.evseIds : [evseId];
}

function checkPhases(schedule: ChargingScheduleType, label: string, evseId: number, context: ValidationContext): Check {
  const supply = targetsOf(evseId, context).map((id) => context.supplyPhases?.(id));
  // K01.FR.44: numberPhases and phaseToUse mean nothing to DC EVSEs; they are ignored when only DC EVSEs are concerned.
  const ac = supply.length === 0 ? [undefined] : supply.filter((phases) => phases !== 0);
  if (ac.length === 0) return undefined;
  for (const [index, period] of schedule.chargingSchedulePeriod.entries()) {
    const where = `${label}, period ${index}`;
    const { numberPhases, phaseToUse } = period;
    if (numberPhases !== undefined && (numberPhases < 1 || numberPhases > 3)) {
      return reject('2.11 ChargingSchedulePeriodType', 'InvalidSchedule', `${where}: numberPhases must be 1, 2 or 3`);
    }
    if (phaseToUse !== undefined) {
      // K01.FR.49: without numberPhases an AC schedule means 3 phases.
      if (numberPhases !== 1) return reject('K01.FR.19', 'InvalidSchedule', `${where}: phaseToUse needs numberPhases 1`);
      if (phaseToUse < 1 || phaseToUse > 3) return reject('2.11 ChargingSchedulePeriodType', 'InvalidSchedule', `${where}: phaseToUse must be 1, 2 or 3`);
      if (!context.limits.acPhaseSwitchingSupported) {
        return reject('K01.FR.20', 'InvalidSchedule', `${where}: phaseToUse needs ACPhaseSwitchingSupported`);
      }
    }
    if (numberPhases !== undefined && !context.limits.phases3to1) {
      const more = ac.find((phases) => phases !== undefined && phases > numberPhases);
      if (more !== undefined) {
        return reject(
          'K01.FR.43',
          'InvalidSchedule',
          `${where}: the EVSE supplies ${more} phases and cannot be held to ${numberPhases} (Phases3to1 is not supported)`,
        );
      }
    }
  }
  return undefined;
}
