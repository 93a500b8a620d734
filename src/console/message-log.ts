// `--log-messages <file>`: every frame as one JSON line — when, which way, and the frame itself (parsed when it
// is JSON) — appended to the file, so a session can be replayed or diffed later.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

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

/** A message log that cannot be opened: the message names the path and the system's reason. */
export class MessageLogError extends Error {
  override readonly name = 'MessageLogError';
}

/** The message log at `path`; a path that cannot be written is a MessageLogError (the command line's usage error). */
export function openMessageLog(path: string): MessageLog {
  try {
    return new MessageLog(path);
  } catch (error) {
    throw new MessageLogError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
