// The calculation's input, checked and normalised before anything is computed: bad input is a RangeError that
// says what is wrong, never a schedule silently computed from NaN.
import { floorDate } from './time.js';
import {
  COMPOSITE_SCHEDULE_DEFAULTS,
  type CompositeScheduleDefaults,
  type CompositeScheduleInput,
  type Seconds,
  type Window,
} from './types.js';

export interface CheckedInput {
  /** [floor(start), floor(end)); never empty (a zero-length window still reports the limit at its start). */
  window: Window;
  /** floor(end) - floor(start). */
  duration: number;
  defaults: CompositeScheduleDefaults;
  /** Start (floored) and id of the open transaction per EVSE id. */
  transactions: Map<number, { id: string; start: Seconds }>;
  evseIds: number[];
}

export function checkInput(input: CompositeScheduleInput): CheckedInput {
  const start = floorDate(input.start, 'start');
  const end = floorDate(input.end, 'end');
  if (input.end.getTime() < input.start.getTime()) {
    throw new RangeError(`end (${input.end.toISOString()}) is before start (${input.start.toISOString()})`);
  }
  if (input.unit !== 'A' && input.unit !== 'W') {
    throw new RangeError(`unit must be 'A' or 'W', not ${JSON.stringify(input.unit)}`);
  }

  const evseIds = checkEvseIds(input.evseIds);
  if (!Number.isInteger(input.evseId) || input.evseId < 0) {
    throw new RangeError(`evseId must be a whole number >= 0, not ${String(input.evseId)}`);
  }
  if (input.evseId !== 0 && !evseIds.includes(input.evseId)) {
    throw new RangeError(`unknown evseId ${input.evseId}: the station has EVSEs ${JSON.stringify(evseIds)}`);
  }

  const transactions = new Map<number, { id: string; start: Seconds }>();
  for (const [key, transaction] of Object.entries(input.transactions ?? {})) {
    const evseId = Number(key);
    const transactionStart = floorDate(transaction.start, `start of the transaction on EVSE ${key}`);
    transactions.set(evseId, { id: transaction.id, start: transactionStart });
  }

  return {
    window: { start, end: Math.max(end, start + 1) },
    duration: end - start,
    defaults: checkDefaults(input.defaults ?? COMPOSITE_SCHEDULE_DEFAULTS),
    transactions,
    evseIds,
  };
}

function checkEvseIds(evseIds: readonly number[]): number[] {
  if (!Array.isArray(evseIds)) throw new RangeError('evseIds must be an array of EVSE ids');
  for (const id of evseIds) {
    if (!Number.isInteger(id) || id <= 0) {
      throw new RangeError(
        `evseIds lists the station's EVSEs, each a whole number > 0 (EVSE 0 is the station itself), not ${String(id)}`,
      );
    }
  }
  return [...new Set(evseIds)];
}

function checkDefaults(defaults: CompositeScheduleDefaults): CompositeScheduleDefaults {
  const { limitAmps, limitWatts, numberPhases, supplyVoltage } = defaults;
  if (!Number.isFinite(limitAmps) || limitAmps < 0) {
    throw new RangeError(`defaults.limitAmps must be >= 0, not ${String(limitAmps)}`);
  }
  if (!Number.isFinite(limitWatts) || limitWatts < 0) {
    throw new RangeError(`defaults.limitWatts must be >= 0, not ${String(limitWatts)}`);
  }
  if (!Number.isInteger(numberPhases) || numberPhases < 1 || numberPhases > 3) {
    throw new RangeError(`defaults.numberPhases must be 1, 2 or 3, not ${String(numberPhases)}`);
  }
  if (!Number.isFinite(supplyVoltage) || supplyVoltage <= 0) {
    throw new RangeError(`defaults.supplyVoltage must be > 0, not ${String(supplyVoltage)}`);
  }
  return defaults;
}
