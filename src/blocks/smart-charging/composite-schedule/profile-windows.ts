// When each period of one charging profile is in force, as stretches of absolute time inside the window:
// Absolute from startSchedule (K01.FR.30), Relative from the transaction start, Recurring Daily / Weekly repeating
// with the phase fixed by startSchedule, each bounded by the schedule's duration (K01.FR.11 - K01.FR.13) and by
// validFrom / validTo (K01.FR.36, K01.FR.37).
import type { ChargingProfileType, ChargingSchedulePeriodType, ChargingScheduleType } from '../../../messages/types.js';
import { SECONDS_PER_DAY, SECONDS_PER_WEEK, parseDateTime } from './time.js';
import type { Limit, Seconds, Segment, Window } from './types.js';

/** K01.FR.49: an AC period without numberPhases is taken as 3 phases. */
export const PHASES_WHEN_UNSPECIFIED = 3;

/** The instants [from, to) in which the profile counts at all: the window cut by validFrom / validTo. */
export function validityInWindow(profile: ChargingProfileType, window: Window): Window {
  const { validFrom, validTo, id } = profile;
  const from = validFrom === undefined ? -Infinity : parseDateTime(validFrom, `validFrom of profile ${id}`);
  const to = validTo === undefined ? Infinity : parseDateTime(validTo, `validTo of profile ${id}`);
  return { start: Math.max(window.start, from), end: Math.min(window.end, to) };
}

/**
 * The stretches of `window` in which a period of the profile's (first) schedule is in force, in time order.
 * `relativeStart` is where a Relative schedule starts (the transaction start, or the window start).
 */
export function profileSegments(profile: ChargingProfileType, relativeStart: Seconds, window: Window): Segment[] {
  const schedule = profile.chargingSchedule[0];
  if (schedule === undefined || schedule.chargingSchedulePeriod.length === 0) return [];
  const bounds = validityInWindow(profile, window);
  if (bounds.start >= bounds.end) return [];

  const length = schedule.duration === undefined ? Infinity : Math.floor(schedule.duration);
  if (!(length > 0)) return [];
  const periods = sortedPeriods(schedule);
  const segments: Segment[] = [];

  if (profile.chargingProfileKind === 'Relative') {
    addOccurrence(segments, schedule, periods, relativeStart, length, bounds);
    return segments;
  }

  const anchor = scheduleAnchor(profile, schedule, window);
  const recurrence = recurrenceSeconds(profile);
  if (recurrence === undefined) {
    addOccurrence(segments, schedule, periods, anchor, length, bounds);
    return segments;
  }
  // The latest occurrence at t is t - ((t - startSchedule) mod recurrence): startSchedule fixes the phase of the
  // recurrence, so it applies before startSchedule too (facts §8); a schedule longer than the recurrence is cut
  // where the next occurrence begins.
  const span = Math.min(length, recurrence);
  let occurrence = anchor + Math.floor((bounds.start - anchor) / recurrence) * recurrence;
  for (; occurrence < bounds.end; occurrence += recurrence) {
    addOccurrence(segments, schedule, periods, occurrence, span, bounds);
  }
  return segments;
}

/**
 * Where an Absolute or Recurring schedule starts: startSchedule (K01.FR.40). A schedule without one (which a
 * validated profile does not have) starts at validFrom, else at the window start.
 */
function scheduleAnchor(profile: ChargingProfileType, schedule: ChargingScheduleType, window: Window): Seconds {
  if (schedule.startSchedule !== undefined) {
    return parseDateTime(schedule.startSchedule, `startSchedule of profile ${profile.id}`);
  }
  if (profile.validFrom !== undefined) return parseDateTime(profile.validFrom, `validFrom of profile ${profile.id}`);
  return window.start;
}

/** The recurrence in seconds, or undefined for a schedule that runs once (a Recurring one without a kind too). */
function recurrenceSeconds(profile: ChargingProfileType): number | undefined {
  if (profile.chargingProfileKind !== 'Recurring') return undefined;
  if (profile.recurrencyKind === 'Daily') return SECONDS_PER_DAY;
  if (profile.recurrencyKind === 'Weekly') return SECONDS_PER_WEEK;
  return undefined;
}

function sortedPeriods(schedule: ChargingScheduleType): ChargingSchedulePeriodType[] {
  const periods = schedule.chargingSchedulePeriod;
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]!.startPeriod < periods[i - 1]!.startPeriod) {
      return [...periods].sort((a, b) => a.startPeriod - b.startPeriod);
    }
  }
  return periods;
}

/**
 * One run of the schedule starting at `begin` and lasting `span` seconds: each period lasts until the next one
 * starts or the span ends (K01.FR.12); a period starting at or after the span never runs (K01.FR.11). Only what
 * falls inside `bounds` is kept.
 */
function addOccurrence(
  segments: Segment[],
  schedule: ChargingScheduleType,
  periods: ChargingSchedulePeriodType[],
  begin: Seconds,
  span: number,
  bounds: Window,
): void {
  const stop = begin + span;
  if (stop <= bounds.start || begin >= bounds.end) return;
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i]!;
    const next = periods[i + 1];
    const periodEnd = Math.min(stop, next === undefined ? Infinity : begin + Math.floor(next.startPeriod));
    const from = Math.max(bounds.start, begin + Math.floor(period.startPeriod));
    const to = Math.min(bounds.end, periodEnd);
    if (from < to) segments.push({ from, to, limit: periodLimit(schedule, period) });
    if (periodEnd >= bounds.end) break;
  }
}

function periodLimit(schedule: ChargingScheduleType, period: ChargingSchedulePeriodType): Limit {
  const phases = period.numberPhases ?? PHASES_WHEN_UNSPECIFIED;
  return schedule.chargingRateUnit === 'A' ? { amps: period.limit, phases } : { watts: period.limit, phases };
}
