// A log file that stays within a size budget: lines are appended to `path`; when the next line would take it
// past its share of the budget it becomes path.1 (path.1 becomes path.2 …, the oldest is deleted) and a new
// file starts. The files together hold at most `maxBytes` plus one line (a line longer than a file's share
// is written whole into a file of its own). A write that fails (disk full, file removed, permissions) is
// reported once through `onError`, lines are dropped from then on, and writing is tried again `retryMs`
// later on the given clock: logging never stops the station, and never spins.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, parse } from 'node:path';
import type { Clock } from '../clock.js';
import { DEFAULT_LOG_KEEP, DEFAULT_LOG_MAX_BYTES } from '../logger.js';
/** Real time between a failed write and the next try. */
export const LOG_RETRY_MS = 60_000;

/** The file operations a RotatingFile uses: node:fs by default; a test injects a failing one. */
export interface FileOps {
  open(path: string): number;
  write(fd: number, data: Buffer): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** The size of the file, 0 when it does not exist. */
  size(path: string): number;
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

export const NODE_FILE_OPS: FileOps = {
  open: (path) => openSync(path, 'a'),
  write: writeAll,
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
  size: (path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  },
};

export interface RotatingFileOptions {
  /** The budget of the current file and the kept ones together. */
  maxBytes?: number;
  /** How many rotated files (path.1 … path.N) are kept beside the current one. */
  keep?: number;
  /** When a failed write is tried again (real time). */
  clock: Clock;
  retryMs?: number;
  /** Called once per outage with the error that started it, and once with none when writing works again. */
  onError: (error: Error | undefined, dropped: number) => void;
  ops?: FileOps;
}

/**
 * A RotatingFile's onError for a log named `what` (e.g. "the message log"): one line when an outage begins and one
 * when writing works again, told to `report`; `unit` is what the log drops meanwhile (lines, frames).
 */
export function reportOutages(report: (line: string) => void, what: string, path: string, unit: string): RotatingFileOptions['onError'] {
  return (error, dropped) =>
    report(
      error
        ? `${what} ${path} cannot be written (${error.message}): ${unit} are dropped, writing is tried again in a minute`
        : `${what} ${path} is written again (${dropped} ${unit} were dropped)`,
    );
}

/**
 * Creates the missing folders of `path` one by one (not with mkdir's recursive mode, which spins forever on a
 * path under /proc); throws the system's error for the first that cannot be made.
 */
export function makeFolders(path: string): void {
  const folder = dirname(path);
  const missing: string[] = [];
  let current = folder;
  while (!existsDir(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current || current === parse(current).root) break;
    current = parent;
  }
  for (const dir of missing) mkdirSync(dir);
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export class RotatingFile {
  private readonly ops: FileOps;
  private readonly perFile: number;
  private readonly keep: number;
  private fd: number | undefined;
  private size: number;
  /** When the outage began (ms on the clock); undefined while writing works. */
  private failedAt: number | undefined;
  private dropped = 0;

  /** Opens (creates) the file at once, so that a path that cannot be written fails here, at start. */
  constructor(
    readonly path: string,
    private readonly options: RotatingFileOptions,
  ) {
    this.ops = options.ops ?? NODE_FILE_OPS;
    this.keep = Math.max(0, Math.floor(options.keep ?? DEFAULT_LOG_KEEP));
    this.perFile = Math.max(1, Math.floor((options.maxBytes ?? DEFAULT_LOG_MAX_BYTES) / (this.keep + 1)));
    this.fd = this.ops.open(path);
    this.size = this.ops.size(path);
  }

  /** Appends one line (the newline included); never throws. */
  write(line: string): void {
    if (this.failedAt !== undefined) {
      if (this.options.clock.now().getTime() - this.failedAt < (this.options.retryMs ?? LOG_RETRY_MS)) {
        this.dropped++;
        return;
      }
    }
    const data = Buffer.from(line, 'utf8');
    try {
      if (this.size > 0 && this.size + data.length > this.perFile) this.rotate();
      this.fd ??= this.ops.open(this.path);
      this.ops.write(this.fd, data);
      this.size += data.length;
      if (this.failedAt !== undefined) {
        this.failedAt = undefined;
        this.options.onError(undefined, this.dropped);
        this.dropped = 0;
      }
    } catch (error) {
      this.fail(error as Error);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      this.ops.close(this.fd);
    } catch {
      // Closing is the end: nothing more can be lost.
    }
    this.fd = undefined;
  }

  private rotate(): void {
    this.close();
    if (this.keep === 0) this.ops.remove(this.path);
    else {
      this.ops.remove(`${this.path}.${this.keep}`);
      for (let n = this.keep - 1; n >= 1; n--) {
        if (this.ops.size(`${this.path}.${n}`) > 0) this.ops.rename(`${this.path}.${n}`, `${this.path}.${n + 1}`);
      }
      this.ops.rename(this.path, `${this.path}.1`);
    }
    this.size = 0;
  }

  private fail(error: Error): void {
    const first = this.failedAt === undefined;
    this.failedAt = this.options.clock.now().getTime();
    this.dropped++;
    // The descriptor may point at a removed or broken file: the next try opens the path anew.
    this.close();
    this.size = this.ops.size(this.path);
    if (first) this.options.onError(error, 0);
  }
}
