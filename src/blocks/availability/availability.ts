// Functional block G, Availability: the operational status (Operative / Inoperative) of the station, each EVSE and
// each connector as ChangeAvailability sets it (G03, G04), persisted; what the integrator reports of the hardware
// (unavailable, faulted, reserved) and the transactions block of its use (occupied); from both, each connector's
// effective status, kept in the device model's AvailabilityState and reported with StatusNotification when it
// changes (G01, G03.FR.04, G04.FR.05). The reporting itself (boot, reconnect, TriggerMessage) is ConnectorStatuses'.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { ConnectorStatusEnumType, OperationalStatusEnumType, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import { STATION_SCOPE, type AvailabilityScope, type AvailabilityStore } from '../../storage/availability-store.js';
import type { TransactionActivity } from '../shared/transaction-activity.js';
import type { Trigger } from '../shared/trigger.js';
import { ChangeAvailabilityHandler } from './change-availability.js';
import type { StationLayout } from '../shared/station-layout.js';
import { ConnectorStatuses } from './connector-statuses.js';
import { OperationalStatuses } from './operational-statuses.js';
import {
  connectorStatusOf,
  evseStatusOf,
  isOperativeStatus,
  stationStatusOf,
} from './status-rules.js';
import { StatusPublisher, connectorKey, type ConnectorStatusListener } from './status-publisher.js';

export type { ConnectorStatusChange, ConnectorStatusListener } from './status-publisher.js';

export interface AvailabilityOptions {
  model: DeviceModel;
  layout: StationLayout;
  store: AvailabilityStore;
  send: Send;
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

interface MutableFacts {
  faulted: boolean;
  unavailable: boolean;
  occupiedSince: number | undefined;
  reservedSince: number | undefined;
}

export class Availability {
  /** The CSMS's view: what StatusNotification has told it; also sends on boot, reconnect and TriggerMessage. */
  readonly reporter: ConnectorStatuses;

  /** What ChangeAvailability put in force or scheduled, per scope. */
  private readonly operational: OperationalStatuses;
  private readonly changes: ChangeAvailabilityHandler;
  private readonly publisher: StatusPublisher;
  private readonly facts = new Map<string, MutableFacts>();
  private sequence = 0;
  /** Holds that close the station to new sessions (L01.FR.07), and the EVSEs in use when they began, until freed. */
  private readonly sessionHolds = new Set<symbol>();
  private readonly stillInUse = new Set<number>();

  constructor(private readonly options: AvailabilityOptions) {
    this.reporter = new ConnectorStatuses({
      model: options.model,
      layout: options.layout,
      send: options.send,
      clock: options.clock,
      logger: options.logger,
    });
    this.operational = new OperationalStatuses({ layout: options.layout, store: options.store, logger: options.logger });
    this.publisher = new StatusPublisher({
      model: options.model,
      layout: options.layout,
      clock: options.clock,
      logger: options.logger,
      reporter: this.reporter,
      operational: this.operational,
      statuses: this,
      registrationAccepted: options.registrationAccepted,
    });
    this.changes = new ChangeAvailabilityHandler({
      layout: options.layout,
      logger: options.logger,
      operational: this.operational,
      transactions: options.transactions,
      refresh: () => this.publisher.refresh(),
    });
    for (const evse of options.layout.evses) {
      for (const connectorId of evse.connectorIds) {
        const key = connectorKey(evse.id, connectorId);
        this.facts.set(key, { faulted: false, unavailable: false, occupiedSince: undefined, reservedSince: undefined });
      }
    }
    this.operational.restore();
    this.publisher.publishInitial();
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

  /**
   * L01.FR.07: until the returned release is called, every EVSE not in use is Unavailable, and an EVSE in use
   * becomes Unavailable once its use ends (no connector occupied). Nothing is persisted: the holder holds again
   * after a restart if it still needs to. Holds may overlap; the last release opens the station again.
   */
  closeToNewSessions(): () => void {
    const hold = Symbol('session hold');
    if (this.sessionHolds.size === 0) {
      for (const evse of this.options.layout.evses) if (this.inUse(evse.id)) this.stillInUse.add(evse.id);
    }
    this.sessionHolds.add(hold);
    this.publisher.refresh();
    return () => {
      if (!this.sessionHolds.delete(hold)) return;
      if (this.sessionHolds.size === 0) this.stillInUse.clear();
      this.publisher.refresh();
    };
  }

  // --- queries ---

  /** The connector's effective status, as StatusNotification reports it. */
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType {
    const operative = this.operational.connectorOperative(evseId, connectorId) && !this.closedToNewSessions(evseId);
    return connectorStatusOf(this.factsOf(evseId, connectorId), operative);
  }

  /** The EVSE's AvailabilityState. */
  evseStatus(evseId: number): ConnectorStatusEnumType {
    const evse = this.evseOf(evseId);
    return evseStatusOf(
      evse.connectorIds.map((connectorId) => this.connectorStatus(evseId, connectorId)),
      this.operational.evseOperative(evseId),
    );
  }

  /** The station's AvailabilityState. */
  stationStatus(): ConnectorStatusEnumType {
    return stationStatusOf(
      this.options.layout.evses.map((evse) => this.evseStatus(evse.id)),
      this.operational.of(STATION_SCOPE) === 'Operative',
    );
  }

  /** The operational status ChangeAvailability last put in force for the station, an EVSE or a connector. */
  operationalStatus(evseId?: number, connectorId?: number): OperationalStatusEnumType {
    return this.operational.of(this.scopeFor(evseId, connectorId));
  }

  /** A change answered Scheduled that still waits for a transaction to end, if any. */
  scheduledStatus(evseId?: number, connectorId?: number): OperationalStatusEnumType | undefined {
    return this.operational.scheduledOf(this.scopeFor(evseId, connectorId))?.status;
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
    if (this.operational.pendingInoperative(STATION_SCOPE) || this.operational.pendingInoperative({ kind: 'evse', evseId })) {
      return false;
    }
    const candidates = connectorId === undefined ? evse.connectorIds : evse.connectorIds.filter((id) => id === connectorId);
    return candidates.some(
      (id) =>
        !this.operational.pendingInoperative({ kind: 'connector', evseId, connectorId: id }) &&
        isOperativeStatus(this.connectorStatus(evseId, id)),
    );
  }

  /** Calls `listener` after each effective connector status change; returns a function that stops it. */
  onStatusChange(listener: ConnectorStatusListener): () => void {
    return this.publisher.onStatusChange(listener);
  }

  // --- ChangeAvailability (G03, G04) ---

  handlers(): HandlerTable {
    return {
      ChangeAvailability: (request, context): Response<'ChangeAvailability'> => this.changes.handle(request, context),
    };
  }

  // --- lifecycle and reporting, for the station ---

  /**
   * Picks up the changes answered Scheduled before a restart: applied now where no transaction runs, else when
   * it ends. Call once the transactions block has restored its transactions; `sendAll` calls it otherwise.
   */
  resumeScheduled(): void {
    this.changes.resumeScheduled();
  }

  /** Registration Accepted: one StatusNotification per connector (B01.FR.05); from now on changes are reported. */
  sendAll(): void {
    this.publisher.whileMuted(() => this.resumeScheduled());
    this.publisher.sendAll();
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
    this.publisher.stop();
  }

  // --- internals ---

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
    if (this.stillInUse.has(evseId) && !this.inUse(evseId)) this.stillInUse.delete(evseId);
    this.publisher.refresh();
  }

  /** An EV or cable is connected to one of the EVSE's connectors, or a transaction runs on it. */
  private inUse(evseId: number): boolean {
    return this.evseOf(evseId).connectorIds.some((connectorId) => this.factsOf(evseId, connectorId).occupiedSince !== undefined);
  }

  private closedToNewSessions(evseId: number): boolean {
    return this.sessionHolds.size > 0 && !this.stillInUse.has(evseId);
  }
}
