// The limit timeline of what was asked for. One EVSE: the lowest of its ExternalConstraints, its TxProfile over
// TxDefaultProfile, and the ChargingStationMaxProfile (§3.5, K08.FR.04). EVSE 0: per EVSE the lowest of its
// ExternalConstraints and TxProfile over TxDefaultProfile, summed over the EVSEs (K08.FR.03), then the lowest of
// that sum, the ChargingStationMaxProfile (the limit for all EVSEs combined, §3.5) and the ExternalConstraints
// installed on EVSE 0 (a station-wide external limit bounds the total too: K08.FR.04).
import { firstDefined, lowestLimit } from './combine-purposes.js';
import { summingLimits } from './evse-sum.js';
import type { ProfileSelection } from './profile-selection.js';
import { combineTimelines, constantTimeline, type Timeline } from './timeline.js';
import type { CompositeScheduleDefaults, Window } from './types.js';

/** The lowest of an EVSE's ExternalConstraints and its TxProfile over TxDefaultProfile. */
function evseOwnLimits(selection: ProfileSelection, evseId: number, window: Window): Timeline {
  const transactionPurposes = selection.transactionPurposes(evseId);
  const transaction =
    transactionPurposes.length === 0
      ? constantTimeline(window.start, undefined)
      : combineTimelines(transactionPurposes, firstDefined);
  return combineTimelines([selection.externalConstraints(evseId), transaction], lowestLimit);
}

export function evseTimeline(selection: ProfileSelection, evseId: number, window: Window): Timeline {
  return combineTimelines(
    [evseOwnLimits(selection, evseId, window), selection.stationWide('ChargingStationMaxProfile')],
    lowestLimit,
  );
}

export function stationTimeline(
  selection: ProfileSelection,
  evseIds: readonly number[],
  defaults: CompositeScheduleDefaults,
  window: Window,
): Timeline {
  const sum =
    evseIds.length === 0
      ? constantTimeline(window.start, undefined)
      : combineTimelines(
          evseIds.map((evseId) => evseOwnLimits(selection, evseId, window)),
          summingLimits(defaults),
        );
  return combineTimelines(
    [sum, selection.stationWide('ChargingStationMaxProfile'), selection.stationWide('ChargingStationExternalConstraints')],
    lowestLimit,
  );
}
