// What the metering unit tests share: a real device model of the two metering controllers, a FakeClock, a
// `send` that records, the memory store and a Metering over them.
import type { Clock, TimerHandle } from '../../../../src/clock.js';
import { DeviceModel } from '../../../../src/device-model/device-model.js';
import { declarationsOf } from '../../../../src/device-model/declare.js';
import { AlignedDataCtrlr, SampledDataCtrlr } from '../../../../src/device-model/standardized/index.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import { silentLogger } from '../../../../src/logger.js';
import type { MeterValueType, MeterValuesRequest, SampledValueType } from '../../../../src/messages/types.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { MemoryTxMeterValueStore } from '../../../../src/storage/memory/memory-tx-meter-value-store.js';
import type { TxMeterValueStore } from '../../../../src/storage/tx-meter-value-store.js';
import {
  Metering,
  type AlignedDataInTransaction,
  type MeterValueTrigger,
} from '../../../../src/blocks/metering/metering.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

export interface SentMessage {
  readonly action: string;
  readonly payload: MeterValuesRequest;
  readonly requestedByCsms: boolean;
  /** Station clock when it was sent. */
  readonly at: string;
}

export interface UpdatedCall {
  readonly transactionId: string;
  readonly trigger: MeterValueTrigger;
  readonly meterValues: MeterValueType[];
  readonly at: string;
}

/** A clock whose timers all fire `lateMs` after they are due, like a busy event loop. */
export class LateClock implements Clock {
  constructor(
    private readonly base: FakeClock,
    private readonly lateMs: number,
  ) {}
  now(): Date {
    return this.base.now();
  }
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.base.setTimeout(callback, delayMs + this.lateMs);
  }
  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
}

export interface HarnessOptions {
  /** Station time at the start. Default 2026-01-01T00:00:00Z. */
  start?: string;
  /** Device model values in wire form, `Component.Variable` → value, applied at load. */
  values?: Record<string, string>;
  evseIds?: number[];
  store?: TxMeterValueStore;
  model?: DeviceModel;
  clock?: FakeClock;
  /** Timers fire this much late. */
  lateMs?: number;
  alignedDataInTransaction?: AlignedDataInTransaction;
}

export function loadModel(clock: Clock, values: Record<string, string> = {}): DeviceModel {
  return DeviceModel.load({
    declarations: [...declarationsOf(SampledDataCtrlr), ...declarationsOf(AlignedDataCtrlr)],
    store: new MemoryDeviceModelStore(),
    supportedBlocks: ['Metering'],
    clock,
    initialValues: Object.entries(values).map(([key, value]) => {
      const [component, variable] = key.split('.') as [string, string];
      return { component: { name: component }, variable: { name: variable }, value };
    }),
  });
}

export function harness(options: HarnessOptions = {}) {
  const clock = options.clock ?? new FakeClock(options.start ?? '2026-01-01T00:00:00.000Z');
  const timerClock: Clock = options.lateMs ? new LateClock(clock, options.lateMs) : clock;
  const model = options.model ?? loadModel(clock, options.values);
  const store = options.store ?? new MemoryTxMeterValueStore();
  const sent: SentMessage[] = [];
  const send = ((action: string, payload: MeterValuesRequest, enqueue?: { requestedByCsms?: boolean }) => {
    sent.push({ action, payload: structuredClone(payload), requestedByCsms: enqueue?.requestedByCsms ?? false, at: clock.now().toISOString() });
    return Promise.resolve({});
  }) as OcppLink['send'];
  const metering = new Metering({
    model,
    clock: timerClock,
    logger: silentLogger(),
    send,
    store,
    evseIds: options.evseIds ?? [1, 2],
    ...(options.alignedDataInTransaction ? { alignedDataInTransaction: options.alignedDataInTransaction } : {}),
  });
  const updates: UpdatedCall[] = [];
  const listener = (transactionId: string) => (meterValues: MeterValueType[], trigger: MeterValueTrigger) => {
    updates.push({ transactionId, trigger, meterValues: structuredClone(meterValues), at: clock.now().toISOString() });
  };
  /** Sets a variable as the CSMS would (SetVariables), asserting it was accepted. */
  const setVariable = (key: string, value: string) => {
    const [component, variable] = key.split('.') as [string, string];
    const result = model.setVariable({ component: { name: component }, variable: { name: variable }, attributeValue: value }, 'csms');
    if (result.attributeStatus !== 'Accepted') throw new Error(`${key}=${value}: ${result.attributeStatus}`);
  };
  return { clock, model, store, sent, metering, updates, listener, setVariable };
}

/** A reading as an integrator reports it. */
export function reading(...sampledValue: SampledValueType[]): MeterValueType {
  return { timestamp: '2000-01-01T00:00:00.000Z', sampledValue };
}

/** Energy.Active.Import.Register without measurand (its default), in Wh. */
export const energy = (value: number): SampledValueType => ({ value, unitOfMeasure: { unit: 'Wh' } });
export const power = (value: number): SampledValueType => ({ value, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } });
export const soc = (value: number): SampledValueType => ({ value, measurand: 'SoC', location: 'EV', unitOfMeasure: { unit: 'Percent' } });

/** [timestamp, contexts…, values…] of each meter value, for compact assertions. */
export function summary(meterValues: readonly MeterValueType[]): string[] {
  return meterValues.map(
    (mv) => `${mv.timestamp} ${mv.sampledValue.map((sv) => `${sv.measurand ?? 'EAIR'}=${sv.value}@${sv.context}`).join(' ')}`,
  );
}

export const MINUTE = 60_000;
