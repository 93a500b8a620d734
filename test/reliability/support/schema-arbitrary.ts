// fast-check arbitraries from the official OCPP 2.0.1 JSON schemas (draft-06, the subset they use: $ref to
// definitions, object/array/string/integer/number/boolean, enum, required, maxLength, min/maxItems, minimum,
// date-time), so a fuzz test can make schema-valid payloads for every action, and mutate them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { OCPP_SCHEMA_DIR } from '../../../src/rpc/schema-validator.js';

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  definitions?: Record<string, Schema>;
}

/** Numbers that break careless arithmetic: all of them schema-valid. */
const EXTREME_NUMBERS = [0, -1, 1e308, -1e308, 1.2e29, Number('9007199254740993'), 2 ** 31, 2 ** 53, Number.MIN_VALUE, 5e-324];
const EXTREME_INTEGERS = [0, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, Number('9007199254740993'), 1e21];

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(fc.string({ maxLength }), fc.constant('x'.repeat(schema.maxLength ?? 40)));
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (integer ? -1_000 : -1e6);
  const max = schema.maximum ?? (integer ? 1_000_000 : 1e6);
  const extremes = (integer ? EXTREME_INTEGERS : EXTREME_NUMBERS).filter((n) => n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity));
  const plain = integer ? fc.integer({ min: Math.max(min, -1_000_000), max: Math.min(max, 1_000_000) }) : fc.double({ min, max, noNaN: true });
  return extremes.length > 0 ? fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...extremes) }) : plain;
}

function arbitraryOf(schema: Schema, root: Schema): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    return arbitraryOf(root.definitions![name]!, root);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) model[key] = arbitraryOf(property, root);
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, root), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}

/** Schema-valid request payloads of an action. */
export function requestArbitrary(action: string): fc.Arbitrary<Record<string, unknown>> {
  const schema = JSON.parse(readFileSync(join(OCPP_SCHEMA_DIR, `${action}Request.json`), 'utf8')) as Schema;
  return arbitraryOf(schema, schema) as fc.Arbitrary<Record<string, unknown>>;
}

export type Mutation = 'none' | 'drop-key' | 'extra-key' | 'wrong-type';

/** A payload with one fault: a key removed, a key added, or a value (at any depth) of the wrong type. */
export function mutate(payload: unknown, mutation: Mutation, pick: number, junk: unknown): unknown {
  if (mutation === 'none') return payload;
  const objects: Record<string, unknown>[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') {
      objects.push(value as Record<string, unknown>);
      Object.values(value).forEach(collect);
    }
  };
  const copy = structuredClone(payload);
  collect(copy);
  const target = objects[pick % Math.max(objects.length, 1)];
  if (!target) return junk;
  const keys = Object.keys(target);
  const key = keys[pick % Math.max(keys.length, 1)];
  if (mutation === 'extra-key') target[`fuzz${pick}`] = junk;
  else if (key !== undefined && mutation === 'drop-key') delete target[key];
  else if (key !== undefined) target[key] = typeof target[key] === typeof junk ? [junk] : junk;
  return copy;
}
