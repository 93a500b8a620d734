// `--log-messages <file>`: every frame as one JSON line — when, which way, and the frame itself (parsed when it
// is JSON) — appended to the file, so a session can be replayed or diffed later. The file rotates within a size
// budget (RotatingFile); a frame longer than `maxFrameBytes`, when that is set, is kept cut short as text. The
// BasicAuthPassword a SetVariables call carries is censored first (A01.FR.12, frame-redaction.ts).
import { systemClock, type Clock } from '../clock.js';
import { redactFrame } from '../frame-redaction.js';
import { RotatingFile, makeFolders, reportOutages, type FileOps } from './rotating-file.js';

export interface MessageLogOptions {
  /** The budget of the log and its rotated files together (RotatingFile's default when not given). */
  maxBytes?: number;
  /** Rotated files kept beside the current one. */
  keep?: number;
  /** Frames longer than this many bytes are cut; 0 or not given: every frame whole. */
  maxFrameBytes?: number;
  /** Real time, for retrying after a failed write. */
  clock?: Clock;
  /** Told once when writing fails (and once when it works again); the station runs on either way. */
  report?: (line: string) => void;
  ops?: FileOps;
}

export class MessageLog {
  private readonly file: RotatingFile;

  /** Creates the file (and its folder) at once, so that a path that cannot be written fails at start. */
  constructor(
    readonly path: string,
    private readonly options: MessageLogOptions = {},
  ) {
    makeFolders(path);
    const report = options.report ?? (() => undefined);
    this.file = new RotatingFile(path, {
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.keep !== undefined ? { keep: options.keep } : {}),
      clock: options.clock ?? systemClock,
      ...(options.ops ? { ops: options.ops } : {}),
      onError: reportOutages(report, 'the message log', path, 'frames'),
    });
  }

  write(direction: 'in' | 'out', frameText: string, at: Date): void {
    const text = redactFrame(frameText);
    const timestamp = at.toISOString();
    const max = this.options.maxFrameBytes ?? 0;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (max > 0 && bytes > max) {
      // Cut text is no longer JSON: it is kept as a string, with the size of the whole frame.
      const cut = Buffer.from(text, 'utf8').subarray(0, max).toString('utf8');
      this.file.write(`${JSON.stringify({ timestamp, direction, truncated: true, bytes, frame: cut })}\n`);
      return;
    }
    let frame: unknown = text;
    try {
      frame = JSON.parse(text);
    } catch {
      // Kept as text: what came in was not JSON.
    }
    this.file.write(`${JSON.stringify({ timestamp, direction, frame })}\n`);
  }

  close(): void {
    this.file.close();
  }
}

/** A message log that cannot be opened: the message names the path and the system's reason. */
export class MessageLogError extends Error {
  override readonly name = 'MessageLogError';
}

/** The message log at `path`; a path that cannot be written is a MessageLogError (the command line's usage error). */
export function openMessageLog(path: string, options: MessageLogOptions = {}): MessageLog {
  try {
    return new MessageLog(path, options);
  } catch (error) {
    throw new MessageLogError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
