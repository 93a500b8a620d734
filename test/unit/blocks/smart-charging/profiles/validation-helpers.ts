// What the validateChargingProfile tests share: a validation context with a running transaction or not, stored
// profiles, and assertions that name the requirement and the reason code.
import assert from 'node:assert/strict';
import type {
  ProfileVerdict,
  ValidationContext,
} from '../../../../../src/blocks/smart-charging/profiles/validation.js';
import type { ChargingProfileType, ChargingSchedulePeriodType } from '../../../../../src/messages/types.js';
import type { StoredChargingProfile } from '../../../../../src/storage/charging-profile-store.js';
import { FakeTransactions, LIMITS, START, SUPPLY_PHASES, txDefault } from './support.js';

export function context(overrides: Partial<ValidationContext> & { running?: Record<number, string> } = {}): ValidationContext {
  const transactions = new FakeTransactions();
  for (const [evseId, id] of Object.entries(overrides.running ?? {})) transactions.start(Number(evseId), id);
  const { running: _running, ...rest } = overrides;
  return {
    now: new Date(START),
    evseIds: [1, 2, 3],
    supplyPhases: (evseId) => SUPPLY_PHASES[evseId],
    installed: [],
    transactions,
    limits: LIMITS,
    ...rest,
  };
}

export function stored(evseId: number, profile: ChargingProfileType, installedAt = '2026-03-01T11:00:00.000Z'): StoredChargingProfile {
  return { evseId, source: 'CSO', installedAt, profile };
}

export function assertValid(verdict: ProfileVerdict): void {
  assert.equal(verdict.valid, true, verdict.valid ? '' : `${verdict.requirement} ${verdict.reasonCode}: ${verdict.additionalInfo}`);
}

export function assertRejected(verdict: ProfileVerdict, requirement: string, reasonCode: string): void {
  assert.equal(verdict.valid, false, `expected a rejection by ${requirement}`);
  if (verdict.valid) return;
  assert.deepEqual({ requirement: verdict.requirement, reasonCode: verdict.reasonCode }, { requirement, reasonCode }, verdict.additionalInfo);
  assert.ok(verdict.additionalInfo.length > 0);
}

/** A TxDefaultProfile on EVSE 3 (single-phase AC) whose one period has these phase fields. */
export function withPeriod(period: Partial<ChargingSchedulePeriodType>, base: ChargingProfileType = txDefault(5)): ChargingProfileType {
  const schedule = base.chargingSchedule[0]!;
  return { ...base, chargingSchedule: [{ ...schedule, chargingSchedulePeriod: [{ startPeriod: 0, limit: 16, ...period }] }] };
}

export function periods(count: number): ChargingSchedulePeriodType[] {
  return Array.from({ length: count }, (_, index) => ({ startPeriod: index * 60, limit: 16 }));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
