// The storage port of the outgoing queue: where transaction-related messages wait until the CSMS has
// answered them. Calls are synchronous on purpose: when `append` returns, the message is stored, so the
// queue can promise "queued" without an await in between in which a crash could lose it.
import type { Action } from '../messages/types.js';

/** One message waiting in the store, in the order it was queued. */
export interface StoredMessage {
  /** Position in the queue: strictly increasing, never reused within one store. */
  readonly seq: number;
  readonly action: Action;
  /** The request payload exactly as it goes on the wire (JSON-serializable). */
  readonly payload: unknown;
  /** How many times it has been sent and failed (timeout or CALLERROR); survives restarts. */
  readonly failedAttempts: number;
  /** When it was queued (ISO 8601, from the station clock). */
  readonly queuedAt: string;
}

export interface QueueStore {
  /** Stores a message at the end of the queue and returns it with its seq. */
  append(action: Action, payload: unknown, queuedAt: string): StoredMessage;
  /** Every stored message, oldest first. */
  loadAll(): StoredMessage[];
  /** Sets the count of failed attempts of a stored message. Unknown seqs are ignored. */
  recordFailedAttempt(seq: number, failedAttempts: number): void;
  /** Deletes a message: answered by the CSMS, dropped by the size threshold, or given up after its last attempt. Unknown seqs are ignored. */
  remove(seq: number): void;
  /** Number of stored messages. */
  count(): number;
}
