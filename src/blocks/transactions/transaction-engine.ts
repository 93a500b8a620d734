// The engine of the transactions block: what is true at each EVSE, and how an event becomes a transaction
// start, an Updated event or an end under TxStartPoint / TxStopPoint (tx-points.ts). Every TransactionEvent goes
// through the journal, together with the transaction's new state.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type {
  ChargingStateEnumType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import { TxCtrlr } from '../../device-model/standardized/index.js';
import { type EvseAuthorization, type EvseSession, newSession } from './evse-session.js';
import type { TransactionEventSpec } from './transaction-event-builder.js';
import { TransactionJournal } from './transaction-journal.js';
import type { EndReason } from './transaction-ports.js';
import { newTransactionRecord } from './transaction-record.js';
import type { TransactionsOptions } from './transactions-options.js';
import {
  type ConditionEvent,
  type EvseConditions,
  type TxPoint,
  powerPathClosed,
  startPointReached,
  stopPointLost,
  stoppedReasonFor,
  triggerReasonOf,
} from './tx-points.js';

/** The state of every EVSE and the rules that turn events into TransactionEvents; Transactions is its face. */
export class TransactionEngine {
  readonly sessions = new Map<number, EvseSession>();
  /** A token authorized for whichever EVSE the driver plugs into next (several EVSEs, none chosen). */
  pendingAuthorization: { authorization: EvseAuthorization; timer: ReturnType<Clock['setTimeout']> } | undefined;
  readonly idleWaiters: { evseId: number | undefined; idle: () => void }[] = [];
  readonly journal: TransactionJournal;

  constructor(readonly options: TransactionsOptions) {
    for (const evseId of options.evseIds) this.sessions.set(evseId, newSession(evseId));
    this.journal = new TransactionJournal(options);
  }


  session(evseId: number): EvseSession {
    const session = this.sessions.get(evseId);
    if (!session) throw new RangeError(`EVSE ${evseId} does not exist on this station`);
    return session;
  }

  startPoints(): TxPoint[] {
    return this.options.model.value(TxCtrlr.TxStartPoint) as TxPoint[];
  }

  stopPoints(): TxPoint[] {
    return this.options.model.value(TxCtrlr.TxStopPoint) as TxPoint[];
  }

  /**
   * One event at one EVSE: the conditions change, then the start and stop points decide. A started
   * transaction reports the event in its Started event; a running one in an Updated or Ended event.
   */
  apply(
    session: EvseSession,
    event: ConditionEvent,
    changes: Partial<EvseConditions>,
    extra: { chargingState?: ChargingStateEnumType; idToken?: IdTokenType } = {},
  ): void {
    const before = session.conditions;
    const after = { ...before, ...changes };
    session.conditions = after;
    if (extra.chargingState) session.chargingState = extra.chargingState;
    const triggerReason = triggerReasonOf(event);
    const record = session.transaction;
    if (!record) {
      if (startPointReached(this.startPoints(), after) && this.options.availability.canStartCharging(session.evseId, session.connectorId)) {
        this.start(session, triggerReason);
      }
    } else {
      const lost = stopPointLost(this.stopPoints(), before, after);
      if (lost) {
        const stoppedReason = record.stopReason ?? stoppedReasonFor(lost, after);
        this.end(session, { triggerReason, stoppedReason, ...(extra.idToken ? { idToken: extra.idToken } : {}) });
      } else {
        record.conditions = after;
        const spec: TransactionEventSpec = { eventType: 'Updated', triggerReason, timestamp: this.now(), chargingState: session.chargingState };
        this.journal.record(record, extra.idToken ? { ...spec, idToken: extra.idToken } : spec);
      }
    }
    this.updateEnergy(session);
  }

  start(session: EvseSession, triggerReason: TriggerReasonEnumType, reservationId?: number): void {
    const authorization = session.authorization;
    const record = newTransactionRecord({
      transactionId: randomUUID(),
      evseId: session.evseId,
      ...(session.connectorId !== undefined ? { connectorId: session.connectorId } : {}),
      startedAt: this.now(),
      chargingState: session.chargingState,
      conditions: session.conditions,
    });
    if (authorization) {
      record.idToken = authorization.idToken;
      if (authorization.groupIdToken) record.groupIdToken = authorization.groupIdToken;
      if (authorization.remoteStartId !== undefined) record.remoteStartId = authorization.remoteStartId;
      if (authorization.chargingProfile) record.chargingProfile = authorization.chargingProfile;
    }
    if (reservationId !== undefined) record.reservationId = reservationId;
    record.energyAllowed = !session.energyBlocked;
    session.transaction = record;
    // F02.FR.21: after a RequestStartTransaction the next event says RemoteStart, whatever else happened.
    const trigger = authorization?.remoteStartId !== undefined ? 'RemoteStart' : triggerReason;
    this.journal.record(record, {
      eventType: 'Started',
      triggerReason: trigger,
      timestamp: record.startedAt,
      chargingState: session.chargingState,
      meterValue: this.options.metering.startedValues(session.evseId),
    });
    this.options.metering.transactionStarted(session.evseId, record.transactionId, this.meterUpdate(session.evseId));
    this.options.logger.info({ transactionId: record.transactionId, evseId: session.evseId, trigger }, 'transaction started');
    this.options.listener?.started?.(record, trigger);
    if (record.chargingProfile) this.options.listener?.chargingProfileArrived?.(session.evseId, record.transactionId, record.chargingProfile);
  }

  end(session: EvseSession, why: EndReason): void {
    const record = session.transaction;
    if (!record) return;
    session.transaction = undefined;
    record.conditions = session.conditions;
    this.journal.end(record, why, session.chargingState);
    if (!session.conditions.evConnected) session.authorization = undefined;
    session.energyBlocked = false;
    this.options.listener?.ended?.(record, why);
    this.releaseIdleWaiters();
  }

  authorize(evseId: number, authorization: EvseAuthorization, event: 'Authorized' | 'RemoteStart'): void {
    const session = this.session(evseId);
    session.authorization = authorization;
    session.energyBlocked = false;
    const record = session.transaction;
    if (record) {
      // E02.FR.20 / E03.FR.01: the token goes out in the next event.
      this.journal.update(record, {
        idToken: authorization.idToken,
        idTokenReported: false,
        energyAllowed: true,
        ...(authorization.groupIdToken ? { groupIdToken: authorization.groupIdToken } : {}),
        ...(authorization.remoteStartId !== undefined ? { remoteStartId: authorization.remoteStartId, remoteStartIdReported: false } : {}),
        ...(authorization.chargingProfile ? { chargingProfile: authorization.chargingProfile } : {}),
      });
      // K05: a remote start's profile for a transaction that was already running.
      if (authorization.chargingProfile) {
        this.options.listener?.chargingProfileArrived?.(evseId, record.transactionId, authorization.chargingProfile);
      }
    }
    if (!session.conditions.evConnected) this.startConnectionTimer(session);
    this.apply(session, event, { authorized: true });
  }

  /** Several EVSEs and none named: the next EVSE plugged into takes the authorization (within EVConnectionTimeOut). */
  authorizeAnywhere(authorization: EvseAuthorization): void {
    if (this.pendingAuthorization) this.options.clock.clearTimeout(this.pendingAuthorization.timer);
    const timer = this.options.clock.setTimeout(() => {
      this.pendingAuthorization = undefined;
      this.options.logger.info('no EV was plugged in within EVConnectionTimeOut; the authorization lapsed');
    }, this.options.model.value(TxCtrlr.EVConnectionTimeOut) * 1000);
    this.pendingAuthorization = { authorization, timer };
  }

  /** E03.FR.05 / E03.FR.15: an authorization without a cable lapses after EVConnectionTimeOut. */
  startConnectionTimer(session: EvseSession): void {
    if (session.connectionTimer) this.options.clock.clearTimeout(session.connectionTimer);
    session.connectionTimer = this.options.clock.setTimeout(() => {
      session.connectionTimer = undefined;
      if (session.conditions.evConnected) return;
      if (session.transaction) {
        if (this.stopPoints().includes('ParkingBayOccupancy')) {
          this.withdrawAuthorization(session, 'EVConnectTimeout', 'Timeout');
        } else {
          this.end(session, { triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' });
        }
      }
      session.authorization = undefined;
      if (session.conditions.authorized) session.conditions = { ...session.conditions, authorized: false };
      this.updateEnergy(session);
    }, this.options.model.value(TxCtrlr.EVConnectionTimeOut) * 1000);
  }

  /**
   * The authorization ends: the driver stopped (StopAuthorized), the CSMS stopped (RemoteStop) or the token was
   * refused (Deauthorized). Energy stops; the transaction ends now if its stop points say so, else at the next
   * stop point, with `stoppedReason` (E07.FR.05, F03.FR.02/03, F04.FR.03, E05.FR.09/10).
   */
  withdrawAuthorization(
    session: EvseSession,
    event: 'StopAuthorized' | 'RemoteStop' | 'Deauthorized' | 'EVConnectTimeout',
    stoppedReason: ReasonEnumType,
    chargingState?: ChargingStateEnumType,
    idToken?: IdTokenType,
  ): void {
    session.energyBlocked = true;
    if (session.transaction) this.journal.update(session.transaction, { stopReason: stoppedReason, energyAllowed: false });
    const changes: Partial<EvseConditions> = { authorized: false };
    const nextState = chargingState ?? (session.chargingState === 'Charging' ? 'SuspendedEVSE' : session.chargingState);
    if (event === 'EVConnectTimeout') {
      this.applyCustom(session, 'EVConnectTimeout', changes, nextState, idToken);
      return;
    }
    this.apply(session, event, changes, { chargingState: nextState, ...(idToken ? { idToken } : {}) });
  }

  /** Like apply, for the one trigger that is not a condition event (EVConnectTimeout). */
  applyCustom(
    session: EvseSession,
    triggerReason: TriggerReasonEnumType,
    changes: Partial<EvseConditions>,
    chargingState: ChargingStateEnumType,
    idToken?: IdTokenType,
  ): void {
    const before = session.conditions;
    session.conditions = { ...before, ...changes };
    session.chargingState = chargingState;
    const record = session.transaction;
    if (record) {
      const lost = stopPointLost(this.stopPoints(), before, session.conditions);
      if (lost) {
        const stoppedReason = record.stopReason ?? stoppedReasonFor(lost, session.conditions);
        this.end(session, { triggerReason, stoppedReason, ...(idToken ? { idToken } : {}) });
      }
      else {
        record.conditions = session.conditions;
        this.journal.record(record, { eventType: 'Updated', triggerReason, chargingState, ...(idToken ? { idToken } : {}) });
      }
    }
    this.updateEnergy(session);
  }

  stopByDriver(session: EvseSession, idToken: IdTokenType): void {
    this.withdrawAuthorization(session, 'StopAuthorized', 'Local', undefined, idToken);
  }

  /** E05.FR.02: energy stops, Updated with ChargingStateChanged and SuspendedEVSE. */
  suspendForInvalidToken(session: EvseSession): void {
    session.energyBlocked = true;
    if (session.transaction) this.journal.update(session.transaction, { energyAllowed: false, invalidIdEnergyStartWh: undefined });
    this.apply(session, 'ChargingStateChanged', { energyTransfer: false }, { chargingState: 'SuspendedEVSE' });
  }

  /** Tells the hardware whether energy may flow: an authorized driver, a connected EV, nothing holding it back. */
  updateEnergy(session: EvseSession): void {
    const allowed =
      powerPathClosed(session.conditions) &&
      !session.energyBlocked &&
      this.options.availability.canStartCharging(session.evseId, session.connectorId);
    if (allowed === session.energyAllowed) return;
    session.energyAllowed = allowed;
    this.options.energy.setEnergyTransferAllowed(session.evseId, allowed);
  }

  meterUpdate(evseId: number) {
    return (meterValues: MeterValueType[], trigger: 'MeterValuePeriodic' | 'MeterValueClock') => {
      const record = this.sessions.get(evseId)?.transaction;
      if (!record || meterValues.length === 0) return;
      this.journal.record(record, { eventType: 'Updated', triggerReason: trigger, meterValue: meterValues });
    };
  }

  releaseIdleWaiters(): void {
    for (const waiter of [...this.idleWaiters]) {
      if (this.hasActiveTransaction(waiter.evseId)) continue;
      this.idleWaiters.splice(this.idleWaiters.indexOf(waiter), 1);
      waiter.idle();
    }
  }

  now(): string {
    return this.options.clock.now().toISOString();
  }

  hasActiveTransaction(evseId?: number): boolean {
    if (evseId !== undefined) return this.sessions.get(evseId)?.transaction !== undefined;
    return [...this.sessions.values()].some((session) => session.transaction !== undefined);
  }
}
