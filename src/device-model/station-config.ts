// The station configuration file: identity, EVSE/connector layout, supported functional blocks, initial
// values of variables and custom components. It is checked against a JSON schema (written below as data) and
// then against the rules a schema cannot say (numbering, references, custom variables and their values);
// every problem is reported with the JSON path of the key at fault, all of them at once.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import type { ChargingStationType } from '../messages/types.js';
import { declareVariable, optional, required, type VariableOptions, type VariableSpec } from './declare.js';
import type { InitialValue } from './device-model.js';
import {
  type AnyVariable,
  type AttributeType,
  type ComponentId,
  type DataType,
  type FunctionalBlock,
  type Mutability,
  componentKey,
  variableKey,
} from './types.js';
import { REPORTED_VALUE_MAX, checkValue } from './value-checks.js';

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

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['Actual', 'Target', 'MinSet', 'MaxSet'];
const DATA_TYPES: readonly DataType[] = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'];
const MUTABILITIES: readonly Mutability[] = ['ReadOnly', 'ReadWrite', 'WriteOnly'];

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

export interface ConfigProblem {
  /** JSON path of the key at fault, e.g. `evses[1].connectors[0].type`; `(root)` for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The configuration is unreadable or invalid; `problems` lists every problem found. */
export class StationConfigError extends Error {
  override readonly name = 'StationConfigError';
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source?: string,
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`station configuration${source ? ` ${source}` : ''} has ${count}:\n  ${problems.map((p) => `${p.path}: ${p.message}`).join('\n  ')}`);
  }
}

// --- The schema -----------------------------------------------------------------------------------------

/** identifierString (Part 2 §2.1.4): the characters component and variable names may hold. */
const IDENTIFIER_PATTERN = '^[A-Za-z0-9*\\-_=:+|@.]+$';
const identifier = { type: 'string', minLength: 1, maxLength: 50, pattern: IDENTIFIER_PATTERN };
const text = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength });
const positiveInteger = { type: 'integer', minimum: 1 };

const scalarBranches = [
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'array', items: { type: 'string' } },
];
const scalarValue = { anyOf: scalarBranches };
const configValue = {
  anyOf: [
    ...scalarBranches,
    {
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: Object.fromEntries(ATTRIBUTE_TYPES.map((type) => [type, scalarValue])),
    },
  ],
};

const customVariableSchema = {
  type: 'object',
  required: ['name', 'dataType'],
  additionalProperties: false,
  properties: {
    name: identifier,
    instance: identifier,
    dataType: { type: 'string', enum: DATA_TYPES },
    mutability: { type: 'string', enum: MUTABILITIES },
    unit: text(16, 1),
    min: { type: 'number' },
    max: { type: 'number' },
    maxLength: { type: 'integer', minimum: 0, maximum: REPORTED_VALUE_MAX },
    valuesList: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, pattern: '^[^,]*$' } },
    value: scalarValue,
    required: { type: 'boolean' },
    persistent: { type: 'boolean' },
    constant: { type: 'boolean' },
    rebootRequired: { type: 'boolean' },
    supportsMonitoring: { type: 'boolean' },
    attributeTypes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ATTRIBUTE_TYPES } },
    description: { type: 'string' },
  },
};

/** The JSON schema of the station configuration file. */
export const STATION_CONFIG_SCHEMA = {
  type: 'object',
  required: ['identity', 'evses'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    identity: {
      type: 'object',
      required: ['vendorName', 'model'],
      additionalProperties: false,
      properties: {
        vendorName: text(50, 1),
        model: text(20, 1),
        serialNumber: text(25),
        firmwareVersion: text(50),
        modem: {
          type: 'object',
          additionalProperties: false,
          properties: { iccid: text(20), imsi: text(20) },
        },
      },
    },
    evses: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'connectors'],
        additionalProperties: false,
        properties: {
          id: positiveInteger,
          connectors: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id', 'type'],
              additionalProperties: false,
              properties: { id: positiveInteger, type: { type: 'string', enum: CONNECTOR_TYPES } },
            },
          },
          maxPowerW: { type: 'number', exclusiveMinimum: 0 },
          supplyPhases: { type: 'integer', minimum: 0, maximum: 3 },
        },
      },
    },
    supportedBlocks: { type: 'array', uniqueItems: true, items: { type: 'string', enum: FUNCTIONAL_BLOCKS } },
    variables: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: configValue },
    },
    customComponents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'variables'],
        additionalProperties: false,
        properties: {
          name: identifier,
          instance: identifier,
          evseId: positiveInteger,
          connectorId: positiveInteger,
          block: { type: 'string', enum: FUNCTIONAL_BLOCKS },
          variables: { type: 'array', minItems: 1, items: customVariableSchema },
        },
      },
    },
  },
} as const;

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(json: unknown): ErrorObject[] {
  if (!validator) {
    validator = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(STATION_CONFIG_SCHEMA);
  }
  return validator(json) ? [] : [...(validator.errors ?? [])];
}

// --- Paths and messages ---------------------------------------------------------------------------------

type Segment = string | number;

/** `evses[1].connectors[0].type`, `variables["EVSE#1"].Power`. */
export function formatPath(segments: readonly Segment[]): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** The segments of an ajv instancePath; array indexes become numbers (found by walking the data). */
function segmentsOf(instancePath: string, data: unknown): Segment[] {
  if (instancePath === '') return [];
  const segments: Segment[] = [];
  let current = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

function describeSchemaError(error: ErrorObject, data: unknown): ConfigProblem {
  const segments = segmentsOf(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: formatPath([...segments, String(params['missingProperty'])]), message: 'is required' };
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        path: formatPath([...segments, String(params['additionalProperty'])]),
        message: `is not a known key${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`,
      };
    }
    case 'enum':
      return { path: formatPath(segments), message: `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'pattern':
      return {
        path: formatPath(segments),
        message:
          error.schema === IDENTIFIER_PATTERN
            ? 'may only hold letters, digits and * - _ = : + | @ .'
            : 'must not contain a comma',
      };
    case 'minProperties':
      return { path: formatPath(segments), message: 'must give a value for at least one attribute type (Actual, Target, MinSet, MaxSet)' };
    case 'anyOf':
      return {
        path: formatPath(segments),
        message:
          'must be a string, a number, a boolean or a list of strings' +
          (error.schemaPath.endsWith('/additionalProperties/anyOf') ? ', or an object of such values keyed by attribute type (Actual, Target, MinSet, MaxSet)' : ''),
      };
    default:
      return { path: formatPath(segments), message: error.message ?? error.keyword };
  }
}

/**
 * Turns ajv's errors into problems. For an anyOf that failed, the errors of a branch whose type matched say
 * more than the anyOf itself (e.g. an unknown attribute type in an object of values), so those are kept and
 * the anyOf dropped; when no branch came close, only the anyOf is reported.
 */
function schemaProblems(errors: ErrorObject[], data: unknown): ConfigProblem[] {
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors.filter((e) => e.keyword === 'anyOf')) {
    const branches = errors.filter(
      (e) =>
        e !== anyOf &&
        e.schemaPath.startsWith(`${anyOf.schemaPath}/`) &&
        (e.instancePath === anyOf.instancePath || e.instancePath.startsWith(`${anyOf.instancePath}/`)),
    );
    const telling = branches.filter((e) => !(e.keyword === 'type' && e.instancePath === anyOf.instancePath));
    if (telling.length > 0) {
      dropped.add(anyOf);
      for (const branch of branches) if (!telling.includes(branch)) dropped.add(branch);
    } else {
      for (const branch of branches) dropped.add(branch);
    }
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error)) continue;
    const problem = describeSchemaError(error, data);
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

// --- Rules beyond the schema ----------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function arrayAt(value: unknown, key: string): unknown[] {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? found : [];
}

/** EVSE ids 1..n and connector ids 1..m per EVSE, in order (Part 1 §7.1, §7.2). */
function layoutProblems(json: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  arrayAt(json, 'evses').forEach((evse, evseIndex) => {
    if (isObject(evse) && Number.isInteger(evse['id']) && evse['id'] !== evseIndex + 1) {
      problems.push({
        path: formatPath(['evses', evseIndex, 'id']),
        message: `must be ${evseIndex + 1}: EVSEs are numbered 1, 2, 3, … in the order listed, none skipped`,
      });
    }
    arrayAt(evse, 'connectors').forEach((connector, connectorIndex) => {
      if (isObject(connector) && Number.isInteger(connector['id']) && connector['id'] !== connectorIndex + 1) {
        problems.push({
          path: formatPath(['evses', evseIndex, 'connectors', connectorIndex, 'id']),
          message: `must be ${connectorIndex + 1}: the connectors of an EVSE are numbered 1, 2, 3, … in the order listed, none skipped`,
        });
      }
    });
  });
  return problems;
}

/** The wire form of a file value; a list item holding a comma cannot be told apart from two items. */
function toWire(value: ConfigScalar): { text: string } | { problem: string } {
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  const withComma = value.find((item) => item.includes(','));
  if (withComma !== undefined) return { problem: `list item "${withComma}" contains a comma, which separates items` };
  return { text: value.join(',') };
}

const NUMERIC_TYPES: ReadonlySet<DataType> = new Set(['integer', 'decimal']);
const LIST_TYPES: ReadonlySet<DataType> = new Set(['OptionList', 'MemberList', 'SequenceList']);

function specOf(variable: CustomVariableConfig, options: VariableOptions<any>): VariableSpec<unknown, boolean> {
  const factory = variable.required ? required : optional;
  const values = variable.valuesList as readonly string[] | undefined;
  switch (variable.dataType) {
    case 'integer':
      return factory.integer(options);
    case 'decimal':
      return factory.decimal(options);
    case 'boolean':
      return factory.boolean(options);
    case 'dateTime':
      return factory.dateTime(options);
    case 'OptionList':
      return factory.optionList(values ?? [], options);
    case 'MemberList':
      return factory.memberList(values ?? [], options);
    case 'SequenceList':
      return factory.sequenceList(values, options);
    default:
      return factory.string(options);
  }
}

/**
 * The declarations of the custom components, with the problems found on the way (paths from
 * `customComponents`). Expects schema-valid components; anything else is skipped.
 */
function buildCustom(
  components: readonly (readonly [number, CustomComponentConfig])[],
  evses: readonly EvseConfig[],
): { declarations: AnyVariable[]; problems: ConfigProblem[] } {
  const declarations: AnyVariable[] = [];
  const problems: ConfigProblem[] = [];
  const componentsSeen = new Map<string, number>();
  components.forEach(([componentIndex, custom]) => {
    const at = (...rest: Segment[]) => formatPath(['customComponents', componentIndex, ...rest]);
    if (custom.connectorId !== undefined && custom.evseId === undefined) {
      problems.push({ path: at('connectorId'), message: 'needs an evseId: a connector is addressed on its EVSE' });
    }
    if (custom.evseId !== undefined) {
      const evse = evses.find((e) => e.id === custom.evseId);
      if (!evse) {
        problems.push({ path: at('evseId'), message: `no EVSE ${custom.evseId} in evses (EVSEs 1..${evses.length})` });
      } else if (custom.connectorId !== undefined && !evse.connectors.some((c) => c.id === custom.connectorId)) {
        problems.push({ path: at('connectorId'), message: `EVSE ${evse.id} has no connector ${custom.connectorId} (connectors 1..${evse.connectors.length})` });
      }
    }
    const component: ComponentId = {
      name: custom.name,
      ...(custom.instance !== undefined ? { instance: custom.instance } : {}),
      ...(custom.evseId !== undefined ? { evseId: custom.evseId } : {}),
      ...(custom.evseId !== undefined && custom.connectorId !== undefined ? { connectorId: custom.connectorId } : {}),
    };
    const key = componentKey(component).toLowerCase();
    const earlier = componentsSeen.get(key);
    if (earlier !== undefined) {
      problems.push({ path: at('name'), message: `component ${componentKey(component)} is already declared at customComponents[${earlier}]` });
      return;
    }
    componentsSeen.set(key, componentIndex);

    const variablesSeen = new Map<string, number>();
    custom.variables.forEach((variable, variableIndex) => {
      const vat = (...rest: Segment[]) => at('variables', variableIndex, ...rest);
      const before = problems.length;
      const vKey = variableKey({ name: variable.name, ...(variable.instance !== undefined ? { instance: variable.instance } : {}) });
      const earlierVariable = variablesSeen.get(vKey.toLowerCase());
      if (earlierVariable !== undefined) {
        problems.push({ path: vat('name'), message: `variable ${vKey} is already declared at variables[${earlierVariable}]` });
        return;
      }
      variablesSeen.set(vKey.toLowerCase(), variableIndex);
      const numeric = NUMERIC_TYPES.has(variable.dataType);
      if (!numeric && variable.min !== undefined) problems.push({ path: vat('min'), message: `applies to integer and decimal variables only, not ${variable.dataType}` });
      if (!numeric && variable.max !== undefined) problems.push({ path: vat('max'), message: `applies to integer and decimal variables only, not ${variable.dataType} (use maxLength)` });
      if (variable.min !== undefined && variable.max !== undefined && variable.min > variable.max) {
        problems.push({ path: vat('min'), message: `${variable.min} is above max ${variable.max}` });
      }
      if (LIST_TYPES.has(variable.dataType)) {
        if (variable.valuesList === undefined && variable.dataType !== 'SequenceList') {
          problems.push({ path: vat('valuesList'), message: `is required for a ${variable.dataType} variable` });
        }
      } else if (variable.valuesList !== undefined) {
        problems.push({ path: vat('valuesList'), message: `applies to OptionList, MemberList and SequenceList variables only, not ${variable.dataType}` });
      }
      const attributeTypes = variable.attributeTypes ?? ['Actual'];
      if (variable.value !== undefined && !attributeTypes.includes('Actual')) {
        problems.push({ path: vat('value'), message: 'is the Actual value, but attributeTypes has no Actual' });
      }
      if (problems.length > before) return;

      const options: VariableOptions<unknown> = {
        ...(variable.instance !== undefined ? { instance: variable.instance } : {}),
        ...(variable.mutability !== undefined ? { mutability: variable.mutability } : {}),
        ...(variable.unit !== undefined ? { unit: variable.unit } : {}),
        ...(variable.min !== undefined ? { min: variable.min } : {}),
        ...(variable.max !== undefined ? { max: variable.max } : {}),
        ...(variable.maxLength !== undefined ? { maxLength: variable.maxLength } : {}),
        ...(variable.persistent !== undefined ? { persistent: variable.persistent } : {}),
        ...(variable.constant !== undefined ? { constant: variable.constant } : {}),
        ...(variable.rebootRequired !== undefined ? { rebootRequired: variable.rebootRequired } : {}),
        ...(variable.supportsMonitoring !== undefined ? { supportsMonitoring: variable.supportsMonitoring } : {}),
        ...(variable.attributeTypes !== undefined ? { attributeTypes: variable.attributeTypes } : {}),
        ...(variable.description !== undefined ? { description: variable.description } : {}),
      };
      let declaration: AnyVariable = declareVariable(component, variable.name, specOf(variable, options), custom.block ?? 'Core');
      if (variable.value !== undefined) {
        const wire = toWire(variable.value);
        if ('problem' in wire) {
          problems.push({ path: vat('value'), message: wire.problem });
          return;
        }
        const rejection = checkValue(declaration, 'Actual', wire.text, { maxLength: REPORTED_VALUE_MAX });
        if (rejection) {
          problems.push({ path: vat('value'), message: rejection.additionalInfo });
          return;
        }
        declaration = {
          ...declaration,
          attributes: declaration.attributes.map((a) => (a.type === 'Actual' ? { ...a, defaultValue: wire.text } : a)),
        };
      }
      declarations.push(declaration);
    });
  });
  return { declarations, problems };
}

function indexed<T>(items: readonly T[]): (readonly [number, T])[] {
  return items.map((item, index) => [index, item] as const);
}

// --- The API --------------------------------------------------------------------------------------------

/**
 * Checks a parsed configuration file and returns it typed, with the defaults filled in (supportedBlocks
 * ['Core'], no variables, no custom components). Throws StationConfigError listing every problem.
 */
export function parseStationConfig(json: unknown, source?: string): StationConfig {
  const errors = validate(json);
  const problems = [...schemaProblems(errors, json), ...layoutProblems(json)];
  if (problems.length > 0) {
    // Still check the custom components the schema found nothing wrong with, so that every problem shows.
    const faulty = (index: number) => errors.some((e) => e.instancePath.startsWith(`/customComponents/${index}/`) || e.instancePath === `/customComponents/${index}`);
    const components = arrayAt(json, 'customComponents').flatMap((component, index) =>
      isObject(component) && !faulty(index) ? [[index, component as unknown as CustomComponentConfig] as const] : [],
    );
    const evses = arrayAt(json, 'evses').filter(
      (evse): evse is EvseConfig => isObject(evse) && Number.isInteger(evse['id']) && Array.isArray(evse['connectors']),
    );
    const evsesWellFormed = !errors.some((e) => e.instancePath.startsWith('/evses'));
    // References to the layout are only checked against a layout without problems of its own.
    const custom = buildCustom(components, evsesWellFormed ? evses : []);
    const referenceProblem = (p: ConfigProblem) => /\.(evseId|connectorId)$/.test(p.path) && !evsesWellFormed;
    throw new StationConfigError([...problems, ...custom.problems.filter((p) => !referenceProblem(p))], source);
  }
  const raw = structuredClone(json) as Omit<StationConfig, 'supportedBlocks' | 'variables' | 'customComponents' | 'source'> &
    Partial<Pick<StationConfig, 'supportedBlocks' | 'variables' | 'customComponents'>> & { $schema?: string };
  delete raw.$schema;
  const config: StationConfig = {
    ...(source !== undefined ? { source } : {}),
    identity: raw.identity,
    evses: raw.evses,
    supportedBlocks: ['Core', ...(raw.supportedBlocks ?? []).filter((block) => block !== 'Core')],
    variables: raw.variables ?? {},
    customComponents: raw.customComponents ?? [],
  };
  const custom = buildCustom(indexed(config.customComponents), config.evses);
  if (custom.problems.length > 0) throw new StationConfigError(custom.problems, source);
  return config;
}

/** Reads and checks the configuration file at `path`; unreadable files and bad JSON are StationConfigErrors too. */
export function loadStationConfig(path: string): StationConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StationConfigError([{ path: '(file)', message: `cannot be read: ${(error as Error).message}` }], path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new StationConfigError([{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }], path);
  }
  return parseStationConfig(json, path);
}

/** The declarations of the configuration's custom components. */
export function customDeclarations(config: StationConfig): AnyVariable[] {
  const { declarations, problems } = buildCustom(indexed(config.customComponents), config.evses);
  if (problems.length > 0) throw new StationConfigError(problems, config.source);
  return declarations;
}

/** ChargingStation variables that repeat the identity, filled from it when declared (and not set in `variables`). */
const IDENTITY_VARIABLES: readonly [keyof StationIdentity, string][] = [
  ['vendorName', 'VendorName'],
  ['model', 'Model'],
  ['serialNumber', 'SerialNumber'],
];

/**
 * The initial values of the configuration: those of `variables`, resolved against `declarations` (the whole
 * station's, custom ones included), and the identity for ChargingStation's VendorName, Model and SerialNumber
 * when those are declared. Component and variable keys are matched case-insensitively. Throws
 * StationConfigError naming, by path, each key that matches no declaration, each attribute type a variable
 * lacks and each value that fails its variable's checks.
 */
export function initialValuesOf(config: StationConfig, declarations: readonly AnyVariable[]): InitialValue[] {
  const index = new Map<string, Map<string, AnyVariable>>();
  for (const declaration of declarations) {
    const cKey = componentKey(declaration.component).toLowerCase();
    let variables = index.get(cKey);
    if (!variables) index.set(cKey, (variables = new Map()));
    variables.set(variableKey(declaration.variable).toLowerCase(), declaration);
  }
  const origin = (path: string) => (config.source ? `${config.source}: ${path}` : path);
  const values: InitialValue[] = [];
  const problems: ConfigProblem[] = [];

  const chargingStation = index.get('chargingstation');
  for (const [field, name] of IDENTITY_VARIABLES) {
    const value = config.identity[field];
    const declaration = chargingStation?.get(name.toLowerCase());
    if (typeof value === 'string' && declaration && declaration.attributes.some((a) => a.type === 'Actual')) {
      values.push({ component: declaration.component, variable: declaration.variable, value, origin: origin(formatPath(['identity', field])) });
    }
  }

  for (const [cKey, variables] of Object.entries(config.variables)) {
    const component = index.get(cKey.toLowerCase());
    if (!component) {
      problems.push({ path: formatPath(['variables', cKey]), message: `no component ${cKey} is declared` });
      continue;
    }
    for (const [vKey, value] of Object.entries(variables)) {
      const declaration = component.get(vKey.toLowerCase());
      if (!declaration) {
        problems.push({ path: formatPath(['variables', cKey, vKey]), message: `component ${cKey} has no variable ${vKey}` });
        continue;
      }
      const byType: [AttributeType, ConfigScalar, Segment[]][] =
        typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value as Record<AttributeType, ConfigScalar>).map(([type, v]) => [type as AttributeType, v, ['variables', cKey, vKey, type]])
          : [['Actual', value as ConfigScalar, ['variables', cKey, vKey]]];
      for (const [attributeType, scalar, segments] of byType) {
        const path = formatPath(segments);
        if (!declaration.attributes.some((a) => a.type === attributeType)) {
          const has = declaration.attributes.map((a) => a.type).join(', ');
          problems.push({ path, message: `${cKey}.${vKey} has no ${attributeType} attribute (it has ${has})` });
          continue;
        }
        const wire = toWire(scalar);
        if ('problem' in wire) {
          problems.push({ path, message: wire.problem });
          continue;
        }
        const rejection = checkValue(declaration, attributeType, wire.text, { maxLength: REPORTED_VALUE_MAX });
        if (rejection) {
          problems.push({ path, message: rejection.additionalInfo });
          continue;
        }
        values.push({ component: declaration.component, variable: declaration.variable, attributeType, value: wire.text, origin: origin(path) });
      }
    }
  }
  if (problems.length > 0) throw new StationConfigError(problems, config.source);
  return values;
}

/** The identity as BootNotification sends it. */
export function chargingStationOf(config: StationConfig): ChargingStationType {
  const { identity } = config;
  return {
    vendorName: identity.vendorName,
    model: identity.model,
    ...(identity.serialNumber !== undefined ? { serialNumber: identity.serialNumber } : {}),
    ...(identity.firmwareVersion !== undefined ? { firmwareVersion: identity.firmwareVersion } : {}),
    ...(identity.modem !== undefined ? { modem: { ...identity.modem } } : {}),
  };
}
