// The timeline turned into the wire CompositeSchedule: each instant's two tracks reduced to the requested unit
// (the other track converted with voltage x phases, K01.FR.50; the lower of the two wins), instants no profile
// covers given the default limit and no numberPhases, adjacent periods with equal limit and numberPhases merged.
import type { ChargingSchedulePeriodType, CompositeScheduleType } from '../../../messages/types.js';
import type { Timeline } from './timeline.js';
import type { CompositeScheduleDefaults, Limit, Window } from './types.js';

export interface OutputOptions {
  evseId: number;
  unit: 'A' | 'W';
  window: Window;
  duration: number;
  defaults: CompositeScheduleDefaults;
}

export function toCompositeSchedule(timeline: Timeline, options: OutputOptions): CompositeScheduleType {
  const periods: ChargingSchedulePeriodType[] = [];
  for (const piece of timeline) {
    const period = outputPeriod(piece.value, piece.at - options.window.start, options);
    const previous = periods[periods.length - 1];
    const same = previous !== undefined && previous.limit === period.limit && previous.numberPhases === period.numberPhases;
    if (!same) periods.push(period);
  }
  return {
    evseId: options.evseId,
    duration: options.duration,
    scheduleStart: new Date(options.window.start * 1000).toISOString(),
    chargingRateUnit: options.unit,
    chargingSchedulePeriod: periods,
  };
}

function outputPeriod(
  value: Limit | undefined,
  startPeriod: number,
  options: OutputOptions,
): ChargingSchedulePeriodType {
  const limit = value === undefined ? undefined : limitInUnit(value, options.unit, options.defaults);
  if (limit === undefined) {
    const fallback = options.unit === 'A' ? options.defaults.limitAmps : options.defaults.limitWatts;
    return { startPeriod, limit: floorToTenth(fallback) };
  }
  const period: ChargingSchedulePeriodType = { startPeriod, limit: floorToTenth(limit) };
  if (value?.phases !== undefined) period.numberPhases = value.phases;
  return period;
}

/**
 * The lower of the requested unit's track and the other track converted: W = A x voltage x phases, with the
 * instant's numberPhases, else the default.
 */
export function limitInUnit(value: Limit, unit: 'A' | 'W', defaults: CompositeScheduleDefaults): number | undefined {
  const factor = defaults.supplyVoltage * (value.phases ?? defaults.numberPhases);
  const own = unit === 'A' ? value.amps : value.watts;
  let other: number | undefined;
  if (unit === 'A') other = value.watts === undefined ? undefined : value.watts / factor;
  else other = value.amps === undefined ? undefined : value.amps * factor;
  if (own === undefined) return other;
  if (other === undefined) return own;
  return Math.min(own, other);
}

/**
 * A limit "accepts at most one digit fraction" (ChargingSchedulePeriodType.limit): rounded down to 0.1, so the
 * result never exceeds a limit it came from (K08.FR.04). The tiny margin absorbs binary noise (16 - 1e-15 is 16).
 */
export function floorToTenth(value: number): number {
  return Math.floor(value * 10 + 1e-6) / 10;
}
