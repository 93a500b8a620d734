// ajv's errors turned into problems: the path of the key at fault and a message for people.
import type { ErrorObject } from 'ajv';
import { formatPath, type ConfigProblem, type Segment } from './problems.js';
import { IDENTIFIER_PATTERN } from './schema.js';

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
export function schemaProblems(errors: ErrorObject[], data: unknown): ConfigProblem[] {
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
