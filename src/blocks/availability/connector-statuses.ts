// StatusNotification for the station's connectors: each connector's status is its AvailabilityState in the
// device model. After registration is Accepted all of them go out (B01.FR.05); back online after longer than
// OfflineThreshold all of them again, after a shorter outage only those that changed (B04); TriggerMessage
// asks for one (F06.FR.12/13). The availability block (G) will own the state changes; they are reported here.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { OcppLink } from '../../link/ocpp-link.js';
import type { ConnectorStatusEnumType, EVSEType } from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import {
  ChargingStation as ChargingStationComponent,
  OCPPCommCtrlr,
  connectorComponent,
  evseComponent,
} from '../../device-model/standardized/index.js';
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
  /** What the CSMS was last told per connector (`evseId.connectorId`). */
  private readonly reported = new Map<string, ConnectorStatusEnumType>();
  private offlineSinceMs: number | undefined;

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

  /** The link went down: the start of an offline period. */
  linkDown(): void {
    this.offlineSinceMs ??= this.options.clock.now().getTime();
  }

  /**
   * The link is back while registered: after an outage longer than OfflineThreshold every connector is reported
   * (B04.FR.01), after a shorter one only those whose status changed meanwhile (B04.FR.02).
   */
  backOnline(): void {
    const since = this.offlineSinceMs;
    this.offlineSinceMs = undefined;
    if (since === undefined) return;
    const offlineSeconds = (this.options.clock.now().getTime() - since) / 1000;
    const threshold = this.options.model.value(OCPPCommCtrlr.OfflineThreshold);
    const all = offlineSeconds > threshold;
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        const changed = this.reported.get(`${evse.id}.${connectorId}`) !== this.status(evse.id, connectorId);
        if (all || changed) this.send(evse.id, connectorId, false);
      }
    }
  }

  send(evseId: number, connectorId: number, requestedByCsms: boolean): void {
    const connectorStatus = this.status(evseId, connectorId);
    const request = { timestamp: this.options.clock.now().toISOString(), connectorStatus, evseId, connectorId };
    this.options.send('StatusNotification', request, { requestedByCsms }).then(
      () => this.reported.set(`${evseId}.${connectorId}`, connectorStatus),
      (error: unknown) => this.options.logger.debug({ err: error, evseId, connectorId }, 'StatusNotification not delivered'),
    );
  }

  /** TriggerMessage(StatusNotification): needs a known EVSE and connector (F06.FR.12 allows Rejected otherwise). */
  readonly trigger: Trigger = (evse: EVSEType | undefined) => {
    if (evse?.connectorId === undefined || !this.exists(evse.id, evse.connectorId)) return { status: 'Rejected' };
    const { id, connectorId } = evse;
    return { status: 'Accepted', send: () => this.send(id, connectorId, true) };
  };
}

/**
 * Everything starts Available: nothing is known to be faulted, occupied or reserved at start-up. (The
 * availability block will restore Inoperative states that must survive a reboot, B01.FR.07.)
 */
export function markAllAvailable(model: DeviceModel, layout: StationLayout): void {
  model.set(ChargingStationComponent.AvailabilityState, 'Available', 'station');
  for (const evse of layout.evses) {
    model.set(evseComponent(evse.id).AvailabilityState, 'Available', 'station');
    for (const connectorId of evse.connectorIds) {
      model.set(connectorComponent(evse.id, connectorId).AvailabilityState, 'Available', 'station');
    }
  }
}
