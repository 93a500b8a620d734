// The settings the outgoing queue reads. Each mirrors a device-model variable (named beside it); the link
// composes them with the transport's and its own into LinkSettings, and the queue reads them through a getter on
// every use, so that a change takes effect at once.
import type { Action } from '../messages/types.js';

export interface QueueSettings {
  /** OCPPCommCtrlr.MessageAttempts[TransactionEvent]: total sends of a transaction-related message. */
  transactionMessageAttempts: number;
  /** OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent], seconds, multiplied by the attempts made. */
  transactionMessageAttemptIntervalSeconds: number;
  /** OCPPCommCtrlr.QueueAllMessages: queue non-transactional messages while offline too. */
  queueAllMessages: boolean;
  /** OCPPCommCtrlr.MessageTypesDiscardForQueueing: actions never queued while offline. */
  messageTypesDiscardForQueueing: Action[];
  /** Queue size above which messages are dropped (normal ones first, then every second TransactionEvent Updated). */
  messageQueueSizeThreshold: number;
  /** Seconds the queue waits after a reconnect before it resumes sending. */
  messageQueueResumeDelaySeconds: number;
}
