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
}

/**
 * The composite schedule from now for `durationSeconds`, or undefined for an unknown EVSE or unit. With
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
  if (!source.rateUnits().includes(unit) || !Number.isFinite(durationSeconds) || durationSeconds < 0) return undefined;
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
  const schedule = compositeSchedule(source, request.evseId, request.duration, unit, true);
  if (!schedule) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRateUnit' } };
  return { status: 'Accepted', schedule };
}

export function compositeScheduleHandlers(source: CompositeScheduleSource): HandlerTable {
  return { GetCompositeSchedule: (request) => getCompositeScheduleResponse(source, request) };
}
