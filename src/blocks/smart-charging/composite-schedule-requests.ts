// K08 GetCompositeSchedule, and the seed's get_composite_schedule / get_all_composite_schedules: the composite
// schedule from now for a duration, of one EVSE or of the whole station (EVSE 0, K08.FR.03).
import type { Clock } from '../../clock.js';
import type { ChargingProfileType, CompositeScheduleType, Request, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import { calculateCompositeSchedule } from './composite-schedule/index.js';

export type RateUnit = 'A' | 'W';

export interface CompositeScheduleSource {
  clock: Clock;
  evseIds: readonly number[];
  profiles: () => { evseId: number; profile: ChargingProfileType }[];
  transactions: () => Record<number, { id: string; start: Date }>;
  /** SmartChargingCtrlr.RateUnit: the units the station schedules in (K08.FR.07). */
  rateUnits: () => readonly RateUnit[];
  /** The largest frame the link sends: a schedule that would not fit is Rejected, not answered InternalError. */
  maxFrameBytes?: () => number;
}

/**
 * The longest schedule the station reports, in seconds: 31 days. Longer requests are Rejected (K08.FR.05, "not
 * able to report the requested schedule"): a date past it may not even exist, and the answer would grow with it.
 */
export const MAX_COMPOSITE_SCHEDULE_SECONDS = 31 * 86_400;

/** Room for the frame around the schedule: `[3,"<message id>",{"status":"Accepted","schedule":…}]`. */
const FRAME_OVERHEAD_BYTES = 256;

/**
 * The composite schedule from now for `durationSeconds`, or undefined for an unknown EVSE or unit, or a duration
 * that is negative or longer than MAX_COMPOSITE_SCHEDULE_SECONDS. With
 * `simulateTransaction` an EVSE without a transaction is calculated as if one had just started (K08.FR.06);
 * without, TxProfile and TxDefaultProfile only count where a transaction runs (the seed's semantics).
 */
export function compositeSchedule(
  source: CompositeScheduleSource,
  evseId: number,
  durationSeconds: number,
  unit: RateUnit,
  simulateTransaction: boolean,
): CompositeScheduleType | undefined {
  if (evseId !== 0 && !source.evseIds.includes(evseId)) return undefined;
  if (!source.rateUnits().includes(unit) || !validDuration(durationSeconds)) return undefined;
  const start = source.clock.now();
  return calculateCompositeSchedule({
    profiles: source.profiles(),
    evseId,
    evseIds: [...source.evseIds],
    start,
    end: new Date(start.getTime() + durationSeconds * 1000),
    unit,
    transactions: source.transactions(),
    simulateTransaction,
  });
}

/** The CSMS's question: answered as if each EVSE had a transaction (K08.FR.06); Rejected per K08.FR.05/07. */
export function getCompositeScheduleResponse(
  source: CompositeScheduleSource,
  request: Request<'GetCompositeSchedule'>,
): Response<'GetCompositeSchedule'> {
  const unit = request.chargingRateUnit ?? source.rateUnits()[0] ?? 'A';
  if (request.evseId !== 0 && !source.evseIds.includes(request.evseId)) {
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
  }
  if (!validDuration(request.duration)) {
    const additionalInfo = `duration ${request.duration} s: at most ${MAX_COMPOSITE_SCHEDULE_SECONDS} s can be reported`;
    return { status: 'Rejected', statusInfo: { reasonCode: request.duration < 0 ? 'ValueTooLow' : 'ValueTooHigh', additionalInfo } };
  }
  const schedule = compositeSchedule(source, request.evseId, request.duration, unit, true);
  if (!schedule) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRateUnit' } };
  const limit = source.maxFrameBytes?.();
  if (limit !== undefined && Buffer.byteLength(JSON.stringify(schedule)) > limit - FRAME_OVERHEAD_BYTES) {
    const additionalInfo = `${schedule.chargingSchedulePeriod.length} periods do not fit in a ${limit}-byte frame`;
    return { status: 'Rejected', statusInfo: { reasonCode: 'TooManyElements', additionalInfo } };
  }
  return { status: 'Accepted', schedule };
}

function validDuration(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_COMPOSITE_SCHEDULE_SECONDS;
}

export function compositeScheduleHandlers(source: CompositeScheduleSource): HandlerTable {
  return { GetCompositeSchedule: (request) => getCompositeScheduleResponse(source, request) };
}
