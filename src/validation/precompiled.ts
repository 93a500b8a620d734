// Validators generated at build time (scripts/generate-validators.ts) as ajv standalone code, so that starting a
// station compiles no schema and does not even load ajv. A generated validator is used only when its fingerprint
// (the ajv version, the compiler settings and the schema text) matches the schema and settings in use now;
// otherwise, or when nothing was generated (a run from the sources before any build), the caller compiles the
// schema at run time with the very same settings.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';

/** A compiled validator, generated or compiled at run time: true when the data is valid, else `errors` says why. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const require = createRequire(import.meta.url);

/** Where the generator writes the validators and their manifest (ignored by git; copied into dist by the build). */
export const GENERATED_VALIDATORS_DIR = fileURLToPath(new URL('./generated/', import.meta.url));
export const MANIFEST_FILE = 'manifest.json';

let ajvVersion: string | undefined;

/** The fingerprint of a validator compiled by this ajv with these settings from this schema text. */
export function validatorFingerprint(compilerSettings: string, schemaText: string): string {
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(`ajv ${ajvVersion}\n${compilerSettings}\n${schemaText}`).digest('hex');
}

/** Validator name → fingerprint, as generated; null when there is none. */
let manifest: Readonly<Record<string, string>> | null | undefined;

function readManifest(): Readonly<Record<string, string>> | null {
  try {
    return JSON.parse(readFileSync(`${GENERATED_VALIDATORS_DIR}${MANIFEST_FILE}`, 'utf8')) as Record<string, string>;
  } catch {
    return null;
  }
}

/** The generated validator `name`, if there is one with this fingerprint. */
export function precompiledValidator(name: string, fingerprint: string): Validator | undefined {
  manifest ??= readManifest();
  if (manifest?.[name] !== fingerprint) return undefined;
  return require(`${GENERATED_VALIDATORS_DIR}${name}.cjs`) as Validator;
}
