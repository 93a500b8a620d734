// StatusNotification for the station's connectors: each connector's status is its AvailabilityState in the
// device model. After registration is Accepted all of them go out (B01.FR.05); TriggerMessage asks for one
// (F06.FR.12/13). The availability block (G) will own the state changes; this is where they are reported.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { OcppLink } from '../../link/ocpp-link.js';
import type { ConnectorStatusEnumType, EVSEType } from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { connectorComponent } from '../../device-model/standardized/index.js';
import type { Trigger } from '../provisioning/trigger-message.js';

/** The station's EVSEs and, per EVSE, its connector ids. */
export interface StationLayout {
  readonly evses: readonly { readonly id: number; readonly connectorIds: readonly number[] }[];
}

export interface ConnectorStatusesOptions {
  model: DeviceModel;
  layout: StationLayout;
  send: OcppLink['send'];
  clock: Clock;
  logger: Logger;
}

const STATUSES: readonly ConnectorStatusEnumType[] = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'];

export class ConnectorStatuses {
  constructor(private readonly options: ConnectorStatusesOptions) {}

  exists(evseId: number, connectorId: number): boolean {
    return this.options.layout.evses.some((evse) => evse.id === evseId && evse.connectorIds.includes(connectorId));
  }

  /** The connector's status as StatusNotification reports it. */
  status(evseId: number, connectorId: number): ConnectorStatusEnumType {
    const state = this.options.model.value(connectorComponent(evseId, connectorId).AvailabilityState) as string | undefined;
    return STATUSES.find((status) => status === state) ?? 'Unavailable';
  }

  /** B01.FR.05: one StatusNotification per connector. */
  sendAll(): void {
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) this.send(evse.id, connectorId, false);
    }
  }

  send(evseId: number, connectorId: number, requestedByCsms: boolean): void {
    const request = {
      timestamp: this.options.clock.now().toISOString(),
      connectorStatus: this.status(evseId, connectorId),
      evseId,
      connectorId,
    };
    this.options
      .send('StatusNotification', request, { requestedByCsms })
      .catch((error: unknown) => this.options.logger.debug({ err: error, evseId, connectorId }, 'StatusNotification not delivered'));
  }

  /** TriggerMessage(StatusNotification): needs a known EVSE and connector (F06.FR.12 allows Rejected otherwise). */
  readonly trigger: Trigger = (evse: EVSEType | undefined) => {
    if (evse?.connectorId === undefined || !this.exists(evse.id, evse.connectorId)) return { status: 'Rejected' };
    const { id, connectorId } = evse;
    return { status: 'Accepted', send: () => this.send(id, connectorId, true) };
  };
}
