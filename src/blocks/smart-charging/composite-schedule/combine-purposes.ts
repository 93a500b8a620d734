// How the leading limits of the different purposes combine at one instant (specification K §3.5, SC.01,
// K08.FR.04): the TxProfile overrules the TxDefaultProfile wherever it has a period; otherwise the lowest limit
// of the purposes wins. Amps and watts stay on separate tracks (each the lowest of its own); numberPhases is the
// lowest any of them names (errata 2025-09, "Avoiding Phase Conflicts").
import type { Limit } from './types.js';

/** TxProfile over TxDefaultProfile: the first of the values that is defined (callers pass the TxProfile first). */
export function firstDefined(values: readonly (Limit | undefined)[]): Limit | undefined {
  for (const value of values) if (value !== undefined) return value;
  return undefined;
}

/** The lowest limit per track and the lowest numberPhases; undefined when no value is defined. */
export function lowestLimit(values: readonly (Limit | undefined)[]): Limit | undefined {
  let amps: number | undefined;
  let watts: number | undefined;
  let phases: number | undefined;
  let any = false;
  for (const value of values) {
    if (value === undefined) continue;
    any = true;
    amps = lower(amps, value.amps);
    watts = lower(watts, value.watts);
    phases = lower(phases, value.phases);
  }
  return any ? withTracks(amps, watts, phases) : undefined;
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b < a ? b : a;
}

/** A Limit without the keys whose value is undefined (so that equal limits compare equal). */
export function withTracks(amps: number | undefined, watts: number | undefined, phases: number | undefined): Limit {
  const limit: Limit = {};
  if (amps !== undefined) limit.amps = amps;
  if (watts !== undefined) limit.watts = watts;
  if (phases !== undefined) limit.phases = phases;
  return limit;
}
