// Builders for the composite schedule tests: profiles in wire format with only what a test cares about, the
// calculation with a fixed window, and the periods as compact [startPeriod, limit, numberPhases?] tuples.
import type { ChargingProfileType, ChargingSchedulePeriodType, CompositeScheduleType } from '../../../../../src/messages/types.js';
import {
  calculateCompositeSchedule,
  type CompositeScheduleInput,
  type InstalledChargingProfile,
} from '../../../../../src/blocks/smart-charging/composite-schedule/index.js';

export type PeriodTuple = [startPeriod: number, limit: number, numberPhases?: number];

export interface ProfileSpec {
  id: number;
  stackLevel?: number;
  purpose?: ChargingProfileType['chargingProfilePurpose'];
  kind?: ChargingProfileType['chargingProfileKind'];
  recurrency?: 'Daily' | 'Weekly';
  validFrom?: string;
  validTo?: string;
  transactionId?: string;
  startSchedule?: string;
  duration?: number;
  unit?: 'A' | 'W';
  /** [startPeriod, limit, numberPhases?] */
  periods: PeriodTuple[];
}

export function profile(spec: ProfileSpec): ChargingProfileType {
  const kind = spec.kind ?? (spec.recurrency !== undefined ? 'Recurring' : spec.startSchedule !== undefined ? 'Absolute' : 'Relative');
  const result: ChargingProfileType = {
    id: spec.id,
    stackLevel: spec.stackLevel ?? 0,
    chargingProfilePurpose: spec.purpose ?? 'TxDefaultProfile',
    chargingProfileKind: kind,
    chargingSchedule: [
      {
        id: 1,
        chargingRateUnit: spec.unit ?? 'A',
        chargingSchedulePeriod: spec.periods.map(([startPeriod, limit, numberPhases]) => {
          const period: ChargingSchedulePeriodType = { startPeriod, limit };
          if (numberPhases !== undefined) period.numberPhases = numberPhases;
          return period;
        }),
      },
    ],
  };
  const schedule = result.chargingSchedule[0]!;
  if (spec.startSchedule !== undefined) schedule.startSchedule = spec.startSchedule;
  if (spec.duration !== undefined) schedule.duration = spec.duration;
  if (spec.recurrency !== undefined) result.recurrencyKind = spec.recurrency;
  if (spec.validFrom !== undefined) result.validFrom = spec.validFrom;
  if (spec.validTo !== undefined) result.validTo = spec.validTo;
  if (spec.transactionId !== undefined) result.transactionId = spec.transactionId;
  return result;
}

export function on(evseId: number, ...profiles: ChargingProfileType[]): InstalledChargingProfile[] {
  return profiles.map((p) => ({ evseId, profile: p }));
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;

export interface Ask extends Partial<Omit<CompositeScheduleInput, 'start' | 'end'>> {
  start: string;
  /** Seconds after start. */
  seconds: number;
}

/** The composite schedule for a window of `seconds` from `start` (EVSE 1 of a one-EVSE station by default). */
export function composite(ask: Ask): CompositeScheduleType {
  const start = new Date(ask.start);
  return calculateCompositeSchedule({
    profiles: ask.profiles ?? [],
    evseId: ask.evseId ?? 1,
    evseIds: ask.evseIds ?? [1],
    start,
    end: new Date(start.getTime() + ask.seconds * 1000),
    unit: ask.unit ?? 'A',
    transactions: ask.transactions ?? {},
    ...(ask.simulateTransaction !== undefined ? { simulateTransaction: ask.simulateTransaction } : {}),
    ...(ask.defaults !== undefined ? { defaults: ask.defaults } : {}),
  });
}

export function tuples(schedule: CompositeScheduleType): PeriodTuple[] {
  return schedule.chargingSchedulePeriod.map((p) =>
    p.numberPhases === undefined ? [p.startPeriod, p.limit] : [p.startPeriod, p.limit, p.numberPhases],
  );
}

/** A transaction on EVSE `evseId` with id `id`, started at `start`. */
export function tx(evseId: number, id: string, start: string): Record<number, { id: string; start: Date }> {
  return { [evseId]: { id, start: new Date(start) } };
}
