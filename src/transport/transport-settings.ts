// The settings the transport reads: the reconnect back-off, keep-alive pings and the choice of configuration
// slot. Each mirrors an OCPPCommCtrlr variable (named beside it); the link composes them with the queue's and
// its own into LinkSettings, and the transport reads them through a getter on every use.

/** The reconnect back-off (OCPP-J Part 4 §5.3). */
export interface BackOffSettings {
  /** OCPPCommCtrlr.RetryBackOffWaitMinimum, seconds. */
  retryBackOffWaitMinimumSeconds: number;
  /** OCPPCommCtrlr.RetryBackOffRandomRange, seconds. */
  retryBackOffRandomRangeSeconds: number;
  /** OCPPCommCtrlr.RetryBackOffRepeatTimes: how often the back-off doubles. */
  retryBackOffRepeatTimes: number;
}

export interface TransportSettings extends BackOffSettings {
  /** OCPPCommCtrlr.WebSocketPingInterval, seconds; 0 turns client pings off. */
  webSocketPingIntervalSeconds: number;
  /** OCPPCommCtrlr.NetworkProfileConnectionAttempts: failures before the next slot is tried. */
  networkProfileConnectionAttempts: number;
  /** OCPPCommCtrlr.NetworkConfigurationPriority: configuration slots in order of preference. */
  networkConfigurationPriority: number[];
}
