// What the device model engine tests share: a small station declared with the builder, a fresh FakeClock and
// memory store for every test (freshClockAndStore, in a beforeEach), and shorthands to load a model and to get and
// set variables as the CSMS does.
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import { DeviceModel, type DeviceModelOptions, type InitialValue } from '../../../src/device-model/device-model.js';
import type { AnyVariable, AttributeDeclaration, VariableDeclaration } from '../../../src/device-model/types.js';
import type { Logger } from '../../../src/logger.js';
import type { GetVariableDataType, SetVariableDataType } from '../../../src/messages/types.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';

// --- A small station, declared with the builder -------------------------------------------------------

export const Comm = controller('OCPPCommCtrlr', 'Core', {
  HeartbeatInterval: optional.integer({ unit: 's', min: 1, max: 86400, default: 300 }),
  MessageTimeoutDefault: required.integer({ name: 'MessageTimeout', instance: 'Default', mutability: 'ReadOnly', default: 30 }),
  MessageAttemptsTx: optional.integer({ name: 'MessageAttempts', instance: 'TransactionEvent', min: 0, default: 3 }),
  FileTransferProtocols: optional.memberList(['FTP', 'FTPS', 'HTTP', 'HTTPS'], { default: ['HTTPS'] }),
  QueueAllMessages: optional.boolean({ default: false }),
  WebSocketPingInterval: optional.integer({ min: 0, rebootRequired: true, default: 30 }),
  Mode: optional.optionList(['Fast', 'Slow'], { default: 'Fast' }),
  Note: optional.string({ maxLength: 20 }),
});
export const Security = controller('SecurityCtrlr', 'Security', {
  Identity: required.string({ maxLength: 48 }),
  BasicAuthPassword: optional.string({ mutability: 'WriteOnly', maxLength: 40 }),
  SecurityProfile: required.integer({ mutability: 'ReadOnly', min: 0, max: 3, default: 1 }),
});
export const DeviceData = controller('DeviceDataCtrlr', 'Core', {
  ReportingValueSize: optional.integer({ mutability: 'ReadOnly' }),
  ConfigurationValueSize: optional.integer({ mutability: 'ReadOnly' }),
  ValueSize: optional.integer({ mutability: 'ReadOnly' }),
});
export const Evse1 = declareComponent({ name: 'EVSE', evseId: 1 }, 'Core', {
  AvailabilityState: optional.optionList(['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'], { mutability: 'ReadOnly', default: 'Available' }),
  Power: optional.decimal({ unit: 'W', mutability: 'ReadOnly', max: 22000, attributeTypes: ['Actual', 'MaxSet'], persistent: false }),
});
export const Connector12 = declareComponent({ name: 'Connector', evseId: 1, connectorId: 2 }, 'Core', {
  ConnectorType: optional.string({ mutability: 'ReadOnly', default: 'cType2' }),
});
export const Meter = declareComponent({ name: 'FiscalMetering', instance: 'Main' }, 'Core', {
  SerialNumber: optional.string({ mutability: 'ReadOnly', default: 'M-1' }),
});

/** With a per-attribute mutability the builder cannot express: the fan of Part 1 §4.3. */
export function withMutability<T, R extends boolean>(
  declaration: VariableDeclaration<T, R>,
  mutabilities: Partial<Record<AttributeDeclaration['type'], AttributeDeclaration['mutability']>>,
): VariableDeclaration<T, R> {
  return {
    ...declaration,
    attributes: declaration.attributes.map((a) => ({ ...a, mutability: mutabilities[a.type] ?? a.mutability })),
  };
}
export const fanSpec = declareComponent({ name: 'Fan' }, 'Core', {
  FanSpeed: optional.integer({ min: 0, max: 1000, attributeTypes: ['Actual', 'Target', 'MinSet', 'MaxSet'], defaults: { MinSet: 200, MaxSet: 500 } }),
});
export const FanSpeed = withMutability(fanSpec.FanSpeed, { Actual: 'ReadOnly' });

export const ALL: AnyVariable[] = [
  ...declarationsOf(Comm),
  ...declarationsOf(Security),
  ...declarationsOf(DeviceData),
  ...declarationsOf(Evse1),
  ...declarationsOf(Connector12),
  ...declarationsOf(Meter),
  FanSpeed,
];

export const IDENTITY: InitialValue = { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS-001' };

export let clock: FakeClock;
export let store: MemoryDeviceModelStore;

export function load(overrides: Partial<DeviceModelOptions> = {}): DeviceModel {
  return DeviceModel.load({
    declarations: ALL,
    store,
    clock,
    initialValues: [IDENTITY],
    supportedBlocks: ['Core', 'Security'],
    ...overrides,
  });
}

export function get(model: DeviceModel, data: Partial<GetVariableDataType> & Pick<GetVariableDataType, 'component' | 'variable'>) {
  return model.getVariable(data);
}

export function set(model: DeviceModel, data: Omit<SetVariableDataType, 'attributeValue'> & { attributeValue: string }) {
  return model.setVariable(data, 'csms');
}

export function recordingLogger(): { logger: Logger; errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const logger = { error: (...args: unknown[]) => errors.push(args), warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  return { logger, errors, warnings };
}

/** A new clock and store for the next test: each test file calls it in a beforeEach. */
export function freshClockAndStore(): void {
  clock = new FakeClock('2026-03-01T10:00:00.000Z');
  store = new MemoryDeviceModelStore();
}
