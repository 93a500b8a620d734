// `--log-messages <file>`: every frame as one JSON line — when, which way, and the frame itself (parsed when it
// is JSON) — appended to the file, so a session can be replayed or diffed later.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export class MessageLog {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
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
