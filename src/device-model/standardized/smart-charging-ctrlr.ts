// SmartChargingCtrlr (Part 2, Referenced Components §2.9 Smart Charging): charging profiles and limits.
import type { ChargingRateUnitEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

const RATE_UNIT_SET: Record<ChargingRateUnitEnumType, true> = { A: true, W: true };

/** Every ChargingRateUnitEnumType value. */
export const CHARGING_RATE_UNITS: readonly ChargingRateUnitEnumType[] = Object.freeze(
  Object.keys(RATE_UNIT_SET) as ChargingRateUnitEnumType[],
);

/** Highest stackLevel a charging profile may have here. */
export const MAX_PROFILE_STACK_LEVEL = 10;
/** Most periods one charging schedule may have here (below the schema's 1024, so an overlong one is Rejected). */
export const MAX_PERIODS_PER_SCHEDULE = 100;
/** Most charging profiles installed at once (Entries[ChargingProfiles]' maxLimit). */
export const CHARGING_PROFILE_CAPACITY = 100;

export const SmartChargingCtrlr = controller('SmartChargingCtrlr', 'SmartCharging', {
  Enabled: optional.boolean({
    default: true,
    description: 'Charging profiles are accepted and applied.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station supports smart charging.',
  }),
  // Hardware capability: no default.
  ACPhaseSwitchingSupported: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    description: 'The phase used for single-phase AC charging can be chosen (phaseToUse).',
  }),
  ProfileStackLevel: required.integer({
    mutability: 'ReadOnly',
    constant: true,
    default: MAX_PROFILE_STACK_LEVEL,
    description: 'Highest stackLevel accepted in a charging profile.',
  }),
  RateUnit: required.memberList(CHARGING_RATE_UNITS, {
    mutability: 'ReadOnly',
    constant: true,
    default: ['A', 'W'],
    description: 'Units charging schedules may use: A, W or both.',
  }),
  PeriodsPerSchedule: required.integer({
    mutability: 'ReadOnly',
    constant: true,
    default: MAX_PERIODS_PER_SCHEDULE,
    description: 'Most periods one charging schedule may have.',
  }),
  // The spec lets the station choose ReadOnly or ReadWrite; ReadWrite. No default: it needs an external input.
  ExternalControlSignalsEnabled: optional.boolean({
    description: 'Follow external signals (e.g. an energy manager) that limit charging.',
  }),
  // "Default is false when omitted" (Part 2 §2.9.8).
  NotifyChargingLimitWithSchedules: optional.boolean({
    default: false,
    description: 'Include the external schedule in NotifyChargingLimit.',
  }),
  // Hardware capability: no default.
  Phases3to1: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    description: 'The station can switch from three phases to one during a transaction.',
  }),
  EntriesChargingProfiles: required.integer({
    name: 'Entries',
    instance: 'ChargingProfiles',
    mutability: 'ReadOnly',
    default: 0,
    max: CHARGING_PROFILE_CAPACITY,
    description: 'Charging profiles installed now; maxLimit is how many can be installed.',
  }),
  // The spec gives no unit field; the value is a percentage.
  LimitChangeSignificance: required.decimal({
    default: 1,
    description: 'Limit changes smaller than this percentage may go unreported to the CSMS.',
  }),
});
