// StatusNotification for the station's connectors: each connector's status is its AvailabilityState in the
// device model, which the Availability block keeps equal to the effective status. After registration is Accepted
// all of them go out (B01.FR.05); back online after longer than OfflineThreshold all of them again, after a
// shorter outage only those that changed (B04); TriggerMessage asks for one (F06.FR.12/13). The Availability
// block uses this reporter for every StatusNotification it sends, so this is the one record of what the CSMS has
// been told.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { ConnectorStatusEnumType, EVSEType } from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr, connectorComponent } from '../../device-model/standardized/index.js';
import type { StationLayout } from '../shared/station-layout.js';
import type { Trigger } from '../shared/trigger.js';

export interface ConnectorStatusesOptions {
  model: DeviceModel;
  layout: StationLayout;
  send: Send;
  clock: Clock;
  logger: Logger;
}

const STATUSES: readonly ConnectorStatusEnumType[] = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'];

/** One StatusNotification handed to the link and not yet answered. */
interface Pending {
  readonly status: ConnectorStatusEnumType;
}

const keyOf = (evseId: number, connectorId: number): string => `${evseId}.${connectorId}`;

export class ConnectorStatuses {
  /** What the CSMS last acknowledged per connector (`evseId.connectorId`). */
  private readonly reported = new Map<string, ConnectorStatusEnumType>();
  /** The latest StatusNotification per connector that the link holds (queued or in flight). */
  private readonly pending = new Map<string, Pending>();
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

  /**
   * What the CSMS has been told of the connector, or will be told by a StatusNotification the link still holds;
   * undefined before the first one.
   */
  told(evseId: number, connectorId: number): ConnectorStatusEnumType | undefined {
    const key = keyOf(evseId, connectorId);
    return this.pending.get(key)?.status ?? this.reported.get(key);
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
   * (B04.FR.01), after a shorter one only those whose status differs from what the CSMS was told (B04.FR.02) —
   * a StatusNotification the link kept queued through the outage (QueueAllMessages) counts as told.
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
        const changed = this.told(evse.id, connectorId) !== this.status(evse.id, connectorId);
        if (all || changed) this.send(evse.id, connectorId, false);
      }
    }
  }

  /** Sends the connector's current status. */
  send(evseId: number, connectorId: number, requestedByCsms: boolean): void {
    const key = keyOf(evseId, connectorId);
    const connectorStatus = this.status(evseId, connectorId);
    const request = { timestamp: this.options.clock.now().toISOString(), connectorStatus, evseId, connectorId };
    const pending: Pending = { status: connectorStatus };
    let sent: Promise<unknown>;
    try {
      sent = this.options.send('StatusNotification', request, { requestedByCsms });
    } catch (error) {
      this.options.logger.error({ err: error, evseId, connectorId }, 'StatusNotification could not be queued');
      return;
    }
    this.pending.set(key, pending);
    const settle = () => {
      if (this.pending.get(key) === pending) this.pending.delete(key);
    };
    sent.then(
      () => {
        settle();
        this.reported.set(key, connectorStatus);
      },
      (error: unknown) => {
        settle();
        this.options.logger.debug({ err: error, evseId, connectorId }, 'StatusNotification not delivered');
      },
    );
  }

  /** TriggerMessage(StatusNotification): needs a known EVSE and connector (F06.FR.12 allows Rejected otherwise). */
  readonly trigger: Trigger = (evse: EVSEType | undefined) => {
    if (evse?.connectorId === undefined || !this.exists(evse.id, evse.connectorId)) return { status: 'Rejected' };
    const { id, connectorId } = evse;
    return { status: 'Accepted', send: () => this.send(id, connectorId, true) };
  };
}
