// Functional block J, meter values: the integrator reports its latest meter reading per EVSE (`record`) and the
// block decides what of it goes where, when.
//
// - In transactions (J02, E01-E10): Transaction.Begin values for TransactionEvent(Started); every
//   SampledDataCtrlr.TxUpdatedInterval a Sample.Periodic meter value for TransactionEvent(Updated,
//   MeterValuePeriodic); the samples for TransactionEvent(Ended) (Transaction.Begin, one every TxEndedInterval,
//   the clock-aligned AlignedDataCtrlr.TxEndedMeasurands) stored as they are taken, so they survive a restart,
//   and handed over with a Transaction.End sample when the transaction ends.
// - Clock-aligned (J01): at every multiple of AlignedDataCtrlr.Interval after midnight, a MeterValues per EVSE
//   (and the main meter, EVSE 0); an EVSE in a transaction gets TransactionEvent(Updated, MeterValueClock)
//   instead (J01.FR.22). AlignedDataCtrlr.SendDuringIdle silences all of them while a transaction runs.
// - TriggerMessage(MeterValues) (F06.FR.06) and the meter values of TriggerMessage(TransactionEvent) (F06.FR.07).
//
// The block sends MeterValues itself; TransactionEvents are the transactions block's: it gets the meter values
// from here and builds the events.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { OcppLink } from '../../link/ocpp-link.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { VariableChange } from '../../device-model/device-model.js';
import type { VariableDeclaration } from '../../device-model/types.js';
import { AlignedDataCtrlr, SampledDataCtrlr } from '../../device-model/standardized/index.js';
import type { EVSEType, MeasurandEnumType, MeterValueType, ReadingContextEnumType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../../storage/tx-meter-value-store.js';
import type { Trigger } from '../provisioning/trigger-message.js';
import { acceptReading, takeSample, thinSamples } from './samples.js';
import { AlignedTimer, PeriodicTimer } from './timers.js';

/** The triggerReason of the TransactionEvent(Updated) a meter value is for. */
export type MeterValueTrigger = 'MeterValuePeriodic' | 'MeterValueClock';

/** Receives the meter values of one TransactionEvent(Updated); never called with an empty list. */
export type TransactionMeterValuesListener = (meterValues: MeterValueType[], trigger: MeterValueTrigger) => void;

/**
 * How clock-aligned values reach the CSMS for an EVSE in a transaction (J01.FR.22 allows either):
 * 'TransactionEvent' (default) hands them to the transaction's listener as MeterValueClock; 'MeterValues'
 * sends them in MeterValues like those of an idle EVSE.
 */
export type AlignedDataInTransaction = 'TransactionEvent' | 'MeterValues';

export interface MeteringOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  send: OcppLink['send'];
  store: TxMeterValueStore;
  /** The station's EVSE ids (1, 2, …). EVSE 0, the station's main meter, is always there. */
  evseIds: readonly number[];
  alignedDataInTransaction?: AlignedDataInTransaction;
}

interface RunningTransaction {
  readonly evseId: number;
  readonly transactionId: string;
  readonly updated: TransactionMeterValuesListener;
  /** SampledDataCtrlr.TxUpdatedInterval: Sample.Periodic for TransactionEvent(Updated). */
  readonly updatedTimer: PeriodicTimer;
  /** SampledDataCtrlr.TxEndedInterval: Sample.Periodic kept for TransactionEvent(Ended). */
  readonly endedTimer: PeriodicTimer;
}

type SampleKind = 'sampled' | 'aligned';

export class Metering {
  private readonly readings = new Map<number, MeterValueType>();
  /** Running transactions by EVSE id. */
  private readonly transactions = new Map<number, RunningTransaction>();
  private readonly evseIds: readonly number[];
  /** AlignedDataCtrlr.Interval: MeterValues and MeterValueClock. */
  private readonly alignedTimer: AlignedTimer;
  /** AlignedDataCtrlr.TxEndedInterval: Sample.Clock kept for TransactionEvent(Ended). */
  private readonly alignedEndedTimer: AlignedTimer;
  private readonly unsubscribe: () => void;
  private started = false;
  private readonly reportedReadFailures = new Set<string>();

  constructor(private readonly options: MeteringOptions) {
    this.evseIds = [...new Set([0, ...options.evseIds])].sort((a, b) => a - b);
    this.alignedTimer = new AlignedTimer(
      options.clock,
      () => this.setting(AlignedDataCtrlr.Interval, 0),
      () => this.guarded('clock-aligned meter values', () => this.alignedTick()),
    );
    this.alignedEndedTimer = new AlignedTimer(
      options.clock,
      () => this.setting(AlignedDataCtrlr.TxEndedInterval, 0),
      () => this.guarded('clock-aligned samples for TransactionEvent(Ended)', () => this.alignedEndedTick()),
    );
    this.unsubscribe = options.model.onChange((change) => this.settingChanged(change));
  }

  // --- The integrator's readings -------------------------------------------------------------------------

  /**
   * The integrator's latest reading for an EVSE (0 = the station's main meter): it replaces the one before, and
   * every sample taken from now on comes from it. Signed values (signedMeterValue) are kept as they are.
   */
  record(evseId: number, meterValue: MeterValueType): void {
    if (!this.evseIds.includes(evseId)) {
      this.options.logger.warn({ evseId }, 'meter value for an unknown EVSE ignored');
      return;
    }
    const { kept, dropped } = acceptReading(meterValue);
    if (dropped > 0) {
      this.options.logger.warn({ evseId, dropped }, 'sampledValues without a finite value, or with location EV for another measurand than SoC, ignored');
    }
    if (kept) this.readings.set(evseId, kept);
  }

  // --- Transactions ----------------------------------------------------------------------------------------

  /**
   * E01.FR.09 / E02.FR.09: the meter values for TransactionEvent(Started), or for the Updated event when charging
   * starts if the EVSE was not known at the start (E01.FR.17): SampledDataCtrlr.TxStartedMeasurands with context
   * Transaction.Begin. Empty when nothing is configured or recorded.
   */
  startedValues(evseId: number): MeterValueType[] {
    if (!this.enabled('sampled')) return [];
    return this.listOf(this.sample(evseId, this.measurands(SampledDataCtrlr.TxStartedMeasurands), 'Transaction.Begin', 'sampled'));
  }

  /**
   * A transaction began on the EVSE. Stores its Transaction.Begin sample of SampledDataCtrlr.TxEndedMeasurands for
   * the Ended event (E06.FR.11: with TxEndedInterval 0 the Ended event has the values at start and end) and
   * starts sampling: `updated` gets the meter values of each TransactionEvent(Updated) to send. The
   * transaction's row must exist in the transactions table first (the SQLite store's foreign key).
   */
  transactionStarted(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    this.track(evseId, transactionId, updated);
    if (this.enabled('sampled')) {
      this.keep(transactionId, this.sample(evseId, this.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Transaction.Begin', 'sampled'));
    }
  }

  /** After a restart: sampling starts again for a transaction still running; its stored samples stay. */
  resume(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    this.track(evseId, transactionId, updated);
  }

  /**
   * The transaction ends: its sampling stops, and the meter values for TransactionEvent(Ended) come back: the
   * stored samples and a Transaction.End sample of SampledDataCtrlr.TxEndedMeasurands (E06.FR.11), in the order
   * taken. With `maxValues`, intermediate samples are removed until that many are left (J02.FR.20). The stored
   * samples stay until `clear` (call it once the Ended event is queued), so calling this again gives them again.
   */
  endedValues(evseId: number, transactionId: string, maxValues?: number): MeterValueType[] {
    this.untrack(transactionId);
    let samples: MeterValueType[] = [];
    try {
      samples = this.options.store.load(transactionId);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId }, 'stored meter values of the transaction could not be read');
    }
    if (this.enabled('sampled')) {
      const end = this.sample(evseId, this.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Transaction.End', 'sampled');
      if (end) samples.push(end);
    }
    return maxValues === undefined ? samples : thinSamples(samples, maxValues);
  }

  /** Forgets the transaction's stored samples: call after its TransactionEvent(Ended) has been queued. */
  clear(transactionId: string): void {
    this.untrack(transactionId);
    try {
      this.options.store.clear(transactionId);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId }, 'stored meter values of the transaction could not be removed');
    }
  }

  /** The transaction running on the EVSE as far as metering knows. */
  transactionOn(evseId: number): string | undefined {
    return this.transactions.get(evseId)?.transactionId;
  }

  // --- Triggers --------------------------------------------------------------------------------------------

  /**
   * F06.FR.07: the meter values of a TransactionEvent sent for TriggerMessage(TransactionEvent): the latest
   * SampledDataCtrlr.TxUpdatedMeasurands with context Trigger. Empty when nothing is configured or recorded.
   */
  triggeredTransactionValues(evseId: number): MeterValueType[] {
    return this.listOf(this.sample(evseId, this.measurands(SampledDataCtrlr.TxUpdatedMeasurands), 'Trigger', 'sampled'));
  }

  /**
   * TriggerMessage(MeterValues), F06.FR.06: a MeterValues with the latest AlignedDataCtrlr.Measurands (context
   * Trigger) for the EVSE, or one per EVSE (main meter included) when none is given (F06.FR.11). Rejected when
   * the EVSE is unknown or there is nothing to send (nothing configured or recorded), since an Accepted message
   * must be sent (F06.FR.10) and an empty one is not valid. Sends at once; the TriggerMessage handler should use
   * `trigger` instead, which sends after the response (F06.FR.04).
   */
  triggerMeterValues(evseId?: number): 'Accepted' | 'Rejected' {
    const decision = this.trigger(evseId === undefined ? undefined : { id: evseId });
    if (decision.status === 'Accepted') decision.send();
    return decision.status;
  }

  /** TriggerMessage(MeterValues) for the TriggerRegistry: decides now, sends when the response has gone out. */
  readonly trigger: Trigger = (evse: EVSEType | undefined) => {
    if (evse !== undefined && !this.evseIds.includes(evse.id)) return { status: 'Rejected' };
    const measurands = this.measurands(AlignedDataCtrlr.Measurands);
    const requests = (evse === undefined ? this.evseIds : [evse.id]).flatMap((evseId) => {
      const meterValue = this.sample(evseId, measurands, 'Trigger', 'aligned');
      return meterValue ? [{ evseId, meterValue: [meterValue] }] : [];
    });
    if (requests.length === 0) return { status: 'Rejected' };
    return { status: 'Accepted', send: () => requests.forEach((request) => this.sendMeterValues(request.evseId, request.meterValue, true)) };
  };

  // --- Clock-aligned MeterValues ---------------------------------------------------------------------------

  /** Registration is Accepted: clock-aligned MeterValues go out from the next aligned time (J01.FR.14). */
  start(): void {
    this.started = true;
    this.syncAlignedTimers();
  }

  /** No more MeterValues (transactions keep their sampling until they end). */
  stop(): void {
    this.started = false;
    this.syncAlignedTimers();
  }

  /** Stops every timer and stops following the device model: the station is shutting down. */
  close(): void {
    this.started = false;
    for (const transaction of this.transactions.values()) this.stopTimers(transaction);
    this.transactions.clear();
    this.alignedTimer.stop();
    this.alignedEndedTimer.stop();
    this.unsubscribe();
  }

  // --- Inside ----------------------------------------------------------------------------------------------

  private track(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    if (!this.evseIds.includes(evseId) || evseId === 0) {
      this.options.logger.warn({ evseId, transactionId }, 'transaction on an unknown EVSE: no meter values sampled');
      return;
    }
    this.untrack(transactionId);
    const previous = this.transactions.get(evseId);
    if (previous) {
      this.options.logger.warn({ evseId, transactionId, previous: previous.transactionId }, 'a new transaction replaces the one metering had on this EVSE');
      this.untrack(previous.transactionId);
    }
    const transaction: RunningTransaction = {
      evseId,
      transactionId,
      updated,
      updatedTimer: new PeriodicTimer(
        this.options.clock,
        () => this.setting(SampledDataCtrlr.TxUpdatedInterval, 0),
        () => this.guarded('periodic meter values', () => this.updatedTick(transaction)),
      ),
      endedTimer: new PeriodicTimer(
        this.options.clock,
        () => this.setting(SampledDataCtrlr.TxEndedInterval, 0),
        () => this.guarded('periodic samples for TransactionEvent(Ended)', () => this.endedTick(transaction)),
      ),
    };
    this.transactions.set(evseId, transaction);
    transaction.updatedTimer.start();
    transaction.endedTimer.start();
    this.syncAlignedTimers();
  }

  private untrack(transactionId: string): void {
    for (const [evseId, transaction] of this.transactions) {
      if (transaction.transactionId !== transactionId) continue;
      this.stopTimers(transaction);
      this.transactions.delete(evseId);
    }
    this.syncAlignedTimers();
  }

  private stopTimers(transaction: RunningTransaction): void {
    transaction.updatedTimer.stop();
    transaction.endedTimer.stop();
  }

  /** The aligned timer runs while MeterValues may go out or a transaction may want MeterValueClock; the aligned TxEnded one while a transaction runs. */
  private syncAlignedTimers(): void {
    const running = this.transactions.size > 0;
    this.setActive(this.alignedTimer, this.started || running);
    this.setActive(this.alignedEndedTimer, running);
  }

  private setActive(timer: AlignedTimer, active: boolean): void {
    if (active && !timer.isActive) timer.start();
    if (!active && timer.isActive) timer.stop();
  }

  /** J02.FR.11: Sample.Periodic of TxUpdatedMeasurands for TransactionEvent(Updated, MeterValuePeriodic). */
  private updatedTick(transaction: RunningTransaction): void {
    if (!this.enabled('sampled')) return;
    const meterValue = this.sample(transaction.evseId, this.measurands(SampledDataCtrlr.TxUpdatedMeasurands), 'Sample.Periodic', 'sampled');
    if (meterValue) this.notify(transaction, [meterValue], 'MeterValuePeriodic');
  }

  /** SampledDataCtrlr.TxEndedInterval: Sample.Periodic of TxEndedMeasurands kept for the Ended event. */
  private endedTick(transaction: RunningTransaction): void {
    if (!this.enabled('sampled')) return;
    this.keep(transaction.transactionId, this.sample(transaction.evseId, this.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Sample.Periodic', 'sampled'));
  }

  /** J01.FR.14 / J01.FR.22 / J01.FR.19-20: the clock-aligned values of every EVSE and the main meter. */
  private alignedTick(): void {
    if (!this.enabled('aligned')) return;
    // J01.FR.20 (SendDuringIdle is declared station-wide): no clock-aligned values at all while a transaction runs.
    if (this.transactions.size > 0 && this.setting(AlignedDataCtrlr.SendDuringIdle, false)) return;
    const measurands = this.measurands(AlignedDataCtrlr.Measurands);
    const inTransaction = this.options.alignedDataInTransaction ?? 'TransactionEvent';
    for (const evseId of this.evseIds) {
      const transaction = this.transactions.get(evseId);
      const viaTransaction = transaction !== undefined && inTransaction === 'TransactionEvent';
      if (!viaTransaction && !this.started) continue;
      const meterValue = this.sample(evseId, measurands, 'Sample.Clock', 'aligned');
      if (!meterValue) continue;
      if (viaTransaction) this.notify(transaction, [meterValue], 'MeterValueClock');
      else this.sendMeterValues(evseId, [meterValue], false);
    }
  }

  /** AlignedDataCtrlr.TxEndedMeasurands at every AlignedDataCtrlr.TxEndedInterval, kept for the Ended event. */
  private alignedEndedTick(): void {
    if (!this.enabled('aligned')) return;
    const measurands = this.measurands(AlignedDataCtrlr.TxEndedMeasurands);
    for (const transaction of this.transactions.values()) {
      this.keep(transaction.transactionId, this.sample(transaction.evseId, measurands, 'Sample.Clock', 'aligned'));
    }
  }

  /**
   * A changed interval: the aligned timers move to the new interval's next aligned time at once; a transaction
   * timer that was off (interval 0) starts now and one set to 0 stops now. A running transaction timer given
   * another positive interval keeps its current wait and reads the new interval when it schedules the next one.
   */
  private settingChanged(change: VariableChange): void {
    if (change.attributeType !== 'Actual' || change.component.instance !== undefined || change.component.evseId !== undefined) return;
    const component = change.component.name;
    const variable = change.variable.name;
    if (component === 'AlignedDataCtrlr' && variable === 'Interval') this.alignedTimer.restart();
    if (component === 'AlignedDataCtrlr' && variable === 'TxEndedInterval') this.alignedEndedTimer.restart();
    if (component === 'SampledDataCtrlr' && (variable === 'TxUpdatedInterval' || variable === 'TxEndedInterval')) {
      for (const transaction of this.transactions.values()) {
        const timer = variable === 'TxUpdatedInterval' ? transaction.updatedTimer : transaction.endedTimer;
        if (!timer.isArmed || !(Number(change.value) > 0)) timer.restart();
      }
    }
  }

  private sample(evseId: number, measurands: readonly MeasurandEnumType[], context: ReadingContextEnumType, kind: SampleKind): MeterValueType | undefined {
    const signReadings = this.setting(kind === 'sampled' ? SampledDataCtrlr.SignReadings : AlignedDataCtrlr.SignReadings, undefined);
    return takeSample(
      this.readings.get(evseId),
      {
        measurands,
        context,
        keepSigned: signReadings !== false,
        registerValuesWithoutPhases: this.setting(SampledDataCtrlr.RegisterValuesWithoutPhases, false) === true,
      },
      this.options.clock.now(),
    );
  }

  private keep(transactionId: string, meterValue: MeterValueType | undefined): void {
    if (!meterValue) return;
    try {
      this.options.store.append(transactionId, meterValue);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId }, 'meter value for TransactionEvent(Ended) could not be stored');
    }
  }

  private notify(transaction: RunningTransaction, meterValues: MeterValueType[], trigger: MeterValueTrigger): void {
    try {
      transaction.updated(meterValues, trigger);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId: transaction.transactionId, trigger }, 'transaction meter value listener failed');
    }
  }

  private sendMeterValues(evseId: number, meterValue: MeterValueType[], requestedByCsms: boolean): void {
    try {
      this.options.send('MeterValues', { evseId, meterValue }, { requestedByCsms }).catch((error: unknown) => {
        this.options.logger.debug({ err: error, evseId }, 'MeterValues not delivered');
      });
    } catch (error) {
      this.options.logger.error({ err: error, evseId }, 'MeterValues could not be sent');
    }
  }

  private listOf(meterValue: MeterValueType | undefined): MeterValueType[] {
    return meterValue ? [meterValue] : [];
  }

  private enabled(kind: SampleKind): boolean {
    return this.setting(kind === 'sampled' ? SampledDataCtrlr.Enabled : AlignedDataCtrlr.Enabled, true) !== false;
  }

  private measurands(handle: VariableDeclaration<MeasurandEnumType[], boolean>): MeasurandEnumType[] {
    return this.setting(handle, []);
  }

  /**
   * A setting's current value, or `fallback` when it has none. A station whose device model lacks the Metering
   * variables (its block not supported) gets the fallbacks — no meter values — instead of an exception in a timer.
   */
  private setting<T, F>(handle: VariableDeclaration<T, boolean>, fallback: F): T | F {
    try {
      return this.options.model.value(handle) ?? fallback;
    } catch (error) {
      const name = `${handle.component.name}.${handle.variable.name}`;
      if (!this.reportedReadFailures.has(name)) {
        this.reportedReadFailures.add(name);
        this.options.logger.warn({ err: error, variable: name }, 'metering variable unreadable: treated as not configured');
      }
      return fallback;
    }
  }

  private guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.logger.error({ err: error }, `${what} failed`);
    }
  }
}
