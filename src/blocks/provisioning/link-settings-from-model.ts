// The link's settings come from OCPPCommCtrlr in the device model; this maps one to the other, so a
// SetVariables of, say, RetryBackOffWaitMinimum applies at the next reconnect.
import type { LinkSettings } from '../../link/link-settings.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr } from '../../device-model/standardized/index.js';

/** The settings the device model holds; the rest (frame size, queue threshold) stay as configured. */
export function linkSettingsFrom(model: DeviceModel): Partial<LinkSettings> {
  const settings: Partial<LinkSettings> = {
    messageTimeoutSeconds: model.value(OCPPCommCtrlr.MessageTimeoutDefault),
    transactionMessageAttempts: model.value(OCPPCommCtrlr.MessageAttemptsTransactionEvent),
    transactionMessageAttemptIntervalSeconds: model.value(OCPPCommCtrlr.MessageAttemptIntervalTransactionEvent),
    retryBackOffWaitMinimumSeconds: model.value(OCPPCommCtrlr.RetryBackOffWaitMinimum),
    retryBackOffRandomRangeSeconds: model.value(OCPPCommCtrlr.RetryBackOffRandomRange),
    retryBackOffRepeatTimes: model.value(OCPPCommCtrlr.RetryBackOffRepeatTimes),
    webSocketPingIntervalSeconds: model.value(OCPPCommCtrlr.WebSocketPingInterval),
    networkProfileConnectionAttempts: model.value(OCPPCommCtrlr.NetworkProfileConnectionAttempts),
    networkConfigurationPriority: model.value(OCPPCommCtrlr.NetworkConfigurationPriority),
    queueAllMessages: model.value(OCPPCommCtrlr.QueueAllMessages),
  };
  // An optional variable the station does not have leaves the link's own setting alone.
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<LinkSettings>;
}
