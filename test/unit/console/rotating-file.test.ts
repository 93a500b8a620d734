// Issue 10 item 11: the logs stay within their size budget (rotation to file.1 … file.N), and a log that cannot be
// written (disk full, file gone) is reported once, drops lines without spinning, and is tried again later.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FILE_OPS, RotatingFile, makeFolders, type FileOps } from '../../../src/console/rotating-file.js';
import { FakeClock } from '../../fakes/fake-clock.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ocpp-rotating-'));
}

describe('issue 10 item 11: rotating log file', () => {
  it('keeps the current file and N rotated ones within the cap plus one line, the newest lines in the current file', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'frames.jsonl');
      const cap = 4096;
      const file = new RotatingFile(path, { maxBytes: cap, keep: 3, clock: new FakeClock(), onError: () => assert.fail('no write error') });
      let longest = 0;
      for (let n = 0; n < 2000; n++) {
        // Lines of varying length, some longer than a file's share of the budget (a frame of its own).
        const line = `${JSON.stringify({ n, pad: 'x'.repeat((n * 37) % (n % 50 === 0 ? 1500 : 200)) })}\n`;
        longest = Math.max(longest, Buffer.byteLength(line));
        file.write(line);
      }
      file.close();
      const files = [path, `${path}.1`, `${path}.2`, `${path}.3`];
      assert.equal(existsSync(`${path}.4`), false, 'no more than --log-keep rotated files');
      const total = files.reduce((sum, name) => sum + statSync(name).size, 0);
      assert.ok(total <= cap + longest, `${total} bytes <= ${cap} + one line of ${longest}`);
      const current = readFileSync(path, 'utf8').trim().split('\n');
      assert.equal(JSON.parse(current.at(-1)!).n, 1999, 'the newest line is in the current file');
      const older = readFileSync(`${path}.1`, 'utf8').trim().split('\n');
      assert.ok(JSON.parse(older.at(-1)!).n < JSON.parse(current[0]!).n, 'file.1 holds the lines just before');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failing write once, drops lines without retrying each one, and writes again a minute later', async () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'log.jsonl');
      let full = false;
      let attempts = 0;
      // ENOSPC on demand: the disk "fills up" and later has room again.
      const ops: FileOps = {
        ...NODE_FILE_OPS,
        write: (fd, data) => {
          attempts++;
          if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          NODE_FILE_OPS.write(fd, data);
        },
      };
      const clock = new FakeClock();
      const reports: [string | undefined, number][] = [];
      const file = new RotatingFile(path, { clock, ops, onError: (error, dropped) => reports.push([error?.message, dropped]) });
      file.write('before\n');
      full = true;
      for (let n = 0; n < 1000; n++) file.write(`lost ${n}\n`);
      assert.deepEqual(reports, [['ENOSPC: no space left on device, write', 0]], 'reported once');
      assert.equal(attempts, 2, 'no write is tried while the log is down: no spin');
      full = false;
      await clock.advance(60_000);
      file.write('after\n');
      file.close();
      assert.deepEqual(reports[1], [undefined, 1000], 'writing again is reported once, with the lines dropped');
      assert.equal(readFileSync(path, 'utf8'), 'before\nafter\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes missing folders one by one, and fails (without spinning) where none can be made', () => {
    const dir = tempDir();
    try {
      makeFolders(join(dir, 'a', 'b', 'log.jsonl'));
      assert.ok(statSync(join(dir, 'a', 'b')).isDirectory());
      assert.throws(() => makeFolders('/proc/nope/deeper/log.jsonl'), /ENOENT|EACCES|EPERM/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
