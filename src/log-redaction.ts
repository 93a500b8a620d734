// Censoring of secrets in what is about to be logged: passwords, passphrases, secrets, private keys and
// Authorization headers under any key, at any depth, in arrays, in error objects; and the credentials of URLs
// (`ws://user:pass@host`) in any string. The caller's objects are never changed: what holds a secret is copied,
// everything else is passed on as it is. Cycles and huge or very deep objects are cut, never followed.

export const REDACTED = '[redacted]';
export const CIRCULAR = '[circular]';
export const TRUNCATED = '[truncated]';

/** Objects nested deeper than this are not written (their place says TRUNCATED). */
export const MAX_LOG_DEPTH = 10;
/** Properties and array items looked at per logged object; the rest of a container is cut. */
export const MAX_LOG_ENTRIES = 5000;

/** Key fragments (lower case, without `-` and `_`) that mark a secret wherever they appear in a key. */
const SECRET_KEY_PARTS = ['password', 'passwd', 'passphrase', 'secret', 'privatekey', 'authorization'];
/** Keys that are secrets only when they are the whole key (`key` is a private key; `keyId` is not). */
const SECRET_KEYS: ReadonlySet<string> = new Set(['key']);

const keyVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 4096;

/** Is a value under this key a secret? `password`, `basicAuthPassword`, `Authorization`, `private_key`, `key`, … */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    const normalized = key.toLowerCase().replace(/[-_]/g, '');
    verdict = SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
    if (keyVerdicts.size < MAX_REMEMBERED_KEYS) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

/** `scheme://userinfo@`: the user info runs up to the last `@` before the path, query or fragment. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** The text with the user info of every URL in it censored: `ws://cs:pw@host/` becomes `ws://[redacted]@host/`. */
export function censorUrlCredentials(text: string): string {
  if (!text.includes('@') || !text.includes('://')) return text;
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

export interface RedactOptions {
  /** How an Error becomes a plain object before it is censored; by default type, message, stack, own properties and cause. */
  serializeError?: (error: Error) => object;
  maxDepth?: number;
  maxEntries?: number;
}

interface Walk {
  readonly serializeError: (error: Error) => object;
  readonly maxDepth: number;
  /** Entries still allowed. */
  budget: number;
  /** The containers on the path from the root to the value being looked at: a cycle leads back to one. */
  readonly ancestors: Set<object>;
}

/**
 * The value with every secret censored. Returns the value itself when nothing in it needed censoring (so the
 * logger writes it exactly as before), else a copy: plain objects and arrays are copied where needed, Errors
 * become plain objects, objects with `toJSON` (a URL, a Buffer) are replaced by what `toJSON` gives.
 */
export function redactSecrets(value: unknown, options: RedactOptions = {}): unknown {
  const walk: Walk = {
    serializeError: options.serializeError ?? serializeError,
    maxDepth: options.maxDepth ?? MAX_LOG_DEPTH,
    budget: options.maxEntries ?? MAX_LOG_ENTRIES,
    ancestors: new Set(),
  };
  return visit(value, 0, walk);
}

function visit(value: unknown, depth: number, walk: Walk): unknown {
  if (typeof value === 'string') return censorUrlCredentials(value);
  if (typeof value !== 'object' || value === null) return value;
  if (walk.ancestors.has(value)) return CIRCULAR;
  if (depth >= walk.maxDepth) return TRUNCATED;
  walk.ancestors.add(value);
  try {
    if (value instanceof Error) return visitContainer(serialized(value, walk), depth, walk, true);
    if (!Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return visitJsonForm(value as { toJSON(): unknown }, depth, walk);
    }
    return visitContainer(value, depth, walk, false);
  } finally {
    walk.ancestors.delete(value);
  }
}

function serialized(error: Error, walk: Walk): object {
  try {
    return walk.serializeError(error);
  } catch {
    return { type: 'Error', message: '[error that could not be serialized]' };
  }
}

/** A Date, URL, Buffer…: censored in the form JSON would give it. Unchanged when that form needed nothing. */
function visitJsonForm(value: { toJSON(): unknown }, depth: number, walk: Walk): unknown {
  let json: unknown;
  try {
    json = value.toJSON();
  } catch {
    return '[unserializable]';
  }
  if (json === value) return visitContainer(value, depth, walk, false);
  const censored = visit(json, depth, walk);
  return censored === json ? value : censored;
}

/** Arrays and objects, copied only once something in them had to change (or `copy` asks for it). */
function visitContainer(value: object, depth: number, walk: Walk, copy: boolean): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined = copy ? [] : undefined;
    for (let i = 0; i < value.length; i++) {
      if (--walk.budget < 0) {
        out ??= value.slice(0, i);
        out.push(TRUNCATED);
        return out;
      }
      const item: unknown = value[i];
      const censored = visit(item, depth + 1, walk);
      if (out) out.push(censored);
      else if (censored !== item) {
        out = value.slice(0, i);
        out.push(censored);
      }
    }
    return out ?? value;
  }
  const keys = Object.keys(value);
  let out: Record<string, unknown> | undefined = copy ? {} : undefined;
  const source = value as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (--walk.budget < 0) {
      out ??= copyKeys(source, keys, i);
      out[TRUNCATED] = `${keys.length - i} more keys`;
      return out;
    }
    const item = source[key];
    const censored = item !== undefined && isSecretKey(key) ? REDACTED : visit(item, depth + 1, walk);
    if (out) out[key] = censored;
    else if (censored !== item) {
      out = copyKeys(source, keys, i);
      out[key] = censored;
    }
  }
  return out ?? value;
}

function copyKeys(source: Record<string, unknown>, keys: readonly string[], count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) out[keys[i]!] = source[keys[i]!];
  return out;
}

/** The default form of an Error: its type, message and stack, its own enumerable properties and its cause. */
export function serializeError(error: Error): object {
  const out: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    message: error.message,
    stack: error.stack,
  };
  for (const key of Object.keys(error)) if (!(key in out)) out[key] = (error as unknown as Record<string, unknown>)[key];
  if (error.cause !== undefined) out.cause = error.cause;
  return out;
}
