// EVSE 0 is the whole grid connection (K08.FR.03): the limits of the EVSEs are added up, amps with amps and watts
// with watts. An EVSE without a limit on a track adds the default of that track (it may draw that much); the sum
// names the highest numberPhases of the EVSEs (facts §8).
import { withTracks } from './combine-purposes.js';
import type { CompositeScheduleDefaults, Limit } from './types.js';

/** A combiner summing the EVSEs' limits at one instant; undefined only for a station without EVSEs. */
export function summingLimits(
  defaults: CompositeScheduleDefaults,
): (values: readonly (Limit | undefined)[]) => Limit | undefined {
  return (values) => {
    if (values.length === 0) return undefined;
    let amps = 0;
    let watts = 0;
    let phases: number | undefined;
    for (const value of values) {
      amps += value?.amps ?? defaults.limitAmps;
      watts += value?.watts ?? defaults.limitWatts;
      const evsePhases = value?.phases;
      if (evsePhases !== undefined && (phases === undefined || evsePhases > phases)) phases = evsePhases;
    }
    return withTracks(amps, watts, phases);
  };
}
