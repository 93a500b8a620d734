// Per-transaction sampling: periodic TransactionEvent(Updated) meter values and the stored samples for TransactionEvent(Ended).
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { SampledDataCtrlr } from '../../device-model/standardized/index.js';
import type { MeterValueType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../../storage/tx-meter-value-store.js';
import type { MeterReadings } from './meter-readings.js';
import { thinSamples } from './samples.js';
import { PeriodicTimer } from './timers.js';

/** The triggerReason of the TransactionEvent(Updated) a meter value is for. */
export type MeterValueTrigger = 'MeterValuePeriodic' | 'MeterValueClock';

/** Receives the meter values of one TransactionEvent(Updated); never called with an empty list. */
export type TransactionMeterValuesListener = (meterValues: MeterValueType[], trigger: MeterValueTrigger) => void;

export interface RunningTransaction {
  readonly evseId: number;
  readonly transactionId: string;
  readonly updated: TransactionMeterValuesListener;
  /** SampledDataCtrlr.TxUpdatedInterval: Sample.Periodic for TransactionEvent(Updated). */
  readonly updatedTimer: PeriodicTimer;
  /** SampledDataCtrlr.TxEndedInterval: Sample.Periodic kept for TransactionEvent(Ended). */
  readonly endedTimer: PeriodicTimer;
}

export interface TransactionSamplingOptions {
  readings: MeterReadings;
  clock: Clock;
  logger: Logger;
  store: TxMeterValueStore;
  /** The set of running transactions changed (not called by `close`). */
  changed: () => void;
}

export class TransactionSampling {
  /** Running transactions by EVSE id. */
  private readonly transactions = new Map<number, RunningTransaction>();

  constructor(private readonly options: TransactionSamplingOptions) {}

  /** A transaction began: its Transaction.Begin sample is stored and its sampling starts; see Metering.transactionStarted. */
  started(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    const { readings } = this.options;
    this.track(evseId, transactionId, updated);
    if (readings.enabled('sampled')) {
      this.keep(transactionId, readings.sample(evseId, readings.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Transaction.Begin', 'sampled'));
    }
  }

  /** The transaction ends: its sampling stops and its meter values for the Ended event come back; see Metering.endedValues. */
  ended(evseId: number, transactionId: string, maxValues?: number): MeterValueType[] {
    const { readings } = this.options;
    this.untrack(transactionId);
    let samples: MeterValueType[] = [];
    try {
      samples = this.options.store.load(transactionId);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId }, 'stored meter values of the transaction could not be read');
    }
    if (readings.enabled('sampled')) {
      const end = readings.sample(evseId, readings.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Transaction.End', 'sampled');
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

  /** The transaction running on the EVSE, if any. */
  on(evseId: number): RunningTransaction | undefined {
    return this.transactions.get(evseId);
  }

  /** The running transactions. */
  running(): IterableIterator<RunningTransaction> {
    return this.transactions.values();
  }

  get size(): number {
    return this.transactions.size;
  }

  /** Stops every transaction's timers and forgets them: the station is shutting down. */
  close(): void {
    for (const transaction of this.transactions.values()) this.stopTimers(transaction);
    this.transactions.clear();
  }

  /**
   * SampledDataCtrlr.TxUpdatedInterval or TxEndedInterval changed: a transaction timer that was off (interval 0)
   * starts now and one set to 0 stops now. A running transaction timer given another positive interval keeps its
   * current wait and reads the new interval when it schedules the next one.
   */
  intervalChanged(variable: string, value: string): void {
    if (variable !== 'TxUpdatedInterval' && variable !== 'TxEndedInterval') return;
    for (const transaction of this.transactions.values()) {
      const timer = variable === 'TxUpdatedInterval' ? transaction.updatedTimer : transaction.endedTimer;
      if (!timer.isArmed || !(Number(value) > 0)) timer.restart();
    }
  }

  keep(transactionId: string, meterValue: MeterValueType | undefined): void {
    if (!meterValue) return;
    try {
      this.options.store.append(transactionId, meterValue);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId }, 'meter value for TransactionEvent(Ended) could not be stored');
    }
  }

  notify(transaction: RunningTransaction, meterValues: MeterValueType[], trigger: MeterValueTrigger): void {
    try {
      transaction.updated(meterValues, trigger);
    } catch (error) {
      this.options.logger.error({ err: error, transactionId: transaction.transactionId, trigger }, 'transaction meter value listener failed');
    }
  }

  track(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    const { readings } = this.options;
    if (!readings.evseIds.includes(evseId) || evseId === 0) {
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
        () => readings.setting(SampledDataCtrlr.TxUpdatedInterval, 0),
        () => readings.guarded('periodic meter values', () => this.updatedTick(transaction)),
      ),
      endedTimer: new PeriodicTimer(
        this.options.clock,
        () => readings.setting(SampledDataCtrlr.TxEndedInterval, 0),
        () => readings.guarded('periodic samples for TransactionEvent(Ended)', () => this.endedTick(transaction)),
      ),
    };
    this.transactions.set(evseId, transaction);
    transaction.updatedTimer.start();
    transaction.endedTimer.start();
    this.options.changed();
  }

  private untrack(transactionId: string): void {
    for (const [evseId, transaction] of this.transactions) {
      if (transaction.transactionId !== transactionId) continue;
      this.stopTimers(transaction);
      this.transactions.delete(evseId);
    }
    this.options.changed();
  }

  private stopTimers(transaction: RunningTransaction): void {
    transaction.updatedTimer.stop();
    transaction.endedTimer.stop();
  }

  /** J02.FR.11: Sample.Periodic of TxUpdatedMeasurands for TransactionEvent(Updated, MeterValuePeriodic). */
  private updatedTick(transaction: RunningTransaction): void {
    const { readings } = this.options;
    if (!readings.enabled('sampled')) return;
    const meterValue = readings.sample(transaction.evseId, readings.measurands(SampledDataCtrlr.TxUpdatedMeasurands), 'Sample.Periodic', 'sampled');
    if (meterValue) this.notify(transaction, [meterValue], 'MeterValuePeriodic');
  }

  /** SampledDataCtrlr.TxEndedInterval: Sample.Periodic of TxEndedMeasurands kept for the Ended event. */
  private endedTick(transaction: RunningTransaction): void {
    const { readings } = this.options;
    if (!readings.enabled('sampled')) return;
    this.keep(transaction.transactionId, readings.sample(transaction.evseId, readings.measurands(SampledDataCtrlr.TxEndedMeasurands), 'Sample.Periodic', 'sampled'));
  }
}
