// The rules of the outgoing queue as pure functions: which messages are persisted, which may wait while
// offline, which may go out in each registration state, how long a failed one waits, and what to drop when
// the queue is over its size threshold.
import type { Action } from '../messages/types.js';
import type { QueueSettings } from './queue-settings.js';

/** The registration state from the latest BootNotificationResponse ('Unknown' until one arrives). */
export type RegistrationStatus = 'Unknown' | 'Pending' | 'Accepted' | 'Rejected';

/**
 * Transaction-related messages: persisted until the CSMS has answered them, retried per E13, strictly ordered
 * and never dropped for being offline. SecurityEventNotification joins them because a security event must
 * reach the CSMS even across an outage (A04.FR.02 asks for it to be queued).
 */
const TRANSACTIONAL: ReadonlySet<Action> = new Set<Action>(['TransactionEvent', 'SecurityEventNotification']);

export function isTransactional(action: Action): boolean {
  return TRANSACTIONAL.has(action);
}

/** May this message wait in the queue while there is no connection? Otherwise it is dropped at once. */
export function mayWaitWhileOffline(
  action: Action,
  settings: Pick<QueueSettings, 'queueAllMessages' | 'messageTypesDiscardForQueueing'>,
): boolean {
  if (isTransactional(action)) return true;
  return settings.queueAllMessages && !settings.messageTypesDiscardForQueueing.includes(action);
}

/**
 * May this message go out in this registration state? Until the CSMS has Accepted the station, only
 * BootNotification goes out, plus what the CSMS itself asked for through TriggerMessage, GetBaseReport or
 * GetReport (B02.FR.02); while Rejected, nothing but BootNotification (B03.FR.02).
 */
export function maySendInRegistrationState(status: RegistrationStatus, action: Action, requestedByCsms: boolean): boolean {
  if (status === 'Accepted' || action === 'BootNotification') return true;
  return status !== 'Rejected' && requestedByCsms;
}

/**
 * Seconds to wait before sending a failed transaction-related message again: the interval multiplied by the
 * number of times it has been sent so far (E13.FR.03).
 */
export function retryWaitSeconds(failedAttempts: number, intervalSeconds: number): number {
  return intervalSeconds * failedAttempts;
}

/** Has a transaction-related message used up its attempts (E13.FR.02, E13.FR.04)? */
export function attemptsExhausted(failedAttempts: number, messageAttempts: number): boolean {
  return failedAttempts >= Math.max(1, messageAttempts);
}

/** What the threshold rule needs to know of one queued message. */
export interface QueuedMessageSummary {
  readonly action: Action;
  /** eventType of a TransactionEvent. */
  readonly eventType?: string;
  /** The message being sent right now cannot be dropped. */
  readonly inFlight: boolean;
  /**
   * The station promised the CSMS to send it (a triggered message, a report page: F06.FR.10, B07/B08), so the
   * threshold never drops it.
   */
  readonly promised?: boolean;
}

/**
 * Indexes (into `queue`, oldest first) of the messages to drop when the queue holds more than `threshold`:
 * first the oldest normal messages nobody was promised, as many as it takes; if that is not enough, every
 * second TransactionEvent(Updated). TransactionEvent Started and Ended, SecurityEventNotification and promised
 * messages are never dropped, so the queue may stay above the threshold when it holds nothing else. Promises
 * stay bounded because the station makes none while the queue is full (`hasRoomForPromises`).
 */
export function selectDropsOverThreshold(queue: readonly QueuedMessageSummary[], threshold: number): number[] {
  let excess = queue.length - threshold;
  if (excess <= 0) return [];
  const drops: number[] = [];
  for (let i = 0; i < queue.length && excess > 0; i++) {
    const message = queue[i]!;
    if (!message.inFlight && !message.promised && !isTransactional(message.action)) {
      drops.push(i);
      excess--;
    }
  }
  if (excess <= 0) return drops;
  let updatedSeen = 0;
  for (let i = 0; i < queue.length; i++) {
    const message = queue[i]!;
    if (message.action !== 'TransactionEvent' || message.eventType !== 'Updated' || message.inFlight) continue;
    if (updatedSeen++ % 2 === 1) drops.push(i);
  }
  return drops.sort((a, b) => a - b);
}

/**
 * May the station promise the CSMS another message (accept a TriggerMessage or a report request)? Only while
 * the queue is under its threshold: an accepted message must be sent (F06.FR.10), so the station refuses
 * what it could only queue over the threshold.
 */
export function hasRoomForPromises(queuedMessages: number, threshold: number): boolean {
  return queuedMessages < threshold;
}
