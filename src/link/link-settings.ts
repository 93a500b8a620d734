// The settings that govern the link to the CSMS: the queue's and the transport's (each declared where it is
// read), and the RPC endpoint's, which the link hands to it as getters. Each mirrors a device-model variable
// (named beside it); until the device model exists they are plain values, read through a getter on every use so
// that a change takes effect at once.
import type { QueueSettings } from '../queue/queue-settings.js';
import type { TransportSettings } from '../transport/transport-settings.js';

export type { QueueSettings } from '../queue/queue-settings.js';
export type { BackOffSettings, TransportSettings } from '../transport/transport-settings.js';

/** What the link reads for its RPC endpoint. */
export interface RpcSettings {
  /** OCPPCommCtrlr.MessageTimeout[Default], seconds: how long a CALL waits for its answer. */
  messageTimeoutSeconds: number;
  /** Largest frame accepted or sent, in bytes (UTF-8). */
  maxFrameBytes: number;
}

export type LinkSettings = QueueSettings & TransportSettings & RpcSettings;

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
