// The device model engine: start-up (defaults, configuration values, required variables), GetVariables
// (B06) and SetVariables (B05) to the letter, writes from code, change listeners and write-through storage.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import {
  DeviceModel,
  DuplicateDeclarationError,
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UndeclaredVariableError,
  UnknownInitialValueError,
  liveValue,
  type DeviceModelOptions,
  type InitialValue,
  type VariableChange,
} from '../../../src/device-model/device-model.js';
import type { DeviceModelStore, StoredVariableValue } from '../../../src/device-model/device-model-store.js';
import type { AnyVariable, AttributeDeclaration, VariableDeclaration } from '../../../src/device-model/types.js';
import type { Logger } from '../../../src/logger.js';
import type { GetVariableDataType, SetVariableDataType } from '../../../src/messages/types.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';

// --- A small station, declared with the builder -------------------------------------------------------

const Comm = controller('OCPPCommCtrlr', 'Core', {
  HeartbeatInterval: optional.integer({ unit: 's', min: 1, max: 86400, default: 300 }),
  MessageTimeoutDefault: required.integer({ name: 'MessageTimeout', instance: 'Default', mutability: 'ReadOnly', default: 30 }),
  MessageAttemptsTx: optional.integer({ name: 'MessageAttempts', instance: 'TransactionEvent', min: 0, default: 3 }),
  FileTransferProtocols: optional.memberList(['FTP', 'FTPS', 'HTTP', 'HTTPS'], { default: ['HTTPS'] }),
  QueueAllMessages: optional.boolean({ default: false }),
  WebSocketPingInterval: optional.integer({ min: 0, rebootRequired: true, default: 30 }),
  Mode: optional.optionList(['Fast', 'Slow'], { default: 'Fast' }),
  Note: optional.string({ maxLength: 20 }),
});
const Security = controller('SecurityCtrlr', 'Security', {
  Identity: required.string({ maxLength: 48 }),
  BasicAuthPassword: optional.string({ mutability: 'WriteOnly', maxLength: 40 }),
  SecurityProfile: required.integer({ mutability: 'ReadOnly', min: 0, max: 3, default: 1 }),
});
const DeviceData = controller('DeviceDataCtrlr', 'Core', {
  ReportingValueSize: optional.integer({ mutability: 'ReadOnly' }),
  ConfigurationValueSize: optional.integer({ mutability: 'ReadOnly' }),
  ValueSize: optional.integer({ mutability: 'ReadOnly' }),
});
const Evse1 = declareComponent({ name: 'EVSE', evseId: 1 }, 'Core', {
  AvailabilityState: optional.optionList(['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'], { mutability: 'ReadOnly', default: 'Available' }),
  Power: optional.decimal({ unit: 'W', mutability: 'ReadOnly', max: 22000, attributeTypes: ['Actual', 'MaxSet'], persistent: false }),
});
const Connector12 = declareComponent({ name: 'Connector', evseId: 1, connectorId: 2 }, 'Core', {
  ConnectorType: optional.string({ mutability: 'ReadOnly', default: 'cType2' }),
});
const Meter = declareComponent({ name: 'FiscalMetering', instance: 'Main' }, 'Core', {
  SerialNumber: optional.string({ mutability: 'ReadOnly', default: 'M-1' }),
});

/** With a per-attribute mutability the builder cannot express: the fan of Part 1 §4.3. */
function withMutability<T, R extends boolean>(
  declaration: VariableDeclaration<T, R>,
  mutabilities: Partial<Record<AttributeDeclaration['type'], AttributeDeclaration['mutability']>>,
): VariableDeclaration<T, R> {
  return {
    ...declaration,
    attributes: declaration.attributes.map((a) => ({ ...a, mutability: mutabilities[a.type] ?? a.mutability })),
  };
}
const fanSpec = declareComponent({ name: 'Fan' }, 'Core', {
  FanSpeed: optional.integer({ min: 0, max: 1000, attributeTypes: ['Actual', 'Target', 'MinSet', 'MaxSet'], defaults: { MinSet: 200, MaxSet: 500 } }),
});
const FanSpeed = withMutability(fanSpec.FanSpeed, { Actual: 'ReadOnly' });

const ALL: AnyVariable[] = [
  ...declarationsOf(Comm),
  ...declarationsOf(Security),
  ...declarationsOf(DeviceData),
  ...declarationsOf(Evse1),
  ...declarationsOf(Connector12),
  ...declarationsOf(Meter),
  FanSpeed,
];

const IDENTITY: InitialValue = { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS-001' };

let clock: FakeClock;
let store: MemoryDeviceModelStore;

function load(overrides: Partial<DeviceModelOptions> = {}): DeviceModel {
  return DeviceModel.load({
    declarations: ALL,
    store,
    clock,
    initialValues: [IDENTITY],
    supportedBlocks: ['Core', 'Security'],
    ...overrides,
  });
}

function get(model: DeviceModel, data: Partial<GetVariableDataType> & Pick<GetVariableDataType, 'component' | 'variable'>) {
  return model.getVariable(data);
}

function set(model: DeviceModel, data: Omit<SetVariableDataType, 'attributeValue'> & { attributeValue: string }) {
  return model.setVariable(data, 'csms');
}

function recordingLogger(): { logger: Logger; errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const logger = { error: (...args: unknown[]) => errors.push(args), warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  return { logger, errors, warnings };
}

beforeEach(() => {
  clock = new FakeClock('2026-03-01T10:00:00.000Z');
  store = new MemoryDeviceModelStore();
});

// --- Start-up -----------------------------------------------------------------------------------------

describe('DeviceModel.load', () => {
  it('starts from the declared defaults, with configuration values winning over them', () => {
    const model = load({
      initialValues: [IDENTITY, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value: '600' }],
    });
    assert.equal(model.value(Comm.HeartbeatInterval), 600);
    assert.equal(model.value(Comm.MessageTimeoutDefault), 30);
    assert.deepEqual(model.value(Comm.FileTransferProtocols), ['HTTPS']);
    assert.equal(model.value(Comm.QueueAllMessages), false);
    assert.equal(model.value(Security.Identity), 'CS-001');
    assert.equal(model.value(Comm.Note), undefined);
    assert.equal(model.text({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' }), '600');
    assert.equal(model.value(FanSpeed, 'MaxSet'), 500);
  });

  it('addresses configuration values by component and variable, case-insensitively, with attribute types', () => {
    const model = load({
      initialValues: [
        IDENTITY,
        { component: { name: 'ocppcommctrlr' }, variable: { name: 'messageattempts', instance: 'transactionevent' }, value: '5' },
        { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '11000' },
      ],
    });
    assert.equal(model.value(Comm.MessageAttemptsTx), 5);
    assert.equal(model.value(Evse1.Power, 'MaxSet'), 11000);
    assert.equal(model.value(Evse1.Power), undefined);
  });

  it('the last initial value for the same attribute wins', () => {
    const hb = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const model = load({ initialValues: [IDENTITY, { ...hb, value: '10' }, { ...hb, value: '20' }] });
    assert.equal(model.value(Comm.HeartbeatInterval), 20);
  });

  it('MissingRequiredVariableError names each required variable of a supported block without a value', () => {
    assert.throws(
      () => load({ initialValues: [] }),
      (error: unknown) =>
        error instanceof MissingRequiredVariableError &&
        error.variables.join() === 'SecurityCtrlr.Identity' &&
        /SecurityCtrlr\.Identity/.test(error.message),
    );
    assert.deepEqual(store.loadAll(), [], 'a station that cannot start writes nothing');
  });

  it('a required variable of a block the station does not support may stay without a value; reading it throws', () => {
    const model = load({ initialValues: [], supportedBlocks: ['Core'] });
    assert.throws(() => model.value(Security.Identity), UndeclaredVariableError);
  });

  it('Core is always supported: its required variables must have a value', () => {
    const coreRequired = controller('CoreCtrlr', 'Core', { Must: required.string() });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(coreRequired)], supportedBlocks: [] }),
      (error: unknown) => error instanceof MissingRequiredVariableError && error.variables.join() === 'CoreCtrlr.Must',
    );
  });

  it('InvalidInitialValueError names component.variable, the value and why, for each bad configuration value', () => {
    assert.throws(
      () =>
        load({
          initialValues: [
            IDENTITY,
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value: 'often', origin: 'station.json: variables.OCPPCommCtrlr.HeartbeatInterval' },
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Mode' }, value: 'Turbo' },
            { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '30000' },
          ],
        }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInitialValueError);
        assert.deepEqual(
          error.problems.map((p) => [p.variable, p.value]),
          [
            ['EVSE#1.Power (MaxSet)', '30000'],
            ['OCPPCommCtrlr.HeartbeatInterval', 'often'],
            ['OCPPCommCtrlr.Mode', 'Turbo'],
          ],
        );
        assert.match(error.message, /OCPPCommCtrlr\.HeartbeatInterval = "often" \(from station\.json: variables\.OCPPCommCtrlr\.HeartbeatInterval\): "often" is not an integer/);
        assert.match(error.message, /EVSE#1\.Power \(MaxSet\) = "30000".*above the maximum 22000/);
        return true;
      },
    );
  });

  it('a declared default that fails its own checks is an InvalidInitialValueError too', () => {
    const broken = controller('BrokenCtrlr', 'Core', { Level: optional.integer({ max: 5, default: 9 }) });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(broken)] }),
      (error: unknown) =>
        error instanceof InvalidInitialValueError && /BrokenCtrlr\.Level = "9" \(from the declared default\): 9 is above the maximum 5/.test(error.message),
    );
  });

  it('initial values must keep MinSet <= MaxSet and a writable value inside them', () => {
    const fan = { component: { name: 'Fan' }, variable: { name: 'FanSpeed' } };
    assert.throws(() => load({ initialValues: [IDENTITY, { ...fan, attributeType: 'Target', value: '600' }] }), /Fan\.FanSpeed \(Target\) = "600".*above MaxSet 500/);
    assert.throws(() => load({ initialValues: [IDENTITY, { ...fan, attributeType: 'MinSet', value: '700' }] }), /MinSet 700 would be above MaxSet 500/);
    // A ReadOnly Actual is a measurement: not held to the window.
    assert.equal(load({ initialValues: [IDENTITY, { ...fan, value: '900' }] }).value(FanSpeed), 900);
  });

  it('an initial value for a variable or an attribute type nobody declared is an error naming it', () => {
    assert.throws(
      () =>
        load({
          initialValues: [
            IDENTITY,
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatIntervall' }, value: '1' },
            { component: { name: 'EVSE', evseId: 2 }, variable: { name: 'Power' }, value: '1' },
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target', value: '1' },
          ],
        }),
      (error: unknown) =>
        error instanceof UnknownInitialValueError &&
        error.problems.length === 3 &&
        /OCPPCommCtrlr\.HeartbeatIntervall: no such variable/.test(error.message) &&
        /EVSE#2\.Power: no such variable/.test(error.message) &&
        /OCPPCommCtrlr\.HeartbeatInterval has no Target attribute/.test(error.message),
    );
  });

  it('refuses two declarations of the same component variable (names compared case-insensitively)', () => {
    const twin = controller('ocppcommctrlr', 'Core', { heartbeatinterval: optional.integer() });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(twin)] }),
      (error: unknown) => error instanceof DuplicateDeclarationError && /heartbeatinterval/i.test(error.message),
    );
  });

  it('declarations() lists every variable in a stable order: component, then variable, numbers as numbers', () => {
    const evse10 = declareComponent({ name: 'EVSE', evseId: 10 }, 'Core', { Power: optional.decimal() });
    const evse2 = declareComponent({ name: 'EVSE', evseId: 2 }, 'Core', { Power: optional.decimal() });
    const model = load({ declarations: [...ALL, ...declarationsOf(evse10), ...declarationsOf(evse2)].reverse() });
    const keys = model.declarations().map((d) => `${d.component.name}${d.component.evseId ?? ''}.${d.variable.name}`);
    assert.equal(keys.length, ALL.length + 2);
    assert.deepEqual(
      keys.filter((k) => k.startsWith('EVSE')),
      ['EVSE1.AvailabilityState', 'EVSE1.Power', 'EVSE2.Power', 'EVSE10.Power'],
    );
    assert.equal(keys[0], 'Connector1.ConnectorType');
    assert.ok(model.has(Comm.Note));
    assert.equal(model.declarationOf({ name: 'fiscalmetering', instance: 'MAIN' }, { name: 'serialnumber' }), Meter.SerialNumber);
    assert.equal(model.declarationOf({ name: 'FiscalMetering' }, { name: 'SerialNumber' }), undefined);
  });
});

// --- B06 Get Variables --------------------------------------------------------------------------------

describe('getVariable (B06)', () => {
  let model: DeviceModel;
  beforeEach(() => {
    model = load();
  });

  it('B06.FR.10 Accepted with the value; B06.FR.11 attributeType Actual when the request has none; B06.FR.02 same component and variable', () => {
    const component = { name: 'OCPPCommCtrlr' };
    const variable = { name: 'HeartbeatInterval' };
    assert.deepEqual(get(model, { component, variable }), {
      attributeStatus: 'Accepted',
      attributeType: 'Actual',
      attributeValue: '300',
      component,
      variable,
    });
  });

  it('B06.FR.03 answers with the attribute type it was asked for', () => {
    const result = get(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'MaxSet' });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeType, 'MaxSet');
    assert.equal(result.attributeValue, '500');
  });

  it('B06.FR.06 UnknownComponent without a value: unknown name, instance, or tier', () => {
    const variable = { name: 'HeartbeatInterval' };
    for (const component of [
      { name: 'NoSuchCtrlr' },
      { name: 'OCPPCommCtrlr', instance: 'Other' },
      { name: 'OCPPCommCtrlr', evse: { id: 1 } },
      { name: 'EVSE', evse: { id: 2 } },
      { name: 'EVSE' },
    ]) {
      const result = get(model, { component, variable });
      assert.equal(result.attributeStatus, 'UnknownComponent', JSON.stringify(component));
      assert.equal('attributeValue' in result, false);
    }
  });

  it('B06.FR.07 UnknownVariable without a value when the component is known but the variable is not', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } });
    assert.equal(result.attributeStatus, 'UnknownVariable');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.08 NotSupportedAttributeType without a value when the variable lacks that attribute type', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target' });
    assert.equal(result.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(result.attributeType, 'Target');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.09 Rejected (reason WriteOnly) without a value for a WriteOnly variable', () => {
    set(model, { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'secret-password-1' });
    const result = get(model, { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'WriteOnly');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.13 an attribute without a value reads as the empty string', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeValue, '');
  });

  it('B06.FR.14 the given instance of a component and of a variable', () => {
    const result = get(model, { component: { name: 'FiscalMetering', instance: 'Main' }, variable: { name: 'SerialNumber' } });
    assert.equal(result.attributeValue, 'M-1');
    const attempts = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' } });
    assert.equal(attempts.attributeValue, '3');
  });

  it('B06.FR.15 no (or an empty) instance when only instances exist: UnknownComponent / UnknownVariable', () => {
    assert.equal(get(model, { component: { name: 'FiscalMetering' }, variable: { name: 'SerialNumber' } }).attributeStatus, 'UnknownComponent');
    assert.equal(get(model, { component: { name: 'FiscalMetering', instance: '' }, variable: { name: 'SerialNumber' } }).attributeStatus, 'UnknownComponent');
    assert.equal(get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts' } }).attributeStatus, 'UnknownVariable');
    assert.equal(
      get(model, { component: { name: 'OCPPCommCtrlr', instance: '' }, variable: { name: 'HeartbeatInterval', instance: '' } }).attributeStatus,
      'Accepted',
      'an empty instance is no instance',
    );
  });

  it('addresses EVSE and connector components by evse id and connector id only', () => {
    assert.equal(get(model, { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AvailabilityState' } }).attributeValue, 'Available');
    assert.equal(get(model, { component: { name: 'Connector', evse: { id: 1, connectorId: 2 } }, variable: { name: 'ConnectorType' } }).attributeValue, 'cType2');
    for (const evse of [{ id: 1 }, { id: 1, connectorId: 1 }, { id: 2, connectorId: 2 }]) {
      assert.equal(get(model, { component: { name: 'Connector', evse }, variable: { name: 'ConnectorType' } }).attributeStatus, 'UnknownComponent');
    }
    assert.equal(get(model, { component: { name: 'EVSE', evse: { id: 1, connectorId: 2 } }, variable: { name: 'AvailabilityState' } }).attributeStatus, 'UnknownComponent');
  });

  it('matches names and instances case-insensitively and echoes them as asked', () => {
    const component = { name: 'ocppCOMMctrlr' };
    const variable = { name: 'messageattempts', instance: 'TRANSACTIONEVENT' };
    const result = get(model, { component, variable });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.deepEqual(result.component, component);
    assert.deepEqual(result.variable, variable);
  });

  it('cuts values to ReportingValueSize, and to ValueSize, whichever is smaller', () => {
    const initial = (name: string, value: string): InitialValue => ({ component: { name: 'DeviceDataCtrlr' }, variable: { name }, value });
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    let sized = load({ initialValues: [IDENTITY, initial('ReportingValueSize', '5')] });
    sized.setVariable({ ...note, attributeValue: '0123456789' }, 'csms');
    assert.equal(get(sized, note).attributeValue, '01234');
    assert.equal(sized.text(note.component, note.variable), '0123456789', 'the value itself stays whole');
    sized = load({ initialValues: [IDENTITY, initial('ReportingValueSize', '5'), initial('ValueSize', '3')] });
    assert.equal(get(sized, note).attributeValue, '012');
  });
});

// --- B05 Set Variables --------------------------------------------------------------------------------

describe('setVariable (B05)', () => {
  let model: DeviceModel;
  const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
  beforeEach(() => {
    model = load();
  });

  it('B05.FR.10 Accepted, and the new value is what GetVariables answers; B05.FR.12 attributeType Actual when absent', () => {
    assert.deepEqual(set(model, { ...heartbeat, attributeValue: '60' }), {
      attributeStatus: 'Accepted',
      attributeType: 'Actual',
      component: heartbeat.component,
      variable: heartbeat.variable,
    });
    assert.equal(get(model, heartbeat).attributeValue, '60');
    assert.equal(model.value(Comm.HeartbeatInterval), 60);
  });

  it('B05.FR.03 answers with the attribute type it was given', () => {
    const result = set(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'Target', attributeValue: '300' });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeType, 'Target');
    assert.equal(model.value(FanSpeed, 'Target'), 300);
  });

  it('B05.FR.04 UnknownComponent', () => {
    assert.equal(set(model, { component: { name: 'NoSuchCtrlr' }, variable: heartbeat.variable, attributeValue: '1' }).attributeStatus, 'UnknownComponent');
    assert.equal(set(model, { component: { name: 'EVSE', evse: { id: 9 } }, variable: { name: 'Power' }, attributeValue: '1' }).attributeStatus, 'UnknownComponent');
  });

  it('B05.FR.05 UnknownVariable', () => {
    assert.equal(set(model, { component: heartbeat.component, variable: { name: 'Nope' }, attributeValue: '1' }).attributeStatus, 'UnknownVariable');
  });

  it('B05.FR.06 NotSupportedAttributeType', () => {
    const result = set(model, { ...heartbeat, attributeType: 'MaxSet', attributeValue: '1' });
    assert.equal(result.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(result.attributeType, 'MaxSet');
  });

  it('B05.FR.07 Rejected (InvalidValue) for a value not formatted for the variable, which keeps its value', () => {
    const cases: [typeof heartbeat, string][] = [
      [heartbeat, 'often'],
      [heartbeat, ''],
      [heartbeat, '+60'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'QueueAllMessages' } }, 'yes'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Mode' } }, 'Turbo'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } }, 'HTTPS,SCP'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } }, 'HTTPS,HTTPS'],
    ];
    for (const [address, attributeValue] of cases) {
      const before = get(model, address).attributeValue;
      const result = set(model, { ...address, attributeValue });
      assert.equal(result.attributeStatus, 'Rejected', attributeValue);
      assert.equal(result.attributeStatusInfo?.reasonCode, 'InvalidValue', attributeValue);
      assert.ok(result.attributeStatusInfo?.additionalInfo, 'says why');
      assert.equal(get(model, address).attributeValue, before);
    }
  });

  it('B05.FR.07 MemberList and SequenceList values may be any subset of the valuesList', () => {
    const protocols = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } };
    assert.equal(set(model, { ...protocols, attributeValue: 'HTTP,FTPS' }).attributeStatus, 'Accepted');
    assert.deepEqual(model.value(Comm.FileTransferProtocols), ['HTTP', 'FTPS']);
    assert.equal(set(model, { ...protocols, attributeValue: '' }).attributeStatus, 'Accepted');
    assert.deepEqual(model.value(Comm.FileTransferProtocols), []);
  });

  it('B05.FR.08 Rejected below minLimit (ValueTooLow) and above maxLimit (ValueTooHigh)', () => {
    const low = set(model, { ...heartbeat, attributeValue: '0' });
    assert.equal(low.attributeStatus, 'Rejected');
    assert.deepEqual(low.attributeStatusInfo, { reasonCode: 'ValueTooLow', additionalInfo: '0 is below the minimum 1' });
    const high = set(model, { ...heartbeat, attributeValue: '86401' });
    assert.equal(high.attributeStatusInfo?.reasonCode, 'ValueTooHigh');
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
  });

  it('B05.FR.08 Rejected (ValueOutOfRange) outside MinSet..MaxSet, which the CSMS can move', () => {
    const fan = { component: { name: 'Fan' }, variable: { name: 'FanSpeed' } };
    const result = set(model, { ...fan, attributeType: 'Target', attributeValue: '600' });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.deepEqual(result.attributeStatusInfo, { reasonCode: 'ValueOutOfRange', additionalInfo: '600 is above MaxSet 500' });
    assert.equal(set(model, { ...fan, attributeType: 'Target', attributeValue: '150' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '700' }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...fan, attributeType: 'Target', attributeValue: '600' }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...fan, attributeType: 'MinSet', attributeValue: '800' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '100' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '1001' }).attributeStatusInfo?.reasonCode, 'ValueTooHigh');
  });

  it('B05.FR.09 Rejected (reason ReadOnly) for a ReadOnly variable', () => {
    const result = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageTimeout', instance: 'Default' }, attributeValue: '10' });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'ReadOnly');
    assert.equal(model.value(Comm.MessageTimeoutDefault), 30);
    const actual = set(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeValue: '300' });
    assert.equal(actual.attributeStatusInfo?.reasonCode, 'ReadOnly', 'mutability is per attribute');
  });

  it('B05.FR.09 Rejected (reason InternalError) when the value cannot be stored; nothing changes', () => {
    const failing: DeviceModelStore = {
      loadAll: () => [],
      saveMany: () => {},
      save: () => {
        throw new Error('disk full');
      },
    };
    const { logger, errors } = recordingLogger();
    const broken = DeviceModel.load({ declarations: ALL, store: failing, clock, initialValues: [IDENTITY], logger });
    const changes: VariableChange[] = [];
    broken.onChange((change) => changes.push(change));
    const result = broken.setVariable({ ...heartbeat, attributeValue: '60' }, 'csms');
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'InternalError');
    assert.equal(broken.value(Comm.HeartbeatInterval), 300);
    assert.deepEqual(changes, []);
    assert.equal(errors.length, 1);
  });

  it('RebootRequired when the declaration says so: the value is stored and read back as the new value', () => {
    const ping = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' } };
    assert.equal(set(model, { ...ping, attributeValue: '60' }).attributeStatus, 'RebootRequired');
    assert.equal(get(model, ping).attributeValue, '60');
    assert.equal(store.loadAll().find((v) => v.variableKey === 'WebSocketPingInterval')?.value, '60');
    assert.equal(set(model, { ...ping, attributeValue: '-1' }).attributeStatus, 'Rejected', 'a refused value is refused, reboot or not');
  });

  it('a WriteOnly variable can be written', () => {
    const password = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } };
    assert.equal(set(model, { ...password, attributeValue: 'pa55word-pa55word' }).attributeStatus, 'Accepted');
    assert.equal(model.value(Security.BasicAuthPassword), 'pa55word-pa55word');
  });

  it('the empty string is a value for a string variable', () => {
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    assert.equal(set(model, { ...note, attributeValue: '' }).attributeStatus, 'Accepted');
    assert.equal(model.value(Comm.Note), '');
  });

  it('Rejected (TooLargeElement) beyond the declared maxLength, ConfigurationValueSize, ValueSize or 1000 characters', () => {
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    assert.equal(set(model, { ...note, attributeValue: 'x'.repeat(20) }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...note, attributeValue: 'x'.repeat(21) }).attributeStatusInfo?.reasonCode, 'TooLargeElement');

    const unlimited = controller('FreeCtrlr', 'Core', { Text: optional.string() });
    const text = { component: { name: 'FreeCtrlr' }, variable: { name: 'Text' } };
    const sizes = (values: Record<string, string>): InitialValue[] =>
      Object.entries(values).map(([name, value]) => ({ component: { name: 'DeviceDataCtrlr' }, variable: { name }, value }));
    const open = (values: Record<string, string>) =>
      load({ declarations: [...ALL, ...declarationsOf(unlimited)], initialValues: [IDENTITY, ...sizes(values)] });

    let sized = open({});
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(1000) }, 'csms').attributeStatus, 'Accepted');
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(1001) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
    sized = open({ ConfigurationValueSize: '10' });
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(10) }, 'csms').attributeStatus, 'Accepted');
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(11) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
    sized = open({ ConfigurationValueSize: '10', ValueSize: '4' });
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(5) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
  });
});

// --- Writes from code ---------------------------------------------------------------------------------

describe('set from code', () => {
  let model: DeviceModel;
  beforeEach(() => {
    model = load();
  });

  it('the integrator and the station may write ReadOnly variables', () => {
    assert.deepEqual(model.set(Comm.MessageTimeoutDefault, 45, 'integrator'), { status: 'Accepted', value: '45', previous: '30' });
    assert.equal(model.set(Security.SecurityProfile, 2, 'station').status, 'Accepted');
    assert.equal(model.value(Comm.MessageTimeoutDefault), 45);
    assert.equal(model.value(Security.SecurityProfile), 2);
  });

  it('a refused value is an outcome saying why, not an exception, and changes nothing', () => {
    assert.deepEqual(model.set(Comm.HeartbeatInterval, 0, 'station'), {
      status: 'Rejected',
      reasonCode: 'ValueTooLow',
      additionalInfo: '0 is below the minimum 1',
    });
    assert.equal(model.set(Comm.HeartbeatInterval, 1.5, 'integrator').status, 'Rejected');
    assert.equal(model.set(Comm.Mode, 'Turbo' as 'Fast', 'integrator').status, 'Rejected');
    assert.equal(model.set(Comm.Note, 'x'.repeat(21), 'integrator').status, 'Rejected');
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
  });

  it('says RebootRequired for a variable that needs a reboot', () => {
    assert.equal(model.set(Comm.WebSocketPingInterval, 10, 'integrator').status, 'RebootRequired');
  });

  it('a measured ReadOnly Actual is not held to MinSet..MaxSet (Part 1 §4.3), a Target is', () => {
    assert.equal(model.set(FanSpeed, 502, 'station').status, 'Accepted');
    assert.equal(model.set(FanSpeed, 1001, 'station').status, 'Rejected', 'the physical limits still hold');
    const target = model.set(FanSpeed, 600, 'integrator', 'Target');
    assert.equal(target.status === 'Rejected' && target.reasonCode, 'ValueOutOfRange');
  });

  it('is not held to the size limits of SetVariables messages', () => {
    const free = controller('FreeCtrlr', 'Core', { Text: optional.string() });
    const sized = load({
      declarations: [...ALL, ...declarationsOf(free)],
      initialValues: [IDENTITY, { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ConfigurationValueSize' }, value: '5' }],
    });
    assert.equal(sized.set(free.Text, 'x'.repeat(1500), 'station').status, 'Accepted');
    assert.equal(sized.set(free.Text, 'x'.repeat(2501), 'station').status, 'Rejected');
  });

  it('an undeclared handle or attribute type is a programming error; an undeclared optional variable reads as undefined', () => {
    const stranger = controller('StrangerCtrlr', 'Core', { Maybe: optional.integer(), Must: required.integer() });
    assert.equal(model.has(stranger.Maybe), false);
    assert.equal(model.value(stranger.Maybe), undefined);
    assert.throws(() => model.value(stranger.Must), UndeclaredVariableError);
    assert.throws(() => model.set(stranger.Maybe, 1, 'station'), UndeclaredVariableError);
    assert.throws(() => model.set(Comm.HeartbeatInterval, 1, 'station', 'Target'), /OCPPCommCtrlr\.HeartbeatInterval has no Target attribute/);
    assert.throws(() => model.value(Comm.HeartbeatInterval, 'MaxSet'), UndeclaredVariableError);
  });
});

// --- Change listeners ---------------------------------------------------------------------------------

describe('onChange', () => {
  it('tells every listener about each successful change, from any source, with the previous value', () => {
    const model = load();
    const changes: VariableChange[] = [];
    model.onChange((change) => changes.push(change));
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' }, 'csms');
    model.set(Comm.HeartbeatInterval, 90, 'station');
    model.set(FanSpeed, 400, 'integrator', 'Target');
    assert.deepEqual(changes, [
      { declaration: Comm.HeartbeatInterval, component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', value: '60', previous: '300', source: 'csms' },
      { declaration: Comm.HeartbeatInterval, component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', value: '90', previous: '60', source: 'station' },
      { declaration: FanSpeed, component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'Target', value: '400', previous: undefined, source: 'integrator' },
    ]);
  });

  it('is not called for refused values, nor when the value stays the same', () => {
    const model = load();
    const changes: VariableChange[] = [];
    model.onChange((change) => changes.push(change));
    assert.equal(model.set(Comm.HeartbeatInterval, 0, 'station').status, 'Rejected', 'a refused value');
    const same = model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }, 'csms');
    assert.equal(same.attributeStatus, 'Accepted', 'the value it already has');
    assert.deepEqual(changes, []);
  });

  it('a listener that throws is logged; the change stands and the other listeners still run', () => {
    const { logger, errors } = recordingLogger();
    const model = load({ logger });
    const seen: string[] = [];
    model.onChange(() => {
      throw new Error('listener bug');
    });
    model.onChange((change) => seen.push(change.value));
    assert.equal(model.set(Comm.HeartbeatInterval, 42, 'station').status, 'Accepted');
    assert.deepEqual(seen, ['42']);
    assert.equal(model.value(Comm.HeartbeatInterval), 42);
    assert.equal(errors.length, 1);
  });

  it('stops calling a listener once it is removed', () => {
    const model = load();
    const seen: string[] = [];
    const stop = model.onChange((change) => seen.push(change.value));
    model.set(Comm.HeartbeatInterval, 1, 'station');
    stop();
    model.set(Comm.HeartbeatInterval, 2, 'station');
    assert.deepEqual(seen, ['1']);
  });
});

// --- Storage ------------------------------------------------------------------------------------------

describe('persistence', () => {
  const find = (key: string, attributeType = 'Actual'): StoredVariableValue | undefined =>
    store.loadAll().find((v) => `${v.componentKey}.${v.variableKey}` === key && v.attributeType === attributeType);

  it('writes the initial values it applied, each marked as configuration', () => {
    load();
    assert.deepEqual(find('OCPPCommCtrlr.HeartbeatInterval'), {
      componentKey: 'OCPPCommCtrlr',
      variableKey: 'HeartbeatInterval',
      attributeType: 'Actual',
      value: '300',
      initialValue: '300',
      changedBy: 'configuration',
      changedAt: '2026-03-01T10:00:00.000Z',
    });
    assert.equal(find('OCPPCommCtrlr.Note'), undefined, 'no value, nothing stored');
  });

  it('writes every accepted change of a persistent attribute through the store at once, with who and when', async () => {
    const model = load();
    await clock.advance(5000);
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' }, attributeValue: '7' }, 'csms');
    assert.deepEqual(find('OCPPCommCtrlr.MessageAttempts[TransactionEvent]'), {
      componentKey: 'OCPPCommCtrlr',
      variableKey: 'MessageAttempts[TransactionEvent]',
      attributeType: 'Actual',
      value: '7',
      initialValue: '3',
      changedBy: 'csms',
      changedAt: '2026-03-01T10:00:05.000Z',
    });
    model.set(FanSpeed, 450, 'integrator', 'Target');
    assert.equal(find('Fan.FanSpeed', 'Target')?.changedBy, 'integrator');
    assert.equal(find('Fan.FanSpeed', 'Target')?.initialValue, null);
  });

  it('never stores a non-persistent attribute, and never reads one from storage', () => {
    store.save({ componentKey: 'EVSE#1', variableKey: 'Power', attributeType: 'MaxSet', value: '1000', initialValue: null, changedBy: 'csms', changedAt: 'x' });
    const model = load({ initialValues: [IDENTITY, { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '11000' }] });
    assert.equal(model.value(Evse1.Power, 'MaxSet'), 11000);
    model.set(Evse1.Power, 7400, 'station');
    assert.equal(find('EVSE#1.Power'), undefined);
    assert.equal(find('EVSE#1.Power', 'MaxSet')?.value, '1000', 'the stray row is left alone');
  });

  it('a stored value that no longer passes its checks is dropped for the initial value, with a warning', () => {
    store.save({ componentKey: 'OCPPCommCtrlr', variableKey: 'HeartbeatInterval', attributeType: 'Actual', value: '0', initialValue: '300', changedBy: 'csms', changedAt: 'x' });
    const { logger, warnings } = recordingLogger();
    const model = load({ logger });
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
    assert.equal(model.warnings.length, 1);
    assert.match(model.warnings[0]!, /OCPPCommCtrlr\.HeartbeatInterval: the stored value "0" \(set by csms\) is dropped/);
    assert.equal(warnings.length, 1);
    assert.equal(find('OCPPCommCtrlr.HeartbeatInterval')?.changedBy, 'configuration');
  });
});

describe('DeviceModel: live values', () => {
  const Clock = controller('ClockCtrlr', 'Core', {
    DateTime: required.dateTime({ mutability: 'ReadOnly', description: 'now' }),
  });
  const Writable = controller('WritableCtrlr', 'Core', { Speed: optional.integer({ default: 1 }) });

  it('reads a live value at each read, which also satisfies a required variable without a stored value', async () => {
    const model = load({
      declarations: [...ALL, ...declarationsOf(Clock)],
      liveValues: [liveValue(Clock.DateTime, () => clock.now())],
    });
    assert.equal(model.value(Clock.DateTime).toISOString(), clock.now().toISOString());
    await clock.advance(5_000);
    const result = model.getVariable({ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } });
    assert.equal(result.attributeValue, clock.now().toISOString());
  });

  it('refuses writes to a live value, and live values on writable attributes', () => {
    const model = load({
      declarations: [...ALL, ...declarationsOf(Clock)],
      liveValues: [liveValue(Clock.DateTime, () => clock.now())],
    });
    assert.equal(model.set(Clock.DateTime, new Date(0), 'station').status, 'Rejected');
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(Writable)], liveValues: [liveValue(Writable.Speed, () => 2)] }),
      UnknownInitialValueError,
    );
  });
});

describe('DeviceModel: validators', () => {
  it('refuses a SetVariables value a validator refuses, and lets the stack write it through set', () => {
    const model = load();
    const remove = model.addValidator(Comm.HeartbeatInterval, (value, source) =>
      value % 2 === 1 ? { reasonCode: 'InvalidValue', additionalInfo: `odd from ${source}` } : undefined,
    );
    const odd = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '61' });
    assert.deepEqual([odd.attributeStatus, odd.attributeStatusInfo?.additionalInfo], ['Rejected', 'odd from csms']);
    const even = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' });
    assert.equal(even.attributeStatus, 'Accepted');
    assert.equal(model.set(Comm.HeartbeatInterval, 61, 'station').status, 'Accepted');
    remove();
    const later = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '63' });
    assert.equal(later.attributeStatus, 'Accepted');
  });
});
