// The package's three entry points are declared on purpose: this pins what each exports at run time, and checks
// that every type of the package a user of an entry meets (in what they implement or receive) can be named from
// that entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as root from '../../../src/index.js';
import * as simulator from '../../../src/entries/simulator.js';
import * as internal from '../../../src/entries/internal.js';
import { createProgram, unexportedTypes } from '../../support/public-types.js';

const ROOT = [
    'AlignedDataCtrlr',
    'AuthCacheCtrlr',
    'AuthCtrlr',
    'COMPOSITE_SCHEDULE_DEFAULTS',
    'ChargingStation',
    'ChargingStationComponent',
    'ClockCtrlr',
    'ConnectionFailedError',
    'ConnectionLostError',
    'CustomizationCtrlr',
    'DEFAULT_LINK_SETTINGS',
    'DEFAULT_STATION_CONFIG_JSON',
    'DeviceDataCtrlr',
    'DeviceModel',
    'DisplayMessageCtrlr',
    'DuplicateApiError',
    'FileKeyStore',
    'FirmwareInstallError',
    'FrameTooLargeError',
    'ISO15118Ctrlr',
    'InvalidInitialValueError',
    'KEY_ALGORITHMS',
    'LocalAuthListCtrlr',
    'MemoryKeyStore',
    'MessageDroppedError',
    'MigrationError',
    'MissingRequiredVariableError',
    'MonitoringCtrlr',
    'OCPPCommCtrlr',
    'OCPP_ACTIONS',
    'OcppError',
    'OutgoingPayloadError',
    'RPC_ERROR_CODES',
    'ReservationCtrlr',
    'RpcTimeoutError',
    'STANDARDIZED_CONTROLLERS',
    'SampledDataCtrlr',
    'SchemaTooNewError',
    'SecurityCtrlr',
    'SecurityProfileError',
    'SmartChargingCtrlr',
    'StationClock',
    'StationConfigError',
    'StationStoppedError',
    'TariffCostCtrlr',
    'TxCtrlr',
    'UnknownInitialValueError',
    'calculateCompositeSchedule',
    'componentKey',
    'connectorComponent',
    'controller',
    'createLogger',
    'declarationsOf',
    'declareComponent',
    'defaultStationConfig',
    'evseComponent',
    'isOcppAction',
    'isRpcErrorCode',
    'liveValue',
    'loadStationConfig',
    'memoryStationStores',
    'optional',
    'parseStationConfig',
    'required',
    'silentLogger',
    'sqliteStationStores',
    'systemClock',
    'variableKey',
];

const SIMULATOR_ONLY = [
    'ControlApiError',
    'ControlClient',
    'ControlError',
    'ControlUnreachableError',
    'DC_VOLTAGE_V',
    'DEFAULT_EV',
    'DemoCsmsUnavailableError',
    'EnergyMeter',
    'MemoryMeterRegisterStore',
    'NO_DRAW',
    'PHASE_VOLTAGE_V',
    'ScaledClock',
    'SimulatedEv',
    'SimulatedEvse',
    'SimulatedStation',
    'checkLayout',
    'evParameters',
    'powerDraw',
    'simulatorLayoutOf',
    'startControlServer',
    'startDemoCsms',
];

const INTERNAL_ONLY = [
    'ConnectionManager',
    'DuplicateHandlerError',
    'DuplicatePortError',
    'DuplicateTriggerError',
    'EventBus',
    'HandlerRouter',
    'InMemoryNetworkProfiles',
    'MemoryDeviceModelStore',
    'MemoryQueueStore',
    'MessageQueue',
    'MissingPortError',
    'OCPP_SUBPROTOCOL',
    'OcppLink',
    'PortRegistry',
    'RpcEndpoint',
    'SqliteDeviceModelStore',
    'SqliteQueueStore',
    'TriggerDirectory',
    'assertValidOutgoing',
    'buildConnectionTarget',
    'decodeFrame',
    'encodeCall',
    'encodeCallError',
    'encodeCallResult',
    'openStationDatabase',
    'openWebSocket',
    'precompileAllValidators',
    'reconnectDelayMs',
    'validatePayload',
];

const beyondRoot = (entry: object) => Object.keys(entry).filter((name) => !(name in root)).sort();

describe('entry points', () => {
  it('the root entry (ocpp-station) exports exactly the run-time names it declares', () => {
    assert.deepEqual(Object.keys(root).sort(), ROOT);
  });

  it('ocpp-station/simulator exports the root entry and the simulator, control API and demo', () => {
    for (const name of ROOT) assert.equal((simulator as Record<string, unknown>)[name], (root as Record<string, unknown>)[name], name);
    assert.deepEqual(beyondRoot(simulator), SIMULATOR_ONLY);
  });

  it('ocpp-station/internal exports the root entry and the lower layers and the block contract', () => {
    for (const name of ROOT) assert.equal((internal as Record<string, unknown>)[name], (root as Record<string, unknown>)[name], name);
    assert.deepEqual(beyondRoot(internal), INTERNAL_ONLY);
  });

  it('knows all 64 OCPP 2.0.1 actions', () => {
    assert.equal(root.OCPP_ACTIONS.length, 64);
    assert.ok(root.isOcppAction('BootNotification'));
    assert.ok(!root.isOcppAction('bootnotification'));
  });

  it('every type an integrator implements or receives can be named from the entry it came from', () => {
    const entries = ['src/index.ts', 'src/entries/simulator.ts', 'src/entries/internal.ts'];
    const program = createProgram(entries);
    for (const entry of entries) assert.deepEqual(unexportedTypes(program, entry), [], entry);
  });
});
