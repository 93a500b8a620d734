// The outgoing queue held in memory, for tests and for stations that need no persistence. It keeps each
// payload as JSON text, like the SQLite store, so both behave alike: what loadAll returns is a fresh copy
// of what was stored, and values JSON cannot hold are dropped or refused in the same way.
import type { Action } from '../../messages/types.js';
import type { QueueStore, StoredMessage } from '../../queue/queue-store.js';

interface Entry {
  readonly action: Action;
  readonly payloadJson: string;
  failedAttempts: number;
  readonly queuedAt: string;
}

function payloadToJson(payload: unknown): string {
  const text: string | undefined = JSON.stringify(payload);
  if (text === undefined) throw new TypeError(`a queued payload must be JSON-serializable, got ${typeof payload}`);
  return text;
}

export class MemoryQueueStore implements QueueStore {
  /** Keyed by seq; a Map iterates in insertion order, which is seq order since seqs only grow. */
  private readonly entries = new Map<number, Entry>();
  private lastSeq = 0;

  append(action: Action, payload: unknown, queuedAt: string): StoredMessage {
    const payloadJson = payloadToJson(payload);
    const seq = ++this.lastSeq;
    this.entries.set(seq, { action, payloadJson, failedAttempts: 0, queuedAt });
    return { seq, action, payload, failedAttempts: 0, queuedAt };
  }

  loadAll(): StoredMessage[] {
    return Array.from(this.entries, ([seq, entry]) => ({
      seq,
      action: entry.action,
      payload: JSON.parse(entry.payloadJson) as unknown,
      failedAttempts: entry.failedAttempts,
      queuedAt: entry.queuedAt,
    }));
  }

  recordFailedAttempt(seq: number, failedAttempts: number): void {
    const entry = this.entries.get(seq);
    if (entry) entry.failedAttempts = failedAttempts;
  }

  remove(seq: number): void {
    this.entries.delete(seq);
  }

  count(): number {
    return this.entries.size;
  }
}
