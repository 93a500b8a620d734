// Clock-aligned meter values (J01): MeterValues of idle EVSEs, MeterValueClock and the aligned samples for TransactionEvent(Ended).
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import { AlignedDataCtrlr } from '../../device-model/standardized/index.js';
import type { MeterValueType } from '../../messages/types.js';
import type { MeterReadings } from './meter-readings.js';
import { AlignedTimer } from './timers.js';
import type { TransactionSampling } from './transaction-sampling.js';

/**
 * How clock-aligned values reach the CSMS for an EVSE in a transaction (J01.FR.22 allows either):
 * 'TransactionEvent' (default) hands them to the transaction's listener as MeterValueClock; 'MeterValues'
 * sends them in MeterValues like those of an idle EVSE.
 */
export type AlignedDataInTransaction = 'TransactionEvent' | 'MeterValues';

export interface AlignedMeterValuesOptions {
  readings: MeterReadings;
  transactions: TransactionSampling;
  clock: Clock;
  logger: Logger;
  send: Send;
  alignedDataInTransaction?: AlignedDataInTransaction;
}

export class AlignedMeterValues {
  /** AlignedDataCtrlr.Interval: MeterValues and MeterValueClock. */
  private readonly alignedTimer: AlignedTimer;
  /** AlignedDataCtrlr.TxEndedInterval: Sample.Clock kept for TransactionEvent(Ended). */
  private readonly alignedEndedTimer: AlignedTimer;
  private started = false;

  constructor(private readonly options: AlignedMeterValuesOptions) {
    const { readings } = options;
    this.alignedTimer = new AlignedTimer(
      options.clock,
      () => readings.setting(AlignedDataCtrlr.Interval, 0),
      (dueMs) => readings.guarded('clock-aligned meter values', () => this.alignedTick(new Date(dueMs))),
    );
    this.alignedEndedTimer = new AlignedTimer(
      options.clock,
      () => readings.setting(AlignedDataCtrlr.TxEndedInterval, 0),
      (dueMs) => readings.guarded('clock-aligned samples for TransactionEvent(Ended)', () => this.alignedEndedTick(new Date(dueMs))),
    );
  }

  /** MeterValues may go out (true) or not (false). */
  setStarted(started: boolean): void {
    this.started = started;
    this.syncAlignedTimers();
  }

  /** Stops both timers for good: the station is shutting down. */
  close(): void {
    this.started = false;
    this.alignedTimer.stop();
    this.alignedEndedTimer.stop();
  }

  /** The aligned timer runs while MeterValues may go out or a transaction may want MeterValueClock; the aligned TxEnded one while a transaction runs. */
  syncAlignedTimers(): void {
    const running = this.options.transactions.size > 0;
    this.setActive(this.alignedTimer, this.started || running);
    this.setActive(this.alignedEndedTimer, running);
  }

  /** AlignedDataCtrlr.Interval or TxEndedInterval changed: its timer moves to the new interval's next aligned time at once. */
  intervalChanged(variable: string): void {
    if (variable === 'Interval') this.alignedTimer.restart();
    if (variable === 'TxEndedInterval') this.alignedEndedTimer.restart();
  }

  sendMeterValues(evseId: number, meterValue: MeterValueType[], requestedByCsms: boolean): void {
    try {
      this.options.send('MeterValues', { evseId, meterValue }, { requestedByCsms }).catch((error: unknown) => {
        this.options.logger.debug({ err: error, evseId }, 'MeterValues not delivered');
      });
    } catch (error) {
      this.options.logger.error({ err: error, evseId }, 'MeterValues could not be sent');
    }
  }

  private setActive(timer: AlignedTimer, active: boolean): void {
    if (active && !timer.isActive) timer.start();
    if (!active && timer.isActive) timer.stop();
  }

  /**
   * J01.FR.14 / J01.FR.22 / J01.FR.19-20: the clock-aligned values of every EVSE and the main meter, all stamped
   * with the aligned moment itself (sending one EVSE's values takes time; the next must not carry a later stamp).
   */
  private alignedTick(moment: Date): void {
    const { readings, transactions } = this.options;
    if (!readings.enabled('aligned')) return;
    // J01.FR.20 (SendDuringIdle is declared station-wide): no clock-aligned values at all while a transaction runs.
    if (transactions.size > 0 && readings.setting(AlignedDataCtrlr.SendDuringIdle, false)) return;
    const measurands = readings.measurands(AlignedDataCtrlr.Measurands);
    const inTransaction = this.options.alignedDataInTransaction ?? 'TransactionEvent';
    for (const evseId of readings.evseIds) {
      const transaction = transactions.on(evseId);
      const viaTransaction = transaction !== undefined && inTransaction === 'TransactionEvent';
      if (!viaTransaction && !this.started) continue;
      const meterValue = readings.sample(evseId, measurands, 'Sample.Clock', 'aligned', moment);
      if (!meterValue) continue;
      if (viaTransaction) transactions.notify(transaction, [meterValue], 'MeterValueClock');
      else this.sendMeterValues(evseId, [meterValue], false);
    }
  }

  /** AlignedDataCtrlr.TxEndedMeasurands at every AlignedDataCtrlr.TxEndedInterval, kept for the Ended event. */
  private alignedEndedTick(moment: Date): void {
    const { readings, transactions } = this.options;
    if (!readings.enabled('aligned')) return;
    const measurands = readings.measurands(AlignedDataCtrlr.TxEndedMeasurands);
    for (const transaction of transactions.running()) {
      transactions.keep(transaction.transactionId, readings.sample(transaction.evseId, measurands, 'Sample.Clock', 'aligned', moment));
    }
  }
}
