// The ChangeAvailability handler (G03, G04): Accepted at once, or Scheduled and applied once the transactions have ended.
import type { Logger } from '../../logger.js';
import type { EVSEType, Request, Response } from '../../messages/types.js';
import type { CallContext } from '../../rpc/handler-router.js';
import { STATION_SCOPE, parseScopeKey, scopeKey, type AvailabilityScope } from '../../storage/availability-store.js';
import type { TransactionActivity } from '../shared/transaction-activity.js';
import type { StationLayout } from '../shared/station-layout.js';
import type { OperationalStatuses } from './operational-statuses.js';

export interface ChangeAvailabilityHandlerOptions {
  layout: StationLayout;
  logger: Logger;
  operational: OperationalStatuses;
  /** The transactions block's view of running transactions; absent, or undefined, while no block runs any. */
  transactions?: () => TransactionActivity | undefined;
  /** Publishes the effective statuses after a change. */
  refresh: () => void;
}

type ScopeResolution = { scope: AvailabilityScope } | { reasonCode: 'UnknownEvse' | 'UnknownConnectorId' };

export class ChangeAvailabilityHandler {
  private scheduledResumed = false;

  constructor(private readonly options: ChangeAvailabilityHandlerOptions) {}

  handle(request: Request<'ChangeAvailability'>, context: CallContext): Response<'ChangeAvailability'> {
    const { operational } = this.options;
    const resolution = this.resolve(request.evse);
    if ('reasonCode' in resolution) return { status: 'Rejected', statusInfo: { reasonCode: resolution.reasonCode } };
    const { scope } = resolution;
    const key = scopeKey(scope);
    const requested = request.operationalStatus;
    const inForce = operational.of(scope);
    this.options.logger.info({ scope: key, requested, inForce }, 'ChangeAvailability');

    if (requested === inForce) {
      // G03.FR.03 / G04.FR.04. A change still waiting is dropped: the CSMS now wants what is in force.
      if (operational.scheduledOf(scope)) {
        operational.dropSchedule(scope);
        context.afterResponse(() => this.options.refresh());
      }
      return { status: 'Accepted' };
    }
    if (this.busy(scope)) {
      // G03.FR.05 / G04.FR.06: after the transaction(s) have ended.
      const generation = operational.schedule(scope, requested);
      context.afterResponse(() => this.awaitIdle(scope, generation));
      return { status: 'Scheduled' };
    }
    operational.putInForce(scope, requested);
    // The StatusNotifications follow the response (G03.FR.04, G04.FR.05).
    context.afterResponse(() => this.options.refresh());
    return { status: 'Accepted' };
  }

  /** Once: awaits (or applies) the changes answered Scheduled before a restart, as stored. */
  resumeScheduled(): void {
    if (this.scheduledResumed) return;
    this.scheduledResumed = true;
    for (const [key, entry] of this.options.operational.scheduledChanges()) {
      const scope = parseScopeKey(key);
      if (scope) this.awaitIdle(scope, entry.generation);
    }
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

  /**
   * Applies a scheduled change once no transaction runs where it applies. Meanwhile a station-wide change to
   * Inoperative already holds each EVSE without a transaction Unavailable, so that no new transaction keeps the
   * station busy ("Inoperative: it does not allow any charging", G04).
   */
  private awaitIdle(scope: AvailabilityScope, generation: number): void {
    const { operational } = this.options;
    const activity = this.activity();
    const evseId = scope.kind === 'station' ? undefined : scope.evseId;
    if (!activity || !activity.hasActiveTransaction(evseId)) {
      this.applySchedule(scope, generation);
      return;
    }
    if (scope.kind === 'station' && operational.scheduledOf(STATION_SCOPE)?.status === 'Inoperative') {
      for (const evse of this.options.layout.evses) {
        const hold = () => {
          if (!operational.isCurrent(scope, generation)) return;
          operational.hold(evse.id);
          this.options.refresh();
        };
        if (activity.hasActiveTransaction(evse.id)) activity.whenIdle(evse.id, hold);
        else operational.hold(evse.id);
      }
      this.options.refresh();
    }
    activity.whenIdle(evseId, () => this.applySchedule(scope, generation));
  }

  private applySchedule(scope: AvailabilityScope, generation: number): void {
    const { operational } = this.options;
    if (!operational.isCurrent(scope, generation)) return;
    const status = operational.scheduledOf(scope)!.status;
    this.options.logger.info({ scope: scopeKey(scope), status }, 'applying a scheduled availability change');
    operational.putInForce(scope, status);
    this.options.refresh();
  }
}
