// The shape of the station configuration file: identity, EVSE/connector layout, supported functional
// blocks, initial values of variables and custom components, as parseStationConfig returns them.
import type { AttributeType, DataType, FunctionalBlock, Mutability } from '../types.js';

/** ConnectorEnumType (Part 2 §3.22) plus the three types the ConnectorType variable adds (Part 2 §2.13.4). */
export const CONNECTOR_TYPES = [
  'cCCS1',
  'cCCS2',
  'cG105',
  'cTesla',
  'cType1',
  'cType2',
  's309-1P-16A',
  's309-1P-32A',
  's309-3P-16A',
  's309-3P-32A',
  'sBS1361',
  'sCEE-7-7',
  'sType2',
  'sType3',
  'Other1PhMax16A',
  'Other1PhOver16A',
  'Other3Ph',
  'Pan',
  'wInductive',
  'wResonant',
  'Undetermined',
  'Unknown',
  'cGBT',
  'cChaoJi',
  'OppCharge',
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const FUNCTIONAL_BLOCKS: readonly FunctionalBlock[] = [
  'Core',
  'Security',
  'Authorization',
  'LocalAuthList',
  'AuthCache',
  'Transactions',
  'Metering',
  'Reservation',
  'SmartCharging',
  'TariffCost',
  'Diagnostics',
  'DisplayMessage',
  'ISO15118',
  'Customization',
];

/** A value as the file may write it: turned into the wire form (a string) for the device model. */
export type ConfigScalar = string | number | boolean | readonly string[];
/** A value for the Actual attribute, or values keyed by attribute type. */
export type ConfigValue = ConfigScalar | Readonly<Partial<Record<AttributeType, ConfigScalar>>>;

/** As BootNotification's ChargingStationType carries it. */
export interface StationIdentity {
  readonly vendorName: string;
  readonly model: string;
  readonly serialNumber?: string;
  readonly firmwareVersion?: string;
  readonly modem?: { readonly iccid?: string; readonly imsi?: string };
}

export interface ConnectorConfig {
  /** 1, 2, … per EVSE. */
  readonly id: number;
  readonly type: ConnectorType;
}

export interface EvseConfig {
  /** 1, 2, … per station. */
  readonly id: number;
  readonly connectors: readonly ConnectorConfig[];
  /** Most power the EVSE can deliver, in W. */
  readonly maxPowerW?: number;
  /** AC phases connected: 1 or 3 (2 where wired so), 0 for DC. */
  readonly supplyPhases?: number;
}

export interface CustomVariableConfig {
  readonly name: string;
  readonly instance?: string;
  readonly dataType: DataType;
  /** Default ReadWrite. */
  readonly mutability?: Mutability;
  readonly unit?: string;
  /** minLimit / maxLimit, for integer and decimal variables. */
  readonly min?: number;
  readonly max?: number;
  /** Longest value in characters. */
  readonly maxLength?: number;
  /** The allowed values of OptionList, MemberList and SequenceList variables. */
  readonly valuesList?: readonly string[];
  /** The default of the Actual attribute. */
  readonly value?: ConfigScalar;
  /** Default false. A required variable must have a value (here or in `variables`) for the station to start. */
  readonly required?: boolean;
  /** Default: writable variables persist, ReadOnly ones do not. */
  readonly persistent?: boolean;
  readonly constant?: boolean;
  readonly rebootRequired?: boolean;
  /** Default true. */
  readonly supportsMonitoring?: boolean;
  /** Default ['Actual']. */
  readonly attributeTypes?: readonly AttributeType[];
  readonly description?: string;
}

export interface CustomComponentConfig {
  readonly name: string;
  readonly instance?: string;
  /** Places the component on an EVSE of the layout. */
  readonly evseId?: number;
  /** Places the component on a connector of that EVSE. */
  readonly connectorId?: number;
  /** The block whose support makes its required variables required. Default 'Core' (always). */
  readonly block?: FunctionalBlock;
  readonly variables: readonly CustomVariableConfig[];
}

export interface StationConfig {
  /** Where the configuration was read from, for messages. */
  readonly source?: string;
  readonly identity: StationIdentity;
  readonly evses: readonly EvseConfig[];
  /** Always holds 'Core', first. */
  readonly supportedBlocks: readonly FunctionalBlock[];
  /** Initial values: component key (`componentKey()` form) → variable key (`variableKey()` form) → value. */
  readonly variables: Readonly<Record<string, Readonly<Record<string, ConfigValue>>>>;
  readonly customComponents: readonly CustomComponentConfig[];
}
