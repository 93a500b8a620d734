// The messages in the queue, oldest first. Removing one only marks it: the array is read from `head` on, and
// now and then the removed entries at the front are dropped, so removal stays O(1) however long the queue.
import type { Action } from '../messages/types.js';
import type { CallSite } from '../rpc/call-site.js';

export interface QueueEntry {
  readonly action: Action;
  readonly payload: unknown;
  /** The store's seq for a persisted message. */
  readonly storeSeq?: number;
  readonly requestedByCsms: boolean;
  /** Restored from the store after a restart: nobody awaits it. */
  readonly restored: boolean;
  /** Where the caller queued it, for the stack of a timeout (none for a restored message). */
  readonly callSite?: CallSite;
  failedAttempts: number;
  /** Clock time (ms) before which a failed transactional message is not sent again. */
  notBeforeMs: number;
  removed: boolean;
  resolve?: (response: unknown) => void;
  reject?: (error: Error) => void;
}

/** Entries removed from the front are compacted away once this many have piled up. */
const COMPACT_AFTER = 1024;

export class QueueEntries {
  private entries: QueueEntry[] = [];
  /** Index of the first entry that may still be live: everything before it is removed. */
  private head = 0;
  private liveCount = 0;

  /** Entries not removed. */
  get size(): number {
    return this.liveCount;
  }

  append(entry: QueueEntry): void {
    this.entries.push(entry);
    this.liveCount++;
  }

  /** Marks the entry removed; false if it already was. */
  remove(entry: QueueEntry): boolean {
    if (entry.removed) return false;
    entry.removed = true;
    this.liveCount--;
    return true;
  }

  /** Marks every entry removed, after showing each to `visit`. */
  removeAll(visit: (entry: QueueEntry) => void): void {
    this.forEachLive((entry) => {
      entry.removed = true;
      visit(entry);
    });
    this.liveCount = 0;
  }

  forEachLive(visit: (entry: QueueEntry) => void): void {
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (!entry.removed) visit(entry);
    }
  }

  /** The oldest live entry for which `pick` returns true. */
  find(pick: (entry: QueueEntry) => boolean): QueueEntry | undefined {
    this.compact();
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (!entry.removed && pick(entry)) return entry;
    }
    return undefined;
  }

  /** Skips removed entries at the front and, now and then, drops them from the array. */
  private compact(): void {
    while (this.head < this.entries.length && this.entries[this.head]!.removed) this.head++;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
