// A step function over the window: the value in force from each change point until the next one. Purposes, EVSEs
// and the station are all combined as timelines, walking their change points together.
import { sameLimit, type Limit, type Seconds } from './types.js';

/** A change point: `value` is in force from `at` until the next piece's `at` (or the window's end). */
export interface Piece {
  at: Seconds;
  value: Limit | undefined;
}

/** Pieces in time order; the first starts at the window start; no two neighbours have the same value. */
export type Timeline = Piece[];

/** A timeline that is `value` over the whole window. */
export function constantTimeline(start: Seconds, value: Limit | undefined): Timeline {
  return [{ at: start, value }];
}

/** Appends a piece (`at` after every piece so far), or drops it when it changes nothing. */
export function appendPiece(timeline: Timeline, at: Seconds, value: Limit | undefined): void {
  const last = timeline[timeline.length - 1];
  if (last !== undefined && sameLimit(last.value, value)) return;
  timeline.push({ at, value });
}

/**
 * Walks the change points of every timeline together and combines the values in force at each: the result
 * changes only where one of its inputs does. Cost: (change points) x (timelines).
 */
export function combineTimelines(
  timelines: readonly Timeline[],
  combine: (values: readonly (Limit | undefined)[]) => Limit | undefined,
): Timeline {
  const first = timelines[0];
  if (first === undefined) throw new Error('combineTimelines needs at least one timeline');
  const cursors = timelines.map(() => 0);
  const values = timelines.map((timeline) => timeline[0]?.value);
  const result: Timeline = [];
  let at = first[0]?.at ?? 0;
  for (;;) {
    appendPiece(result, at, combine(values));
    let next = Infinity;
    for (let i = 0; i < timelines.length; i++) {
      const upcoming = timelines[i]![cursors[i]! + 1];
      if (upcoming !== undefined && upcoming.at < next) next = upcoming.at;
    }
    if (next === Infinity) return result;
    for (let i = 0; i < timelines.length; i++) {
      const upcoming = timelines[i]![cursors[i]! + 1];
      if (upcoming !== undefined && upcoming.at === next) {
        cursors[i] = cursors[i]! + 1;
        values[i] = upcoming.value;
      }
    }
    at = next;
  }
}
