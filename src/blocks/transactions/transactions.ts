// Block E: transactions, decided by the stack from what the integrator reports. Every event (cable, parking bay,
// token, charging state, CSMS answer) updates what is true at the EVSE; the configured TxStartPoint and
// TxStopPoint then decide whether a transaction starts, goes on with an Updated event, or ends (tx-points.ts).
// Each TransactionEvent is queued together with the transaction's new state in one atomic step, so that a crash
// never loses an event nor repeats a seqNo.
import type {
  ChargingStateEnumType,
  IdTokenInfoType,
  IdTokenType,
  ReasonEnumType,
  Request,
  Response,
  TriggerReasonEnumType,
} from '../../messages/types.js';
import { TxCtrlr } from '../../device-model/standardized/index.js';
import type { TransactionActivity } from '../shared/transaction-activity.js';
import type { EvseAuthorization } from './evse-session.js';
import { invalidTokenAction } from './invalid-token-rules.js';
import { TransactionEngine } from './transaction-engine.js';
import { authorizedForAnother, evseToAuthorize, sessionStoppedBy } from './session-selection.js';
import type { TransactionsOptions } from './transactions-options.js';
import type { TransactionRecord } from './transaction-record.js';
import type { EvseConditions } from './tx-points.js';

/** What became of a presented token. */
export type TokenOutcome =
  | { readonly result: 'authorized'; readonly evseId?: number; readonly idTokenInfo: IdTokenInfoType }
  | { readonly result: 'stopped'; readonly evseId: number }
  /** Valid, but the EVSE is already authorized for another driver (C01.FR.02/03): nothing changed. */
  | { readonly result: 'busy'; readonly evseId: number; readonly idTokenInfo: IdTokenInfoType }
  | { readonly result: 'rejected'; readonly idTokenInfo: IdTokenInfoType };

/** What happens to transactions that were open when the station stopped. */
export type TransactionsOnBoot = 'end' | 'resume';

/** Boot reasons after which the station went down on purpose. */
const REBOOT_REASONS = new Set(['ApplicationReset', 'LocalReset', 'RemoteReset', 'ScheduledReset', 'FirmwareUpdate']);

export class Transactions implements TransactionActivity {
  private readonly engine: TransactionEngine;
  private readonly options: TransactionsOptions;

  constructor(options: TransactionsOptions) {
    this.options = options;
    this.engine = new TransactionEngine(options);
  }

  // --- start-up ---

  /**
   * Deals with the transactions a previous run left open: 'end' ends each now (stoppedReason PowerLoss after a
   * power cut, Reboot after a reset; triggerReason AbnormalCondition) with the TxEnded samples kept for it;
   * 'resume' carries on with it as it was.
   */
  restore(bootReason: string, policy: TransactionsOnBoot): void {
    for (const record of this.engine.journal.openTransactions()) {
      const session = this.engine.sessions.get(record.evseId);
      if (policy === 'resume' && session) {
        session.transaction = record;
        session.conditions = { ...record.conditions };
        session.chargingState = record.chargingState;
        session.connectorId = record.connectorId;
        if (record.idToken) session.authorization = { idToken: record.idToken, ...(record.groupIdToken ? { groupIdToken: record.groupIdToken } : {}) };
        if (record.connectorId !== undefined && record.conditions.evConnected) {
          this.options.availability.setOccupied(record.evseId, record.connectorId, true);
        }
        this.options.metering.resume(record.evseId, record.transactionId, this.engine.meterUpdate(record.evseId));
        this.options.logger.info({ transactionId: record.transactionId, evseId: record.evseId }, 'resumed a transaction');
        continue;
      }
      const reason: ReasonEnumType = REBOOT_REASONS.has(bootReason) ? 'Reboot' : 'PowerLoss';
      const why = { triggerReason: 'AbnormalCondition', stoppedReason: reason } as const;
      this.engine.journal.end(record, why);
      this.options.logger.info({ transactionId: record.transactionId, reason }, 'ended a transaction left open');
      this.options.listener?.ended?.(record, why);
    }
  }

  // --- what the integrator reports ---

  /** The seed's on_session_started: a cable is plugged into the connector (E02.FR.05/06). */
  evConnected(evseId: number, connectorId: number): void {
    const session = this.engine.session(evseId);
    if (session.conditions.evConnected) return;
    session.connectorId = connectorId;
    this.options.availability.setOccupied(evseId, connectorId, true);
    if (session.connectionTimer) this.options.clock.clearTimeout(session.connectionTimer);
    session.connectionTimer = undefined;
    // "Authorize first, then plug into any connector": the pending authorization goes to this EVSE.
    if (!session.authorization && this.engine.pendingAuthorization) {
      session.authorization = this.engine.pendingAuthorization.authorization;
      this.options.clock.clearTimeout(this.engine.pendingAuthorization.timer);
      this.engine.pendingAuthorization = undefined;
      session.conditions = { ...session.conditions, authorized: true };
    }
    if (session.transaction) {
      session.transaction.connectorId = connectorId;
      session.transaction.evseReported = false;
    }
    const chargingState = session.chargingState === 'Idle' ? 'EVConnected' : session.chargingState;
    this.engine.apply(session, 'CablePluggedIn', { evConnected: true }, { chargingState });
  }

  /** The seed's on_session_finished: the cable is out. */
  evDisconnected(evseId: number, connectorId: number): void {
    const session = this.engine.session(evseId);
    if (!session.conditions.evConnected) return;
    // E09.FR.01: with StopTxOnEVSideDisconnect the authorization ends with the cable.
    const deauthorize = this.options.model.value(TxCtrlr.StopTxOnEVSideDisconnect);
    const changes: Partial<EvseConditions> = { evConnected: false, energyTransfer: false, ...(deauthorize ? { authorized: false } : {}) };
    this.engine.apply(session, 'CableUnplugged', changes, { chargingState: 'Idle' });
    this.options.availability.setOccupied(evseId, connectorId, false);
    session.connectorId = undefined;
    if (!session.transaction) session.authorization = undefined;
  }

  /** A parking bay detector sees an EV arrive or leave (ParkingBayOccupancy). */
  parkingBay(evseId: number, occupied: boolean): void {
    const session = this.engine.session(evseId);
    if (session.conditions.parkingBayOccupied === occupied) return;
    this.engine.apply(session, occupied ? 'EVDetected' : 'EVDeparted', { parkingBayOccupied: occupied });
  }

  /** The seed's on_charging_state_changed. Returns false when there is no EV to change state. */
  chargingStateChanged(evseId: number, chargingState: ChargingStateEnumType): boolean {
    const session = this.engine.session(evseId);
    if (!session.conditions.evConnected && chargingState !== 'Idle') return false;
    if (chargingState === session.chargingState) return true;
    this.engine.apply(session, 'ChargingStateChanged', { energyTransfer: chargingState === 'Charging' }, { chargingState });
    this.options.listener?.chargingStateChanged?.(evseId, chargingState);
    return true;
  }

  /** The meter delivered a signed reading (DataSigned start point, E01.FR.04). */
  signedDataReceived(evseId: number): void {
    const session = this.engine.session(evseId);
    if (session.conditions.dataSigned) return;
    this.engine.apply(session, 'SignedDataReceived', { dataSigned: true });
  }

  // --- authorization ---

  /**
   * A driver presents a token, on an EVSE or at the station. A token that matches the running transaction's
   * (same token, or same group) stops it (E07, E08); otherwise the token is validated (C01) and, when accepted,
   * authorizes charging on that EVSE — or, with several EVSEs and none named, on whichever is plugged into next.
   */
  async presentToken(idToken: IdTokenType, evseId?: number): Promise<TokenOutcome> {
    const owner = sessionStoppedBy(this.engine.sessions.values(), idToken, 'token', evseId);
    if (owner) {
      this.engine.stopByDriver(owner, idToken);
      return { result: 'stopped', evseId: owner.evseId };
    }
    const response = await this.options.tokens.validateToken(idToken);
    const info = response.idTokenInfo;
    if (info.status !== 'Accepted') return { result: 'rejected', idTokenInfo: info };
    // A token of the same group as the running transaction stops it (E07.FR.01 b, E08.FR.02).
    const groupOwner = sessionStoppedBy(this.engine.sessions.values(), info.groupIdToken, 'group', evseId);
    if (groupOwner) {
      this.engine.stopByDriver(groupOwner, idToken);
      return { result: 'stopped', evseId: groupOwner.evseId };
    }
    const authorization: EvseAuthorization = { idToken, ...(info.groupIdToken ? { groupIdToken: info.groupIdToken } : {}) };
    const target = evseToAuthorize(this.engine.sessions, evseId, info.evseId);
    // C12.FR.09: a master pass may stop transactions but never start one.
    if (this.options.tokens.mayStartTransaction && !this.options.tokens.mayStartTransaction(info, target)) {
      return { result: 'rejected', idTokenInfo: info };
    }
    // TC_C_04: another driver's valid token neither stops nor takes over an EVSE that is authorized already.
    if (target !== undefined && authorizedForAnother(this.engine.session(target), idToken)) {
      return { result: 'busy', evseId: target, idTokenInfo: info };
    }
    if (target === undefined) {
      if (evseId !== undefined) return { result: 'rejected', idTokenInfo: { ...info, status: 'NotAllowedTypeEVSE' } };
      this.engine.authorizeAnywhere(authorization);
      return { result: 'authorized', idTokenInfo: info };
    }
    this.engine.authorize(target, authorization, 'Authorized');
    return { result: 'authorized', evseId: target, idTokenInfo: info };
  }

  /** The seed's on_authorized: the integrator has authorized this token on this EVSE itself. */
  authorized(evseId: number, idToken: IdTokenType, groupIdToken?: IdTokenType): void {
    this.engine.authorize(evseId, { idToken, ...(groupIdToken ? { groupIdToken } : {}) }, 'Authorized');
  }

  /** F01/F02: a remote start authorizes the EVSE for the token (after the station's own check if configured). */
  remoteAuthorize(evseId: number, authorization: EvseAuthorization): void {
    this.engine.authorize(evseId, authorization, 'RemoteStart');
  }

  /** F03/F04: the CSMS stops the transaction. Returns false when no transaction has that id. */
  remoteStop(transactionId: string): boolean {
    const session = [...this.engine.sessions.values()].find((s) => s.transaction?.transactionId === transactionId);
    if (!session) return false;
    this.engine.withdrawAuthorization(session, 'RemoteStop', 'Remote');
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
    authorization?: EvseAuthorization & { reservationId?: number },
  ): string | undefined {
    const session = this.engine.session(evseId);
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
    this.engine.start(session, triggerReason, authorization?.reservationId);
    this.engine.updateEnergy(session);
    return this.transactionIdOf(evseId);
  }

  /**
   * The seed's on_transaction_finished: the integrator ends the transaction for a reason of its own (emergency
   * stop, fault, …). Does nothing without a transaction.
   */
  finishTransaction(evseId: number, stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType = 'AbnormalCondition'): void {
    const session = this.engine.session(evseId);
    if (!session.transaction) return;
    this.engine.end(session, { triggerReason, stoppedReason });
  }

  // --- the CSMS's answers ---

  /** A TransactionEventResponse arrived (also for events a previous run queued): applies an idTokenInfo (C10.FR.05, E05). */
  responseReceived(request: Request<'TransactionEvent'>, response: Response<'TransactionEvent'>): void {
    const info = response.idTokenInfo;
    if (!info || info.status === 'Accepted') return;
    const session = [...this.engine.sessions.values()].find((s) => s.transaction?.transactionId === request.transactionInfo.transactionId);
    if (!session?.transaction || request.eventType === 'Ended') return;
    const action = invalidTokenAction({
      stopTxOnInvalidId: this.options.model.value(TxCtrlr.StopTxOnInvalidId),
      stopPoints: this.engine.stopPoints(),
      maxEnergyOnInvalidId: this.options.model.value(TxCtrlr.MaxEnergyOnInvalidId),
    });
    this.options.logger.info({ transactionId: session.transaction.transactionId, status: info.status, action: action.kind }, 'the CSMS did not accept the idToken');
    switch (action.kind) {
      case 'end':
        this.engine.end(session, { triggerReason: 'Deauthorized', stoppedReason: 'DeAuthorized' });
        return;
      case 'deauthorize':
        this.engine.withdrawAuthorization(session, 'Deauthorized', 'DeAuthorized', 'EVConnected');
        return;
      case 'suspend':
        this.engine.suspendForInvalidToken(session);
        return;
      case 'limitEnergy': {
        const now = this.options.metering.energyRegisterWh?.(session.evseId);
        if (now === undefined) this.engine.suspendForInvalidToken(session);
        else this.engine.journal.update(session.transaction, { invalidIdEnergyStartWh: now });
        return;
      }
    }
  }

  /** Checks MaxEnergyOnInvalidId after a new meter reading (E05.FR.03). */
  meterReading(evseId: number): void {
    const session = this.engine.sessions.get(evseId);
    const start = session?.transaction?.invalidIdEnergyStartWh;
    const limit = this.options.model.value(TxCtrlr.MaxEnergyOnInvalidId);
    if (!session || start === undefined || limit === undefined) return;
    const now = this.options.metering.energyRegisterWh?.(evseId);
    if (now !== undefined && now - start >= limit) this.engine.suspendForInvalidToken(session);
  }

  // --- queries (the seed's get_evse_transaction_id, reset and availability ports) ---

  transactionIdOf(evseId: number): string | undefined {
    return this.engine.sessions.get(evseId)?.transaction?.transactionId;
  }

  /** The open transaction with this id, if any. */
  transaction(transactionId: string): Readonly<TransactionRecord> | undefined {
    return [...this.engine.sessions.values()].find((s) => s.transaction?.transactionId === transactionId)?.transaction;
  }

  /** Whether a transaction on the EVSE has been authorized (F01.FR.24, F05.FR.02). */
  hasAuthorizedTransaction(evseId: number): boolean {
    const session = this.engine.sessions.get(evseId);
    return session?.transaction !== undefined && session.conditions.authorized;
  }

  hasActiveTransaction(evseId?: number): boolean {
    return this.engine.hasActiveTransaction(evseId);
  }

  whenIdle(evseId: number | undefined, idle: () => void): void {
    if (!this.hasActiveTransaction(evseId)) idle();
    else this.engine.idleWaiters.push({ evseId, idle });
  }

  /** Ends every open transaction (or the EVSE's) now, e.g. before an Immediate reset (B12.FR.04/08). */
  endAll(stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType, evseId?: number): void {
    for (const session of this.engine.sessions.values()) {
      if (session.transaction && (evseId === undefined || session.evseId === evseId)) this.engine.end(session, { triggerReason, stoppedReason });
    }
  }

  /** F06.FR.07: an Updated event with triggerReason Trigger for the EVSE's transaction; false when there is none. */
  triggerUpdate(evseId: number): boolean {
    const session = this.engine.sessions.get(evseId);
    if (!session?.transaction) return false;
    const meterValue = this.options.metering.triggeredTransactionValues(evseId);
    this.engine.journal.record(session.transaction, { eventType: 'Updated', triggerReason: 'Trigger', chargingState: session.chargingState, reportChargingState: true, meterValue }, true);
    return true;
  }

  /** K11.FR.04 / K13.FR.03: the EVSE's charging rate moved (an external limit): Updated with ChargingRateChanged. */
  chargingRateChanged(evseId: number): boolean {
    const record = this.engine.sessions.get(evseId)?.transaction;
    if (!record) return false;
    this.engine.journal.record(record, { eventType: 'Updated', triggerReason: 'ChargingRateChanged' });
    return true;
  }

  /** The open transactions by EVSE, with their start (for the composite schedule). */
  openTransactions(): Record<number, { id: string; start: Date }> {
    const open: Record<number, { id: string; start: Date }> = {};
    for (const session of this.engine.sessions.values()) {
      if (session.transaction) open[session.evseId] = { id: session.transaction.transactionId, start: new Date(session.transaction.startedAt) };
    }
    return open;
  }

  /** The charging state of the EVSE as the transactions block sees it. */
  chargingStateOf(evseId: number): ChargingStateEnumType | undefined {
    return this.engine.sessions.get(evseId)?.chargingState;
  }

  stop(): void {
    for (const session of this.engine.sessions.values()) {
      if (session.connectionTimer) this.options.clock.clearTimeout(session.connectionTimer);
      session.connectionTimer = undefined;
    }
    if (this.engine.pendingAuthorization) this.options.clock.clearTimeout(this.engine.pendingAuthorization.timer);
    this.engine.pendingAuthorization = undefined;
  }
}
