// The JSON schema of the station configuration file, written as data, and its ajv validator: generated at build
// time (src/validation/precompiled.ts) so that a station starts without compiling it, else compiled on first use.
import { createRequire } from 'node:module';
import type { ErrorObject, Options } from 'ajv';
import { precompiledValidator, validatorFingerprint, type Validator } from '../../validation/precompiled.js';
import type { AttributeType, DataType, Mutability } from '../types.js';
import { REPORTED_VALUE_MAX } from '../value-checks.js';
import { CONNECTOR_TYPES, FUNCTIONAL_BLOCKS } from './types.js';

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['Actual', 'Target', 'MinSet', 'MaxSet'];
const DATA_TYPES: readonly DataType[] = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'];
const MUTABILITIES: readonly Mutability[] = ['ReadOnly', 'ReadWrite', 'WriteOnly'];

// --- The schema -----------------------------------------------------------------------------------------

/** identifierString (Part 2 §2.1.4): the characters component and variable names may hold. */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9*\\-_=:+|@.]+$';
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

/** How the schema is compiled, here and by the generator. */
export const STATION_CONFIG_AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const satisfies Options;
/** The name of the generated validator. */
export const STATION_CONFIG_VALIDATOR = 'StationConfig';

/** Part of the validator's fingerprint: the settings above and the schema. */
export function stationConfigSchemaText(): string {
  return JSON.stringify({ options: STATION_CONFIG_AJV_OPTIONS, schema: STATION_CONFIG_SCHEMA });
}

let validator: Validator | undefined;

function compile(): Validator {
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv(STATION_CONFIG_AJV_OPTIONS).compile(STATION_CONFIG_SCHEMA);
}

export function validate(json: unknown): ErrorObject[] {
  validator ??=
    precompiledValidator(STATION_CONFIG_VALIDATOR, validatorFingerprint('station-config', stationConfigSchemaText())) ?? compile();
  return validator(json) ? [] : [...(validator.errors ?? [])];
}
