// Functional block G, Availability: the operational status (Operative / Inoperative) of the station, each EVSE and
// each connector as ChangeAvailability sets it (G03, G04), persisted; what the integrator reports of the hardware
// (unavailable, faulted, reserved) and the transactions block of its use (occupied); from both, each connector's
// effective status, kept in the device model's AvailabilityState and reported with StatusNotification when it
// changes (G01, G03.FR.04, G04.FR.05). The reporting itself (boot, reconnect, TriggerMessage) is ConnectorStatuses'.
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { OcppLink } from '../../link/ocpp-link.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { ConnectorStatusEnumType, EVSEType, OperationalStatusEnumType, Request, Response } from '../../messages/types.js';
import type { CallContext, HandlerTable } from '../../rpc/handler-router.js';
import {
  ChargingStation as ChargingStationComponent,
  OCPPCommCtrlr,
  connectorComponent,
  evseComponent,
} from '../../device-model/standardized/index.js';
import type { OptionalVariable, RequiredVariable } from '../../device-model/types.js';
import {
  STATION_SCOPE,
  parseScopeKey,
  scopeKey,
  type AvailabilityScope,
  type AvailabilityStore,
} from '../../storage/availability-store.js';
import type { TransactionActivity } from '../provisioning/reset.js';
import type { Trigger } from '../provisioning/trigger-message.js';
import { ConnectorStatuses, type StationLayout } from './connector-statuses.js';
import {
  connectorStatusOf,
  evseStatusOf,
  isOperativeStatus,
  stationStatusOf,
} from './status-rules.js';

export interface AvailabilityOptions {
  model: DeviceModel;
  layout: StationLayout;
  store: AvailabilityStore;
  send: OcppLink['send'];
  clock: Clock;
  logger: Logger;
  /** The transactions block's view of running transactions; absent, or undefined, while no block runs any. */
  transactions?: () => TransactionActivity | undefined;
  /**
   * Whether the registration is Accepted now: status changes are only reported then (before, the
   * StatusNotifications of B01.FR.05 cover them). Default: from the first `sendAll()` on.
   */
  registrationAccepted?: () => boolean;
}

/** An effective connector status changed. */
export interface ConnectorStatusChange {
  readonly evseId: number;
  readonly connectorId: number;
  readonly status: ConnectorStatusEnumType;
  readonly previous: ConnectorStatusEnumType;
}

export type ConnectorStatusListener = (change: ConnectorStatusChange) => void;

interface MutableFacts {
  faulted: boolean;
  unavailable: boolean;
  occupiedSince: number | undefined;
  reservedSince: number | undefined;
}

interface Handles {
  station: RequiredVariable<string>;
  stationEnabled: OptionalVariable<boolean>;
  evses: Map<number, { state: RequiredVariable<string>; enabled: OptionalVariable<boolean> }>;
  connectors: Map<string, { state: RequiredVariable<string>; enabled: OptionalVariable<boolean> }>;
}

type ScopeResolution = { scope: AvailabilityScope } | { reasonCode: 'UnknownEvse' | 'UnknownConnectorId' };

const connectorKey = (evseId: number, connectorId: number): string => `${evseId}.${connectorId}`;

export class Availability {
  /** The CSMS's view: what StatusNotification has told it; also sends on boot, reconnect and TriggerMessage. */
  readonly reporter: ConnectorStatuses;

  /** Operational status per scope key; a scope without an entry is Operative. */
  private readonly operational = new Map<string, OperationalStatusEnumType>();
  /** Changes answered Scheduled, per scope key, with the generation that may apply them. */
  private readonly scheduled = new Map<string, { status: OperationalStatusEnumType; generation: number }>();
  private readonly facts = new Map<string, MutableFacts>();
  /** EVSEs kept Unavailable while a station-wide change to Inoperative waits for other EVSEs' transactions. */
  private readonly held = new Set<number>();
  /** The effective status per connector as last published (device model, listeners, StatusNotification). */
  private readonly published = new Map<string, ConnectorStatusEnumType>();
  private readonly listeners = new Set<ConnectorStatusListener>();
  private readonly reportTimers = new Map<string, TimerHandle>();
  private readonly handles: Handles;
  private sequence = 0;
  private generations = 0;
  private scheduledResumed = false;
  private sentAll = false;
  private muted = false;

  constructor(private readonly options: AvailabilityOptions) {
    this.reporter = new ConnectorStatuses({
      model: options.model,
      layout: options.layout,
      send: options.send,
      clock: options.clock,
      logger: options.logger,
    });
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
        const key = connectorKey(evse.id, connectorId);
        this.handles.connectors.set(key, { state: handles.AvailabilityState, enabled: handles.Enabled });
        this.facts.set(key, { faulted: false, unavailable: false, occupiedSince: undefined, reservedSince: undefined });
      }
    }
    this.restore();
    for (const evse of options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        this.published.set(connectorKey(evse.id, connectorId), this.connectorStatus(evse.id, connectorId));
      }
    }
    this.writeModel();
  }

  // --- what the integrator reports (the seed's handlers) ---

  /** The connector cannot be used (e.g. the integrator takes it out of service). */
  onUnavailable(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.unavailable = true));
  }

  /** The connector can be used again after onUnavailable. */
  onEnabled(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.unavailable = false));
  }

  onFaulted(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.faulted = true));
  }

  onFaultCleared(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.faulted = false));
  }

  onReserved(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.reservedSince ??= ++this.sequence));
  }

  /** The reservation was used (H03.FR.09), cancelled or expired. */
  onReservationCleared(evseId: number, connectorId: number): void {
    this.update(evseId, connectorId, (facts) => (facts.reservedSince = undefined));
  }

  /** From the transactions block: an EV or cable is connected to the connector, or a transaction runs on it. */
  setOccupied(evseId: number, connectorId: number, occupied: boolean): void {
    this.update(evseId, connectorId, (facts) => {
      facts.occupiedSince = occupied ? (facts.occupiedSince ?? ++this.sequence) : undefined;
    });
  }

  // --- queries ---

  /** The connector's effective status, as StatusNotification reports it. */
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType {
    return connectorStatusOf(this.factsOf(evseId, connectorId), this.connectorOperative(evseId, connectorId));
  }

  /** The EVSE's AvailabilityState. */
  evseStatus(evseId: number): ConnectorStatusEnumType {
    const evse = this.evseOf(evseId);
    return evseStatusOf(
      evse.connectorIds.map((connectorId) => this.connectorStatus(evseId, connectorId)),
      this.evseOperative(evseId),
    );
  }

  /** The station's AvailabilityState. */
  stationStatus(): ConnectorStatusEnumType {
    return stationStatusOf(
      this.options.layout.evses.map((evse) => this.evseStatus(evse.id)),
      this.operationalOf(STATION_SCOPE) === 'Operative',
    );
  }

  /** The operational status ChangeAvailability last put in force for the station, an EVSE or a connector. */
  operationalStatus(evseId?: number, connectorId?: number): OperationalStatusEnumType {
    return this.operationalOf(this.scopeFor(evseId, connectorId));
  }

  /** A change answered Scheduled that still waits for a transaction to end, if any. */
  scheduledStatus(evseId?: number, connectorId?: number): OperationalStatusEnumType | undefined {
    return this.scheduled.get(scopeKey(this.scopeFor(evseId, connectorId)))?.status;
  }

  /**
   * The station (without evseId) or the EVSE can be charged at: its AvailabilityState is neither Unavailable nor
   * Faulted (G03, G04 descriptions). False for an EVSE the station does not have.
   */
  isOperative(evseId?: number): boolean {
    if (evseId === undefined) return isOperativeStatus(this.stationStatus());
    if (!this.options.layout.evses.some((evse) => evse.id === evseId)) return false;
    return isOperativeStatus(this.evseStatus(evseId));
  }

  /**
   * May a new transaction start on the connector (or on some connector of the EVSE)? Not while it is Unavailable
   * or Faulted, nor while a change to Inoperative waits for it. A Reserved connector passes: whether the driver
   * holds the reservation is the reservation's business.
   */
  canStartCharging(evseId: number, connectorId?: number): boolean {
    const evse = this.options.layout.evses.find((candidate) => candidate.id === evseId);
    if (!evse) return false;
    if (this.pendingInoperative(STATION_SCOPE) || this.pendingInoperative({ kind: 'evse', evseId })) return false;
    const candidates = connectorId === undefined ? evse.connectorIds : evse.connectorIds.filter((id) => id === connectorId);
    return candidates.some(
      (id) =>
        !this.pendingInoperative({ kind: 'connector', evseId, connectorId: id }) &&
        isOperativeStatus(this.connectorStatus(evseId, id)),
    );
  }

  /** Calls `listener` after each effective connector status change; returns a function that stops it. */
  onStatusChange(listener: ConnectorStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- ChangeAvailability (G03, G04) ---

  handlers(): HandlerTable {
    return {
      ChangeAvailability: (request, context): Response<'ChangeAvailability'> => this.changeAvailability(request, context),
    };
  }

  // --- lifecycle and reporting, for the station ---

  /**
   * Picks up the changes answered Scheduled before a restart: applied now where no transaction runs, else when
   * it ends. Call once the transactions block has restored its transactions; `sendAll` calls it otherwise.
   */
  resumeScheduled(): void {
    if (this.scheduledResumed) return;
    this.scheduledResumed = true;
    for (const [key, entry] of [...this.scheduled]) {
      const scope = parseScopeKey(key);
      if (scope) this.awaitIdle(scope, entry.generation);
    }
  }

  /** Registration Accepted: one StatusNotification per connector (B01.FR.05); from now on changes are reported. */
  sendAll(): void {
    this.muted = true;
    try {
      this.resumeScheduled();
    } finally {
      this.muted = false;
    }
    this.sentAll = true;
    this.reporter.sendAll();
  }

  /** The link went down (B04). */
  linkDown(): void {
    this.reporter.linkDown();
  }

  /** The link is back while registered (B04.FR.01/02). */
  backOnline(): void {
    this.reporter.backOnline();
  }

  /** TriggerMessage(StatusNotification) (F06.FR.12/13). */
  get trigger(): Trigger {
    return this.reporter.trigger;
  }

  /** Stops the timers of MinimumStatusDuration. */
  stop(): void {
    for (const timer of this.reportTimers.values()) this.options.clock.clearTimeout(timer);
    this.reportTimers.clear();
  }

  // --- internals ---

  private changeAvailability(request: Request<'ChangeAvailability'>, context: CallContext): Response<'ChangeAvailability'> {
    const resolution = this.resolve(request.evse);
    if ('reasonCode' in resolution) return { status: 'Rejected', statusInfo: { reasonCode: resolution.reasonCode } };
    const { scope } = resolution;
    const key = scopeKey(scope);
    const requested = request.operationalStatus;
    const inForce = this.operationalOf(scope);
    this.options.logger.info({ scope: key, requested, inForce }, 'ChangeAvailability');

    if (requested === inForce) {
      // G03.FR.03 / G04.FR.04. A change still waiting is dropped: the CSMS now wants what is in force.
      if (this.scheduled.has(key)) {
        this.dropSchedule(scope);
        context.afterResponse(() => this.refresh());
      }
      return { status: 'Accepted' };
    }
    if (this.busy(scope)) {
      // G03.FR.05 / G04.FR.06: after the transaction(s) have ended.
      const generation = this.schedule(scope, requested);
      context.afterResponse(() => this.awaitIdle(scope, generation));
      return { status: 'Scheduled' };
    }
    this.putInForce(scope, requested);
    // The StatusNotifications follow the response (G03.FR.04, G04.FR.05).
    context.afterResponse(() => this.refresh());
    return { status: 'Accepted' };
  }

  /**
   * The scope a request addresses. Without evse the whole station (G04.FR.01); evse id 0 without a connector is
   * read the same way, as some CSMSs address the station like that.
   */
  private resolve(evse: EVSEType | undefined): ScopeResolution {
    if (evse === undefined || (evse.id === 0 && evse.connectorId === undefined)) return { scope: STATION_SCOPE };
    const known = this.options.layout.evses.find((candidate) => candidate.id === evse.id);
    if (!known) return { reasonCode: 'UnknownEvse' };
    if (evse.connectorId === undefined) return { scope: { kind: 'evse', evseId: evse.id } };
    if (!known.connectorIds.includes(evse.connectorId)) return { reasonCode: 'UnknownConnectorId' };
    return { scope: { kind: 'connector', evseId: evse.id, connectorId: evse.connectorId } };
  }

  private busy(scope: AvailabilityScope): boolean {
    return this.activity()?.hasActiveTransaction(scope.kind === 'station' ? undefined : scope.evseId) ?? false;
  }

  private activity(): TransactionActivity | undefined {
    return this.options.transactions?.();
  }

  private schedule(scope: AvailabilityScope, status: OperationalStatusEnumType): number {
    const key = scopeKey(scope);
    const generation = ++this.generations;
    this.scheduled.set(key, { status, generation });
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
    return generation;
  }

  /**
   * Applies a scheduled change once no transaction runs where it applies. Meanwhile a station-wide change to
   * Inoperative already holds each EVSE without a transaction Unavailable, so that no new transaction keeps the
   * station busy ("Inoperative: it does not allow any charging", G04).
   */
  private awaitIdle(scope: AvailabilityScope, generation: number): void {
    const activity = this.activity();
    const evseId = scope.kind === 'station' ? undefined : scope.evseId;
    if (!activity || !activity.hasActiveTransaction(evseId)) {
      this.applySchedule(scope, generation);
      return;
    }
    if (scope.kind === 'station' && this.scheduled.get('station')?.status === 'Inoperative') {
      for (const evse of this.options.layout.evses) {
        const hold = () => {
          if (!this.isCurrent(scope, generation)) return;
          this.held.add(evse.id);
          this.refresh();
        };
        if (activity.hasActiveTransaction(evse.id)) activity.whenIdle(evse.id, hold);
        else this.held.add(evse.id);
      }
      this.refresh();
    }
    activity.whenIdle(evseId, () => this.applySchedule(scope, generation));
  }

  private applySchedule(scope: AvailabilityScope, generation: number): void {
    if (!this.isCurrent(scope, generation)) return;
    const status = this.scheduled.get(scopeKey(scope))!.status;
    this.options.logger.info({ scope: scopeKey(scope), status }, 'applying a scheduled availability change');
    this.putInForce(scope, status);
    this.refresh();
  }

  private isCurrent(scope: AvailabilityScope, generation: number): boolean {
    return this.scheduled.get(scopeKey(scope))?.generation === generation;
  }

  private dropSchedule(scope: AvailabilityScope): void {
    this.scheduled.delete(scopeKey(scope));
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
  }

  private putInForce(scope: AvailabilityScope, status: OperationalStatusEnumType): void {
    const key = scopeKey(scope);
    this.operational.set(key, status);
    this.scheduled.delete(key);
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
  }

  /** G03.FR.08, G04.FR.09, B01.FR.07: what ChangeAvailability set survives a reboot. */
  private persist(scope: AvailabilityScope): void {
    const key = scopeKey(scope);
    const scheduled = this.scheduled.get(key);
    try {
      this.options.store.save(key, {
        operationalStatus: this.operationalOf(scope),
        ...(scheduled ? { scheduledStatus: scheduled.status } : {}),
      });
    } catch (error) {
      this.options.logger.error({ err: error, scope: key }, 'storing an availability change failed');
    }
  }

  private restore(): void {
    for (const [key, record] of this.options.store.loadAll()) {
      const scope = parseScopeKey(key);
      if (!scope || !this.inLayout(scope)) {
        this.options.logger.warn({ scope: key }, 'ignoring a stored availability of a scope the station does not have');
        continue;
      }
      this.operational.set(key, record.operationalStatus);
      if (record.scheduledStatus !== undefined && record.scheduledStatus !== record.operationalStatus) {
        this.scheduled.set(key, { status: record.scheduledStatus, generation: ++this.generations });
      }
    }
  }

  private inLayout(scope: AvailabilityScope): boolean {
    if (scope.kind === 'station') return true;
    const evse = this.options.layout.evses.find((candidate) => candidate.id === scope.evseId);
    return evse !== undefined && (scope.kind === 'evse' || evse.connectorIds.includes(scope.connectorId));
  }

  private operationalOf(scope: AvailabilityScope): OperationalStatusEnumType {
    return this.operational.get(scopeKey(scope)) ?? 'Operative';
  }

  private pendingInoperative(scope: AvailabilityScope): boolean {
    return this.scheduled.get(scopeKey(scope))?.status === 'Inoperative';
  }

  private evseOperative(evseId: number): boolean {
    return (
      this.operationalOf(STATION_SCOPE) === 'Operative' &&
      this.operationalOf({ kind: 'evse', evseId }) === 'Operative' &&
      !this.held.has(evseId)
    );
  }

  private connectorOperative(evseId: number, connectorId: number): boolean {
    return this.evseOperative(evseId) && this.operationalOf({ kind: 'connector', evseId, connectorId }) === 'Operative';
  }

  private scopeFor(evseId: number | undefined, connectorId: number | undefined): AvailabilityScope {
    if (evseId === undefined) return STATION_SCOPE;
    if (connectorId === undefined) {
      this.evseOf(evseId);
      return { kind: 'evse', evseId };
    }
    this.factsOf(evseId, connectorId);
    return { kind: 'connector', evseId, connectorId };
  }

  private evseOf(evseId: number): StationLayout['evses'][number] {
    const evse = this.options.layout.evses.find((candidate) => candidate.id === evseId);
    if (!evse) throw new RangeError(`the station has no EVSE ${evseId}`);
    return evse;
  }

  private factsOf(evseId: number, connectorId: number): MutableFacts {
    const facts = this.facts.get(connectorKey(evseId, connectorId));
    if (!facts) throw new RangeError(`the station has no connector ${connectorId} on EVSE ${evseId}`);
    return facts;
  }

  private update(evseId: number, connectorId: number, change: (facts: MutableFacts) => void): void {
    change(this.factsOf(evseId, connectorId));
    this.refresh();
  }

  /**
   * Publishes what changed: the device model first (the StatusNotification reads it), then the listeners, then
   * one StatusNotification per connector whose effective status changed (G01.FR.03-07, G03.FR.04, G04.FR.05).
   */
  private refresh(): void {
    const changes: ConnectorStatusChange[] = [];
    for (const evse of this.options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        const key = connectorKey(evse.id, connectorId);
        const status = this.connectorStatus(evse.id, connectorId);
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
    const { model } = this.options;
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
        enable(handles.enabled, this.connectorOperative(evse.id, connectorId));
      }
      const handles = this.handles.evses.get(evse.id)!;
      write(handles.state, this.evseStatus(evse.id));
      enable(handles.enabled, this.evseOperative(evse.id));
    }
    write(this.handles.station, this.stationStatus());
    enable(this.handles.stationEnabled, this.operationalOf(STATION_SCOPE) === 'Operative');
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
    const seconds = this.options.model.value(OCPPCommCtrlr.MinimumStatusDuration) ?? 0;
    if (seconds <= 0) {
      this.reporter.send(evseId, connectorId, false);
      return;
    }
    const key = connectorKey(evseId, connectorId);
    const running = this.reportTimers.get(key);
    if (running !== undefined) this.options.clock.clearTimeout(running);
    const timer = this.options.clock.setTimeout(() => {
      this.reportTimers.delete(key);
      if (!this.reportingEnabled()) return;
      if (this.reporter.told(evseId, connectorId) !== this.connectorStatus(evseId, connectorId)) {
        this.reporter.send(evseId, connectorId, false);
      }
    }, seconds * 1000);
    this.reportTimers.set(key, timer);
  }
}
