// Structured logging. The project logs through its own small Logger interface; pino is the implementation
// createLogger gives (and any pino logger fits the interface). Secrets (passwords, keys, Authorization headers,
// credentials in URLs) are censored wherever they appear in what is logged, child bindings included: see
// log-redaction.ts. pino is loaded only when a logger that writes something is created.
import type * as PinoTypes from 'pino';
import { createRequire } from 'node:module';
import type { Logger as PinoLogger, LoggerOptions as PinoOptions } from 'pino';
import { censorUrlCredentials, redactSecrets } from './log-redaction.js';

/** One level's method: an object of fields and a message, or a message alone. */
export interface LogMethod {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger that adds these fields to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

/** The size budget of a log file with its rotated files (the CLI's --log-max-bytes), and how many rotated files are kept. */
export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 2;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where the lines go when not to a file descriptor or a path: anything with a `write(line)`. */
export interface LogDestination {
  write(line: string): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  name?: string;
  /** File descriptor, path or stream the lines go to; standard output by default (the CLI uses 2, standard error). */
  destination?: number | string | LogDestination;
}

type PinoModule = typeof PinoTypes;
let pinoModule: PinoModule | undefined;

function loadPino(): PinoModule {
  // Synchronous and on demand: a station that logs nothing never loads pino.
  pinoModule ??= createRequire(import.meta.url)('pino') as PinoModule;
  return pinoModule;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (level === 'silent') return silentLogger();
  const { pino } = loadPino();
  const settings: PinoOptions = {
    name: options.name ?? 'ocpp-station',
    level,
    // Errors arrive already serialized (and censored) by RedactingLogger.
    serializers: { err: (value: unknown) => value },
  };
  const { destination } = options;
  let target: PinoLogger;
  if (destination === undefined) target = pino(settings);
  else if (typeof destination === 'object') target = pino(settings, destination);
  // Synchronous, so that the last lines before an exit are not lost.
  else target = pino(settings, pino.destination({ dest: destination, sync: true }));
  return new RedactingLogger(target, pino.stdSerializers.err);
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Censors what goes to pino: the fields of every line and the bindings of every child. */
class RedactingLogger implements Logger {
  readonly debug: LogMethod = (objOrMsg: object | string, msg?: string) => this.write('debug', objOrMsg, msg);
  readonly info: LogMethod = (objOrMsg: object | string, msg?: string) => this.write('info', objOrMsg, msg);
  readonly warn: LogMethod = (objOrMsg: object | string, msg?: string) => this.write('warn', objOrMsg, msg);
  readonly error: LogMethod = (objOrMsg: object | string, msg?: string) => this.write('error', objOrMsg, msg);

  constructor(
    private readonly target: PinoLogger,
    private readonly serializeError: (error: Error) => object,
  ) {}

  child(bindings: Record<string, unknown>): Logger {
    // pino repeats a key bound twice (a station's logger handed to its link, which binds stationId too): a
    // binding the parent already has with the same value is left out, so that every line names it once.
    const bound = this.target.bindings();
    const fresh = Object.fromEntries(Object.entries(this.censor(bindings)).filter(([key, value]) => bound[key] !== value));
    return new RedactingLogger(this.target.child(fresh), this.serializeError);
  }

  private write(level: Level, objOrMsg: object | string, msg: string | undefined): void {
    const target = this.target;
    if (!target.isLevelEnabled(level)) return;
    if (typeof objOrMsg === 'string') {
      target[level](censorUrlCredentials(objOrMsg));
      return;
    }
    let fields: object = objOrMsg;
    let message = msg;
    // As pino does: an Error alone is logged under `err`, and lends its message to a line that has none.
    if (objOrMsg instanceof Error) {
      fields = { err: objOrMsg };
      message ??= objOrMsg.message;
    } else if (message === undefined) {
      const { err, msg: own } = objOrMsg as { err?: { message?: unknown }; msg?: unknown };
      if (own === undefined && typeof err?.message === 'string') message = err.message;
    }
    const censored = this.censor(fields);
    if (message === undefined) target[level](censored);
    else target[level](censored, censorUrlCredentials(message));
  }

  private censor(value: object): object {
    return redactSecrets(value, { serializeError: this.serializeError }) as object;
  }
}

const noop = (): void => {};

/** Writes nothing, and costs next to nothing. */
const SILENT: Logger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => SILENT,
});

/** A logger that writes nothing: the default for library use and tests. */
export function silentLogger(): Logger {
  return SILENT;
}
