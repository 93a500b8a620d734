// Publishes the effective connector statuses: device model, listeners, StatusNotification (with MinimumStatusDuration).
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { ConnectorStatusEnumType } from '../../messages/types.js';
import {
  ChargingStation as ChargingStationComponent,
  OCPPCommCtrlr,
  connectorComponent,
  evseComponent,
} from '../../device-model/standardized/index.js';
import type { OptionalVariable, RequiredVariable } from '../../device-model/types.js';
import { STATION_SCOPE } from '../../storage/availability-store.js';
import type { StationLayout } from '../shared/station-layout.js';
import type { ConnectorStatuses } from './connector-statuses.js';
import type { OperationalStatuses } from './operational-statuses.js';

/** An effective connector status changed. */
export interface ConnectorStatusChange {
  readonly evseId: number;
  readonly connectorId: number;
  readonly status: ConnectorStatusEnumType;
  readonly previous: ConnectorStatusEnumType;
}

export type ConnectorStatusListener = (change: ConnectorStatusChange) => void;

/** The effective statuses as they are now (the Availability block's queries). */
export interface EffectiveStatuses {
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType;
  evseStatus(evseId: number): ConnectorStatusEnumType;
  stationStatus(): ConnectorStatusEnumType;
}

export interface StatusPublisherOptions {
  model: DeviceModel;
  layout: StationLayout;
  clock: Clock;
  logger: Logger;
  reporter: ConnectorStatuses;
  operational: OperationalStatuses;
  statuses: EffectiveStatuses;
  /** As AvailabilityOptions.registrationAccepted. */
  registrationAccepted?: () => boolean;
}

interface Handles {
  station: RequiredVariable<string>;
  stationEnabled: OptionalVariable<boolean>;
  evses: Map<number, { state: RequiredVariable<string>; enabled: OptionalVariable<boolean> }>;
  connectors: Map<string, { state: RequiredVariable<string>; enabled: OptionalVariable<boolean> }>;
}

export const connectorKey = (evseId: number, connectorId: number): string => `${evseId}.${connectorId}`;

export class StatusPublisher {
  /** The effective status per connector as last published (device model, listeners, StatusNotification). */
  private readonly published = new Map<string, ConnectorStatusEnumType>();
  private readonly listeners = new Set<ConnectorStatusListener>();
  private readonly reportTimers = new Map<string, TimerHandle>();
  private readonly handles: Handles;
  private sentAll = false;
  private muted = false;

  constructor(private readonly options: StatusPublisherOptions) {
    this.handles = {
      station: ChargingStationComponent.AvailabilityState,
      stationEnabled: ChargingStationComponent.Enabled,
      evses: new Map(),
      connectors: new Map(),
    };
    for (const evse of options.layout.evses) {
      const evseHandles = evseComponent(evse.id);
      this.handles.evses.set(evse.id, { state: evseHandles.AvailabilityState, enabled: evseHandles.Enabled });
      for (const connectorId of evse.connectorIds) {
        const handles = connectorComponent(evse.id, connectorId);
        this.handles.connectors.set(connectorKey(evse.id, connectorId), { state: handles.AvailabilityState, enabled: handles.Enabled });
      }
    }
  }

  /** Takes the effective statuses as the ones published, without reporting them, and writes the device model. */
  publishInitial(): void {
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        this.published.set(connectorKey(evse.id, connectorId), this.options.statuses.connectorStatus(evse.id, connectorId));
      }
    }
    this.writeModel();
  }

  /** Adds a listener of the changes `refresh` publishes; returns a function that removes it. */
  onStatusChange(listener: ConnectorStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `work` without reporting the changes it makes. */
  whileMuted(work: () => void): void {
    this.muted = true;
    try {
      work();
    } finally {
      this.muted = false;
    }
  }

  /** One StatusNotification per connector; from now on changes are reported. */
  sendAll(): void {
    this.sentAll = true;
    this.options.reporter.sendAll();
  }

  /** Stops the timers of MinimumStatusDuration. */
  stop(): void {
    for (const timer of this.reportTimers.values()) this.options.clock.clearTimeout(timer);
    this.reportTimers.clear();
  }

  /**
   * Publishes what changed: the device model first (the StatusNotification reads it), then the listeners, then
   * one StatusNotification per connector whose effective status changed (G01.FR.03-07, G03.FR.04, G04.FR.05).
   */
  refresh(): void {
    const changes: ConnectorStatusChange[] = [];
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        const key = connectorKey(evse.id, connectorId);
        const status = this.options.statuses.connectorStatus(evse.id, connectorId);
        const previous = this.published.get(key)!;
        if (status === previous) continue;
        this.published.set(key, status);
        changes.push({ evseId: evse.id, connectorId, status, previous });
      }
    }
    this.writeModel();
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch (error) {
          this.options.logger.error({ err: error, ...change }, 'a connector status listener failed');
        }
      }
    }
    for (const change of changes) this.report(change.evseId, change.connectorId);
  }

  /** Keeps every AvailabilityState (and the optional Enabled variables) equal to the effective state. */
  private writeModel(): void {
    const { model, operational, statuses } = this.options;
    const write = (handle: RequiredVariable<string>, status: ConnectorStatusEnumType) => {
      if (model.value(handle) !== status) model.set(handle, status, 'station');
    };
    const enable = (handle: OptionalVariable<boolean>, enabled: boolean) => {
      if (model.has(handle) && model.value(handle) !== enabled) model.set(handle, enabled, 'station');
    };
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        const handles = this.handles.connectors.get(connectorKey(evse.id, connectorId))!;
        write(handles.state, this.published.get(connectorKey(evse.id, connectorId))!);
        enable(handles.enabled, operational.connectorOperative(evse.id, connectorId));
      }
      const handles = this.handles.evses.get(evse.id)!;
      write(handles.state, statuses.evseStatus(evse.id));
      enable(handles.enabled, operational.evseOperative(evse.id));
    }
    write(this.handles.station, statuses.stationStatus());
    enable(this.handles.stationEnabled, operational.of(STATION_SCOPE) === 'Operative');
  }

  private reportingEnabled(): boolean {
    if (this.muted) return false;
    return this.options.registrationAccepted ? this.options.registrationAccepted() : this.sentAll;
  }

  /**
   * One StatusNotification for a change. With OCPPCommCtrlr.MinimumStatusDuration set, only once the status has
   * held that many seconds, and not at all if it is back to what the CSMS was told by then.
   */
  private report(evseId: number, connectorId: number): void {
    if (!this.reportingEnabled()) return;
    const { reporter } = this.options;
    const seconds = this.options.model.value(OCPPCommCtrlr.MinimumStatusDuration) ?? 0;
    if (seconds <= 0) {
      reporter.send(evseId, connectorId, false);
      return;
    }
    const key = connectorKey(evseId, connectorId);
    const running = this.reportTimers.get(key);
    if (running !== undefined) this.options.clock.clearTimeout(running);
    const timer = this.options.clock.setTimeout(() => {
      this.reportTimers.delete(key);
      if (!this.reportingEnabled()) return;
      if (reporter.told(evseId, connectorId) !== this.options.statuses.connectorStatus(evseId, connectorId)) {
        reporter.send(evseId, connectorId, false);
      }
    }, seconds * 1000);
    this.reportTimers.set(key, timer);
  }
}
