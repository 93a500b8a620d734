// Report items for GetBaseReport (B07) and GetReport (B08): how one variable is described, which variables
// each report base holds, and how GetReport's criteria and componentVariables select.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import { DeviceModel, type InitialValue } from '../../../src/device-model/device-model.js';
import { baseReport, customReport, reportItem } from '../../../src/device-model/reports.js';
import type { AnyVariable } from '../../../src/device-model/types.js';
import type { ComponentVariableType, ReportDataType } from '../../../src/messages/types.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const STATES = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'] as const;

const Comm = controller('OCPPCommCtrlr', 'Core', {
  HeartbeatInterval: optional.integer({ unit: 's', min: 1, max: 86400, default: 300 }),
  MessageTimeout: required.integer({ instance: 'Default', mutability: 'ReadOnly', default: 30 }),
});
const Security = controller('SecurityCtrlr', 'Core', {
  BasicAuthPassword: optional.string({ mutability: 'WriteOnly', minLength: 16, maxLength: 40, default: 'initial-password' }),
  Identity: optional.string({ maxLength: 48 }),
});
const DeviceData = controller('DeviceDataCtrlr', 'Core', {
  ReportingValueSize: optional.integer({ mutability: 'ReadOnly', constant: true }),
});
const Station = controller('ChargingStation', 'Core', {
  AvailabilityState: required.optionList(STATES, { mutability: 'ReadOnly', default: 'Available' }),
  Problem: optional.boolean({ mutability: 'ReadOnly', default: false }),
  Model: optional.string({ mutability: 'ReadOnly', default: 'Wallbox' }),
});
const evse = (evseId: number) =>
  declareComponent({ name: 'EVSE', evseId }, 'Core', {
    AvailabilityState: required.optionList(STATES, { mutability: 'ReadOnly', default: 'Available' }),
    Available: required.boolean({ mutability: 'ReadOnly', default: true }),
    Enabled: optional.boolean({ mutability: 'ReadOnly', default: true }),
    Power: required.decimal({ unit: 'W', mutability: 'ReadOnly', max: 22000, attributeTypes: ['Actual', 'MaxSet'], default: 0, defaults: { MaxSet: 22000 } }),
    Tripped: optional.boolean({ mutability: 'ReadOnly' }),
  });
const connector = (evseId: number, connectorId: number) =>
  declareComponent({ name: 'Connector', evseId, connectorId }, 'Core', {
    AvailabilityState: optional.optionList(STATES, { mutability: 'ReadOnly' }),
    ConnectorType: required.string({ mutability: 'ReadOnly', default: 'cType2' }),
  });
const Fan = declareComponent({ name: 'Fan' }, 'Core', {
  Active: optional.boolean({ mutability: 'ReadOnly', default: true }),
  Speed: optional.integer({ attributeTypes: ['Actual', 'Target'] }),
});
const Heater = declareComponent({ name: 'Heater', instance: 'Cabinet' }, 'Core', {
  Active: optional.boolean({ mutability: 'ReadOnly', default: false }),
  Problem: optional.boolean({ mutability: 'ReadOnly', default: true }),
  Overload: optional.boolean({ mutability: 'ReadOnly', default: true }),
});
const HeaterPlain = declareComponent({ name: 'Heater' }, 'Core', {
  Enabled: optional.boolean({ default: false }),
  Fallback: optional.boolean({ mutability: 'ReadOnly', default: true }),
});
const Sensor = declareComponent({ name: 'TemperatureSensor', evseId: 1 }, 'Core', {
  Temperature: optional.decimal({ unit: 'Celsius', mutability: 'ReadOnly', name: 'Temperature', instance: 'Inlet' }),
  TemperatureOutlet: optional.decimal({ unit: 'Celsius', mutability: 'ReadOnly', name: 'Temperature', instance: 'Outlet' }),
  Available: optional.boolean({ mutability: 'ReadOnly', default: false }),
});
const Evse1 = evse(1);
const Evse2 = evse(2);
const Connector11 = connector(1, 1);
const Connector21 = connector(2, 1);
const Connector22 = connector(2, 2);

const ALL: AnyVariable[] = [
  Comm,
  Security,
  DeviceData,
  Station,
  Evse1,
  Evse2,
  Connector11,
  Connector21,
  Connector22,
  Fan,
  Heater,
  HeaterPlain,
  Sensor,
].flatMap((component) => declarationsOf(component));

function load(initialValues: InitialValue[] = []): DeviceModel {
  return DeviceModel.load({ declarations: ALL, store: new MemoryDeviceModelStore(), clock: new FakeClock(), initialValues });
}

/** `Component[instance]#evse.connector.Variable[instance]` of each item, to compare selections at a glance. */
function keys(items: ReportDataType[]): string[] {
  return items.map(({ component, variable }) => {
    let key = component.name;
    if (component.instance) key += `[${component.instance}]`;
    if (component.evse) key += `#${component.evse.id}${component.evse.connectorId !== undefined ? `.${component.evse.connectorId}` : ''}`;
    return `${key}.${variable.name}${variable.instance ? `[${variable.instance}]` : ''}`;
  });
}

let model: DeviceModel;
beforeEach(() => {
  model = load();
});

describe('reportItem', () => {
  it('describes component, variable, every attribute and the characteristics', () => {
    assert.deepEqual(reportItem(model, Evse1.Power), {
      component: { name: 'EVSE', evse: { id: 1 } },
      variable: { name: 'Power' },
      variableAttribute: [
        { type: 'Actual', value: '0', mutability: 'ReadOnly', persistent: false, constant: false },
        { type: 'MaxSet', value: '22000', mutability: 'ReadOnly', persistent: false, constant: false },
      ],
      variableCharacteristics: { unit: 'W', dataType: 'decimal', maxLimit: 22000, supportsMonitoring: true },
    });
    assert.deepEqual(reportItem(model, Connector22.ConnectorType).component, { name: 'Connector', evse: { id: 2, connectorId: 2 } });
    assert.deepEqual(reportItem(model, Comm.MessageTimeout).variable, { name: 'MessageTimeout', instance: 'Default' });
    assert.deepEqual(reportItem(model, Heater.Active).component, { name: 'Heater', instance: 'Cabinet' });
  });

  it('B07.FR.11 reports every attribute type, an unset one without a value (never "" for a typed variable)', () => {
    const attributes = reportItem(model, Fan.Speed).variableAttribute;
    assert.deepEqual(attributes.map((a) => a.type), ['Actual', 'Target']);
    assert.ok(attributes.every((a) => !('value' in a)), JSON.stringify(attributes));
  });

  it('B07.FR.08 a FullInventory has no attribute with value "" unless a string variable is set to ""', () => {
    const empty = baseReport(model, 'FullInventory').flatMap((item) =>
      item.variableAttribute
        .filter((attribute) => attribute.value === '' && item.variableCharacteristics?.dataType !== 'string')
        .map(() => `${item.component.name}.${item.variable.name}`),
    );
    assert.deepEqual(empty, []);
  });

  it('B07.FR.03 / B08.FR.03 (errata 2025-01): no value for a WriteOnly attribute', () => {
    assert.deepEqual(reportItem(model, Security.BasicAuthPassword).variableAttribute, [
      { type: 'Actual', mutability: 'WriteOnly', persistent: true, constant: false },
    ]);
  });

  it('B08.FR.12 characteristics: limits, valuesList, and maxLength / minLength as the maxLimit / minLimit of a string', () => {
    assert.deepEqual(reportItem(model, Comm.HeartbeatInterval).variableCharacteristics, {
      unit: 's',
      dataType: 'integer',
      minLimit: 1,
      maxLimit: 86400,
      supportsMonitoring: true,
    });
    assert.deepEqual(reportItem(model, Station.AvailabilityState).variableCharacteristics, {
      dataType: 'OptionList',
      valuesList: 'Available,Occupied,Reserved,Unavailable,Faulted',
      supportsMonitoring: true,
    });
    assert.equal(reportItem(model, Security.Identity).variableCharacteristics?.maxLimit, 48);
    const password = reportItem(model, Security.BasicAuthPassword).variableCharacteristics;
    assert.deepEqual([password?.minLimit, password?.maxLimit], [16, 40]);
  });

  it('cuts values to ReportingValueSize', () => {
    const sized = load([{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ReportingValueSize' }, value: '3' }]);
    assert.equal(reportItem(sized, Station.Model).variableAttribute[0]!.value, 'Wal');
  });
});

describe('baseReport (B07)', () => {
  it('B07.FR.08 FullInventory: every variable, ordered by component then variable', () => {
    const items = baseReport(model, 'FullInventory');
    assert.equal(items.length, ALL.length);
    assert.deepEqual(keys(items).slice(0, 4), [
      'ChargingStation.AvailabilityState',
      'ChargingStation.Model',
      'ChargingStation.Problem',
      'Connector#1.1.AvailabilityState',
    ]);
    assert.deepEqual(
      keys(items).filter((k) => k.startsWith('EVSE')),
      ['EVSE#1.AvailabilityState', 'EVSE#1.Available', 'EVSE#1.Enabled', 'EVSE#1.Power', 'EVSE#1.Tripped', 'EVSE#2.AvailabilityState', 'EVSE#2.Available', 'EVSE#2.Enabled', 'EVSE#2.Power', 'EVSE#2.Tripped'],
    );
    assert.deepEqual(baseReport(model, 'FullInventory'), items, 'the same order every time');
  });

  it('B07.FR.07 ConfigurationInventory: the variables with an attribute the operator can set (ReadWrite or WriteOnly)', () => {
    assert.deepEqual(keys(baseReport(model, 'ConfigurationInventory')), [
      'Fan.Speed',
      'Heater.Enabled',
      'OCPPCommCtrlr.HeartbeatInterval',
      'SecurityCtrlr.BasicAuthPassword',
      'SecurityCtrlr.Identity',
    ]);
  });

  it('B07.FR.09 SummaryInventory: availability of station and EVSEs, connectors that differ, and what is wrong', () => {
    assert.deepEqual(keys(baseReport(model, 'SummaryInventory')), [
      'ChargingStation.AvailabilityState',
      'EVSE#1.AvailabilityState',
      'EVSE#2.AvailabilityState',
      'Heater.Fallback',
      'Heater[Cabinet].Overload',
      'Heater[Cabinet].Problem',
      'TemperatureSensor#1.Available',
    ]);
    model.set(Connector21.AvailabilityState, 'Available', 'station');
    model.set(Connector22.AvailabilityState, 'Faulted', 'station');
    model.set(Station.Problem, true, 'station');
    model.set(Evse1.Tripped, true, 'station');
    model.set(Sensor.Available, true, 'station');
    assert.deepEqual(keys(baseReport(model, 'SummaryInventory')), [
      'ChargingStation.AvailabilityState',
      'ChargingStation.Problem',
      'Connector#2.2.AvailabilityState',
      'EVSE#1.AvailabilityState',
      'EVSE#1.Tripped',
      'EVSE#2.AvailabilityState',
      'Heater.Fallback',
      'Heater[Cabinet].Overload',
      'Heater[Cabinet].Problem',
    ]);
  });
});

describe('customReport (B08)', () => {
  const componentsOf = (items: ReportDataType[]) => [...new Set(keys(items).map((k) => k.slice(0, k.lastIndexOf('.'))))];

  it('neither criteria nor componentVariables: every variable', () => {
    assert.deepEqual(customReport(model, {}), baseReport(model, 'FullInventory'));
    assert.deepEqual(customReport(model, { componentCriteria: [], componentVariable: [] }), baseReport(model, 'FullInventory'));
  });

  it('B08.FR.07 Active: components whose Active is true or that have no Active variable, with all their variables', () => {
    const items = customReport(model, { componentCriteria: ['Active'] });
    const components = componentsOf(items);
    assert.ok(components.includes('Fan'));
    assert.ok(components.includes('OCPPCommCtrlr'), 'no Active variable');
    assert.ok(!components.includes('Heater[Cabinet]'), 'Active is false');
    assert.deepEqual(keys(items).filter((k) => k.startsWith('Fan')), ['Fan.Active', 'Fan.Speed']);
  });

  it('B08.FR.08 Available: true or no such variable', () => {
    const components = componentsOf(customReport(model, { componentCriteria: ['Available'] }));
    assert.ok(components.includes('EVSE#1'));
    assert.ok(components.includes('Fan'));
    assert.ok(!components.includes('TemperatureSensor#1'), 'Available is false');
  });

  it('B08.FR.09 Enabled: true or no such variable', () => {
    const components = componentsOf(customReport(model, { componentCriteria: ['Enabled'] }));
    assert.ok(components.includes('EVSE#2'));
    assert.ok(components.includes('Heater[Cabinet]'));
    assert.ok(!components.includes('Heater'), 'Enabled is false');
  });

  it('B08.FR.10 Problem: only components whose Problem is true', () => {
    assert.deepEqual(componentsOf(customReport(model, { componentCriteria: ['Problem'] })), ['Heater[Cabinet]']);
    model.set(Station.Problem, true, 'station');
    assert.deepEqual(componentsOf(customReport(model, { componentCriteria: ['Problem'] })), ['ChargingStation', 'Heater[Cabinet]']);
  });

  it('B08.FR.13 several criteria: components meeting at least one of them', () => {
    const components = componentsOf(customReport(model, { componentCriteria: ['Problem', 'Enabled'] }));
    assert.ok(components.includes('Heater[Cabinet]'));
    assert.ok(components.includes('EVSE#1'));
    assert.ok(!components.includes('Heater'), 'no Problem and Enabled false');
    assert.deepEqual(
      componentsOf(customReport(model, { componentCriteria: ['Problem', 'Available'] })).filter((c) => c.startsWith('TemperatureSensor') || c.startsWith('Heater')),
      ['Heater', 'Heater[Cabinet]'],
    );
  });

  it('B08.FR.11 componentVariables only: just the variables asked for', () => {
    const ask: ComponentVariableType[] = [
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
      { component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' } },
    ];
    assert.deepEqual(keys(customReport(model, { componentVariable: ask })), ['EVSE#2.Power', 'OCPPCommCtrlr.HeartbeatInterval']);
  });

  it('B08.FR.20 a componentVariable without variable: every variable of the component', () => {
    assert.deepEqual(keys(customReport(model, { componentVariable: [{ component: { name: 'Fan' } }] })), ['Fan.Active', 'Fan.Speed']);
  });

  it('B08.FR.21 a variable without instance: every instance of it', () => {
    assert.deepEqual(keys(customReport(model, { componentVariable: [{ component: { name: 'TemperatureSensor' }, variable: { name: 'Temperature' } }] })), [
      'TemperatureSensor#1.Temperature[Inlet]',
      'TemperatureSensor#1.Temperature[Outlet]',
    ]);
    assert.deepEqual(
      keys(customReport(model, { componentVariable: [{ component: { name: 'TemperatureSensor' }, variable: { name: 'temperature', instance: 'OUTLET' } }] })),
      ['TemperatureSensor#1.Temperature[Outlet]'],
    );
  });

  it('B08.FR.22 evse.id without connectorId: the component on that EVSE and on each of its connectors', () => {
    assert.deepEqual(keys(customReport(model, { componentVariable: [{ component: { name: 'Connector', evse: { id: 2 } }, variable: { name: 'ConnectorType' } }] })), [
      'Connector#2.1.ConnectorType',
      'Connector#2.2.ConnectorType',
    ]);
    assert.deepEqual(
      keys(customReport(model, { componentVariable: [{ component: { name: 'Connector', evse: { id: 2, connectorId: 2 } }, variable: { name: 'ConnectorType' } }] })),
      ['Connector#2.2.ConnectorType'],
    );
  });

  it('B08.FR.23 no evse: the component at every tier, the station level included', () => {
    assert.deepEqual(keys(customReport(model, { componentVariable: [{ component: { name: 'EVSE' }, variable: { name: 'Available' } }] })), [
      'EVSE#1.Available',
      'EVSE#2.Available',
    ]);
    assert.deepEqual(keys(customReport(model, { componentVariable: [{ component: { name: 'Connector' }, variable: { name: 'ConnectorType' } }] })), [
      'Connector#1.1.ConnectorType',
      'Connector#2.1.ConnectorType',
      'Connector#2.2.ConnectorType',
    ]);
  });

  it('B08.FR.24 an instance: that instance only; B08.FR.25 no instance: every instance and none', () => {
    assert.deepEqual(componentsOf(customReport(model, { componentVariable: [{ component: { name: 'Heater', instance: 'cabinet' } }] })), ['Heater[Cabinet]']);
    assert.deepEqual(componentsOf(customReport(model, { componentVariable: [{ component: { name: 'Heater' } }] })), ['Heater', 'Heater[Cabinet]']);
    assert.deepEqual(componentsOf(customReport(model, { componentVariable: [{ component: { name: 'Heater', instance: '' } }] })), ['Heater', 'Heater[Cabinet]']);
  });

  it('B08.FR.05 criteria and componentVariables together: the variables asked for, of components meeting a criterion', () => {
    const ask: ComponentVariableType[] = [{ component: { name: 'Heater' } }, { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }];
    assert.deepEqual(keys(customReport(model, { componentCriteria: ['Problem'], componentVariable: ask })), [
      'Heater[Cabinet].Active',
      'Heater[Cabinet].Overload',
      'Heater[Cabinet].Problem',
    ]);
    assert.deepEqual(keys(customReport(model, { componentCriteria: ['Enabled'], componentVariable: ask })), [
      'EVSE#1.Power',
      'Heater[Cabinet].Active',
      'Heater[Cabinet].Overload',
      'Heater[Cabinet].Problem',
    ]);
  });

  it('B08.FR.15 nothing matches: no items (the caller answers EmptyResultSet)', () => {
    assert.deepEqual(customReport(model, { componentVariable: [{ component: { name: 'NoSuchComponent' } }] }), []);
    assert.deepEqual(customReport(model, { componentCriteria: ['Problem'], componentVariable: [{ component: { name: 'Fan' } }] }), []);
  });

  it('reports items asked for twice only once, in the stable order', () => {
    const ask: ComponentVariableType[] = [{ component: { name: 'Fan' }, variable: { name: 'Speed' } }, { component: { name: 'Fan' } }, { component: { name: 'EVSE' }, variable: { name: 'Power' } }];
    assert.deepEqual(keys(customReport(model, { componentVariable: ask })), ['EVSE#1.Power', 'EVSE#2.Power', 'Fan.Active', 'Fan.Speed']);
  });
});
