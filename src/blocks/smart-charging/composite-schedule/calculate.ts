// calculateCompositeSchedule: the composite schedule of one EVSE or of the whole station over a window, from the
// installed profiles (K08, specification K §3 and §4, facts §8). Pure: no clock, no I/O, same input same output.
import type { CompositeScheduleType } from '../../../messages/types.js';
import { evseTimeline, stationTimeline } from './composition.js';
import { checkInput } from './input-checks.js';
import { ProfileSelection } from './profile-selection.js';
import { toCompositeSchedule } from './schedule-output.js';
import type { CompositeScheduleInput } from './types.js';

/**
 * The composite schedule (wire format) for `input.evseId` over [floor(start), floor(end)).
 * Throws a RangeError for an end before the start, an invalid date, an unknown EVSE or a bad default.
 */
export function calculateCompositeSchedule(input: CompositeScheduleInput): CompositeScheduleType {
  const checked = checkInput(input);
  const selection = new ProfileSelection(input.profiles, checked, input.simulateTransaction === true);
  const timeline =
    input.evseId === 0
      ? stationTimeline(selection, checked.evseIds, checked.defaults, checked.window)
      : evseTimeline(selection, input.evseId, checked.window);
  return toCompositeSchedule(timeline, {
    evseId: input.evseId,
    unit: input.unit,
    window: checked.window,
    duration: checked.duration,
    defaults: checked.defaults,
  });
}
