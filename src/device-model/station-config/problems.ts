// What is wrong with a configuration: problems named by the JSON path of the key at fault, all of them
// thrown at once in a StationConfigError.
import { OcppStationError, type ErrorCauseOptions } from '../../errors.js';

export interface ConfigProblem {
  /** JSON path of the key at fault, e.g. `evses[1].connectors[0].type`; `(root)` for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The configuration is unreadable or invalid; `problems` lists every problem found. */
export class StationConfigError extends OcppStationError {
  override readonly name = 'StationConfigError';
  override readonly code = 'STATION_CONFIG_INVALID';
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source?: string,
    /** The error of reading or parsing the file, when that is the problem. */
    options?: ErrorCauseOptions,
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`station configuration${source ? ` ${source}` : ''} has ${count}:\n  ${problems.map((p) => `${p.path}: ${p.message}`).join('\n  ')}`, options);
  }
}

// --- Paths and messages ---------------------------------------------------------------------------------

export type Segment = string | number;

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
