// N01.FR.03/04: what a log file holds, from the station's records, within the requested window, without secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildLogText, FrameRecorder, inRange, InvalidLogRangeError, logFileName, logRangeOf } from '../../../../src/blocks/logs/log-file.js';
import type { SecurityLogEntry } from '../../../../src/storage/security-log-store.js';

const entries: SecurityLogEntry[] = [
  { type: 'StartupOfTheDevice', timestamp: '2026-01-01T00:00:00.000Z', critical: true, techInfo: 'boot reason PowerUp' },
  { type: 'ReconfigurationOfSecurityParameters', timestamp: '2026-01-02T00:00:00.000Z', critical: false, techInfo: 'BasicAuthPassword changed by CSMS' },
  { type: 'InvalidMessages', timestamp: '2026-01-03T00:00:00.000Z', critical: false, techInfo: 'see ftp://user:secret@host/x' },
];
const now = new Date('2026-01-04T00:00:00.000Z');

describe('log file', () => {
  it('N01.FR.03 a SecurityLog holds the security events of the window, oldest first, and nothing else', () => {
    const frames = new FrameRecorder();
    frames.record('out', '[2,"1","Heartbeat",{}]', new Date('2026-01-02T00:00:00.000Z'));
    const range = logRangeOf({ oldestTimestamp: '2026-01-01T12:00:00Z', latestTimestamp: '2026-01-03T00:00:00Z' });
    const lines = buildLogText('SecurityLog', range, { stationId: 'CS-1', now, securityLog: entries, frames: frames.all() }).trim().split('\n');
    assert.match(lines[0]!, /^# SecurityLog of charging station CS-1/);
    assert.match(lines[1]!, /records from 2026-01-01T12:00:00.000Z to 2026-01-03T00:00:00.000Z: 2$/);
    assert.deepEqual(lines.slice(2), [
      '2026-01-02T00:00:00.000Z security ReconfigurationOfSecurityParameters BasicAuthPassword changed by CSMS',
      '2026-01-03T00:00:00.000Z security InvalidMessages see ftp://[redacted]@host/x',
    ]);
  });

  it('N01.FR.04 a DiagnosticsLog merges security events and OCPP frames by time; the password never shows', () => {
    const frames = new FrameRecorder();
    const password = 'Top-Secret-Password-1';
    frames.record(
      'in',
      JSON.stringify([2, 'a', 'SetVariables', { setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: password }] }]),
      new Date('2026-01-01T06:00:00.000Z'),
    );
    frames.record('in', JSON.stringify([2, 'b', 'GetLog', { log: { remoteLocation: 'http://u:pw-123@h/logs' }, logType: 'SecurityLog', requestId: 1 }]), new Date('2026-01-02T06:00:00.000Z'));
    const text = buildLogText('DiagnosticsLog', {}, { stationId: 'CS-1', now, securityLog: entries, frames: frames.all() });
    const lines = text.trim().split('\n').slice(2);
    assert.equal(lines.length, 5);
    assert.deepEqual(
      lines.map((line) => line.split(' ')[1]),
      ['security', 'ocpp', 'security', 'ocpp', 'security'],
    );
    assert.match(lines[1]!, /^2026-01-01T06:00:00.000Z ocpp << \[2,"a","SetVariables"/);
    assert.ok(!text.includes(password));
    assert.ok(!text.includes('pw-123'));
  });

  it('N01.FR.04 the frame recorder keeps the newest frames only', () => {
    const frames = new FrameRecorder(2);
    for (let i = 0; i < 3; i++) frames.record('out', `[2,"${i}","Heartbeat",{}]`, now);
    assert.deepEqual(frames.all().map((frame) => frame.text), ['[2,"1","Heartbeat",{}]', '[2,"2","Heartbeat",{}]']);
  });

  it('N01.FR.05 an unreadable or empty window is refused', () => {
    assert.throws(() => logRangeOf({ oldestTimestamp: 'yesterday' }), InvalidLogRangeError);
    assert.throws(() => logRangeOf({ oldestTimestamp: '2026-01-02T00:00:00Z', latestTimestamp: '2026-01-01T00:00:00Z' }), InvalidLogRangeError);
    assert.equal(inRange('2026-01-01T00:00:00.000Z', logRangeOf({ latestTimestamp: '2026-01-01T00:00:00Z' })), true);
  });

  it('N01.FR.01 the file name is safe for a file system and names station, log and request', () => {
    assert.equal(logFileName('CS/1 x', 'SecurityLog', 42, now), 'CS_1_x_SecurityLog_42_20260104T000000Z.log');
  });
});
