// Block E: transactions, decided by the stack from what the integrator reports. Every event (cable, parking bay,
// token, charging state, CSMS answer) updates what is true at the EVSE; the configured TxStartPoint and
// TxStopPoint then decide whether a transaction starts, goes on with an Updated event, or ends (tx-points.ts).
// Each TransactionEvent is queued together with the transaction's new state in one atomic step, so that a crash
// never loses an event nor repeats a seqNo.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { OcppLink } from '../../link/ocpp-link.js';
import type {
  ChargingStateEnumType,
  IdTokenInfoType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  Request,
  Response,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { TxCtrlr } from '../../device-model/standardized/index.js';
import type { TransactionStore } from '../../storage/transaction-store.js';
import type { TransactionActivity } from '../provisioning/reset.js';
import { type Authorization, type EvseSession, newSession } from './evse-session.js';
import { invalidTokenAction } from './invalid-token-rules.js';
import type { TransactionEventSpec } from './transaction-event-builder.js';
import { type EndReason, TransactionJournal } from './transaction-journal.js';
import { evseToAuthorize, sessionStoppedBy } from './session-selection.js';
import type { AvailabilityPort, EnergyControl, MeteringPort, TokenValidator, TransactionListener } from './transaction-ports.js';
import { newTransactionRecord, type TransactionRecord } from './transaction-record.js';
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

export interface TransactionsOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  evseIds: readonly number[];
  store: TransactionStore;
  /** Runs writes to the transaction store and the message queue as one. */
  atomically: <T>(work: () => T) => T;
  send: OcppLink['send'];
  metering: MeteringPort;
  availability: AvailabilityPort;
  tokens: TokenValidator;
  energy: EnergyControl;
  listener?: TransactionListener;
}

/** What became of a presented token. */
export type TokenOutcome =
  | { readonly result: 'authorized'; readonly evseId?: number; readonly idTokenInfo: IdTokenInfoType }
  | { readonly result: 'stopped'; readonly evseId: number }
  | { readonly result: 'rejected'; readonly idTokenInfo: IdTokenInfoType };

/** What happens to transactions that were open when the station stopped. */
export type TransactionsOnBoot = 'end' | 'resume';

/** Boot reasons after which the station went down on purpose. */
const REBOOT_REASONS = new Set(['ApplicationReset', 'LocalReset', 'RemoteReset', 'ScheduledReset', 'FirmwareUpdate']);

export class Transactions implements TransactionActivity {
  private readonly sessions = new Map<number, EvseSession>();
  /** A token authorized for whichever EVSE the driver plugs into next (several EVSEs, none chosen). */
  private pendingAuthorization: { authorization: Authorization; timer: ReturnType<Clock['setTimeout']> } | undefined;
  private readonly idleWaiters: { evseId: number | undefined; idle: () => void }[] = [];
  private readonly journal: TransactionJournal;

  constructor(private readonly options: TransactionsOptions) {
    for (const evseId of options.evseIds) this.sessions.set(evseId, newSession(evseId));
    this.journal = new TransactionJournal(options);
  }

  // --- start-up ---

  /**
   * Deals with the transactions a previous run left open: 'end' ends each now (stoppedReason PowerLoss after a
   * power cut, Reboot after a reset; triggerReason AbnormalCondition) with the TxEnded samples kept for it;
   * 'resume' carries on with it as it was.
   */
  restore(bootReason: string, policy: TransactionsOnBoot): void {
    for (const record of this.journal.openTransactions()) {
      const session = this.sessions.get(record.evseId);
      if (policy === 'resume' && session) {
        session.transaction = record;
        session.conditions = { ...record.conditions };
        session.chargingState = record.chargingState;
        session.connectorId = record.connectorId;
        if (record.idToken) session.authorization = { idToken: record.idToken, ...(record.groupIdToken ? { groupIdToken: record.groupIdToken } : {}) };
        if (record.connectorId !== undefined && record.conditions.evConnected) {
          this.options.availability.setOccupied(record.evseId, record.connectorId, true);
        }
        this.options.metering.resume(record.evseId, record.transactionId, this.meterUpdate(record.evseId));
        this.options.logger.info({ transactionId: record.transactionId, evseId: record.evseId }, 'resumed a transaction');
        continue;
      }
      const reason: ReasonEnumType = REBOOT_REASONS.has(bootReason) ? 'Reboot' : 'PowerLoss';
      this.journal.end(record, { triggerReason: 'AbnormalCondition', stoppedReason: reason });
      this.options.logger.info({ transactionId: record.transactionId, reason }, 'ended a transaction left open');
    }
  }

  // --- what the integrator reports ---

  /** The seed's on_session_started: a cable is plugged into the connector (E02.FR.05/06). */
  evConnected(evseId: number, connectorId: number): void {
    const session = this.session(evseId);
    if (session.conditions.evConnected) return;
    session.connectorId = connectorId;
    this.options.availability.setOccupied(evseId, connectorId, true);
    if (session.connectionTimer) this.options.clock.clearTimeout(session.connectionTimer);
    session.connectionTimer = undefined;
    // "Authorize first, then plug into any connector": the pending authorization goes to this EVSE.
    if (!session.authorization && this.pendingAuthorization) {
      session.authorization = this.pendingAuthorization.authorization;
      this.options.clock.clearTimeout(this.pendingAuthorization.timer);
      this.pendingAuthorization = undefined;
      session.conditions = { ...session.conditions, authorized: true };
    }
    if (session.transaction) {
      session.transaction.connectorId = connectorId;
      session.transaction.evseReported = false;
    }
    const chargingState = session.chargingState === 'Idle' ? 'EVConnected' : session.chargingState;
    this.apply(session, 'CablePluggedIn', { evConnected: true }, { chargingState });
  }

  /** The seed's on_session_finished: the cable is out. */
  evDisconnected(evseId: number, connectorId: number): void {
    const session = this.session(evseId);
    if (!session.conditions.evConnected) return;
    // E09.FR.01: with StopTxOnEVSideDisconnect the authorization ends with the cable.
    const deauthorize = this.options.model.value(TxCtrlr.StopTxOnEVSideDisconnect);
    const changes: Partial<EvseConditions> = { evConnected: false, energyTransfer: false, ...(deauthorize ? { authorized: false } : {}) };
    this.apply(session, 'CableUnplugged', changes, { chargingState: 'Idle' });
    this.options.availability.setOccupied(evseId, connectorId, false);
    session.connectorId = undefined;
    if (!session.transaction) session.authorization = undefined;
  }

  /** A parking bay detector sees an EV arrive or leave (ParkingBayOccupancy). */
  parkingBay(evseId: number, occupied: boolean): void {
    const session = this.session(evseId);
    if (session.conditions.parkingBayOccupied === occupied) return;
    this.apply(session, occupied ? 'EVDetected' : 'EVDeparted', { parkingBayOccupied: occupied });
  }

  /** The seed's on_charging_state_changed. Returns false when there is no EV to change state. */
  chargingStateChanged(evseId: number, chargingState: ChargingStateEnumType): boolean {
    const session = this.session(evseId);
    if (!session.conditions.evConnected && chargingState !== 'Idle') return false;
    if (chargingState === session.chargingState) return true;
    this.apply(session, 'ChargingStateChanged', { energyTransfer: chargingState === 'Charging' }, { chargingState });
    this.options.listener?.chargingStateChanged?.(evseId, chargingState);
    return true;
  }

  /** The meter delivered a signed reading (DataSigned start point, E01.FR.04). */
  signedDataReceived(evseId: number): void {
    const session = this.session(evseId);
    if (session.conditions.dataSigned) return;
    this.apply(session, 'SignedDataReceived', { dataSigned: true });
  }

  // --- authorization ---

  /**
   * A driver presents a token, on an EVSE or at the station. A token that matches the running transaction's
   * (same token, or same group) stops it (E07, E08); otherwise the token is validated (C01) and, when accepted,
   * authorizes charging on that EVSE — or, with several EVSEs and none named, on whichever is plugged into next.
   */
  async presentToken(idToken: IdTokenType, evseId?: number): Promise<TokenOutcome> {
    const owner = sessionStoppedBy(this.sessions.values(), idToken, 'token', evseId);
    if (owner) {
      this.stopByDriver(owner, idToken);
      return { result: 'stopped', evseId: owner.evseId };
    }
    const response = await this.options.tokens.validateToken(idToken);
    const info = response.idTokenInfo;
    if (info.status !== 'Accepted') return { result: 'rejected', idTokenInfo: info };
    // A token of the same group as the running transaction stops it (E07.FR.01 b, E08.FR.02).
    const groupOwner = sessionStoppedBy(this.sessions.values(), info.groupIdToken, 'group', evseId);
    if (groupOwner) {
      this.stopByDriver(groupOwner, idToken);
      return { result: 'stopped', evseId: groupOwner.evseId };
    }
    const authorization: Authorization = { idToken, ...(info.groupIdToken ? { groupIdToken: info.groupIdToken } : {}) };
    const target = evseToAuthorize(this.sessions, evseId, info.evseId);
    // C12.FR.09: a master pass may stop transactions but never start one.
    if (this.options.tokens.mayStartTransaction && !this.options.tokens.mayStartTransaction(info, target)) {
      return { result: 'rejected', idTokenInfo: info };
    }
    if (target === undefined) {
      if (evseId !== undefined) return { result: 'rejected', idTokenInfo: { ...info, status: 'NotAllowedTypeEVSE' } };
      this.authorizeAnywhere(authorization);
      return { result: 'authorized', idTokenInfo: info };
    }
    this.authorize(target, authorization, 'Authorized');
    return { result: 'authorized', evseId: target, idTokenInfo: info };
  }

  /** The seed's on_authorized: the integrator has authorized this token on this EVSE itself. */
  authorized(evseId: number, idToken: IdTokenType, groupIdToken?: IdTokenType): void {
    this.authorize(evseId, { idToken, ...(groupIdToken ? { groupIdToken } : {}) }, 'Authorized');
  }

  /** F01/F02: a remote start authorizes the EVSE for the token (after the station's own check if configured). */
  remoteAuthorize(evseId: number, authorization: Authorization): void {
    this.authorize(evseId, authorization, 'RemoteStart');
  }

  /** F03/F04: the CSMS stops the transaction. Returns false when no transaction has that id. */
  remoteStop(transactionId: string): boolean {
    const session = [...this.sessions.values()].find((s) => s.transaction?.transactionId === transactionId);
    if (!session) return false;
    this.withdrawAuthorization(session, 'RemoteStop', 'Remote');
    return true;
  }

  /**
   * The seed's on_transaction_started: the integrator starts a transaction itself, whatever TxStartPoint says
   * (e.g. hardware that decides on its own). Does nothing when the EVSE already has one.
   */
  startTransaction(
    evseId: number,
    connectorId: number | undefined,
    triggerReason: TriggerReasonEnumType,
    authorization?: Authorization & { reservationId?: number },
  ): string | undefined {
    const session = this.session(evseId);
    if (session.transaction) return session.transaction.transactionId;
    if (connectorId !== undefined && !session.conditions.evConnected) {
      session.connectorId = connectorId;
      session.conditions = { ...session.conditions, evConnected: true };
      if (session.chargingState === 'Idle') session.chargingState = 'EVConnected';
      this.options.availability.setOccupied(evseId, connectorId, true);
    }
    if (authorization) {
      session.authorization = authorization;
      session.conditions = { ...session.conditions, authorized: true };
    }
    this.start(session, triggerReason, authorization?.reservationId);
    this.updateEnergy(session);
    return this.transactionIdOf(evseId);
  }

  /**
   * The seed's on_transaction_finished: the integrator ends the transaction for a reason of its own (emergency
   * stop, fault, …). Does nothing without a transaction.
   */
  finishTransaction(evseId: number, stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType = 'AbnormalCondition'): void {
    const session = this.session(evseId);
    if (!session.transaction) return;
    this.end(session, { triggerReason, stoppedReason });
  }

  // --- the CSMS's answers ---

  /** A TransactionEventResponse arrived (also for events a previous run queued): applies an idTokenInfo (C10.FR.05, E05). */
  responseReceived(request: Request<'TransactionEvent'>, response: Response<'TransactionEvent'>): void {
    const info = response.idTokenInfo;
    if (!info || info.status === 'Accepted') return;
    const session = [...this.sessions.values()].find((s) => s.transaction?.transactionId === request.transactionInfo.transactionId);
    if (!session?.transaction || request.eventType === 'Ended') return;
    const action = invalidTokenAction({
      stopTxOnInvalidId: this.options.model.value(TxCtrlr.StopTxOnInvalidId),
      stopPoints: this.stopPoints(),
      maxEnergyOnInvalidId: this.options.model.value(TxCtrlr.MaxEnergyOnInvalidId),
    });
    this.options.logger.info({ transactionId: session.transaction.transactionId, status: info.status, action: action.kind }, 'the CSMS did not accept the idToken');
    switch (action.kind) {
      case 'end':
        this.end(session, { triggerReason: 'Deauthorized', stoppedReason: 'DeAuthorized' });
        return;
      case 'deauthorize':
        this.withdrawAuthorization(session, 'Deauthorized', 'DeAuthorized', 'EVConnected');
        return;
      case 'suspend':
        this.suspendForInvalidToken(session);
        return;
      case 'limitEnergy': {
        const now = this.options.metering.energyRegisterWh?.(session.evseId);
        if (now === undefined) this.suspendForInvalidToken(session);
        else this.journal.update(session.transaction, { invalidIdEnergyStartWh: now });
        return;
      }
    }
  }

  /** Checks MaxEnergyOnInvalidId after a new meter reading (E05.FR.03). */
  meterReading(evseId: number): void {
    const session = this.sessions.get(evseId);
    const start = session?.transaction?.invalidIdEnergyStartWh;
    const limit = this.options.model.value(TxCtrlr.MaxEnergyOnInvalidId);
    if (!session || start === undefined || limit === undefined) return;
    const now = this.options.metering.energyRegisterWh?.(evseId);
    if (now !== undefined && now - start >= limit) this.suspendForInvalidToken(session);
  }

  // --- queries (the seed's get_evse_transaction_id, reset and availability ports) ---

  transactionIdOf(evseId: number): string | undefined {
    return this.sessions.get(evseId)?.transaction?.transactionId;
  }

  /** The open transaction with this id, if any. */
  transaction(transactionId: string): Readonly<TransactionRecord> | undefined {
    return [...this.sessions.values()].find((s) => s.transaction?.transactionId === transactionId)?.transaction;
  }

  /** Whether a transaction on the EVSE has been authorized (F01.FR.24, F05.FR.02). */
  hasAuthorizedTransaction(evseId: number): boolean {
    const session = this.sessions.get(evseId);
    return session?.transaction !== undefined && session.conditions.authorized;
  }

  hasActiveTransaction(evseId?: number): boolean {
    if (evseId !== undefined) return this.sessions.get(evseId)?.transaction !== undefined;
    return [...this.sessions.values()].some((session) => session.transaction !== undefined);
  }

  whenIdle(evseId: number | undefined, idle: () => void): void {
    if (!this.hasActiveTransaction(evseId)) idle();
    else this.idleWaiters.push({ evseId, idle });
  }

  /** Ends every open transaction (or the EVSE's) now, e.g. before an Immediate reset (B12.FR.04/08). */
  endAll(stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType, evseId?: number): void {
    for (const session of this.sessions.values()) {
      if (session.transaction && (evseId === undefined || session.evseId === evseId)) this.end(session, { triggerReason, stoppedReason });
    }
  }

  /** F06.FR.07: an Updated event with triggerReason Trigger for the EVSE's transaction; false when there is none. */
  triggerUpdate(evseId: number): boolean {
    const session = this.sessions.get(evseId);
    if (!session?.transaction) return false;
    const meterValue = this.options.metering.triggeredTransactionValues(evseId);
    this.journal.record(session.transaction, { eventType: 'Updated', triggerReason: 'Trigger', chargingState: session.chargingState, meterValue }, true);
    return true;
  }

  /** The charging state of the EVSE as the transactions block sees it. */
  chargingStateOf(evseId: number): ChargingStateEnumType | undefined {
    return this.sessions.get(evseId)?.chargingState;
  }

  stop(): void {
    for (const session of this.sessions.values()) {
      if (session.connectionTimer) this.options.clock.clearTimeout(session.connectionTimer);
      session.connectionTimer = undefined;
    }
    if (this.pendingAuthorization) this.options.clock.clearTimeout(this.pendingAuthorization.timer);
    this.pendingAuthorization = undefined;
  }

  // --- the engine ---

  private session(evseId: number): EvseSession {
    const session = this.sessions.get(evseId);
    if (!session) throw new RangeError(`EVSE ${evseId} does not exist on this station`);
    return session;
  }

  private startPoints(): TxPoint[] {
    return this.options.model.value(TxCtrlr.TxStartPoint) as TxPoint[];
  }

  private stopPoints(): TxPoint[] {
    return this.options.model.value(TxCtrlr.TxStopPoint) as TxPoint[];
  }

  /**
   * One event at one EVSE: the conditions change, then the start and stop points decide. A started
   * transaction reports the event in its Started event; a running one in an Updated or Ended event.
   */
  private apply(
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

  private start(session: EvseSession, triggerReason: TriggerReasonEnumType, reservationId?: number): void {
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
    this.options.listener?.started?.(session.evseId, record.transactionId);
  }

  private end(session: EvseSession, why: EndReason): void {
    const record = session.transaction;
    if (!record) return;
    session.transaction = undefined;
    record.conditions = session.conditions;
    this.journal.end(record, why, session.chargingState);
    if (!session.conditions.evConnected) session.authorization = undefined;
    session.energyBlocked = false;
    this.options.listener?.ended?.(session.evseId, record.transactionId);
    this.releaseIdleWaiters();
  }

  private authorize(evseId: number, authorization: Authorization, event: 'Authorized' | 'RemoteStart'): void {
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
    }
    if (!session.conditions.evConnected) this.startConnectionTimer(session);
    this.apply(session, event, { authorized: true });
  }

  /** Several EVSEs and none named: the next EVSE plugged into takes the authorization (within EVConnectionTimeOut). */
  private authorizeAnywhere(authorization: Authorization): void {
    if (this.pendingAuthorization) this.options.clock.clearTimeout(this.pendingAuthorization.timer);
    const timer = this.options.clock.setTimeout(() => {
      this.pendingAuthorization = undefined;
      this.options.logger.info('no EV was plugged in within EVConnectionTimeOut; the authorization lapsed');
    }, this.options.model.value(TxCtrlr.EVConnectionTimeOut) * 1000);
    this.pendingAuthorization = { authorization, timer };
  }

  /** E03.FR.05 / E03.FR.15: an authorization without a cable lapses after EVConnectionTimeOut. */
  private startConnectionTimer(session: EvseSession): void {
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
  private withdrawAuthorization(
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
  private applyCustom(
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

  private stopByDriver(session: EvseSession, idToken: IdTokenType): void {
    this.withdrawAuthorization(session, 'StopAuthorized', 'Local', undefined, idToken);
  }

  /** E05.FR.02: energy stops, Updated with ChargingStateChanged and SuspendedEVSE. */
  private suspendForInvalidToken(session: EvseSession): void {
    session.energyBlocked = true;
    if (session.transaction) this.journal.update(session.transaction, { energyAllowed: false, invalidIdEnergyStartWh: undefined });
    this.apply(session, 'ChargingStateChanged', { energyTransfer: false }, { chargingState: 'SuspendedEVSE' });
  }

  /** Tells the hardware whether energy may flow: an authorized driver, a connected EV, nothing holding it back. */
  private updateEnergy(session: EvseSession): void {
    const allowed =
      powerPathClosed(session.conditions) &&
      !session.energyBlocked &&
      this.options.availability.canStartCharging(session.evseId, session.connectorId);
    if (allowed === session.energyAllowed) return;
    session.energyAllowed = allowed;
    this.options.energy.setEnergyTransferAllowed(session.evseId, allowed);
  }

  private meterUpdate(evseId: number) {
    return (meterValues: MeterValueType[], trigger: 'MeterValuePeriodic' | 'MeterValueClock') => {
      const record = this.sessions.get(evseId)?.transaction;
      if (!record || meterValues.length === 0) return;
      this.journal.record(record, { eventType: 'Updated', triggerReason: trigger, meterValue: meterValues });
    };
  }

  private releaseIdleWaiters(): void {
    for (const waiter of [...this.idleWaiters]) {
      if (this.hasActiveTransaction(waiter.evseId)) continue;
      this.idleWaiters.splice(this.idleWaiters.indexOf(waiter), 1);
      waiter.idle();
    }
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}
