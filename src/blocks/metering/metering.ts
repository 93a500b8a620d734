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
import type { Send } from '../shared/send.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { VariableChange } from '../../device-model/device-model.js';
import { AlignedDataCtrlr, SampledDataCtrlr } from '../../device-model/standardized/index.js';
import type { EVSEType, MeterValueType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../../storage/tx-meter-value-store.js';
import type { Trigger } from '../shared/trigger.js';
import { AlignedMeterValues, type AlignedDataInTransaction } from './aligned-meter-values.js';
import { MeterReadings } from './meter-readings.js';
import { TransactionSampling, type TransactionMeterValuesListener } from './transaction-sampling.js';

export type { AlignedDataInTransaction } from './aligned-meter-values.js';
export type { MeterValueTrigger, TransactionMeterValuesListener } from './transaction-sampling.js';

export interface MeteringOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  send: Send;
  store: TxMeterValueStore;
  /** The station's EVSE ids (1, 2, …). EVSE 0, the station's main meter, is always there. */
  evseIds: readonly number[];
  alignedDataInTransaction?: AlignedDataInTransaction;
}

export class Metering {
  /** The integrator's readings and the settings samples are taken by. */
  private readonly readings: MeterReadings;
  /** Running transactions and their sampling. */
  private readonly transactions: TransactionSampling;
  /** AlignedDataCtrlr.Interval and TxEndedInterval: MeterValues, MeterValueClock and Sample.Clock for the Ended event. */
  private readonly aligned: AlignedMeterValues;
  private readonly unsubscribe: () => void;

  constructor(options: MeteringOptions) {
    this.readings = new MeterReadings(options);
    this.transactions = new TransactionSampling({
      readings: this.readings,
      clock: options.clock,
      logger: options.logger,
      store: options.store,
      changed: () => this.aligned.syncAlignedTimers(),
    });
    this.aligned = new AlignedMeterValues({
      readings: this.readings,
      transactions: this.transactions,
      clock: options.clock,
      logger: options.logger,
      send: options.send,
      alignedDataInTransaction: options.alignedDataInTransaction,
    });
    this.unsubscribe = options.model.onChange((change) => this.settingChanged(change));
  }

  // --- The integrator's readings -------------------------------------------------------------------------

  /**
   * The integrator's latest reading for an EVSE (0 = the station's main meter): it replaces the one before, and
   * every sample taken from now on comes from it. Signed values (signedMeterValue) are kept as they are.
   */
  record(evseId: number, meterValue: MeterValueType): void {
    this.readings.record(evseId, meterValue);
  }

  // --- Transactions ----------------------------------------------------------------------------------------

  /**
   * E01.FR.09 / E02.FR.09: the meter values for TransactionEvent(Started), or for the Updated event when charging
   * starts if the EVSE was not known at the start (E01.FR.17): SampledDataCtrlr.TxStartedMeasurands with context
   * Transaction.Begin. Empty when nothing is configured or recorded.
   */
  startedValues(evseId: number): MeterValueType[] {
    const { readings } = this;
    if (!readings.enabled('sampled')) return [];
    return this.listOf(readings.sample(evseId, readings.measurands(SampledDataCtrlr.TxStartedMeasurands), 'Transaction.Begin', 'sampled'));
  }

  /**
   * A transaction began on the EVSE. Stores its Transaction.Begin sample of SampledDataCtrlr.TxEndedMeasurands for
   * the Ended event (E06.FR.11: with TxEndedInterval 0 the Ended event has the values at start and end) and
   * starts sampling: `updated` gets the meter values of each TransactionEvent(Updated) to send. The
   * transaction's row must exist in the transactions table first (the SQLite store's foreign key).
   */
  transactionStarted(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    this.transactions.started(evseId, transactionId, updated);
  }

  /** After a restart: sampling starts again for a transaction still running; its stored samples stay. */
  resume(evseId: number, transactionId: string, updated: TransactionMeterValuesListener): void {
    this.transactions.track(evseId, transactionId, updated);
  }

  /**
   * The transaction ends: its sampling stops, and the meter values for TransactionEvent(Ended) come back: the
   * stored samples and a Transaction.End sample of SampledDataCtrlr.TxEndedMeasurands (E06.FR.11), in the order
   * taken. With `maxValues`, intermediate samples are removed until that many are left (J02.FR.20). The stored
   * samples stay until `clear` (call it once the Ended event is queued), so calling this again gives them again.
   */
  endedValues(evseId: number, transactionId: string, maxValues?: number): MeterValueType[] {
    return this.transactions.ended(evseId, transactionId, maxValues);
  }

  /** Forgets the transaction's stored samples: call after its TransactionEvent(Ended) has been queued. */
  clear(transactionId: string): void {
    this.transactions.clear(transactionId);
  }

  /** The transaction running on the EVSE as far as metering knows. */
  transactionOn(evseId: number): string | undefined {
    return this.transactions.on(evseId)?.transactionId;
  }

  // --- Triggers --------------------------------------------------------------------------------------------

  /**
   * F06.FR.07: the meter values of a TransactionEvent sent for TriggerMessage(TransactionEvent): the latest
   * SampledDataCtrlr.TxUpdatedMeasurands with context Trigger. Empty when nothing is configured or recorded.
   */
  triggeredTransactionValues(evseId: number): MeterValueType[] {
    const { readings } = this;
    return this.listOf(readings.sample(evseId, readings.measurands(SampledDataCtrlr.TxUpdatedMeasurands), 'Trigger', 'sampled'));
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
    const { readings } = this;
    if (evse !== undefined && !readings.evseIds.includes(evse.id)) return { status: 'Rejected' };
    const measurands = readings.measurands(AlignedDataCtrlr.Measurands);
    const requests = (evse === undefined ? readings.evseIds : [evse.id]).flatMap((evseId) => {
      const meterValue = readings.sample(evseId, measurands, 'Trigger', 'aligned');
      return meterValue ? [{ evseId, meterValue: [meterValue] }] : [];
    });
    if (requests.length === 0) return { status: 'Rejected' };
    return { status: 'Accepted', send: () => requests.forEach((request) => this.aligned.sendMeterValues(request.evseId, request.meterValue, true)) };
  };

  // --- Clock-aligned MeterValues ---------------------------------------------------------------------------

  /** Registration is Accepted: clock-aligned MeterValues go out from the next aligned time (J01.FR.14). */
  start(): void {
    this.aligned.setStarted(true);
  }

  /** No more MeterValues (transactions keep their sampling until they end). */
  stop(): void {
    this.aligned.setStarted(false);
  }

  /** Stops every timer and stops following the device model: the station is shutting down. */
  close(): void {
    this.transactions.close();
    this.aligned.close();
    this.unsubscribe();
  }

  // --- Inside ----------------------------------------------------------------------------------------------

  /** A changed interval: the aligned and the transaction timers follow it. */
  private settingChanged(change: VariableChange): void {
    if (change.attributeType !== 'Actual' || change.component.instance !== undefined || change.component.evseId !== undefined) return;
    const component = change.component.name;
    const variable = change.variable.name;
    if (component === 'AlignedDataCtrlr') this.aligned.intervalChanged(variable);
    if (component === 'SampledDataCtrlr') this.transactions.intervalChanged(variable, change.value);
  }

  private listOf(meterValue: MeterValueType | undefined): MeterValueType[] {
    return meterValue ? [meterValue] : [];
  }
}
