// Within one purpose, at each instant the valid profile with the highest stack level that has a period covering
// the instant leads (K01.FR.17, specification K §3.4 / §3.5). A sweep over the sorted change points with the
// profiles in force kept in a heap: n log n in the number of periods, never a per-second loop.
import { MaxHeap } from './max-heap.js';
import { appendPiece, type Timeline } from './timeline.js';
import type { Limit, Seconds, Segment, Window } from './types.js';

/** One profile competing for the lead of its purpose, with the stretches in which it has a period in force. */
export interface Contender {
  stackLevel: number;
  /** Installed on the EVSE itself rather than on EVSE 0. */
  onEvse: boolean;
  profileId: number;
  segments: readonly Segment[];
}

interface Entry {
  from: Seconds;
  to: Seconds;
  limit: Limit;
  contender: Contender;
}

/**
 * Equal stack levels within a purpose are refused at installation (K01.FR.06, .39, .52, .53); should they meet
 * anyway the result stays deterministic: the profile on the EVSE itself, then the higher profile id, leads.
 */
function ranksAbove(a: Entry, b: Entry): boolean {
  const x = a.contender;
  const y = b.contender;
  if (x.stackLevel !== y.stackLevel) return x.stackLevel > y.stackLevel;
  if (x.onEvse !== y.onEvse) return x.onEvse;
  return x.profileId > y.profileId;
}

/** The leading period's limit at each instant of the window (undefined where no contender has a period). */
export function leadingTimeline(contenders: readonly Contender[], window: Window): Timeline {
  const entries: Entry[] = [];
  for (const contender of contenders) {
    for (const segment of contender.segments) {
      entries.push({ from: segment.from, to: segment.to, limit: segment.limit, contender });
    }
  }
  entries.sort((a, b) => a.from - b.from);

  const inForce = new MaxHeap<Entry>(ranksAbove);
  const timeline: Timeline = [];
  let next = 0;
  let at = window.start;
  for (;;) {
    while (next < entries.length && entries[next]!.from <= at) inForce.push(entries[next++]!);
    while (inForce.size > 0 && inForce.peek()!.to <= at) inForce.pop();
    const leader = inForce.peek();
    appendPiece(timeline, at, leader?.limit);
    // The lead can change only where a period starts or where the leader's period ends; periods of lower
    // contenders that ended meanwhile are dropped when they reach the top.
    const nextStart = next < entries.length ? entries[next]!.from : Infinity;
    const change = Math.min(nextStart, leader === undefined ? Infinity : leader.to);
    if (change >= window.end) return timeline;
    at = change;
  }
}
