// Writing a small file so that a crash leaves the old content or the new, never half of it: a temporary file
// beside the target, flushed to disk, renamed over it, and the folder flushed so the rename itself is kept.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Replaces `path` with `content` in one step (mode applies to a new file). */
export function writeFileDurably(path: string, content: string, mode = 0o600): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncFolder(dirname(path));
}

/** Flushes a folder's entries (a rename or a new file in it) to disk; a system that cannot is left as it is. */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to sync a folder: the rename is then as durable as they make it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
