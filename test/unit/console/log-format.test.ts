// Issue 10 item 17: the diagnostic log on a terminal is one readable line per record (local time, level, message,
// the fields once each), without pino-pretty; and a binding bound twice (the station's logger handed to its
// link, which binds stationId again) is written once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localTime, prettyLogLine } from '../../../src/console/log-format.js';
import { createLogger } from '../../../src/logger.js';

describe('issue 10 item 17: pretty diagnostic log', () => {
  const at = new Date('2026-03-04T05:06:07.089Z');
  const json = JSON.stringify({
    level: 40,
    time: at.getTime(),
    pid: 1,
    hostname: 'h',
    name: 'ocpp-station',
    stationId: 'CS-1',
    component: 'transport',
    slot: 1,
    err: { type: 'MessageDroppedError', code: 'QUEUE_MESSAGE_DROPPED', message: 'dropped', stack: 'MessageDroppedError: dropped\n    at x' },
    msg: 'first line\nsecond line',
  });

  it('one line: local time, level, message, then the fields; an error without its stack', () => {
    assert.equal(
      prettyLogLine(`${json}\n`),
      `${localTime(at)} WARN  first line\\nsecond line stationId=CS-1 component=transport slot=1 ` +
        'err="MessageDroppedError QUEUE_MESSAGE_DROPPED: dropped"\n',
    );
  });

  it('local time is the local calendar and clock, to the millisecond', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    assert.equal(
      localTime(at),
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.089`,
    );
  });

  it('colours the level on a terminal, and leaves text that is not a record as it is', () => {
    assert.ok(prettyLogLine(json, { colour: true }).includes('\u001b[33mWARN \u001b[0m first line'));
    assert.equal(prettyLogLine('not json'), 'not json\n');
  });

  it('a child binding its parent already has is written once', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line) => void lines.push(line) } });
    logger.child({ stationId: 'CS-1' }).child({ stationId: 'CS-1', component: 'transport' }).info('hello');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.match(/"stationId"/g)?.length, 1, lines[0]);
    assert.match(lines[0]!, /"component":"transport"/);
  });
});
