// The vocabulary of the device model (OCPP 2.0.1 Part 1 §4, Part 2 "Referenced Components and Variables"):
// components addressed by name, instance and EVSE/connector; variables by name and instance; each variable
// with one value per attribute type, its mutability, persistence and characteristics.
import type {
  AttributeEnumType,
  DataEnumType,
  MutabilityEnumType,
  VariableCharacteristicsType,
} from '../messages/types.js';

export type AttributeType = AttributeEnumType;
export type Mutability = MutabilityEnumType;
export type DataType = DataEnumType;

/** Where a component sits: the station (no evseId), one EVSE, or one connector of an EVSE. */
export interface ComponentId {
  readonly name: string;
  readonly instance?: string;
  readonly evseId?: number;
  readonly connectorId?: number;
}

export interface VariableId {
  readonly name: string;
  readonly instance?: string;
}

/**
 * The functional block a variable belongs to. A variable the specification marks required only has to exist
 * when the station supports its block ("Referenced Components and Variables", §2): 'Core' variables always,
 * the others when the station configuration says the block is there.
 */
export type FunctionalBlock =
  | 'Core'
  | 'Security'
  | 'Authorization'
  | 'LocalAuthList'
  | 'AuthCache'
  | 'Transactions'
  | 'Metering'
  | 'Reservation'
  | 'SmartCharging'
  | 'TariffCost'
  | 'Diagnostics'
  | 'DisplayMessage'
  | 'ISO15118'
  | 'Customization';

/** Who changes a value: decides mutability checks and whether a configuration-file update may replace it. */
export type ChangeSource =
  /** Declared default or configuration file, applied at start-up. */
  | 'configuration'
  /** The CSMS, through SetVariables (or a message with the same effect). ReadOnly is refused. */
  | 'csms'
  /** The integrator's code through the library API. ReadOnly is allowed: the integrator owns the hardware. */
  | 'integrator'
  /** The stack itself keeping a value current (e.g. LocalAuthListCtrlr.Entries). */
  | 'station';

/** One attribute of a declared variable. Values are kept in their wire form: strings. */
export interface AttributeDeclaration {
  readonly type: AttributeType;
  readonly mutability: Mutability;
  /** The value survives a restart. Writable variables always persist (Part 2, Referenced Components §2). */
  readonly persistent: boolean;
  /** The value never changes while the station runs. */
  readonly constant: boolean;
  /** The value when neither storage nor the configuration file gives one. */
  readonly defaultValue?: string;
}

/** Turns a value between its wire form (a string) and its TypeScript form. */
export interface ValueCodec<T> {
  /** Throws a RangeError naming the problem when the text is not a valid value. */
  parse(text: string): T;
  format(value: T): string;
}

/**
 * A variable as the specification (or the integrator) declares it. `T` is the TypeScript type of its value;
 * `R` whether it is required: a required variable always has an Actual value, so reading it never gives
 * undefined. The declaration doubles as the typed handle used to read and write the variable.
 */
export interface VariableDeclaration<T = unknown, R extends boolean = boolean> {
  readonly component: ComponentId;
  readonly variable: VariableId;
  readonly required: R;
  readonly block: FunctionalBlock;
  readonly characteristics: Readonly<Omit<VariableCharacteristicsType, 'customData'>>;
  readonly attributes: readonly AttributeDeclaration[];
  /** A new value takes effect only after a reboot: SetVariables answers RebootRequired (B05.FR.05). */
  readonly rebootRequired: boolean;
  /** Largest value length in characters (attributeValue is string[2500]; many variables are shorter). */
  readonly maxLength?: number;
  /** Shortest value length in characters, when the variable has one. */
  readonly minLength?: number;
  readonly codec: ValueCodec<T>;
  /** Short description in our own words, for reports and the console. */
  readonly description?: string;
}

export type RequiredVariable<T> = VariableDeclaration<T, true>;
export type OptionalVariable<T> = VariableDeclaration<T, false>;
// Public (src/index.ts): callers read values through it, and with `unknown` they would have to cast.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a declaration of any value type
export type AnyVariable = VariableDeclaration<any, boolean>;

/** A stable text key for a component, e.g. `EVSE#1` or `Connector#1.2` or `Controller[Main]`. */
export function componentKey(component: ComponentId): string {
  let key = component.name;
  if (component.instance !== undefined) key += `[${component.instance}]`;
  if (component.evseId !== undefined) key += `#${component.evseId}`;
  if (component.connectorId !== undefined) key += `.${component.connectorId}`;
  return key;
}

/** A stable text key for a variable, e.g. `MessageAttempts[TransactionEvent]`. */
export function variableKey(variable: VariableId): string {
  return variable.instance === undefined ? variable.name : `${variable.name}[${variable.instance}]`;
}
