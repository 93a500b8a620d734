// TxMeterValueStore in memory: nothing survives the process.
import type { MeterValueType } from '../../messages/types.js';
import type { TxMeterValueStore } from '../tx-meter-value-store.js';

export class MemoryTxMeterValueStore implements TxMeterValueStore {
  private readonly samples = new Map<string, MeterValueType[]>();

  append(transactionId: string, meterValue: MeterValueType): void {
    const list = this.samples.get(transactionId) ?? [];
    list.push(structuredClone(meterValue));
    this.samples.set(transactionId, list);
  }

  load(transactionId: string): MeterValueType[] {
    return (this.samples.get(transactionId) ?? []).map((meterValue) => structuredClone(meterValue));
  }

  clear(transactionId: string): void {
    this.samples.delete(transactionId);
  }
}
