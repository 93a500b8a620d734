// Reading and checking the configuration file: the schema, then the rules a schema cannot say (numbering,
// references, custom variables and their values), every problem reported at once.
import { readFileSync } from 'node:fs';
import { buildCustom, indexed } from './custom-components.js';
import { StationConfigError, formatPath, type ConfigProblem } from './problems.js';
import { schemaProblems } from './schema-problems.js';
import { validate } from './schema.js';
import type { CustomComponentConfig, EvseConfig, StationConfig } from './types.js';

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
    throw new StationConfigError([{ path: '(file)', message: `cannot be read: ${(error as Error).message}` }], path, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new StationConfigError([{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }], path, { cause: error });
  }
  return parseStationConfig(json, path);
}
