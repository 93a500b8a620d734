// The messages this station sends on TriggerMessage (F06), and which block sends each.
import type { OcppLink } from '../link/ocpp-link.js';
import type { Heartbeat } from '../blocks/provisioning/heartbeat.js';
import type { Registration } from '../blocks/provisioning/registration.js';
import { TriggerRegistry, type Trigger } from '../blocks/provisioning/trigger-message.js';

export interface StationTriggerSources {
  registration: Registration;
  heartbeat: Heartbeat;
  /** TriggerMessage(StatusNotification): the availability block's. */
  statusNotification: Trigger;
  send: OcppLink['send'];
}

export function stationTriggers(sources: StationTriggerSources): TriggerRegistry {
  const { registration, heartbeat, statusNotification, send } = sources;
  const triggers = new TriggerRegistry();
  triggers.register('BootNotification', () =>
    registration.trigger() === 'Accepted' ? { status: 'Accepted', send: () => registration.sendTriggered() } : { status: 'Rejected' },
  );
  triggers.register('Heartbeat', () => ({ status: 'Accepted', send: () => heartbeat.beat(true) }));
  triggers.register('StatusNotification', statusNotification);
  // No log upload and no firmware update run in this station, so their status is Idle (F06.FR.15, F06.FR.16).
  triggers.register('LogStatusNotification', () => ({
    status: 'Accepted',
    send: () => void send('LogStatusNotification', { status: 'Idle' }, { requestedByCsms: true }).catch(() => undefined),
  }));
  triggers.register('FirmwareStatusNotification', () => ({
    status: 'Accepted',
    send: () => void send('FirmwareStatusNotification', { status: 'Idle' }, { requestedByCsms: true }).catch(() => undefined),
  }));
  return triggers;
}
