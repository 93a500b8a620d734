// The settings that govern the link to the CSMS. Each mirrors a device-model variable (named beside it);
// until the device model exists they are plain values, read through a getter on every use so that a
// change takes effect at once.
import type { Action } from '../messages/types.js';

export interface LinkSettings {
  /** OCPPCommCtrlr.MessageTimeout[Default], seconds: how long a CALL waits for its answer. */
  messageTimeoutSeconds: number;
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
  /** OCPPCommCtrlr.RetryBackOffWaitMinimum, seconds. */
  retryBackOffWaitMinimumSeconds: number;
  /** OCPPCommCtrlr.RetryBackOffRandomRange, seconds. */
  retryBackOffRandomRangeSeconds: number;
  /** OCPPCommCtrlr.RetryBackOffRepeatTimes: how often the back-off doubles. */
  retryBackOffRepeatTimes: number;
  /** OCPPCommCtrlr.WebSocketPingInterval, seconds; 0 turns client pings off. */
  webSocketPingIntervalSeconds: number;
  /** OCPPCommCtrlr.NetworkProfileConnectionAttempts: failures before the next slot is tried. */
  networkProfileConnectionAttempts: number;
  /** OCPPCommCtrlr.NetworkConfigurationPriority: configuration slots in order of preference. */
  networkConfigurationPriority: number[];
  /** Largest frame accepted or sent, in bytes (UTF-8). */
  maxFrameBytes: number;
}

/** Defaults: the spec's examples and libocpp's shipped values where the spec gives none. */
export const DEFAULT_LINK_SETTINGS: Readonly<LinkSettings> = Object.freeze({
  messageTimeoutSeconds: 30,
  transactionMessageAttempts: 3,
  transactionMessageAttemptIntervalSeconds: 10,
  queueAllMessages: false,
  messageTypesDiscardForQueueing: [],
  messageQueueSizeThreshold: 2000,
  messageQueueResumeDelaySeconds: 0,
  retryBackOffWaitMinimumSeconds: 3,
  retryBackOffRandomRangeSeconds: 10,
  retryBackOffRepeatTimes: 5,
  webSocketPingIntervalSeconds: 30,
  networkProfileConnectionAttempts: 3,
  networkConfigurationPriority: [1],
  maxFrameBytes: 4 * 1024 * 1024,
});
