// `--log-messages <file>`: every frame as one JSON line — when, which way, and the frame itself (parsed when it
// is JSON) — appended to the file, so a session can be replayed or diffed later.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './usage-error.js';

export class MessageLog {
  /** Creates the file (and its folder) at once, so that a path that cannot be written fails at start. */
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '');
  }

  write(direction: 'in' | 'out', text: string, at: Date): void {
    let frame: unknown = text;
    try {
      frame = JSON.parse(text);
    } catch {
      // Kept as text: what came in was not JSON.
    }
    appendFileSync(this.path, `${JSON.stringify({ timestamp: at.toISOString(), direction, frame })}\n`);
  }
}

/** The message log of `--log-messages <path>`; a path that cannot be written is a usage error naming the option. */
export function openMessageLog(path: string): MessageLog {
  try {
    return new MessageLog(path);
  } catch (error) {
    throw new UsageError(`--log-messages: cannot write ${path}: ${(error as Error).message}`);
  }
}
