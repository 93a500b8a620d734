// The outgoing queue: every CALL the station makes goes through here, one at a time. Transaction-related
// messages are written to the store when queued and removed only once the CSMS has answered them, so a
// crash loses none; they keep their order and are retried per E13. Other messages live in memory and wait
// while offline only when QueueAllMessages says so. The rules themselves are in queue-policy.ts.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Action, Request, Response } from '../messages/types.js';
import { captureCallSite, type CallSite } from '../rpc/call-site.js';
import { ConnectionLostError } from '../rpc/errors.js';
import { assertValidOutgoing } from '../rpc/schema-validator.js';
import type { QueueStore } from './queue-store.js';
import { MessageDroppedError, asDropped } from './message-dropped-error.js';
import { QueueEntries, type QueueEntry } from './queue-entries.js';
import {
  attemptsExhausted,
  isTransactional,
  mayWaitWhileOffline,
  maySendInRegistrationState,
  hasRoomForPromises,
  retryWaitSeconds,
  selectDropsOverThreshold,
  type RegistrationStatus,
} from './queue-policy.js';
import type { QueueSettings } from './queue-settings.js';
import type { TransactionalOutcome } from './transactional-outcome.js';
import { WakeTimer } from './wake-timer.js';

export { MessageDroppedError } from './message-dropped-error.js';
export type { DropReason } from './message-dropped-error.js';
export type { QueueSettings } from './queue-settings.js';
export type { TransactionalOutcome } from './transactional-outcome.js';
export type { RegistrationStatus };

export interface EnqueueOptions {
  /**
   * The CSMS asked for this message (through TriggerMessage, GetBaseReport or GetReport), so it may go out
   * while registration is Pending (B02.FR.02).
   */
  requestedByCsms?: boolean;
}

export interface MessageQueueOptions {
  store: QueueStore;
  /** The station's time, for the timestamps of stored messages. */
  clock: Clock;
  /**
   * What the queue's waits (resume delay, retry back-off) are measured on: a clock that does not jump when the
   * station's time is set from the CSMS, or a time set back an hour would hold every message for an hour.
   * `clock` by default.
   */
  waitClock?: Clock;
  logger: Logger;
  /** Read on every use, so a changed setting applies at once. */
  settings: () => QueueSettings;
  /**
   * Sends one CALL and settles with its answer (the RPC endpoint). `alreadyValidated` says the payload passed
   * its schema when it was queued in this process (restored ones are checked again); `callSite` is where the
   * caller queued it (none for a restored message), for the stack of a timeout.
   */
  send: (action: Action, payload: unknown, alreadyValidated: boolean, callSite?: CallSite) => Promise<unknown>;
}

export class MessageQueue {
  private readonly entries = new QueueEntries();
  private inFlight: QueueEntry | undefined;
  private online = false;
  private registration: RegistrationStatus = 'Unknown';
  private resumeAtMs = 0;
  private readonly wakeTimer: WakeTimer;
  private closed = false;
  private pumpScheduled = false;
  private readonly outcomeListeners = new Set<(outcome: TransactionalOutcome) => void>();

  constructor(private readonly options: MessageQueueOptions) {
    this.wakeTimer = new WakeTimer(options.waitClock ?? options.clock, () => this.pump());
    for (const stored of options.store.loadAll()) {
      this.entries.append({
        action: stored.action,
        payload: stored.payload,
        storeSeq: stored.seq,
        requestedByCsms: false,
        restored: true,
        failedAttempts: stored.failedAttempts,
        notBeforeMs: 0,
        removed: false,
      });
    }
    if (this.entries.size > 0) options.logger.info({ restored: this.entries.size }, 'restored queued transaction-related messages');
  }

  /**
   * Queues a CALL and resolves with the CSMS's answer. A payload that breaks its schema throws here and is
   * never queued. Rejects with MessageDroppedError when the message is dropped (offline, queue full, attempts
   * used up), or with the OcppError / RpcTimeoutError / ConnectionLostError of a failed normal message; the
   * stack of an RpcTimeoutError shows the caller of enqueue.
   */
  enqueue<A extends Action>(action: A, payload: Request<A>, options: EnqueueOptions = {}): Promise<Response<A>> {
    if (this.closed) throw new Error('the message queue is closed');
    assertValidOutgoing(action, 'Request', payload);
    const settings = this.options.settings();
    if (!this.online && !mayWaitWhileOffline(action, settings)) {
      return Promise.reject(new MessageDroppedError(action, 'offline', 'the station is offline and does not queue it'));
    }
    const callSite = captureCallSite(this.enqueue);
    const transactional = isTransactional(action);
    // E12: a TransactionEvent that happens while the station is offline says so.
    const wirePayload =
      transactional && action === 'TransactionEvent' && !this.online ? { ...(payload as object), offline: true } : payload;
    return new Promise<unknown>((resolve, reject) => {
      const storeSeq = transactional
        ? this.options.store.append(action, wirePayload, this.options.clock.now().toISOString()).seq
        : undefined;
      this.entries.append({
        action,
        payload: wirePayload,
        storeSeq,
        requestedByCsms: options.requestedByCsms ?? false,
        restored: false,
        callSite,
        failedAttempts: 0,
        notBeforeMs: 0,
        removed: false,
        resolve,
        reject,
      });
      this.enforceThreshold(settings.messageQueueSizeThreshold);
      this.pumpAfterThisTurn();
    }) as Promise<Response<A>>;
  }

  /** Messages waiting or in flight. */
  get size(): number {
    return this.entries.size;
  }

  /** Under its size threshold: a message promised to the CSMS now will not have to wait over it. */
  get hasRoomForPromises(): boolean {
    return hasRoomForPromises(this.entries.size, this.options.settings().messageQueueSizeThreshold);
  }

  /**
   * TransactionEvents not yet answered by the CSMS (waiting or in flight), of one transaction or of all
   * (E14.FR.04/05/07/08).
   */
  pendingTransactionEvents(transactionId?: string): number {
    let count = 0;
    this.entries.forEachLive((entry) => {
      if (entry.action !== 'TransactionEvent') return;
      const id = (entry.payload as { transactionInfo?: { transactionId?: string } }).transactionInfo?.transactionId;
      if (transactionId === undefined || id === transactionId) count++;
    });
    return count;
  }

  onTransactionalOutcome(listener: (outcome: TransactionalOutcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  /** The connection came up or went down. Coming up starts the resume delay; going down drops what may not wait. */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (online) {
      this.resumeAtMs = this.nowMs() + this.options.settings().messageQueueResumeDelaySeconds * 1000;
      this.pump();
      return;
    }
    const settings = this.options.settings();
    this.entries.forEachLive((entry) => {
      if (entry !== this.inFlight && !mayWaitWhileOffline(entry.action, settings)) {
        this.finish(entry, new MessageDroppedError(entry.action, 'offline', 'the connection was lost and it is not queued offline'));
      }
    });
  }

  setRegistrationStatus(status: RegistrationStatus): void {
    this.registration = status;
    this.pump();
  }

  /** Stops sending. Persisted messages stay in the store for the next start; waiting callers are told. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeTimer.clear();
    this.entries.removeAll((entry) => {
      const detail =
        entry.storeSeq === undefined
          ? 'the link was closed before it was answered'
          : 'the link was closed before it was answered; it stays stored and goes out after the next start';
      entry.reject?.(new MessageDroppedError(entry.action, 'closed', detail));
    });
    this.inFlight = undefined;
  }

  /**
   * A message queued now goes out at the earliest after the caller's synchronous turn: a caller that queues it
   * inside an SQLite transaction (a TransactionEvent with its transaction's next seqNo) has committed by then,
   * so no frame reaches the socket before what it promises is stored (a SIGKILL in between would otherwise
   * leave the CSMS with an event the station forgot, or a seqNo it uses again).
   */
  private pumpAfterThisTurn(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Sends the next eligible message if nothing is in flight. */
  private pump(): void {
    if (this.closed || !this.online || this.inFlight) return;
    const now = this.nowMs();
    if (now < this.resumeAtMs) {
      this.wakeTimer.wakeAt(this.resumeAtMs);
      return;
    }
    const next = this.nextEligible(now);
    if (next.entry) this.transmit(next.entry);
    else if (next.retryAtMs !== undefined) this.wakeTimer.wakeAt(next.retryAtMs);
  }

  /**
   * The oldest message allowed out now. Transaction-related messages keep strict order among themselves: only
   * the oldest may go, and while it waits to be retried the others wait too; normal messages may pass it.
   */
  private nextEligible(now: number): { entry?: QueueEntry; retryAtMs?: number } {
    let transactionalSeen = false;
    let retryAtMs: number | undefined;
    const entry = this.entries.find((candidate) => {
      const transactional = candidate.storeSeq !== undefined;
      if (transactional) {
        if (transactionalSeen) return false;
        transactionalSeen = true;
      }
      if (!maySendInRegistrationState(this.registration, candidate.action, candidate.requestedByCsms)) return false;
      if (transactional && candidate.notBeforeMs > now) {
        retryAtMs = candidate.notBeforeMs;
        return false;
      }
      return true;
    });
    return entry ? { entry } : { retryAtMs };
  }

  private transmit(entry: QueueEntry): void {
    this.inFlight = entry;
    let answer: Promise<unknown>;
    try {
      answer = this.options.send(entry.action, entry.payload, !entry.restored, entry.callSite);
    } catch (error) {
      // Invalid or too large to ever go out: retrying cannot help.
      this.inFlight = undefined;
      this.options.logger.error({ err: error, action: entry.action }, 'dropped a message that cannot be sent');
      this.finish(entry, new MessageDroppedError(entry.action, 'unsendable', 'it cannot be sent', { cause: error }));
      this.pump();
      return;
    }
    answer.then(
      (response) => this.answered(entry, response),
      (error: unknown) => this.failed(entry, error instanceof Error ? error : new Error(String(error), { cause: error })),
    );
  }

  private answered(entry: QueueEntry, response: unknown): void {
    if (this.inFlight !== entry) return;
    this.inFlight = undefined;
    this.finish(entry, undefined, response);
    this.pump();
  }

  private failed(entry: QueueEntry, error: Error): void {
    if (this.inFlight !== entry) return;
    this.inFlight = undefined;
    if (entry.storeSeq === undefined) {
      this.finish(entry, error);
    } else if (error instanceof ConnectionLostError) {
      // Not the CSMS failing to process it: it goes again, first in line, once the link is back.
      this.options.logger.info({ action: entry.action }, 'connection lost before the answer came; will send again');
    } else {
      this.transactionalAttemptFailed(entry, error);
    }
    this.pump();
  }

  private transactionalAttemptFailed(entry: QueueEntry, error: Error): void {
    const settings = this.options.settings();
    entry.failedAttempts++;
    if (attemptsExhausted(entry.failedAttempts, settings.transactionMessageAttempts)) {
      this.options.logger.warn(
        { action: entry.action, attempts: entry.failedAttempts, err: error },
        'giving up on a transaction-related message after its last attempt',
      );
      this.finish(
        entry,
        new MessageDroppedError(entry.action, 'attempts-exhausted', `${entry.failedAttempts} attempts failed`, { cause: error }),
      );
      return;
    }
    this.options.store.recordFailedAttempt(entry.storeSeq!, entry.failedAttempts);
    const waitSeconds = retryWaitSeconds(entry.failedAttempts, settings.transactionMessageAttemptIntervalSeconds);
    entry.notBeforeMs = this.nowMs() + waitSeconds * 1000;
    this.options.logger.info(
      { action: entry.action, attempt: entry.failedAttempts, waitSeconds, err: error },
      'transaction-related message failed; will send again',
    );
  }

  /** Removes an entry for good: answered (no error) or given up (error). */
  private finish(entry: QueueEntry, error: Error | undefined, response?: unknown): void {
    if (!this.entries.remove(entry)) return;
    if (entry.storeSeq !== undefined) this.options.store.remove(entry.storeSeq);
    if (error) entry.reject?.(error);
    else entry.resolve?.(response);
    if (entry.storeSeq === undefined) return;
    const base = { action: entry.action, payload: entry.payload, restored: entry.restored };
    const outcome: TransactionalOutcome =
      error === undefined
        ? { kind: 'delivered', ...base, response }
        : { kind: 'dropped', ...base, error: asDropped(entry.action, error) };
    for (const listener of this.outcomeListeners) listener(outcome);
  }

  private enforceThreshold(threshold: number): void {
    if (this.entries.size <= threshold) return;
    const live: QueueEntry[] = [];
    this.entries.forEachLive((entry) => live.push(entry));
    const summaries = live.map((entry) => ({
      action: entry.action,
      eventType: (entry.payload as { eventType?: string }).eventType,
      inFlight: entry === this.inFlight,
      promised: entry.requestedByCsms,
    }));
    const drops = selectDropsOverThreshold(summaries, threshold);
    if (drops.length > 0) this.options.logger.warn({ dropped: drops.length, threshold }, 'queue over its size threshold');
    for (const index of drops) {
      const entry = live[index]!;
      this.finish(entry, new MessageDroppedError(entry.action, 'queue-full', `the queue holds more than ${threshold} messages`));
    }
  }

  private nowMs(): number {
    return (this.options.waitClock ?? this.options.clock).now().getTime();
  }
}
