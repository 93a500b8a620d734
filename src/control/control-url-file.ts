// Where a running station's control API can be found: `ocpp-station run --db station.db` writes the API's URL
// to `station.db.control-url`, and `ocpp-station ctl --db station.db …` reads it from there.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** The file next to the database that holds the control API's URL while the station runs. */
export function controlUrlFile(dbPath: string): string {
  return `${dbPath}.control-url`;
}

/** Writes the URL next to the database (atomically: a reader sees the old file or the whole new one). */
export function writeControlUrl(dbPath: string, url: string): void {
  const file = controlUrlFile(dbPath);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${url}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The URL written next to the database; undefined when there is no such file (no station runs on it). */
export function readControlUrl(dbPath: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(controlUrlFile(dbPath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const url = text.trim();
  return url === '' ? undefined : url;
}

/**
 * Removes the URL file when a station stops. With `url`, only when the file still names that URL: another
 * station started on the same database since then keeps its file.
 */
export function removeControlUrl(dbPath: string, url?: string): void {
  if (url !== undefined && readControlUrl(dbPath) !== url) return;
  rmSync(controlUrlFile(dbPath), { force: true });
}
