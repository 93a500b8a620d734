// The operational statuses ChangeAvailability sets per station, EVSE and connector, with the changes answered Scheduled, persisted.
import type { Logger } from '../../logger.js';
import type { OperationalStatusEnumType } from '../../messages/types.js';
import {
  STATION_SCOPE,
  parseScopeKey,
  scopeKey,
  type AvailabilityScope,
  type AvailabilityStore,
} from '../../storage/availability-store.js';
import type { StationLayout } from '../shared/station-layout.js';

export interface OperationalStatusesOptions {
  layout: StationLayout;
  store: AvailabilityStore;
  logger: Logger;
}

/** A change answered Scheduled, with the generation that may apply it. */
export interface ScheduledChange {
  status: OperationalStatusEnumType;
  generation: number;
}

export class OperationalStatuses {
  /** Operational status per scope key; a scope without an entry is Operative. */
  private readonly operational = new Map<string, OperationalStatusEnumType>();
  /** Changes answered Scheduled, per scope key, with the generation that may apply them. */
  private readonly scheduled = new Map<string, ScheduledChange>();
  /** EVSEs kept Unavailable while a station-wide change to Inoperative waits for other EVSEs' transactions. */
  private readonly held = new Set<number>();
  private generations = 0;

  constructor(private readonly options: OperationalStatusesOptions) {}

  /** The operational status in force for the scope. */
  of(scope: AvailabilityScope): OperationalStatusEnumType {
    return this.operational.get(scopeKey(scope)) ?? 'Operative';
  }

  /** The change answered Scheduled for the scope, if one waits. */
  scheduledOf(scope: AvailabilityScope): ScheduledChange | undefined {
    return this.scheduled.get(scopeKey(scope));
  }

  /** Every change answered Scheduled, by scope key, as they are now. */
  scheduledChanges(): [string, ScheduledChange][] {
    return [...this.scheduled];
  }

  pendingInoperative(scope: AvailabilityScope): boolean {
    return this.scheduled.get(scopeKey(scope))?.status === 'Inoperative';
  }

  isCurrent(scope: AvailabilityScope, generation: number): boolean {
    return this.scheduled.get(scopeKey(scope))?.generation === generation;
  }

  evseOperative(evseId: number): boolean {
    return (
      this.of(STATION_SCOPE) === 'Operative' &&
      this.of({ kind: 'evse', evseId }) === 'Operative' &&
      !this.held.has(evseId)
    );
  }

  connectorOperative(evseId: number, connectorId: number): boolean {
    return this.evseOperative(evseId) && this.of({ kind: 'connector', evseId, connectorId }) === 'Operative';
  }

  /** Keeps the EVSE Unavailable until the station-wide change waiting is applied or dropped. */
  hold(evseId: number): void {
    this.held.add(evseId);
  }

  schedule(scope: AvailabilityScope, status: OperationalStatusEnumType): number {
    const key = scopeKey(scope);
    const generation = ++this.generations;
    this.scheduled.set(key, { status, generation });
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
    return generation;
  }

  dropSchedule(scope: AvailabilityScope): void {
    this.scheduled.delete(scopeKey(scope));
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
  }

  putInForce(scope: AvailabilityScope, status: OperationalStatusEnumType): void {
    const key = scopeKey(scope);
    this.operational.set(key, status);
    this.scheduled.delete(key);
    if (scope.kind === 'station') this.held.clear();
    this.persist(scope);
  }

  /** Loads what was stored before a restart; call once, before anything else. */
  restore(): void {
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

  /** G03.FR.08, G04.FR.09, B01.FR.07: what ChangeAvailability set survives a reboot. */
  private persist(scope: AvailabilityScope): void {
    const key = scopeKey(scope);
    const scheduled = this.scheduled.get(key);
    try {
      this.options.store.save(key, {
        operationalStatus: this.of(scope),
        ...(scheduled ? { scheduledStatus: scheduled.status } : {}),
      });
    } catch (error) {
      this.options.logger.error({ err: error, scope: key }, 'storing an availability change failed');
    }
  }

  private inLayout(scope: AvailabilityScope): boolean {
    if (scope.kind === 'station') return true;
    const evse = this.options.layout.evses.find((candidate) => candidate.id === scope.evseId);
    return evse !== undefined && (scope.kind === 'evse' || evse.connectorIds.includes(scope.connectorId));
  }
}
