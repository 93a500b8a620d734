// Block J: the integrator's meter readings (the seed's on_meter_value), clock-aligned MeterValues (J01), the
// meter values of transactions (J02, for the transactions block) and TriggerMessage(MeterValues) (F06.FR.06).
import type { MeterValueType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../../storage/tx-meter-value-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { evseIdsOf } from '../shared/station-layout.js';
import type { TransactionMetering } from '../transactions/transaction-ports.js';
import { energyRegisterWh } from './energy-register.js';
import { Metering } from './metering.js';

/** What the metering block offers: the transaction's meter values, and each reading as it arrives. */
export interface MeteringPort extends Required<TransactionMetering> {
  /** Calls `listener` after each reading the integrator reports (EVSE 0: the main meter). */
  onReading(listener: (evseId: number, meterValue: MeterValueType) => void): () => void;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    metering: MeteringPort;
  }
}

export interface MeteringApi {
  /** The seed's on_meter_value: the latest reading of an EVSE (0 = the station's main meter). */
  onMeterValue(evseId: number, meterValue: MeterValueType): void;
}

export interface MeteringContext extends BlockContext {
  readonly stores: { readonly txMeterValues: TxMeterValueStore };
}

export const meteringBlock: BlockDefinition<MeteringContext, MeteringApi> = {
  name: 'metering',
  controllers: ['SampledDataCtrlr', 'AlignedDataCtrlr'],
  create(context) {
    const metering = new Metering({
      model: context.model,
      clock: context.clock,
      logger: context.logger,
      send: context.send,
      store: context.stores.txMeterValues,
      evseIds: evseIdsOf(context.layout),
    });
    const latestEnergyWh = new Map<number, number>();
    const readingListeners = new Set<(evseId: number, meterValue: MeterValueType) => void>();
    const port: MeteringPort = {
      startedValues: (evseId) => metering.startedValues(evseId),
      transactionStarted: (evseId, transactionId, updated) => metering.transactionStarted(evseId, transactionId, updated),
      resume: (evseId, transactionId, updated) => metering.resume(evseId, transactionId, updated),
      endedValues: (evseId, transactionId, maxValues) => metering.endedValues(evseId, transactionId, maxValues),
      clear: (transactionId) => metering.clear(transactionId),
      triggeredTransactionValues: (evseId) => metering.triggeredTransactionValues(evseId),
      energyRegisterWh: (evseId) => latestEnergyWh.get(evseId),
      onReading(listener) {
        readingListeners.add(listener);
        return () => readingListeners.delete(listener);
      },
    };
    return {
      triggers: { MeterValues: metering.trigger },
      ports: { metering: port },
      api: {
        onMeterValue(evseId, meterValue) {
          metering.record(evseId, meterValue);
          const wh = energyRegisterWh(meterValue);
          if (wh !== undefined) latestEnergyWh.set(evseId, wh);
          for (const listener of readingListeners) listener(evseId, meterValue);
        },
      },
      // J01.FR.14: clock-aligned MeterValues from the next aligned time once registered.
      registrationAccepted: () => metering.start(),
      stop: () => metering.close(),
    };
  },
};
