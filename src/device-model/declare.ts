// A small language for declaring components and their variables as data. Each declaration is also the typed
// handle code uses to read and write the variable:
//
//   export const OCPPCommCtrlr = controller('OCPPCommCtrlr', 'Core', {
//     HeartbeatInterval: optional.integer({ unit: 's', min: 1, default: 1800 }),
//     MessageTimeoutDefault: required.integer({ name: 'MessageTimeout', instance: 'Default', mutability: 'ReadOnly', default: 30 }),
//   });
//   model.value(OCPPCommCtrlr.MessageTimeoutDefault) // number, never undefined
//   model.value(OCPPCommCtrlr.HeartbeatInterval)     // number | undefined
import {
  booleanCodec,
  dateTimeCodec,
  decimalCodec,
  integerCodec,
  listCodec,
  optionCodec,
  stringCodec,
} from './codecs.js';
import type {
  AttributeDeclaration,
  AttributeType,
  ComponentId,
  DataType,
  FunctionalBlock,
  Mutability,
  ValueCodec,
  VariableDeclaration,
} from './types.js';

export interface VariableOptions<T> {
  /** The variable's name when it differs from its key in the declaration (instanced variables). */
  name?: string;
  instance?: string;
  /** Default ReadWrite. */
  mutability?: Mutability;
  /** Value of the Actual attribute when neither storage nor configuration gives one. */
  default?: T;
  /** Defaults of other attribute types (they must also be listed in `attributeTypes`). */
  defaults?: Partial<Record<Exclude<AttributeType, 'Actual'>, T>>;
  /** The attribute types the variable has; default only Actual. */
  attributeTypes?: readonly AttributeType[];
  unit?: string;
  /** minLimit / maxLimit: numeric bounds for numbers, length bounds do not go here. */
  min?: number;
  max?: number;
  maxLength?: number;
  /** Shortest value length in characters (reported as minLimit for text types), e.g. BasicAuthPassword's 16. */
  minLength?: number;
  /** Default: writable variables persist (as the specification demands), read-only ones do not. */
  persistent?: boolean;
  constant?: boolean;
  rebootRequired?: boolean;
  /** Default true. */
  supportsMonitoring?: boolean;
  /** Overrides the controller's functional block. */
  block?: FunctionalBlock;
  description?: string;
}

/** A variable before it is placed in a component: what `required.x()` / `optional.x()` return. */
export interface VariableSpec<T, R extends boolean> {
  readonly required: R;
  readonly dataType: DataType;
  readonly codec: ValueCodec<T>;
  /** valuesList of OptionList / MemberList / SequenceList. */
  readonly valuesList?: readonly string[];
  readonly options: VariableOptions<T>;
}

/** The variables of a component being declared, by name. */
export type Specs = Record<string, VariableSpec<unknown, boolean>>;

/** The declarations a record of specs turns into, key by key, keeping each value type and required flag. */
export type Declared<S extends Specs> = {
  readonly [K in keyof S]: S[K] extends VariableSpec<infer T, infer R> ? VariableDeclaration<T, R> : never;
};

function specFactory<R extends boolean>(required: R) {
  const make = <T>(dataType: DataType, codec: ValueCodec<T>, options: VariableOptions<T>, valuesList?: readonly string[]) =>
    ({ required, dataType, codec, options, ...(valuesList ? { valuesList } : {}) }) as VariableSpec<T, R>;
  return {
    integer: (options: VariableOptions<number> = {}) => make('integer', integerCodec, options),
    decimal: (options: VariableOptions<number> = {}) => make('decimal', decimalCodec, options),
    boolean: (options: VariableOptions<boolean> = {}) => make('boolean', booleanCodec, options),
    string: (options: VariableOptions<string> = {}) => make('string', stringCodec, options),
    dateTime: (options: VariableOptions<Date> = {}) => make('dateTime', dateTimeCodec, options),
    /** One of `values`. */
    optionList: <V extends string>(values: readonly V[], options: VariableOptions<V> = {}) =>
      make('OptionList', optionCodec(values), options, values),
    /** Any subset of `values`, comma-separated. */
    memberList: <V extends string>(values: readonly V[], options: VariableOptions<V[]> = {}) =>
      make('MemberList', listCodec(optionCodec(values)), options, values),
    /** An ordered list of `values` (or of any strings when none are given), comma-separated. */
    sequenceList: <V extends string>(values: readonly V[] | undefined, options: VariableOptions<V[]> = {}) =>
      make('SequenceList', listCodec(values ? optionCodec(values) : (stringCodec as ValueCodec<V>)), options, values),
    /** An ordered list of integers, comma-separated (e.g. NetworkConfigurationPriority). */
    integerSequence: (options: VariableOptions<number[]> = {}) => make('SequenceList', listCodec(integerCodec), options),
  };
}

/** Variables that must exist when their block is supported. */
export const required = specFactory(true);
/** Variables a station may leave out. */
export const optional = specFactory(false);

/** Places one spec in a component, giving the declaration (and handle). */
export function declareVariable<T, R extends boolean>(
  component: ComponentId,
  key: string,
  spec: VariableSpec<T, R>,
  block: FunctionalBlock,
): VariableDeclaration<T, R> {
  const { options, codec } = spec;
  const mutability = options.mutability ?? 'ReadWrite';
  const persistent = options.persistent ?? mutability !== 'ReadOnly';
  const types = options.attributeTypes ?? ['Actual'];
  const attributes: AttributeDeclaration[] = types.map((type) => {
    const typedDefault = type === 'Actual' ? options.default : options.defaults?.[type];
    return {
      type,
      mutability,
      persistent,
      constant: options.constant ?? false,
      ...(typedDefault !== undefined ? { defaultValue: codec.format(typedDefault) } : {}),
    };
  });
  return {
    component,
    variable: { name: options.name ?? key, ...(options.instance !== undefined ? { instance: options.instance } : {}) },
    required: spec.required,
    block: options.block ?? block,
    characteristics: {
      dataType: spec.dataType,
      supportsMonitoring: options.supportsMonitoring ?? true,
      ...(options.unit !== undefined ? { unit: options.unit } : {}),
      ...(options.min !== undefined ? { minLimit: options.min } : {}),
      ...(options.max !== undefined ? { maxLimit: options.max } : {}),
      ...(spec.valuesList ? { valuesList: spec.valuesList.join(',') } : {}),
    },
    attributes,
    rebootRequired: options.rebootRequired ?? false,
    ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
    ...(options.minLength !== undefined ? { minLength: options.minLength } : {}),
    codec,
    ...(options.description !== undefined ? { description: options.description } : {}),
  };
}

/** Declares every variable of one component. */
export function declareComponent<S extends Specs>(component: ComponentId, block: FunctionalBlock, specs: S): Declared<S> {
  const declared: Record<string, VariableDeclaration> = {};
  for (const [key, spec] of Object.entries(specs)) declared[key] = declareVariable(component, key, spec, block);
  return Object.freeze(declared) as Declared<S>;
}

/** A controller component (a station-wide logical component, e.g. OCPPCommCtrlr). */
export function controller<S extends Specs>(name: string, block: FunctionalBlock, specs: S): Declared<S> {
  return declareComponent({ name }, block, specs);
}

/** Every declaration in a declared component, in declaration order. */
export function declarationsOf(component: Readonly<Record<string, VariableDeclaration>>): VariableDeclaration[] {
  return Object.values(component);
}
