// The composite schedule calculation (K08) for 1, 10, 100 and 1,000 installed profiles of 24 periods each over
// a 24 h window: a station of 4 EVSEs, profiles spread over every purpose, stack level, kind and EVSE, the whole
// station asked for (EVSE 0, which combines every profile). Prints microseconds per calculation and the cost per
// profile relative to the 1-profile case measured in the same run (the baseline): about 1.0x or lower all the way
// down means the cost grows about linearly with the profiles.
import { calculateCompositeSchedule } from '../src/blocks/smart-charging/composite-schedule/index.js';
import type { CompositeScheduleInput, InstalledChargingProfile } from '../src/blocks/smart-charging/composite-schedule/index.js';
import type { ChargingProfilePurposeEnumType, ChargingProfileType } from '../src/messages/types.js';

const SIZES = [1, 10, 100, 1000];
const EVSE_IDS = [1, 2, 3, 4];
const WINDOW_START = Date.parse('2025-06-02T00:00:00Z');
const HOUR_S = 3600;
const BATCHES = 5;
const BATCH_MS = Number(process.env.BENCH_COMPOSITE_BATCH_MS ?? 300);

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

function installedProfiles(count: number): InstalledChargingProfile[] {
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

function inputFor(count: number): CompositeScheduleInput {
  const transactions: CompositeScheduleInput['transactions'] = {};
  for (const evseId of EVSE_IDS) transactions[evseId] = { id: `tx-${evseId}`, start: new Date(WINDOW_START - evseId * 600_000) };
  return {
    profiles: installedProfiles(count),
    evseId: 0,
    evseIds: EVSE_IDS,
    start: new Date(WINDOW_START),
    end: new Date(WINDOW_START + 24 * HOUR_S * 1000),
    unit: 'A',
    transactions,
    simulateTransaction: true,
  };
}

/** Median over batches of the time per calculation, in microseconds; each batch runs for about BATCH_MS. */
function measure(input: CompositeScheduleInput): { microseconds: number; calculations: number; periods: number } {
  let periods = 0;
  const warmUpEnd = performance.now() + BATCH_MS;
  while (performance.now() < warmUpEnd) periods = calculateCompositeSchedule(input).chargingSchedulePeriod.length;
  const perBatch: number[] = [];
  let calculations = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    let runs = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      calculateCompositeSchedule(input);
      runs++;
      elapsed = performance.now() - started;
    } while (elapsed < BATCH_MS);
    perBatch.push((elapsed * 1000) / runs);
    calculations += runs;
  }
  perBatch.sort((a, b) => a - b);
  return { microseconds: perBatch[Math.floor(BATCHES / 2)]!, calculations, periods };
}

function main(): void {
  console.log(`composite: EVSE 0 of a ${EVSE_IDS.length}-EVSE station, 24 h window, 24 periods per profile, unit A`);
  console.log('baseline: the 1-profile station, measured in this run; "per profile vs baseline" near or below 1.0x = linear');
  let baselinePerProfile = 0;
  for (const size of SIZES) {
    const { microseconds, calculations, periods } = measure(inputFor(size));
    const perProfile = microseconds / size;
    if (size === SIZES[0]) baselinePerProfile = perProfile;
    console.log(
      `${String(size).padStart(5)} profiles  ${microseconds.toFixed(1).padStart(10)} us/calc  ${perProfile.toFixed(2).padStart(8)} us/profile` +
        `  per profile vs baseline ${(perProfile / baselinePerProfile).toFixed(2).padStart(5)}x  (${periods} output periods, ${calculations} calcs)`,
    );
  }
}

main();
