// The station configuration file: identity, EVSE/connector layout, supported functional blocks, initial
// values of variables and custom components. It is checked against a JSON schema (written as data in
// station-config/schema.ts) and then against the rules a schema cannot say (numbering, references, custom
// variables and their values); every problem is reported with the JSON path of the key at fault, all of them
// at once. The parts live in station-config/; this module is their public face.
export {
  CONNECTOR_TYPES,
  FUNCTIONAL_BLOCKS,
  type ConnectorType,
  type ConfigScalar,
  type ConfigValue,
  type StationIdentity,
  type ConnectorConfig,
  type EvseConfig,
  type CustomVariableConfig,
  type CustomComponentConfig,
  type StationConfig,
} from './station-config/types.js';
export { StationConfigError, formatPath, type ConfigProblem } from './station-config/problems.js';
export { STATION_CONFIG_SCHEMA } from './station-config/schema.js';
export { parseStationConfig, loadStationConfig } from './station-config/parse.js';
export { customDeclarations } from './station-config/custom-components.js';
export { initialValuesOf } from './station-config/initial-values.js';
export { chargingStationOf } from './station-config/identity.js';
