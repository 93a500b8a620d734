// The sweep against a deliberately naive oracle: every second of the window evaluated on its own, straight from
// the rules (facts §8), on seeded random stations. Any difference in limit or numberPhases at any second fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargingProfileType, CompositeScheduleType } from '../../../../../src/messages/types.js';
import { calculateCompositeSchedule, type InstalledChargingProfile } from '../../../../../src/blocks/smart-charging/composite-schedule/index.js';
import { HOUR, profile, type PeriodTuple } from './helpers.js';

interface Value { amps?: number; watts?: number; phases?: number }
const DEFAULTS = { limitAmps: 48, limitWatts: 33120, numberPhases: 3, supplyVoltage: 230 };
const parsed = new Map<string, number>();
const sec = (iso: string) => {
  let value = parsed.get(iso);
  if (value === undefined) parsed.set(iso, (value = Math.floor(Date.parse(iso) / 1000)));
  return value;
};

/** The limit of one profile at second t, or undefined when none of its periods is in force. */
function profileAt(p: ChargingProfileType, t: number, relativeStart: number, windowStart: number): Value | undefined {
  if (p.validFrom !== undefined && t < sec(p.validFrom)) return undefined;
  if (p.validTo !== undefined && t >= sec(p.validTo)) return undefined;
  const s = p.chargingSchedule[0]!;
  let begin = p.chargingProfileKind === 'Relative' ? relativeStart : s.startSchedule !== undefined ? sec(s.startSchedule) : windowStart;
  let span = s.duration ?? Infinity;
  if (p.chargingProfileKind === 'Recurring') {
    const every = p.recurrencyKind === 'Weekly' ? 7 * 86400 : 86400;
    begin = t - ((((t - begin) % every) + every) % every);
    span = Math.min(span, every);
  }
  const offset = t - begin;
  if (offset < 0 || offset >= span) return undefined;
  let found: Value | undefined;
  for (const period of s.chargingSchedulePeriod) {
    if (period.startPeriod <= offset) {
      const phases = period.numberPhases ?? 3;
      found = s.chargingRateUnit === 'A' ? { amps: period.limit, phases } : { watts: period.limit, phases };
    }
  }
  return found;
}

function rankAbove(a: InstalledChargingProfile, b: InstalledChargingProfile, evseId: number): boolean {
  if (a.profile.stackLevel !== b.profile.stackLevel) return a.profile.stackLevel > b.profile.stackLevel;
  const aOn = a.evseId === evseId && evseId !== 0;
  const bOn = b.evseId === evseId && evseId !== 0;
  if (aOn !== bOn) return aOn;
  return a.profile.id > b.profile.id;
}

function lead(entries: InstalledChargingProfile[], evseId: number, t: number, relativeStart: number, windowStart: number): Value | undefined {
  let best: InstalledChargingProfile | undefined;
  let bestValue: Value | undefined;
  for (const entry of entries) {
    const value = profileAt(entry.profile, t, relativeStart, windowStart);
    if (value === undefined) continue;
    if (best === undefined || rankAbove(entry, best, evseId)) {
      best = entry;
      bestValue = value;
    }
  }
  return bestValue;
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function lowest(values: (Value | undefined)[]): Value | undefined {
  let result: Value | undefined;
  for (const v of values) {
    if (v === undefined) continue;
    result = result === undefined ? { ...v } : { amps: lower(result.amps, v.amps), watts: lower(result.watts, v.watts), phases: lower(result.phases, v.phases) };
  }
  return result;
}

interface Station { profiles: InstalledChargingProfile[]; evseIds: number[]; transactions: Record<number, { id: string; start: Date }>; simulate: boolean }

/** The profiles of a purpose installed on any of `evses` (a plain scan, done once per station and EVSE). */
function installed(station: Station, purpose: string, evses: number[]): InstalledChargingProfile[] {
  const found: InstalledChargingProfile[] = [];
  for (const e of station.profiles) if (e.profile.chargingProfilePurpose === purpose && evses.includes(e.evseId)) found.push(e);
  return found;
}

/** Per EVSE: the lowest of its ExternalConstraints and its TxProfile (of its transaction) else TxDefaultProfile. */
function evseOwnAt(station: Station, evseId: number, windowStart: number): (t: number) => Value | undefined {
  const transaction = station.transactions[evseId];
  const relativeStart = transaction === undefined ? windowStart : Math.floor(transaction.start.getTime() / 1000);
  const external = installed(station, 'ChargingStationExternalConstraints', [evseId, 0]);
  const counts = transaction !== undefined || station.simulate;
  const txProfiles = transaction === undefined ? [] : installed(station, 'TxProfile', [evseId]).filter((e) => e.profile.transactionId === transaction.id);
  const txDefaults = installed(station, 'TxDefaultProfile', [evseId, 0]);
  return (t) => {
    let txValue: Value | undefined;
    if (counts) txValue = lead(txProfiles, evseId, t, relativeStart, windowStart) ?? lead(txDefaults, evseId, t, relativeStart, windowStart);
    return lowest([lead(external, evseId, t, relativeStart, windowStart), txValue]);
  };
}

function oracleFor(station: Station, evseId: number, windowStart: number): (t: number) => Value | undefined {
  const max = installed(station, 'ChargingStationMaxProfile', [0]);
  const stationExternal = installed(station, 'ChargingStationExternalConstraints', [0]);
  if (evseId !== 0) {
    const own = evseOwnAt(station, evseId, windowStart);
    return (t) => lowest([own(t), lead(max, 0, t, windowStart, windowStart)]);
  }
  const evses = station.evseIds.map((id) => evseOwnAt(station, id, windowStart));
  return (t) => {
    let sum: Value | undefined;
    if (evses.length > 0) {
      sum = { amps: 0, watts: 0 };
      for (const own of evses) {
        const v = own(t);
        sum.amps! += v?.amps ?? DEFAULTS.limitAmps;
        sum.watts! += v?.watts ?? DEFAULTS.limitWatts;
        if (v?.phases !== undefined && (sum.phases === undefined || v.phases > sum.phases)) sum.phases = v.phases;
      }
    }
    return lowest([sum, lead(max, 0, t, windowStart, windowStart), lead(stationExternal, 0, t, windowStart, windowStart)]);
  };
}

function inUnit(value: Value | undefined, unit: 'A' | 'W'): [number, number | undefined] {
  if (value === undefined) return [unit === 'A' ? DEFAULTS.limitAmps : DEFAULTS.limitWatts, undefined];
  const factor = DEFAULTS.supplyVoltage * (value.phases ?? DEFAULTS.numberPhases);
  const candidates = unit === 'A' ? [value.amps, value.watts === undefined ? undefined : value.watts / factor] : [value.watts, value.amps === undefined ? undefined : value.amps * factor];
  const limit = Math.min(...candidates.filter((x): x is number => x !== undefined));
  return [Math.floor(limit * 10 + 1e-6) / 10, value.phases];
}

function at(schedule: CompositeScheduleType, offset: number): [number, number | undefined] {
  let current = schedule.chargingSchedulePeriod[0]!;
  for (const period of schedule.chargingSchedulePeriod) if (period.startPeriod <= offset) current = period;
  return [current.limit, current.numberPhases];
}

/** mulberry32: a small seeded generator, so every run draws the same stations. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WINDOW_START = sec('2025-06-02T22:00:00Z');
const iso = (s: number) => new Date(s * 1000).toISOString();

function randomStation(seed: number): Station {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const evseIds = [1, 2, 3].slice(0, int(1, 3));
  const transactions: Station['transactions'] = {};
  for (const id of evseIds) if (rnd() < 0.6) transactions[id] = { id: `tx-${id}`, start: new Date((WINDOW_START - int(-1800, 3600)) * 1000) };
  const profiles: InstalledChargingProfile[] = [];
  for (let id = 1; id <= int(1, 9); id++) {
    const purpose = pick(['TxDefaultProfile', 'TxDefaultProfile', 'TxProfile', 'ChargingStationMaxProfile', 'ChargingStationExternalConstraints'] as const);
    const evseId = purpose === 'ChargingStationMaxProfile' ? 0 : purpose === 'TxProfile' ? pick(evseIds) : pick([0, ...evseIds]);
    const kind = purpose === 'ChargingStationMaxProfile' ? pick(['Absolute', 'Recurring'] as const) : pick(['Absolute', 'Recurring', 'Relative'] as const);
    const periods: PeriodTuple[] = [];
    let startPeriod = rnd() < 0.85 ? 0 : int(1, 900);
    for (let i = int(1, 4); i > 0; i--) {
      periods.push([startPeriod, int(6, 40) + (rnd() < 0.3 ? 0.5 : 0), ...(rnd() < 0.7 ? [pick([1, 3])] : [])] as PeriodTuple);
      startPeriod += int(60, 2400);
    }
    const unit = pick(['A', 'A', 'W'] as const);
    if (unit === 'W') for (const period of periods) period[1] = Math.round(period[1] * 690);
    profiles.push({
      evseId,
      profile: profile({
        id,
        stackLevel: int(0, 3),
        purpose,
        kind,
        ...(kind === 'Recurring' ? { recurrency: pick(['Daily', 'Weekly'] as const) } : {}),
        ...(kind !== 'Relative' ? { startSchedule: iso(WINDOW_START + int(-3 * HOUR, 2 * HOUR) - (kind === 'Recurring' ? int(0, 20) * 86400 : 0)) } : {}),
        ...(rnd() < 0.5 ? { duration: int(300, 3 * HOUR) } : {}),
        ...(rnd() < 0.3 ? { validFrom: iso(WINDOW_START + int(-HOUR, 2 * HOUR)) } : {}),
        ...(rnd() < 0.3 ? { validTo: iso(WINDOW_START + int(0, 4 * HOUR)) } : {}),
        ...(purpose === 'TxProfile' ? { transactionId: rnd() < 0.8 ? `tx-${evseId}` : 'tx-other' } : {}),
        unit,
        periods,
      }),
    });
  }
  return { profiles, evseIds, transactions, simulate: rnd() < 0.5 };
}

describe('the sweep agrees with a per-second oracle (K08.FR.04 at every second)', () => {
  const WINDOW = 3 * HOUR;
  for (let seed = 1; seed <= 40; seed++) {
    it(`random station #${seed}`, () => {
      const station = randomStation(seed);
      for (const evseId of [0, ...station.evseIds]) {
        const valueAt = oracleFor(station, evseId, WINDOW_START);
        const oracle: (Value | undefined)[] = [];
        for (let offset = 0; offset < WINDOW; offset++) oracle.push(valueAt(WINDOW_START + offset));
        for (const unit of ['A', 'W'] as const) {
          const schedule = calculateCompositeSchedule({
            profiles: station.profiles,
            evseId,
            evseIds: station.evseIds,
            start: new Date(WINDOW_START * 1000),
            end: new Date((WINDOW_START + WINDOW) * 1000),
            unit,
            transactions: station.transactions,
            simulateTransaction: station.simulate,
          });
          assert.equal(schedule.chargingSchedulePeriod[0]?.startPeriod, 0);
          for (let offset = 0; offset < WINDOW; offset++) {
            const expected = inUnit(oracle[offset], unit);
            const actual = at(schedule, offset);
            if (actual[0] !== expected[0] || actual[1] !== expected[1]) {
              assert.fail(`EVSE ${evseId} in ${unit} at +${offset}s: got ${JSON.stringify(actual)}, oracle ${JSON.stringify(expected)}`);
            }
          }
          const periods = schedule.chargingSchedulePeriod;
          for (let i = 1; i < periods.length; i++) {
            assert.ok(periods[i]!.startPeriod > periods[i - 1]!.startPeriod, 'ascending startPeriod');
            assert.ok(periods[i]!.limit !== periods[i - 1]!.limit || periods[i]!.numberPhases !== periods[i - 1]!.numberPhases, 'merged');
          }
        }
      }
    });
  }
});
