// What the availability unit tests share: a real device model of a station with EVSE 1 (connectors 1 and 2) and
// EVSE 2 (connector 1), a `send` that records, a fake transactions block, and a way to call ChangeAvailability
// that runs the after-response work like the router does.
import { Availability, type AvailabilityOptions } from '../../../../src/blocks/availability/availability.js';
import type { DeviceModel } from '../../../../src/device-model/device-model.js';
import { parseStationConfig } from '../../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../../src/station/default-station-config.js';
import { stationLayout } from '../../../../src/blocks/shared/station-layout.js';
import type { TransactionActivity } from '../../../../src/blocks/shared/transaction-activity.js';
import type { Action, OperationalStatusEnumType, Response, StatusNotificationRequest } from '../../../../src/messages/types.js';
import type { CallContext } from '../../../../src/rpc/handler-router.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import type { AvailabilityStore } from '../../../../src/storage/availability-store.js';
import { MemoryAvailabilityStore } from '../../../../src/storage/memory/memory-availability-store.js';
import { silentLogger } from '../../../../src/logger.js';
import { FakeClock, flushMicrotasks } from '../../../fakes/fake-clock.js';
import { memoryStationModel } from '../../../support/station-model.js';

export const CONFIG = parseStationConfig({
  ...DEFAULT_STATION_CONFIG_JSON,
  evses: [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }, { id: 2, type: 'sType2' }], maxPowerW: 22080, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50000, supplyPhases: 0 },
  ],
});

export const LAYOUT = stationLayout(CONFIG);

export function createModel(clock: FakeClock): DeviceModel {
  return memoryStationModel(CONFIG, clock, 'CS-AVAIL');
}

export interface SentMessage {
  action: Action;
  payload: StatusNotificationRequest;
  requestedByCsms: boolean;
}

/** A `send` that records; `mode` decides what becomes of each message. */
export class RecordingSend {
  readonly messages: SentMessage[] = [];
  /** 'deliver': answered; 'drop': refused at once like the link does offline; 'hold': queued, never answered. */
  mode: 'deliver' | 'drop' | 'hold' = 'deliver';

  readonly send = ((action: Action, payload: unknown, options?: { requestedByCsms?: boolean }) => {
    if (this.mode === 'drop') return Promise.reject(new Error('offline: dropped'));
    this.messages.push({ action, payload: payload as StatusNotificationRequest, requestedByCsms: options?.requestedByCsms ?? false });
    if (this.mode === 'hold') return new Promise(() => undefined);
    return Promise.resolve({});
  }) as OcppLink['send'];

  /** [evseId, connectorId, status] of each StatusNotification, in order. */
  statuses(): [number, number, string][] {
    return this.messages
      .filter((message) => message.action === 'StatusNotification')
      .map((message) => [message.payload.evseId, message.payload.connectorId, message.payload.connectorStatus]);
  }

  clear(): void {
    this.messages.length = 0;
  }
}

/** The transactions block as far as availability sees it: transactions start and end when a test says so. */
export class FakeTransactions implements TransactionActivity {
  private readonly active = new Set<number>();
  private waiters: { evseId: number | undefined; idle: () => void }[] = [];

  hasActiveTransaction(evseId?: number): boolean {
    return evseId === undefined ? this.active.size > 0 : this.active.has(evseId);
  }

  whenIdle(evseId: number | undefined, idle: () => void): void {
    if (!this.hasActiveTransaction(evseId)) idle();
    else this.waiters.push({ evseId, idle });
  }

  start(evseId: number): void {
    this.active.add(evseId);
  }

  end(evseId: number): void {
    this.active.delete(evseId);
    const ready = this.waiters.filter((waiter) => !this.hasActiveTransaction(waiter.evseId));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.idle();
  }
}

export interface Fixture {
  availability: Availability;
  model: DeviceModel;
  clock: FakeClock;
  store: AvailabilityStore;
  sent: RecordingSend;
  transactions: FakeTransactions;
  /** ChangeAvailability as the router runs it: the handler, then (unless told not to) the after-response work. */
  change(operationalStatus: OperationalStatusEnumType, evse?: { id: number; connectorId?: number }): Response<'ChangeAvailability'>;
  /** A ChangeAvailability whose after-response work runs only when `respond` is called. */
  changeDeferred(
    operationalStatus: OperationalStatusEnumType,
    evse?: { id: number; connectorId?: number },
  ): { response: Response<'ChangeAvailability'>; respond: () => void };
  /** Lets the recorded sends settle. */
  settle(): Promise<void>;
}

export interface FixtureOptions {
  store?: AvailabilityStore;
  clock?: FakeClock;
  transactions?: FakeTransactions;
  /** Default: the registration is Accepted and sendAll has run, so changes are reported. */
  booted?: boolean;
  options?: Partial<AvailabilityOptions>;
}

export function createFixture(fixtureOptions: FixtureOptions = {}): Fixture {
  const clock = fixtureOptions.clock ?? new FakeClock('2026-02-01T08:00:00.000Z');
  const model = createModel(clock);
  const store = fixtureOptions.store ?? new MemoryAvailabilityStore();
  const sent = new RecordingSend();
  const transactions = fixtureOptions.transactions ?? new FakeTransactions();
  const availability = new Availability({
    model,
    layout: LAYOUT,
    store,
    send: sent.send,
    clock,
    logger: silentLogger(),
    transactions: () => transactions,
    ...fixtureOptions.options,
  });
  if (fixtureOptions.booted ?? true) {
    availability.sendAll();
    sent.clear();
  }
  const changeDeferred = (operationalStatus: OperationalStatusEnumType, evse?: { id: number; connectorId?: number }) => {
    const tasks: (() => void)[] = [];
    const context: CallContext = { messageId: 'm-1', action: 'ChangeAvailability', afterResponse: (task) => tasks.push(task) };
    const response = availability.handlers().ChangeAvailability!({ operationalStatus, ...(evse ? { evse } : {}) }, context) as Response<'ChangeAvailability'>;
    return { response, respond: () => tasks.forEach((task) => task()) };
  };
  return {
    availability,
    model,
    clock,
    store,
    sent,
    transactions,
    change: (operationalStatus, evse) => {
      const { response, respond } = changeDeferred(operationalStatus, evse);
      respond();
      return response;
    },
    changeDeferred,
    settle: () => flushMicrotasks(),
  };
}
