// The station the command line runs when no configuration file is given: one AC EVSE with one Type 2
// connector. A configuration file replaces all of it.
import { parseStationConfig, type StationConfig } from '../device-model/station-config.js';

export const DEFAULT_STATION_CONFIG_JSON = {
  identity: { vendorName: 'ocpp-station', model: 'Simulator', serialNumber: 'SIM-0001', firmwareVersion: '0.1.0' },
  evses: [{ id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 }],
  supportedBlocks: ['Core', 'Security', 'Authorization', 'LocalAuthList', 'AuthCache', 'Transactions', 'Metering', 'SmartCharging'],
} as const;

export function defaultStationConfig(): StationConfig {
  return parseStationConfig(DEFAULT_STATION_CONFIG_JSON, 'the built-in default configuration');
}
