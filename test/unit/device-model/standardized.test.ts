// The standardized components as declared: defaults that parse and respect their own limits and lists, unique
// addresses, the required variables of Part 2 "Referenced Components and Variables" (with the 2025 errata and
// Part 4 §8) pinned per controller, and the EVSE / Connector components of the station layout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declarationsOf } from '../../../src/device-model/declare.js';
import {
  componentKey,
  variableKey,
  type AnyVariable,
  type OptionalVariable,
  type RequiredVariable,
} from '../../../src/device-model/types.js';
import {
  AuthCtrlr,
  ChargingStation,
  ClockCtrlr,
  CustomizationCtrlr,
  MEASURANDS,
  MEASURAND_LIST_MAX_LENGTH,
  NETWORK_CONFIGURATION_SLOTS,
  OCPPCommCtrlr,
  SampledDataCtrlr,
  SecurityCtrlr,
  STANDARDIZED_CONTROLLERS,
  TX_START_POINTS,
  TX_STOP_POINTS,
  TxCtrlr,
  connectorComponent,
  customImplementationEnabled,
  evseComponent,
  fieldLength,
} from '../../../src/device-model/standardized/index.js';
import { DEFAULT_LINK_SETTINGS } from '../../../src/link/link-settings.js';

const CONTROLLER_NAMES = [
  'AlignedDataCtrlr',
  'AuthCacheCtrlr',
  'AuthCtrlr',
  'ChargingStation',
  'ClockCtrlr',
  'CustomizationCtrlr',
  'DeviceDataCtrlr',
  'DisplayMessageCtrlr',
  'ISO15118Ctrlr',
  'LocalAuthListCtrlr',
  'MonitoringCtrlr',
  'OCPPCommCtrlr',
  'ReservationCtrlr',
  'SampledDataCtrlr',
  'SecurityCtrlr',
  'SmartChargingCtrlr',
  'TariffCostCtrlr',
  'TxCtrlr',
];

/**
 * The required variables of the station-wide components, `Component.Variable[instance]` → functional block, as
 * the specification lists them. A change that drops or un-requires one fails here.
 */
const REQUIRED_VARIABLES: Record<string, string> = {
  // General (Part 2 §2.1, errata §2.57 for ActiveNetworkProfile, Part 4 §8 for the websocket variables)
  'OCPPCommCtrlr.ActiveNetworkProfile': 'Core',
  'OCPPCommCtrlr.MessageTimeout[Default]': 'Core',
  'OCPPCommCtrlr.FileTransferProtocols': 'Core',
  'OCPPCommCtrlr.NetworkConfigurationPriority': 'Core',
  'OCPPCommCtrlr.NetworkProfileConnectionAttempts': 'Core',
  'OCPPCommCtrlr.OfflineThreshold': 'Core',
  'OCPPCommCtrlr.MessageAttempts[TransactionEvent]': 'Core',
  'OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]': 'Core',
  'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'Core',
  'OCPPCommCtrlr.ResetRetries': 'Core',
  'OCPPCommCtrlr.WebSocketPingInterval': 'Core',
  'OCPPCommCtrlr.RetryBackOffRepeatTimes': 'Core',
  'OCPPCommCtrlr.RetryBackOffRandomRange': 'Core',
  'OCPPCommCtrlr.RetryBackOffWaitMinimum': 'Core',
  'DeviceDataCtrlr.ItemsPerMessage[GetReport]': 'Core',
  'DeviceDataCtrlr.ItemsPerMessage[GetVariables]': 'Core',
  'DeviceDataCtrlr.ItemsPerMessage[SetVariables]': 'Core',
  'DeviceDataCtrlr.BytesPerMessage[GetReport]': 'Core',
  'DeviceDataCtrlr.BytesPerMessage[GetVariables]': 'Core',
  'DeviceDataCtrlr.BytesPerMessage[SetVariables]': 'Core',
  'ClockCtrlr.DateTime': 'Core',
  'ClockCtrlr.TimeSource': 'Core',
  // Security (§2.2)
  'SecurityCtrlr.OrganizationName': 'Security',
  'SecurityCtrlr.CertificateEntries': 'Security',
  'SecurityCtrlr.SecurityProfile': 'Security',
  // Authorization (§2.3)
  'AuthCtrlr.AuthorizeRemoteStart': 'Authorization',
  'AuthCtrlr.LocalAuthorizeOffline': 'Authorization',
  'AuthCtrlr.LocalPreAuthorize': 'Authorization',
  // Local Authorization List (§2.5: required when the list is available)
  'LocalAuthListCtrlr.Entries': 'LocalAuthList',
  'LocalAuthListCtrlr.ItemsPerMessage': 'LocalAuthList',
  'LocalAuthListCtrlr.BytesPerMessage': 'LocalAuthList',
  // Transaction (§2.6)
  'TxCtrlr.EVConnectionTimeOut': 'Transactions',
  'TxCtrlr.StopTxOnEVSideDisconnect': 'Transactions',
  'TxCtrlr.TxStartPoint': 'Transactions',
  'TxCtrlr.TxStopPoint': 'Transactions',
  'TxCtrlr.StopTxOnInvalidId': 'Transactions',
  // Metering (§2.7)
  'SampledDataCtrlr.TxEndedMeasurands': 'Metering',
  'SampledDataCtrlr.TxEndedInterval': 'Metering',
  'SampledDataCtrlr.TxStartedMeasurands': 'Metering',
  'SampledDataCtrlr.TxUpdatedMeasurands': 'Metering',
  'SampledDataCtrlr.TxUpdatedInterval': 'Metering',
  'AlignedDataCtrlr.Measurands': 'Metering',
  'AlignedDataCtrlr.Interval': 'Metering',
  'AlignedDataCtrlr.TxEndedMeasurands': 'Metering',
  'AlignedDataCtrlr.TxEndedInterval': 'Metering',
  // Smart Charging (§2.9)
  'SmartChargingCtrlr.ProfileStackLevel': 'SmartCharging',
  'SmartChargingCtrlr.RateUnit': 'SmartCharging',
  'SmartChargingCtrlr.PeriodsPerSchedule': 'SmartCharging',
  'SmartChargingCtrlr.Entries[ChargingProfiles]': 'SmartCharging',
  'SmartChargingCtrlr.LimitChangeSignificance': 'SmartCharging',
  // Tariff & Cost (§2.10)
  'TariffCostCtrlr.TariffFallbackMessage': 'TariffCost',
  'TariffCostCtrlr.TotalCostFallbackMessage': 'TariffCost',
  'TariffCostCtrlr.Currency': 'TariffCost',
  // Diagnostics (§2.11)
  'MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring]': 'Diagnostics',
  'MonitoringCtrlr.BytesPerMessage[SetVariableMonitoring]': 'Diagnostics',
  // Display Message (§2.12)
  'DisplayMessageCtrlr.DisplayMessages': 'DisplayMessage',
  'DisplayMessageCtrlr.SupportedFormats': 'DisplayMessage',
  'DisplayMessageCtrlr.SupportedPriorities': 'DisplayMessage',
  // Charging Infrastructure (§2.13)
  'ChargingStation.Available': 'Core',
  'ChargingStation.AvailabilityState': 'Core',
  'ChargingStation.SupplyPhases': 'Core',
  // ISO 15118 (§2.14)
  'ISO15118Ctrlr.ContractValidationOffline': 'ISO15118',
};

function address(declaration: AnyVariable): string {
  return `${componentKey(declaration.component)}.${variableKey(declaration.variable)}`;
}

function allStationWide(): AnyVariable[] {
  return STANDARDIZED_CONTROLLERS.flatMap((component) => declarationsOf(component));
}

/** Every declaration the module can produce, including per-EVSE/connector and instanced helpers. */
function everyDeclaration(): AnyVariable[] {
  return [
    ...allStationWide(),
    ...declarationsOf(evseComponent(1)),
    ...declarationsOf(evseComponent(2, { maxPower: 22000, supplyPhases: 3 })),
    ...declarationsOf(connectorComponent(1, 1)),
    ...declarationsOf(connectorComponent(2, 1, { connectorType: 'cCCS2', supplyPhases: 0 })),
    customImplementationEnabled('org.example.vendor'),
    fieldLength('Get15118EVCertificateResponse', 'exiResponse'),
  ];
}

/** Checks one declared value (wire form) against the declaration's codec, limits, list and length. */
function checkValue(declaration: AnyVariable, text: string, what: string): void {
  const where = `${address(declaration)} ${what} "${text}"`;
  const value: unknown = declaration.codec.parse(text);
  assert.equal(declaration.codec.format(value), text, `${where} does not survive a parse/format round trip`);
  const { minLimit, maxLimit, valuesList, dataType } = declaration.characteristics;
  if (typeof value === 'number') {
    if (minLimit !== undefined) assert.ok(value >= minLimit, `${where} is below minLimit ${minLimit}`);
    if (maxLimit !== undefined) assert.ok(value <= maxLimit, `${where} is above maxLimit ${maxLimit}`);
  }
  if (valuesList !== undefined) {
    const allowed = valuesList.split(',');
    const items = dataType === 'OptionList' ? [text] : text === '' ? [] : text.split(',');
    for (const item of items) assert.ok(allowed.includes(item), `${where}: ${item} is not in the valuesList`);
  }
  if (declaration.maxLength !== undefined) {
    assert.ok(text.length <= declaration.maxLength, `${where} is longer than ${declaration.maxLength}`);
  }
}

describe('standardized components: declared values', () => {
  it('every default parses with its own codec and respects its own limits, valuesList and length', () => {
    let checked = 0;
    for (const declaration of everyDeclaration()) {
      for (const attribute of declaration.attributes) {
        if (attribute.defaultValue === undefined) continue;
        checkValue(declaration, attribute.defaultValue, `${attribute.type} default`);
        checked += 1;
      }
    }
    assert.ok(checked > 80, `only ${checked} defaults were checked`);
  });

  it('list-typed declarations carry a valuesList, and the limits are consistent', () => {
    for (const declaration of everyDeclaration()) {
      const { dataType, valuesList, minLimit, maxLimit } = declaration.characteristics;
      if (dataType === 'OptionList' || dataType === 'MemberList') {
        assert.ok(valuesList !== undefined && valuesList.length > 0, `${address(declaration)} has no valuesList`);
      }
      if (minLimit !== undefined && maxLimit !== undefined) assert.ok(minLimit <= maxLimit, address(declaration));
      if (declaration.required && dataType !== 'dateTime') {
        // Required variables without a default must be ones the configuration or the station fills in.
        const hasDefault = declaration.attributes.some((attribute) => attribute.defaultValue !== undefined);
        if (!hasDefault) {
          assert.ok(
            [
              'SecurityCtrlr.OrganizationName',
              'SecurityCtrlr.SecurityProfile',
              'TariffCostCtrlr.TariffFallbackMessage',
              'TariffCostCtrlr.TotalCostFallbackMessage',
              'TariffCostCtrlr.Currency',
              'ChargingStation.SupplyPhases',
              'EVSE#1.SupplyPhases',
              'Connector#1.1.ConnectorType',
              'Connector#1.1.SupplyPhases',
            ].includes(address(declaration)),
            `${address(declaration)} is required but has no default`,
          );
        }
      }
    }
  });

  it('writable variables persist (Part 2, Referenced Components §2)', () => {
    for (const declaration of everyDeclaration()) {
      for (const attribute of declaration.attributes) {
        if (attribute.mutability !== 'ReadOnly') assert.equal(attribute.persistent, true, address(declaration));
      }
    }
  });

  it('codecs refuse values outside their list', () => {
    assert.throws(() => TxCtrlr.TxStartPoint.codec.parse('EVConnected,Plugged'), RangeError);
    assert.throws(() => TxCtrlr.TxStopPoint.codec.parse('DataSigned'), RangeError);
    assert.throws(() => SampledDataCtrlr.TxUpdatedMeasurands.codec.parse('Energy.Active.Import.Register,Power'), RangeError);
    assert.throws(() => ClockCtrlr.TimeSource.codec.parse('Sundial'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,99'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,2,1'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,x'), RangeError);
  });
});

describe('standardized components: addresses', () => {
  it('declares the 18 station-wide components, each under its own name and on the station tier', () => {
    assert.equal(STANDARDIZED_CONTROLLERS.length, 18);
    const names = STANDARDIZED_CONTROLLERS.map((component) => {
      const declarations = declarationsOf(component);
      assert.ok(declarations.length > 0);
      const first = declarations[0]!.component;
      for (const declaration of declarations) {
        assert.deepEqual(declaration.component, first, `${address(declaration)} sits in another component`);
      }
      assert.equal(first.evseId, undefined);
      assert.equal(first.connectorId, undefined);
      assert.equal(first.instance, undefined);
      return first.name;
    });
    assert.deepEqual(names, CONTROLLER_NAMES);
  });

  it('no two declarations share component, variable and instance', () => {
    const seen = new Set<string>();
    for (const declaration of everyDeclaration()) {
      const key = address(declaration);
      assert.ok(!seen.has(key), `${key} is declared twice`);
      seen.add(key);
    }
  });

  it('a key names its variable and instance', () => {
    for (const component of STANDARDIZED_CONTROLLERS) {
      for (const [key, declaration] of Object.entries(component)) {
        const { name, instance } = declaration.variable;
        assert.equal(key, name + (instance ?? ''), `key ${key} for ${address(declaration)}`);
      }
    }
  });

  it('instanced helpers address the right component', () => {
    const custom = customImplementationEnabled('org.example.vendor');
    assert.equal(address(custom), 'CustomizationCtrlr.CustomImplementationEnabled[org.example.vendor]');
    assert.equal(custom.required, false);
    assert.deepEqual(custom.component, CustomizationCtrlr.Enabled.component);
    const field = fieldLength('Get15118EVCertificateResponse', 'exiResponse');
    assert.equal(address(field), 'OCPPCommCtrlr.FieldLength[Get15118EVCertificateResponse.exiResponse]');
    assert.equal(field.attributes[0]!.mutability, 'ReadOnly');
    assert.throws(() => customImplementationEnabled(''), RangeError);
  });
});

describe('standardized components: required variables per the specification', () => {
  it('every required variable of the table is declared, required, in its functional block', () => {
    const byAddress = new Map(allStationWide().map((declaration) => [address(declaration), declaration]));
    for (const [where, block] of Object.entries(REQUIRED_VARIABLES)) {
      const declaration = byAddress.get(where);
      assert.ok(declaration, `${where} is not declared`);
      assert.equal(declaration.required, true, `${where} is not required`);
      assert.equal(declaration.block, block, `${where} is in block ${declaration.block}`);
    }
  });

  it('nothing else is required', () => {
    const required = allStationWide()
      .filter((declaration) => declaration.required)
      .map(address)
      .sort();
    assert.deepEqual(required, Object.keys(REQUIRED_VARIABLES).sort());
  });

  it('every controller has an Enabled switch (Part 2, Referenced Components §1; TariffCostCtrlr per instance)', () => {
    for (const component of STANDARDIZED_CONTROLLERS) {
      const name = declarationsOf(component)[0]!.component.name;
      const switches = name === 'TariffCostCtrlr' ? ['EnabledTariff', 'EnabledCost'] : ['Enabled'];
      for (const key of switches) assert.ok(key in component, `${name} has no ${key}`);
    }
  });
});

describe('standardized components: choices the stack relies on', () => {
  it('OCPPCommCtrlr defaults match the link defaults', () => {
    const value = <T>(declaration: { codec: { parse(text: string): T }; attributes: readonly { defaultValue?: string }[] }) =>
      declaration.codec.parse(declaration.attributes[0]!.defaultValue!);
    assert.equal(value(OCPPCommCtrlr.MessageTimeoutDefault), DEFAULT_LINK_SETTINGS.messageTimeoutSeconds);
    assert.equal(value(OCPPCommCtrlr.MessageAttemptsTransactionEvent), DEFAULT_LINK_SETTINGS.transactionMessageAttempts);
    assert.equal(
      value(OCPPCommCtrlr.MessageAttemptIntervalTransactionEvent),
      DEFAULT_LINK_SETTINGS.transactionMessageAttemptIntervalSeconds,
    );
    assert.equal(value(OCPPCommCtrlr.QueueAllMessages), DEFAULT_LINK_SETTINGS.queueAllMessages);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffWaitMinimum), DEFAULT_LINK_SETTINGS.retryBackOffWaitMinimumSeconds);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffRandomRange), DEFAULT_LINK_SETTINGS.retryBackOffRandomRangeSeconds);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffRepeatTimes), DEFAULT_LINK_SETTINGS.retryBackOffRepeatTimes);
    assert.equal(value(OCPPCommCtrlr.WebSocketPingInterval), DEFAULT_LINK_SETTINGS.webSocketPingIntervalSeconds);
    assert.equal(value(OCPPCommCtrlr.NetworkProfileConnectionAttempts), DEFAULT_LINK_SETTINGS.networkProfileConnectionAttempts);
    assert.deepEqual(value(OCPPCommCtrlr.NetworkConfigurationPriority), DEFAULT_LINK_SETTINGS.networkConfigurationPriority);
  });

  it('NetworkConfigurationPriority is a SequenceList of slot numbers that reports the slots', () => {
    const priority = OCPPCommCtrlr.NetworkConfigurationPriority;
    assert.equal(priority.characteristics.dataType, 'SequenceList');
    assert.equal(priority.characteristics.valuesList, NETWORK_CONFIGURATION_SLOTS.join(','));
    assert.deepEqual(priority.codec.parse('2, 1'), [2, 1]);
    assert.equal(priority.codec.format([3, 1]), '3,1');
  });

  it('measurand lists are MemberLists of every measurand', () => {
    assert.equal(MEASURANDS.length, 25);
    for (const declaration of [
      SampledDataCtrlr.TxStartedMeasurands,
      SampledDataCtrlr.TxUpdatedMeasurands,
      SampledDataCtrlr.TxEndedMeasurands,
    ]) {
      assert.equal(declaration.characteristics.dataType, 'MemberList');
      assert.equal(declaration.characteristics.valuesList, MEASURANDS.join(','));
      assert.equal(declaration.maxLength, MEASURAND_LIST_MAX_LENGTH);
    }
  });

  it('TxStartPoint / TxStopPoint are MemberLists of the start/stop events (DataSigned only starts)', () => {
    assert.equal(TxCtrlr.TxStartPoint.characteristics.dataType, 'MemberList');
    assert.deepEqual(TxCtrlr.TxStartPoint.characteristics.valuesList?.split(',').sort(), [...TX_START_POINTS].sort());
    assert.deepEqual(
      [...TX_START_POINTS].sort(),
      ['Authorized', 'DataSigned', 'EVConnected', 'EnergyTransfer', 'ParkingBayOccupancy', 'PowerPathClosed'],
    );
    assert.deepEqual(TxCtrlr.TxStopPoint.characteristics.valuesList?.split(','), [...TX_STOP_POINTS]);
    assert.ok(!(TX_STOP_POINTS as readonly string[]).includes('DataSigned'));
  });

  it('ClockCtrlr.DateTime is read-only, not persistent and not monitored', () => {
    const [actual] = ClockCtrlr.DateTime.attributes;
    assert.equal(actual!.mutability, 'ReadOnly');
    assert.equal(actual!.persistent, false);
    assert.equal(actual!.defaultValue, undefined);
    assert.equal(ClockCtrlr.DateTime.characteristics.dataType, 'dateTime');
  });

  it('SecurityCtrlr: write-only password, read-only persistent security profile, optional identity', () => {
    const password = SecurityCtrlr.BasicAuthPassword;
    assert.equal(password.attributes[0]!.mutability, 'WriteOnly');
    assert.equal(password.attributes[0]!.persistent, true);
    assert.equal(password.maxLength, 40);
    assert.equal(password.characteristics.supportsMonitoring, false);
    assert.equal(password.required, false);
    const profile = SecurityCtrlr.SecurityProfile;
    assert.equal(profile.attributes[0]!.mutability, 'ReadOnly');
    assert.equal(profile.attributes[0]!.persistent, true);
    assert.equal(profile.required, true);
    assert.equal(SecurityCtrlr.Identity.required, false);
    assert.equal(SecurityCtrlr.Identity.maxLength, 48);
  });

  it('AuthCtrlr.Enabled is an optional read-write boolean that defaults to true', () => {
    assert.equal(AuthCtrlr.Enabled.required, false);
    assert.equal(AuthCtrlr.Enabled.attributes[0]!.mutability, 'ReadWrite');
    assert.equal(AuthCtrlr.Enabled.attributes[0]!.defaultValue, 'true');
  });

  it('declarations are typed handles: required ones read as T, optional ones as T | undefined', () => {
    // Compile-time checks; the assignments fail to type-check if a required flag or a value type changes.
    const timeout: RequiredVariable<number> = OCPPCommCtrlr.MessageTimeoutDefault;
    const heartbeat: OptionalVariable<number> = OCPPCommCtrlr.HeartbeatInterval;
    const priority: RequiredVariable<number[]> = OCPPCommCtrlr.NetworkConfigurationPriority;
    const startPoints: RequiredVariable<(typeof TX_START_POINTS)[number][]> = TxCtrlr.TxStartPoint;
    const dateTime: RequiredVariable<Date> = ClockCtrlr.DateTime;
    const state: RequiredVariable<string> = evseComponent(1).AvailabilityState;
    assert.deepEqual(
      [timeout, heartbeat, priority, startPoints, dateTime, state].map((declaration) => declaration.required),
      [true, false, true, true, true, true],
    );
  });
});

describe('EVSE and Connector components', () => {
  it('evseComponent(evseId) sits on the EVSE tier with the spec required flags', () => {
    const evse = evseComponent(2);
    for (const declaration of declarationsOf(evse)) {
      assert.deepEqual(declaration.component, { name: 'EVSE', evseId: 2 });
      assert.equal(declaration.block, 'Core');
    }
    const required = declarationsOf(evse)
      .filter((declaration) => declaration.required)
      .map((declaration) => variableKey(declaration.variable))
      .sort();
    assert.deepEqual(required, ['AvailabilityState', 'Available', 'Power', 'SupplyPhases']);
    assert.deepEqual(evse.Power.attributes.map((attribute) => attribute.type), ['Actual', 'MaxSet']);
    assert.equal(evse.Power.characteristics.unit, 'W');
    assert.equal(evse.AvailabilityState.characteristics.valuesList, 'Available,Occupied,Reserved,Unavailable,Faulted');
    assert.equal(evse.ISO15118EvseId.required, false);
  });

  it('evseComponent takes the layout: Power maxLimit and MaxSet, SupplyPhases', () => {
    const evse = evseComponent(1, { maxPower: 11000, supplyPhases: 3 });
    assert.equal(evse.Power.characteristics.maxLimit, 11000);
    assert.equal(evse.Power.attributes.find((attribute) => attribute.type === 'MaxSet')?.defaultValue, '11000');
    assert.equal(evse.SupplyPhases.attributes[0]!.defaultValue, '3');
    assert.equal(evseComponent(1).Power.characteristics.maxLimit, undefined);
  });

  it('connectorComponent(evseId, connectorId) sits on the connector tier with the spec required flags', () => {
    const connector = connectorComponent(1, 2, { connectorType: 'sType2', supplyPhases: 3 });
    for (const declaration of declarationsOf(connector)) {
      assert.deepEqual(declaration.component, { name: 'Connector', evseId: 1, connectorId: 2 });
    }
    const required = declarationsOf(connector)
      .filter((declaration) => declaration.required)
      .map((declaration) => variableKey(declaration.variable))
      .sort();
    assert.deepEqual(required, ['AvailabilityState', 'Available', 'ConnectorType', 'SupplyPhases']);
    assert.equal(connector.ConnectorType.attributes[0]!.defaultValue, 'sType2');
    assert.equal(connector.ConnectorType.characteristics.dataType, 'string');
  });

  it('refuses ids the station cannot have', () => {
    assert.throws(() => evseComponent(0), RangeError);
    assert.throws(() => evseComponent(1.5), RangeError);
    assert.throws(() => connectorComponent(1, 0), RangeError);
    assert.throws(() => connectorComponent(0, 1), RangeError);
  });

  it('the ChargingStation component shares the availability vocabulary', () => {
    assert.deepEqual(ChargingStation.AvailabilityState.characteristics.valuesList, 'Available,Occupied,Reserved,Unavailable,Faulted');
    assert.equal(ChargingStation.AvailabilityState.attributes[0]!.mutability, 'ReadOnly');
  });
});
