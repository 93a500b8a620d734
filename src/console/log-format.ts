// The diagnostic log for a person at a terminal: pino's JSON line turned into one readable line — local time,
// level, message, then the other fields as key=value. An error shows its type, code and message, not its stack
// (the JSON form, for machines and files, keeps the stack). Written here rather than taken from pino-pretty:
// a few lines, and no dependency.

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS: Record<number, string> = { 10: '\u001b[2m', 20: '\u001b[2m', 30: '\u001b[32m', 40: '\u001b[33m', 50: '\u001b[31m', 60: '\u001b[35m' };
const RESET = '\u001b[0m';
/** pino's fields that every line has, or that say nothing to a person watching one process. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name']);

export interface PrettyLogOptions {
  colour?: boolean;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2026-01-02 13:04:05.678` in the local time zone. */
export function localTime(at: Date): string {
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`
  );
}

function errorText(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const { type, code, message } = value as { type?: unknown; code?: unknown; message?: unknown };
  const kind = typeof type === 'string' ? type : 'Error';
  return `${kind}${typeof code === 'string' ? ` ${code}` : ''}: ${String(message ?? '')}`;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** One pino JSON line (with or without its newline) as one readable line with a newline; other text unchanged. */
export function prettyLogLine(line: string, options: PrettyLogOptions = {}): string {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line.endsWith('\n') ? line : `${line}\n`;
    record = parsed as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = typeof record.level === 'number' ? record.level : 30;
  const time = typeof record.time === 'number' ? localTime(new Date(record.time)) : '';
  const name = (LEVELS[level] ?? `L${level}`).padEnd(5);
  const levelText = options.colour ? `${LEVEL_COLOURS[level] ?? ''}${name}${RESET}` : name;
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${key === 'err' ? JSON.stringify(errorText(value)) : fieldText(value)}`);
  const message = typeof record.msg === 'string' ? record.msg : '';
  // One record, one line: a message with line breaks in it keeps them escaped.
  const text = [time, levelText, message.replace(/\r?\n/g, '\\n'), ...fields].filter((part) => part !== '').join(' ');
  return `${text}\n`;
}

/** A pino destination that writes pretty lines to `out`. */
export function prettyLogDestination(out: { write(text: string): unknown }, options: PrettyLogOptions = {}): { write(line: string): void } {
  return { write: (line) => void out.write(prettyLogLine(line, options)) };
}
