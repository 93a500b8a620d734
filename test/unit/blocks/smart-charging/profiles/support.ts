// What the charging profile tests share: profiles to start from, a transactions block that says what runs where,
// a station (EVSE 1: AC three-phase, EVSE 2: DC, EVSE 3: AC single-phase) with a real device model, a `send` that
// records, and the handlers called the way the router calls them.
import { ChargingProfiles, type ChargingProfilesOptions } from '../../../../../src/blocks/smart-charging/profiles/charging-profiles.js';
import type { TransactionLookup } from '../../../../../src/blocks/smart-charging/profiles/profile-ports.js';
import type { ProfileLimits } from '../../../../../src/blocks/smart-charging/profiles/validation.js';
import type { DeviceModel } from '../../../../../src/device-model/device-model.js';
import { parseStationConfig } from '../../../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../../../src/station/default-station-config.js';
import type { OcppLink } from '../../../../../src/link/ocpp-link.js';
import type { Action, ChargingProfileType, Request, Response } from '../../../../../src/messages/types.js';
import type { CallContext } from '../../../../../src/rpc/handler-router.js';
import type { ChargingProfileStore } from '../../../../../src/storage/charging-profile-store.js';
import { MemoryChargingProfileStore } from '../../../../../src/storage/memory/memory-charging-profile-store.js';
import { silentLogger } from '../../../../../src/logger.js';
import { FakeClock, flushMicrotasks } from '../../../../fakes/fake-clock.js';
import { memoryStationModel } from '../../../../support/station-model.js';

export const START = '2026-03-01T12:00:00.000Z';

/** A valid TxDefaultProfile: Absolute, one period of 16 A from the start of the test's day. */
export function txDefault(id: number, overrides: Partial<ChargingProfileType> = {}): ChargingProfileType {
  return {
    id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: [
      { id: 1, startSchedule: '2026-03-01T00:00:00.000Z', chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    ],
    ...overrides,
  };
}

/** A valid TxProfile for a transaction: Relative, 32 A then 10 A after an hour. */
export function txProfile(id: number, transactionId: string | undefined, overrides: Partial<ChargingProfileType> = {}): ChargingProfileType {
  return {
    id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    ...(transactionId !== undefined ? { transactionId } : {}),
    chargingSchedule: [
      {
        id: 1,
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 32 },
          { startPeriod: 3600, limit: 10 },
        ],
      },
    ],
    ...overrides,
  };
}

/** A valid ChargingStationMaxProfile: Absolute, 100 A. */
export function stationMax(id: number, overrides: Partial<ChargingProfileType> = {}): ChargingProfileType {
  return {
    id,
    stackLevel: 0,
    chargingProfilePurpose: 'ChargingStationMaxProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: [
      { id: 1, startSchedule: '2026-03-01T00:00:00.000Z', chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 100 }] },
    ],
    ...overrides,
  };
}

/** The transactions block as the profiles see it: transactions start and end when a test says so. */
export class FakeTransactions implements TransactionLookup {
  private readonly byEvse = new Map<number, string>();

  start(evseId: number, transactionId: string): void {
    this.byEvse.set(evseId, transactionId);
  }

  end(evseId: number): void {
    this.byEvse.delete(evseId);
  }

  transactionIdOf(evseId: number): string | undefined {
    return this.byEvse.get(evseId);
  }

  evseOfTransaction(transactionId: string): number | undefined {
    for (const [evseId, id] of this.byEvse) if (id === transactionId) return evseId;
    return undefined;
  }
}

/** Limits as SmartChargingCtrlr declares them by default, for the pure validation tests. */
export const LIMITS: ProfileLimits = {
  maxStackLevel: 10,
  maxPeriodsPerSchedule: 100,
  rateUnits: ['A', 'W'],
  capacity: 100,
  acPhaseSwitchingSupported: false,
  phases3to1: false,
};

/** EVSE 1 AC 3 phases, EVSE 2 DC, EVSE 3 AC 1 phase. */
export const SUPPLY_PHASES: Record<number, number> = { 1: 3, 2: 0, 3: 1 };

export function stationConfig(smartChargingVariables: Record<string, unknown> = {}) {
  return parseStationConfig({
    ...DEFAULT_STATION_CONFIG_JSON,
    evses: [
      { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 },
      { id: 2, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50000, supplyPhases: 0 },
      { id: 3, connectors: [{ id: 1, type: 'sType2' }], maxPowerW: 7360, supplyPhases: 1 },
    ],
    supportedBlocks: [...new Set([...DEFAULT_STATION_CONFIG_JSON.supportedBlocks, 'SmartCharging'])],
    variables: { SmartChargingCtrlr: smartChargingVariables },
  });
}

export function createModel(clock: FakeClock, smartChargingVariables: Record<string, unknown> = {}): DeviceModel {
  const config = stationConfig(smartChargingVariables);
  return memoryStationModel(config, clock, 'CS-PROFILES');
}

export interface SentMessage {
  action: Action;
  payload: any;
  requestedByCsms: boolean;
}

export class RecordingSend {
  readonly messages: SentMessage[] = [];

  readonly send = ((action: Action, payload: unknown, options?: { requestedByCsms?: boolean }) => {
    this.messages.push({ action, payload, requestedByCsms: options?.requestedByCsms ?? false });
    return Promise.resolve({});
  }) as OcppLink['send'];

  of(action: Action): any[] {
    return this.messages.filter((message) => message.action === action).map((message) => message.payload);
  }
}

export interface Fixture {
  profiles: ChargingProfiles;
  model: DeviceModel;
  clock: FakeClock;
  store: ChargingProfileStore;
  sent: RecordingSend;
  transactions: FakeTransactions;
  /** SetChargingProfile as the router runs it: the handler, then the after-response work. */
  set(evseId: number, chargingProfile: ChargingProfileType): Response<'SetChargingProfile'>;
  get(request: Request<'GetChargingProfiles'>): Response<'GetChargingProfiles'>;
  clear(request: Request<'ClearChargingProfile'>): Response<'ClearChargingProfile'>;
  settle(): Promise<void>;
}

export interface FixtureOptions {
  clock?: FakeClock;
  store?: ChargingProfileStore;
  transactions?: FakeTransactions;
  smartChargingVariables?: Record<string, unknown>;
  options?: Partial<ChargingProfilesOptions>;
  /** Default true: restore() runs before the test. */
  restore?: boolean;
}

export function createFixture(fixtureOptions: FixtureOptions = {}): Fixture {
  const clock = fixtureOptions.clock ?? new FakeClock(START);
  const model = createModel(clock, fixtureOptions.smartChargingVariables);
  const store = fixtureOptions.store ?? new MemoryChargingProfileStore();
  const sent = new RecordingSend();
  const transactions = fixtureOptions.transactions ?? new FakeTransactions();
  const profiles = new ChargingProfiles({
    model,
    store,
    clock,
    logger: silentLogger(),
    send: sent.send,
    evseIds: [1, 2, 3],
    transactions,
    ...fixtureOptions.options,
  });
  if (fixtureOptions.restore ?? true) profiles.restore();
  const call = <A extends 'SetChargingProfile' | 'GetChargingProfiles' | 'ClearChargingProfile'>(action: A, request: Request<A>): Response<A> => {
    const tasks: (() => void)[] = [];
    const context: CallContext = { messageId: 'm-1', action, afterResponse: (task) => tasks.push(task) };
    const handler = profiles.handlers()[action] as (payload: Request<A>, context: CallContext) => Response<A>;
    const response = handler(request, context);
    tasks.forEach((task) => task());
    return response;
  };
  return {
    profiles,
    model,
    clock,
    store,
    sent,
    transactions,
    set: (evseId, chargingProfile) => call('SetChargingProfile', { evseId, chargingProfile }),
    get: (request) => call('GetChargingProfiles', request),
    clear: (request) => call('ClearChargingProfile', request),
    settle: () => flushMicrotasks(),
  };
}
