// What the publishing block keeps on disk, in one folder of its own (for `ocpp-station run`: `<db name>-published/`
// beside the database):
//   files/<md5>/<name>      a published firmware file; its presence is what "published" means, so the rename that
//                           puts it there is the moment it becomes published, and a crash leaves it or not
//   downloads/<id>.bin      a download in progress (src/transfer writes `.part` first and renames once complete)
//   publishing.json         the download in progress, the last status sent, the port last listened on; replaced
//                           in one step (src/storage/durable-file.ts)
import { createReadStream, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PublishFirmwareStatusEnumType } from '../../messages/types.js';
import { syncFolder, writeFileDurably } from '../../storage/durable-file.js';

/** An MD5 digest as PublishFirmware and UnpublishFirmware carry it: 32 hexadecimal digits (kept in lower case). */
export const MD5_PATTERN = /^[0-9a-f]{32}$/i;

/** A file the station publishes. */
export interface PublishedFile {
  /** MD5 of the whole file, lower case (L03.FR.02): what UnpublishFirmware names it by. */
  readonly checksum: string;
  /** The name it is served under (from the download location, made safe). */
  readonly fileName: string;
  readonly path: string;
  readonly size: number;
}

/** An accepted PublishFirmware that has not ended yet. */
export interface PublishJob {
  readonly requestId: number;
  readonly location: string;
  /** Lower case. */
  readonly checksum: string;
  readonly retries: number;
  readonly retryIntervalSeconds: number;
  /** Attempts that failed so far. */
  readonly failedAttempts: number;
  /** Downloading now, waiting `retryIntervalSeconds` after a failed attempt, or paused (DownloadPaused). */
  readonly phase: 'downloading' | 'retry-scheduled' | 'paused';
  /** ISO time of the last change (the retry wait counts from it). */
  readonly updatedAt: string;
}

/** The last PublishFirmwareStatusNotification sent. */
export interface PublishStatusRecord {
  readonly status: PublishFirmwareStatusEnumType;
  readonly requestId?: number;
}

export interface PublishingRecord {
  readonly job?: PublishJob;
  readonly last?: PublishStatusRecord;
  /** The port the server last listened on: tried first again when any port will do, so locations stay valid. */
  readonly port?: number;
}

const RECORD = 'publishing.json';
const MAX_FILE_NAME = 100;

export class PublishingFolder {
  private readonly files: string;
  private readonly downloads: string;

  constructor(readonly directory: string) {
    this.files = join(directory, 'files');
    this.downloads = join(directory, 'downloads');
  }

  /** What the previous run left (empty when nothing, or when the record cannot be read). */
  readRecord(): PublishingRecord {
    let text: string;
    try {
      text = readFileSync(join(this.directory, RECORD), 'utf8');
    } catch {
      return {};
    }
    try {
      const record = JSON.parse(text) as PublishingRecord;
      return typeof record === 'object' && record !== null ? record : {};
    } catch {
      return {};
    }
  }

  writeRecord(record: PublishingRecord): void {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    writeFileDurably(join(this.directory, RECORD), JSON.stringify(record));
  }

  /** The published files, by checksum; an empty or foreign entry in files/ is passed over. */
  published(): PublishedFile[] {
    let entries: string[];
    try {
      entries = readdirSync(this.files);
    } catch {
      return [];
    }
    const found: PublishedFile[] = [];
    for (const checksum of entries.filter((entry) => MD5_PATTERN.test(entry) && entry === entry.toLowerCase()).sort()) {
      const file = this.fileOf(checksum);
      if (file) found.push(file);
    }
    return found;
  }

  /** The published file of a checksum (any case), if any. */
  find(checksum: string): PublishedFile | undefined {
    return MD5_PATTERN.test(checksum) ? this.fileOf(checksum.toLowerCase()) : undefined;
  }

  /** Where the download of `requestId` goes (its folder made); anything an earlier download left is removed. */
  downloadPath(requestId: number): string {
    rmSync(this.downloads, { recursive: true, force: true });
    mkdirSync(this.downloads, { recursive: true, mode: 0o700 });
    return join(this.downloads, `${requestId}.bin`);
  }

  /** Removes what a download left. */
  clearDownloads(): void {
    rmSync(this.downloads, { recursive: true, force: true });
  }

  /** Moves a verified download into files/ under its checksum: from the rename on, it is published. */
  publish(downloaded: string, checksum: string, fileName: string): PublishedFile {
    const folder = join(this.files, checksum);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, fileName);
    renameSync(downloaded, path);
    syncFolder(folder);
    return { checksum, fileName, path, size: statSync(path).size };
  }

  /** Removes a published file; false when there was none. */
  unpublish(checksum: string): boolean {
    const file = this.find(checksum);
    if (!file) return false;
    rmSync(join(this.files, file.checksum), { recursive: true, force: true });
    syncFolder(this.files);
    return true;
  }

  private fileOf(checksum: string): PublishedFile | undefined {
    const folder = join(this.files, checksum);
    try {
      const [name, ...others] = readdirSync(folder);
      if (name === undefined || others.length > 0) return undefined;
      const path = join(folder, name);
      const stats = statSync(path);
      return stats.isFile() ? { checksum, fileName: name, path, size: stats.size } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** L03.FR.02: the MD5 of the whole file, lower-case hex, read as a stream. */
export function md5OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The name a file downloaded from `location` is served under: the last path segment, letters, digits, `._-` only. */
export function servedFileName(location: string): string {
  let segment = '';
  try {
    const path = new URL(location).pathname;
    segment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    segment = '';
  }
  const safe = segment
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[.]+/, '')
    .slice(0, MAX_FILE_NAME);
  return safe.length > 0 ? safe : 'firmware.bin';
}
