// Structured logging through pino. Secrets (passwords, keys, Authorization headers) are redacted
// wherever they appear in a logged object.
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'password',
  '*.password',
  'basicAuthPassword',
  '*.basicAuthPassword',
  'privateKey',
  '*.privateKey',
  'key',
  '*.key',
  'passphrase',
  '*.passphrase',
  'authorization',
  '*.authorization',
  'headers.authorization',
];

export interface LoggerOptions {
  level?: pino.LevelWithSilent;
  name?: string;
  /** File descriptor, path or stream the lines go to; standard output by default (the CLI uses standard error). */
  destination?: number | string | NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    name: options.name ?? 'ocpp-station',
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination === undefined) return pino(settings);
  if (typeof options.destination === 'object') return pino(settings, options.destination);
  // Synchronous, so that the last lines before an exit are not lost.
  return pino(settings, pino.destination({ dest: options.destination, sync: true }));
}

/** A logger that writes nothing: the default for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
