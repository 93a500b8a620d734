// Persisted state of the log upload: while one runs, a small JSON file in the station's log directory names its
// requestId and file. A station stopped (or crashed) under an upload finds it at the next start and tells the
// CSMS the upload failed (N01.FR.10). Kept only when the station has a directory of its own (logDirectory): in
// the shared temporary folder another process could take it for its own. A file rather than a store table: it is
// one record, next to the log files it describes.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { safeStationId } from './log-file.js';

export interface RunningUpload {
  readonly requestId: number;
  readonly filePath: string;
}

export class UploadMarker {
  private readonly path: string;

  constructor(private readonly directory: string, stationId: string) {
    this.path = join(directory, `${safeStationId(stationId)}-log-upload.json`);
  }

  write(running: RunningUpload | undefined): void {
    if (running === undefined) {
      rmSync(this.path, { force: true });
      return;
    }
    mkdirSync(this.directory, { recursive: true });
    writeFileSync(this.path, JSON.stringify(running), { mode: 0o600 });
  }

  /** The upload the previous run left, removing the record; undefined when none (or unreadable). */
  take(): RunningUpload | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    rmSync(this.path, { force: true });
    try {
      const record = JSON.parse(text) as Partial<RunningUpload>;
      if (typeof record.requestId !== 'number' || !Number.isInteger(record.requestId) || typeof record.filePath !== 'string') return undefined;
      return { requestId: record.requestId, filePath: record.filePath };
    } catch {
      return undefined;
    }
  }
}
