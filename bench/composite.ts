// The composite schedule calculation (K08) for 10, 100 and 1,000 installed profiles of 24 periods each over a
// 24 h window: a station of 4 EVSEs, profiles spread over every purpose, stack level, kind and EVSE, the whole
// station asked for (EVSE 0, which combines every profile); and a stacked case whose profiles start a few
// minutes apart, so that the result has hundreds of output periods. Growth is judged against the case with 10x
// fewer profiles, measured alternately with it over rounds in the same run (the baseline): the time ratio for
// 10x more profiles is printed as median (min-max) beside what linear (10x) and n log n would give.
import { calculateCompositeSchedule } from '../src/blocks/smart-charging/composite-schedule/index.js';
import type { CompositeScheduleInput, InstalledChargingProfile } from '../src/blocks/smart-charging/composite-schedule/index.js';
import type { ChargingProfilePurposeEnumType, ChargingProfileType } from '../src/messages/types.js';
import { alternate, formatSpread, spreadOf } from './bench-support.js';

const SIZES = [10, 100, 1000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EVSE_IDS = [1, 2, 3, 4];
const WINDOW_START = Date.parse('2025-06-02T00:00:00Z');
const HOUR_S = 3600;
const BATCH_MS = Number(process.env.BENCH_COMPOSITE_BATCH_MS ?? 200);

/** A seeded generator, so every run measures the same stations. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The stacked case: station-wide TxDefaultProfiles, each one stack level above the last, starting 3.5 minutes
 * after it and lasting 5 minutes with two periods: the top profile changes every few minutes all day, so the
 * composite has hundreds of periods.
 */
function stackedProfiles(count: number): InstalledChargingProfile[] {
  const rnd = random(count + 7);
  return Array.from({ length: count }, (_, i) => ({
    evseId: 0,
    profile: {
      id: i + 1,
      stackLevel: i,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: [
        {
          id: 1,
          chargingRateUnit: 'A',
          startSchedule: new Date(WINDOW_START + i * 210_000).toISOString(),
          duration: 300,
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: 6 + Math.floor(rnd() * 58) },
            { startPeriod: 120, limit: 6 + Math.floor(rnd() * 58) },
          ],
        },
      ],
    },
  }));
}

function installedProfiles(count: number, stacked: boolean): InstalledChargingProfile[] {
  if (stacked) return stackedProfiles(count);
  const rnd = random(count);
  const nextStackLevel = new Map<string, number>();
  const profiles: InstalledChargingProfile[] = [];
  for (let i = 0; i < count; i++) {
    // The first is a station-wide TxDefaultProfile, so that even the 1-profile station computes something.
    const purpose: ChargingProfilePurposeEnumType =
      i === 0 ? 'TxDefaultProfile' : (['TxDefaultProfile', 'TxProfile', 'ChargingStationExternalConstraints', 'ChargingStationMaxProfile'] as const)[i % 4]!;
    const evseId = purpose === 'ChargingStationMaxProfile' || i === 0 ? 0 : purpose === 'TxProfile' ? EVSE_IDS[i % 4]! : i % 5;
    const kind = purpose === 'ChargingStationMaxProfile' ? (i % 2 === 0 ? 'Absolute' : 'Recurring') : (['Absolute', 'Recurring', 'Relative'] as const)[i % 3]!;
    const group = `${purpose}/${evseId}`;
    const stackLevel = nextStackLevel.get(group) ?? 0;
    nextStackLevel.set(group, stackLevel + 1);
    const unit = i % 3 === 0 ? 'W' : 'A';
    const profile: ChargingProfileType = {
      id: i + 1,
      stackLevel,
      chargingProfilePurpose: purpose,
      chargingProfileKind: kind,
      chargingSchedule: [
        {
          id: 1,
          chargingRateUnit: unit,
          duration: 24 * HOUR_S,
          chargingSchedulePeriod: Array.from({ length: 24 }, (_, p) => ({
            startPeriod: p * HOUR_S,
            limit: (6 + Math.floor(rnd() * 58)) * (unit === 'W' ? 690 : 1),
            numberPhases: rnd() < 0.2 ? 1 : 3,
          })),
        },
      ],
    };
    const schedule = profile.chargingSchedule[0]!;
    if (kind !== 'Relative') schedule.startSchedule = new Date(WINDOW_START - Math.floor(rnd() * 12 * HOUR_S) * 1000).toISOString();
    if (kind === 'Recurring') profile.recurrencyKind = 'Daily';
    if (purpose === 'TxProfile') profile.transactionId = `tx-${evseId}`;
    profiles.push({ evseId, profile });
  }
  return profiles;
}

function inputFor(count: number, stacked = false): CompositeScheduleInput {
  const transactions: CompositeScheduleInput['transactions'] = {};
  for (const evseId of EVSE_IDS) transactions[evseId] = { id: `tx-${evseId}`, start: new Date(WINDOW_START - evseId * 600_000) };
  return {
    profiles: installedProfiles(count, stacked),
    evseId: 0,
    evseIds: EVSE_IDS,
    start: new Date(WINDOW_START),
    end: new Date(WINDOW_START + 24 * HOUR_S * 1000),
    unit: 'A',
    transactions,
    simulateTransaction: true,
  };
}

/** Microseconds per calculation over one batch of about BATCH_MS, and the output's period count. */
function measure(input: CompositeScheduleInput): { microseconds: number; periods: number } {
  let runs = 0;
  let periods = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    periods = calculateCompositeSchedule(input).chargingSchedulePeriod.length;
    runs++;
    elapsed = performance.now() - started;
  } while (elapsed < BATCH_MS);
  return { microseconds: (elapsed * 1000) / runs, periods };
}

async function main(): Promise<void> {
  console.log(`composite: EVSE 0 of a ${EVSE_IDS.length}-EVSE station, 24 h window, 24 periods per profile, unit A, ${ROUNDS} alternated rounds`);
  console.log('growth = time for n profiles / time for n/10 (the baseline), median (min-max); linear = 10x, n log n shown beside');
  const cases = [
    ...SIZES.slice(1).map((size) => ({ label: `${size} profiles`, size, stacked: false })),
    { label: '400 stacked profiles', size: 400, stacked: true },
  ];
  for (const { label, size, stacked } of cases) {
    const large = inputFor(size, stacked);
    const small = inputFor(size / 10, stacked);
    measure(large);
    measure(small);
    let periods = 0;
    let smallPeriods = 0;
    const times = await alternate(
      ROUNDS,
      () => {
        const result = measure(large);
        periods = result.periods;
        return result.microseconds;
      },
      () => {
        const result = measure(small);
        smallPeriods = result.periods;
        return result.microseconds;
      },
    );
    const growth = spreadOf(times.ours.map((us, i) => us / times.baseline[i]!));
    const nLogN = (10 * Math.log(size)) / Math.log(size / 10);
    console.log(
      `${label.padEnd(22)} ${formatSpread(spreadOf(times.ours), 1).padStart(26)} us/calc (${periods} output periods)   ` +
        `baseline ${size / 10}: ${formatSpread(spreadOf(times.baseline), 1)} us (${smallPeriods} periods)   ` +
        `growth ${formatSpread(growth, 1)}x  (linear 10.0x, n log n ${nLogN.toFixed(1)}x)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
