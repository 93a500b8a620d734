// validateChargingProfile: the K01 rules about a profile's schedules and their periods, and about phases, each
// with the requirement it names and the reason code the response carries.
import { describe, it } from 'node:test';
import { validateChargingProfile } from '../../../../../src/blocks/smart-charging/profiles/validation.js';
import { LIMITS, START, stationMax, txDefault, txProfile } from './support.js';
import { context, stored, assertValid, assertRejected, withPeriod, periods } from './validation-helpers.js';

describe('validateChargingProfile: schedules', () => {
  it('K01.FR.34 more than one chargingSchedule outside an ISO 15118 session: Rejected, InvalidProfile', () => {
    const base = txProfile(1, 'tx-1');
    const two = { ...base, chargingSchedule: [base.chargingSchedule[0]!, { ...base.chargingSchedule[0]!, id: 2 }] };
    const running = { 1: 'tx-1' };
    assertRejected(validateChargingProfile(two, 1, context({ running })), 'K01.FR.34', 'InvalidProfile');
    assertValid(validateChargingProfile(two, 1, context({ running, iso15118: { negotiating: (evseId) => evseId === 1 } })));
    const defaults = txDefault(2);
    const twoDefaults = { ...defaults, chargingSchedule: [defaults.chargingSchedule[0]!, { ...defaults.chargingSchedule[0]!, id: 2 }] };
    assertRejected(validateChargingProfile(twoDefaults, 1, context({ iso15118: { negotiating: () => true } })), 'K01.FR.34', 'InvalidProfile');
  });

  it('K01.FR.26 a chargingRateUnit RateUnit does not list: Rejected, UnsupportedRateUnit', () => {
    const watts = txDefault(1);
    watts.chargingSchedule[0]!.chargingRateUnit = 'W';
    assertRejected(
      validateChargingProfile(watts, 1, context({ limits: { ...LIMITS, rateUnits: ['A'] } })),
      'K01.FR.26',
      'UnsupportedRateUnit',
    );
    assertValid(validateChargingProfile(watts, 1, context()));
    // A local system's limit is taken in either unit.
    const externalWatts = { ...watts, chargingProfilePurpose: 'ChargingStationExternalConstraints' as const };
    assertValid(validateChargingProfile(externalWatts, 1, context({ origin: 'External', limits: { ...LIMITS, rateUnits: ['A'] } })));
  });

  it('SmartChargingCtrlr.PeriodsPerSchedule: more periods than it allows: Rejected, TooManyElements', () => {
    const withPeriods = (count: number) => {
      const profile = txDefault(1);
      profile.chargingSchedule[0]!.chargingSchedulePeriod = periods(count);
      return profile;
    };
    assertRejected(validateChargingProfile(withPeriods(101), 1, context()), 'SmartChargingCtrlr.PeriodsPerSchedule', 'TooManyElements');
    assertValid(validateChargingProfile(withPeriods(100), 1, context()));
  });

  it('K01.FR.40 Absolute and Recurring need a startSchedule: Rejected, InvalidSchedule', () => {
    const absolute = txDefault(1);
    delete absolute.chargingSchedule[0]!.startSchedule;
    assertRejected(validateChargingProfile(absolute, 1, context()), 'K01.FR.40', 'InvalidSchedule');
    const recurring = { ...absolute, chargingProfileKind: 'Recurring' as const, recurrencyKind: 'Daily' as const };
    assertRejected(validateChargingProfile(recurring, 1, context()), 'K01.FR.40', 'InvalidSchedule');
  });

  it('K01.FR.41 a Relative profile with a startSchedule: Rejected, InvalidSchedule', () => {
    const profile = txProfile(1, 'tx-1');
    profile.chargingSchedule[0]!.startSchedule = START;
    assertRejected(validateChargingProfile(profile, 1, context({ running: { 1: 'tx-1' } })), 'K01.FR.41', 'InvalidSchedule');
  });

  it('K01.FR.31 a first period that does not start at 0: Rejected, InvalidSchedule', () => {
    const profile = txDefault(1);
    profile.chargingSchedule[0]!.chargingSchedulePeriod = [{ startPeriod: 60, limit: 16 }];
    assertRejected(validateChargingProfile(profile, 1, context()), 'K01.FR.31', 'InvalidSchedule');
  });

  it('K01.FR.35 periods not in increasing startPeriod order (or two at the same time): Rejected, InvalidSchedule', () => {
    const descending = txDefault(1);
    descending.chargingSchedule[0]!.chargingSchedulePeriod = [
      { startPeriod: 0, limit: 16 },
      { startPeriod: 600, limit: 10 },
      { startPeriod: 300, limit: 8 },
    ];
    assertRejected(validateChargingProfile(descending, 1, context()), 'K01.FR.35', 'InvalidSchedule');
    const equal = txDefault(2);
    equal.chargingSchedule[0]!.chargingSchedulePeriod = [
      { startPeriod: 0, limit: 16 },
      { startPeriod: 0, limit: 10 },
    ];
    assertRejected(validateChargingProfile(equal, 1, context()), 'K01.FR.35', 'InvalidSchedule');
  });

  it('2.11/2.12 a negative limit, duration or minChargingRate: Rejected, InvalidSchedule', () => {
    const negativeLimit = withPeriod({ limit: -1 });
    assertRejected(validateChargingProfile(negativeLimit, 1, context()), '2.11 ChargingSchedulePeriodType', 'InvalidSchedule');
    const negativeDuration = txDefault(1);
    negativeDuration.chargingSchedule[0]!.duration = -5;
    assertRejected(validateChargingProfile(negativeDuration, 1, context()), '2.12 ChargingScheduleType', 'InvalidSchedule');
    const negativeMinimum = txDefault(1);
    negativeMinimum.chargingSchedule[0]!.minChargingRate = -0.5;
    assertRejected(validateChargingProfile(negativeMinimum, 1, context()), '2.12 ChargingScheduleType', 'InvalidSchedule');
  });

  it('K01.FR.11 periods starting at or past the duration are allowed (they are simply not executed)', () => {
    const profile = txDefault(1);
    profile.chargingSchedule[0]!.duration = 300;
    profile.chargingSchedule[0]!.chargingSchedulePeriod = [
      { startPeriod: 0, limit: 16 },
      { startPeriod: 300, limit: 8 },
    ];
    assertValid(validateChargingProfile(profile, 1, context()));
  });
});

describe('validateChargingProfile: phases', () => {
  const switching = { ...LIMITS, acPhaseSwitchingSupported: true };

  it('2.11 numberPhases outside 1..3 and phaseToUse outside 1..3: Rejected, InvalidSchedule', () => {
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 4 }), 1, context()), '2.11 ChargingSchedulePeriodType', 'InvalidSchedule');
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 0 }), 1, context()), '2.11 ChargingSchedulePeriodType', 'InvalidSchedule');
    assertRejected(
      validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 4 }), 3, context({ limits: switching })),
      '2.11 ChargingSchedulePeriodType',
      'InvalidSchedule',
    );
  });

  it('K01.FR.19 phaseToUse with numberPhases other than 1 (absent counts as 3, K01.FR.49): Rejected, InvalidSchedule', () => {
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 3, phaseToUse: 1 }), 1, context({ limits: switching })), 'K01.FR.19', 'InvalidSchedule');
    assertRejected(validateChargingProfile(withPeriod({ phaseToUse: 1 }), 1, context({ limits: switching })), 'K01.FR.19', 'InvalidSchedule');
  });

  it('K01.FR.20/K01.FR.48 phaseToUse without ACPhaseSwitchingSupported: Rejected, InvalidSchedule', () => {
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 2 }), 3, context()), 'K01.FR.20', 'InvalidSchedule');
  });

  it('K01.FR.46/K01.FR.47 numberPhases 1 with or without phaseToUse when ACPhaseSwitchingSupported', () => {
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 2 }), 3, context({ limits: switching })));
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 1 }), 3, context()));
  });

  it('K01.FR.43 fewer phases than a three-phase EVSE supplies, without Phases3to1: Rejected, InvalidSchedule', () => {
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 1 }), 1, context()), 'K01.FR.43', 'InvalidSchedule');
    // EVSE 0 acts on EVSE 1 too.
    assertRejected(validateChargingProfile(withPeriod({ numberPhases: 1 }), 0, context()), 'K01.FR.43', 'InvalidSchedule');
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 1 }), 1, context({ limits: { ...LIMITS, phases3to1: true } })));
  });

  it('K01.FR.45 more phases than the EVSE supplies is accepted (it charges on what it has)', () => {
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 3 }), 3, context()));
  });

  it('K01.FR.44 numberPhases and phaseToUse on a DC EVSE are accepted and ignored', () => {
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 3 }), 2, context()));
  });

  it('errata 2.36 a phaseToUse differing from that of a ChargingStationMaxProfile: Rejected, InvalidSchedule', () => {
    const limits = { ...switching, phases3to1: true };
    const max = stored(0, withPeriod({ numberPhases: 1, phaseToUse: 1 }, stationMax(1)));
    assertRejected(
      validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 2 }, txDefault(2)), 3, context({ limits, installed: [max] })),
      'errata 2.36',
      'InvalidSchedule',
    );
    assertValid(validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 1 }, txDefault(2)), 3, context({ limits, installed: [max] })));
    // And the other way round: a station limit whose phaseToUse differs from an installed default's.
    const defaults = stored(3, withPeriod({ numberPhases: 1, phaseToUse: 3 }, txDefault(3)));
    assertRejected(
      validateChargingProfile(withPeriod({ numberPhases: 1, phaseToUse: 2 }, stationMax(4)), 0, context({ limits, installed: [defaults] })),
      'errata 2.36',
      'InvalidSchedule',
    );
  });
});
