// The terminal's view of OCPP-J frames and the JSON-lines message log.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageConsole } from '../../../src/console/message-console.js';
import { MessageLog } from '../../../src/console/message-log.js';

describe('message console', () => {
  it('names calls, their answers and errors, and cuts long payloads', () => {
    const console = new MessageConsole({ colour: false, maxPayloadChars: 20 });
    assert.equal(console.format('out', '[2,"abcdefghij","Heartbeat",{}]'), '→ Heartbeat #abcdefgh {}');
    assert.equal(console.format('in', '[3,"abcdefghij",{"currentTime":"2026-01-01T00:00:00Z"}]'), '← Heartbeat answer #abcdefgh {"currentTime":"202…');
    console.format('in', '[2,"x1","Reset",{"type":"Immediate"}]');
    assert.equal(console.format('out', '[4,"x1","SecurityError","not now",{}]'), '→ Reset CALLERROR #x1 SecurityError: not now');
    assert.equal(console.format('in', '{oops'), '← (not JSON) {oops');
  });

  it('colours when asked', () => {
    assert.equal(new MessageConsole({ colour: true }).format('out', '[2,"a","Heartbeat",{}]').startsWith('\u001b[36m'), true);
  });
});

describe('message log', () => {
  it('writes one JSON line per frame with timestamp and direction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-msglog-'));
    try {
      const log = new MessageLog(join(dir, 'sub', 'frames.jsonl'));
      log.write('out', '[2,"a","Heartbeat",{}]', new Date('2026-01-01T00:00:00Z'));
      log.write('in', 'not json', new Date('2026-01-01T00:00:01Z'));
      const lines = readFileSync(join(dir, 'sub', 'frames.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(lines, [
        { timestamp: '2026-01-01T00:00:00.000Z', direction: 'out', frame: [2, 'a', 'Heartbeat', {}] },
        { timestamp: '2026-01-01T00:00:01.000Z', direction: 'in', frame: 'not json' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('issue 10 item 11: long frames', () => {
  it('the console shows a frame of megabytes as one short line', () => {
    const console = new MessageConsole({ colour: false });
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const call = console.format('in', JSON.stringify([2, 'id-1', huge, { data: huge }]));
    const error = console.format('in', JSON.stringify([4, 'id-2', huge, huge, {}]));
    for (const line of [call, error]) assert.ok(line.length < 300, `${line.length} characters`);
  });

  it('the message log keeps whole frames unless --log-max-frame-bytes asks to cut them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-msglog-cut-'));
    try {
      const frame = JSON.stringify([2, 'a', 'DataTransfer', { vendorId: 'v', data: 'y'.repeat(10_000) }]);
      const whole = new MessageLog(join(dir, 'whole.jsonl'));
      const cut = new MessageLog(join(dir, 'cut.jsonl'), { maxFrameBytes: 100 });
      for (const log of [whole, cut]) log.write('in', frame, new Date('2026-01-01T00:00:00Z'));
      for (const log of [whole, cut]) log.close();
      const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
      assert.deepEqual(read('whole.jsonl').frame, JSON.parse(frame));
      const short = read('cut.jsonl');
      assert.equal(short.truncated, true);
      assert.equal(short.bytes, Buffer.byteLength(frame));
      assert.equal(short.frame, frame.slice(0, 100));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
