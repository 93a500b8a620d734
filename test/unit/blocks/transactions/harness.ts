// A Transactions block with recording fakes around it: the sent TransactionEvents, what the hardware was told,
// and a real device model (standardized declarations) to configure start and stop points.
import { Transactions, type TransactionsOnBoot } from '../../../../src/blocks/transactions/transactions.js';
import type { TransactionMetering, MeterUpdate } from '../../../../src/blocks/transactions/transaction-ports.js';
import { DeviceModel } from '../../../../src/device-model/device-model.js';
import { declarationsOf } from '../../../../src/device-model/declare.js';
import { AuthCtrlr, TxCtrlr } from '../../../../src/device-model/standardized/index.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { MemoryTransactionStore } from '../../../../src/storage/memory/memory-transaction-store.js';
import { silentLogger } from '../../../../src/logger.js';
import type { IdTokenInfoType, IdTokenType, MeterValueType, Request, Response } from '../../../../src/messages/types.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

export interface HarnessOptions {
  evseIds?: number[];
  startPoints?: string[];
  stopPoints?: string[];
  variables?: Record<string, string>;
  store?: MemoryTransactionStore;
  tokenInfo?: (idToken: IdTokenType) => IdTokenInfoType;
  canStart?: () => boolean;
  clock?: FakeClock;
}

export class FakeMetering implements TransactionMetering {
  readonly updates = new Map<string, MeterUpdate>();
  readonly cleared: string[] = [];
  energyWh: number | undefined;
  started: MeterValueType[] = [];
  ended: MeterValueType[] = [];
  startedValues(): MeterValueType[] {
    return this.started;
  }
  transactionStarted(_evseId: number, transactionId: string, updated: MeterUpdate): void {
    this.updates.set(transactionId, updated);
  }
  resume(_evseId: number, transactionId: string, updated: MeterUpdate): void {
    this.updates.set(transactionId, updated);
  }
  endedValues(): MeterValueType[] {
    return this.ended;
  }
  triggeredTransactionValues(): MeterValueType[] {
    return this.started;
  }
  clear(transactionId: string): void {
    this.cleared.push(transactionId);
    this.updates.delete(transactionId);
  }
  energyRegisterWh(): number | undefined {
    return this.energyWh;
  }
}

export function createHarness(options: HarnessOptions = {}) {
  const clock = options.clock ?? new FakeClock('2026-03-01T10:00:00Z');
  const model = DeviceModel.load({
    declarations: [...declarationsOf(TxCtrlr), ...declarationsOf(AuthCtrlr)],
    store: new MemoryDeviceModelStore(),
    supportedBlocks: ['Core', 'Transactions', 'Authorization'],
    initialValues: [
      ...(options.startPoints ? [{ component: TxCtrlr.TxStartPoint.component, variable: TxCtrlr.TxStartPoint.variable, value: options.startPoints.join(',') }] : []),
      ...(options.stopPoints ? [{ component: TxCtrlr.TxStopPoint.component, variable: TxCtrlr.TxStopPoint.variable, value: options.stopPoints.join(',') }] : []),
      ...Object.entries(options.variables ?? {}).map(([name, value]) => ({ component: { name: 'TxCtrlr' }, variable: { name }, value })),
    ],
    clock,
  });
  const events: Request<'TransactionEvent'>[] = [];
  const energy: [number, boolean][] = [];
  const occupied: [number, number, boolean][] = [];
  const metering = new FakeMetering();
  const store = options.store ?? new MemoryTransactionStore();
  const transactions = new Transactions({
    model,
    clock,
    logger: silentLogger(),
    evseIds: options.evseIds ?? [1],
    store,
    atomically: (work) => work(),
    send: ((action: string, payload: Request<'TransactionEvent'>) => {
      if (action === 'TransactionEvent') events.push(payload);
      return Promise.resolve({} as Response<'TransactionEvent'>);
    }) as never,
    metering,
    availability: {
      setOccupied: (evseId, connectorId, value) => occupied.push([evseId, connectorId, value]),
      canStartCharging: options.canStart ?? (() => true),
    },
    tokens: {
      validateToken: (idToken) =>
        Promise.resolve({ idTokenInfo: options.tokenInfo ? options.tokenInfo(idToken) : { status: 'Accepted' } }),
    },
    energy: { setEnergyTransferAllowed: (evseId, allowed) => energy.push([evseId, allowed]) },
  });
  return { transactions, clock, model, events, energy, occupied, metering, store, restore: (reason: string, policy: TransactionsOnBoot) => transactions.restore(reason, policy) };
}

export const TAG: IdTokenType = { idToken: 'TAG-0001', type: 'ISO14443' };
export const OTHER_TAG: IdTokenType = { idToken: 'TAG-0002', type: 'ISO14443' };

/** eventType/triggerReason/seqNo of each event, compactly. */
export function summary(events: Request<'TransactionEvent'>[]): string[] {
  return events.map((e) => `${e.seqNo} ${e.eventType} ${e.triggerReason}${e.transactionInfo.stoppedReason ? ` ${e.transactionInfo.stoppedReason}` : ''}`);
}
