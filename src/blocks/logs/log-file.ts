// N01.FR.03/04: what goes into an uploaded log file, built from what the station really keeps.
//   SecurityLog: the stored security events (A04), one per line.
//   DiagnosticsLog: the security events and the OCPP-J frames the station exchanged since it started (kept in
//   memory, the newest MAX_RECORDED_FRAMES), merged by time.
// Only records between log.oldestTimestamp and log.latestTimestamp (both inclusive, each optional) go in. No
// secret does: frames pass the BasicAuthPassword redaction (A01.FR.12) and every text loses the credentials of
// the URLs in it (an upload location may carry a Basic-auth user and password, N01.FR.17).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameDirection } from '../../rpc/frame-codec.js';
import type { LogEnumType } from '../../messages/types.js';
import type { SecurityLogEntry } from '../../storage/security-log-store.js';
import { censorUrlCredentials } from '../../log-redaction.js';
import { redactFrame } from '../../frame-redaction.js';

/** How many frames the diagnostics log keeps, dropping the oldest. */
export const MAX_RECORDED_FRAMES = 5000;

/** GetLogRequest.log's time window, parsed. */
export interface LogRange {
  readonly oldest?: Date;
  readonly latest?: Date;
}

/** One frame as the diagnostics log keeps it: already redacted. */
export interface RecordedFrame {
  /** ISO 8601, the station's time when the frame passed. */
  readonly timestamp: string;
  readonly direction: FrameDirection;
  readonly text: string;
}

/** The OCPP-J frames of this run, redacted as they arrive, the newest MAX_RECORDED_FRAMES. */
export class FrameRecorder {
  private readonly frames: RecordedFrame[] = [];

  constructor(private readonly limit = MAX_RECORDED_FRAMES) {}

  record(direction: FrameDirection, text: string, at: Date): void {
    this.frames.push({ timestamp: at.toISOString(), direction, text: censorUrlCredentials(redactFrame(text)) });
    if (this.frames.length > this.limit) this.frames.splice(0, this.frames.length - this.limit);
  }

  all(): readonly RecordedFrame[] {
    return this.frames;
  }
}

export class InvalidLogRangeError extends Error {
  override readonly name = 'InvalidLogRangeError';
}

/** The window of a GetLog; throws InvalidLogRangeError for an unreadable timestamp or an empty window. */
export function logRangeOf(log: { oldestTimestamp?: string; latestTimestamp?: string }): LogRange {
  const parse = (text: string | undefined, field: string) => {
    if (text === undefined) return undefined;
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new InvalidLogRangeError(`${field} "${text}" is not a date`);
    return date;
  };
  const oldest = parse(log.oldestTimestamp, 'oldestTimestamp');
  const latest = parse(log.latestTimestamp, 'latestTimestamp');
  if (oldest && latest && oldest.getTime() > latest.getTime()) throw new InvalidLogRangeError('oldestTimestamp is after latestTimestamp');
  return { ...(oldest ? { oldest } : {}), ...(latest ? { latest } : {}) };
}

export function inRange(timestamp: string, range: LogRange): boolean {
  const at = new Date(timestamp).getTime();
  if (Number.isNaN(at)) return false;
  return (range.oldest === undefined || at >= range.oldest.getTime()) && (range.latest === undefined || at <= range.latest.getTime());
}

function securityLine(entry: SecurityLogEntry): string {
  const info = entry.techInfo !== undefined ? ` ${censorUrlCredentials(entry.techInfo).replace(/[\r\n]+/g, ' ')}` : '';
  return `${entry.timestamp} security ${entry.type}${entry.critical ? ' (critical)' : ''}${info}`;
}

function frameLine(frame: RecordedFrame): string {
  return `${frame.timestamp} ocpp ${frame.direction === 'in' ? '<<' : '>>'} ${frame.text}`;
}

export interface LogSources {
  readonly stationId: string;
  /** When the file is built. */
  readonly now: Date;
  readonly securityLog: readonly SecurityLogEntry[];
  readonly frames: readonly RecordedFrame[];
}

/** The text of a log file: a header, then one record per line, oldest first. */
export function buildLogText(logType: LogEnumType, range: LogRange, sources: LogSources): string {
  const window = `${range.oldest?.toISOString() ?? 'the beginning'} to ${range.latest?.toISOString() ?? 'now'}`;
  const records: { timestamp: string; line: string }[] = sources.securityLog
    .filter((entry) => inRange(entry.timestamp, range))
    .map((entry) => ({ timestamp: entry.timestamp, line: securityLine(entry) }));
  if (logType === 'DiagnosticsLog') {
    for (const frame of sources.frames) if (inRange(frame.timestamp, range)) records.push({ timestamp: frame.timestamp, line: frameLine(frame) });
  }
  // Stable: records of the same instant keep their source order.
  records.sort((a, b) => new Date(a.timestamp).getTime() - new Date(b.timestamp).getTime());
  const header = [
    `# ${logType} of charging station ${sources.stationId}`,
    `# built ${sources.now.toISOString()}, records from ${window}: ${records.length}`,
  ];
  return [...header, ...records.map((record) => record.line)].join('\n') + '\n';
}

/** The station id as a part of a file name. */
export function safeStationId(stationId: string): string {
  return stationId.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The file name announced in GetLogResponse.filename: station, log type, request and time, file-system safe. */
export function logFileName(stationId: string, logType: LogEnumType, requestId: number, now: Date): string {
  const safeId = safeStationId(stationId);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${safeId}_${logType}_${requestId}_${stamp}.log`;
}

/** Writes the file (readable by its owner only) into `directory`, made if missing; returns its path. */
export function writeLogFile(directory: string, fileName: string, text: string): string {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, fileName);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
