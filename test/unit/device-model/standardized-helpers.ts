// What the standardized-component tests share: the controller names, the required variables of Part 2
// "Referenced Components and Variables" (with the 2025 errata and Part 4 §8) pinned per controller, and helpers to
// list the declarations and check a value against one.
import assert from 'node:assert/strict';
import { declarationsOf } from '../../../src/device-model/declare.js';
import { componentKey, variableKey, type AnyVariable } from '../../../src/device-model/types.js';
import {
  STANDARDIZED_CONTROLLERS,
  connectorComponent,
  customImplementationEnabled,
  evseComponent,
  fieldLength,
} from '../../../src/device-model/standardized/index.js';

export const CONTROLLER_NAMES = [
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
export const REQUIRED_VARIABLES: Record<string, string> = {
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

export function address(declaration: AnyVariable): string {
  return `${componentKey(declaration.component)}.${variableKey(declaration.variable)}`;
}

export function allStationWide(): AnyVariable[] {
  return STANDARDIZED_CONTROLLERS.flatMap((component) => declarationsOf(component));
}

/** Every declaration the module can produce, including per-EVSE/connector and instanced helpers. */
export function everyDeclaration(): AnyVariable[] {
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
export function checkValue(declaration: AnyVariable, text: string, what: string): void {
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
