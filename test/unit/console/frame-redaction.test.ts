// A01.FR.12: the BasicAuthPassword a SetVariables call carries never reaches the message log or the console.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDACTED_FRAME, redactFrame } from '../../../src/frame-redaction.js';
import { MessageConsole } from '../../../src/console/message-console.js';
import { MessageLog } from '../../../src/console/message-log.js';
import { REDACTED } from '../../../src/log-redaction.js';

const SECRET = 'Very-Secret-Pass-0042';

const passwordItem = (value = SECRET) => ({
  component: { name: 'SecurityCtrlr' },
  variable: { name: 'BasicAuthPassword' },
  attributeValue: value,
});
const otherItem = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' };
const setVariables = (...items: unknown[]) => JSON.stringify([2, 'm-1', 'SetVariables', { setVariableData: items }]);

describe('redactFrame', () => {
  it('A01.FR.12 replaces the attributeValue of a BasicAuthPassword entry and keeps the rest of the frame', () => {
    const redacted = redactFrame(setVariables(otherItem, { ...passwordItem(), attributeType: 'Actual' }));
    assert.equal(redacted.includes(SECRET), false);
    assert.deepEqual(JSON.parse(redacted), [
      2,
      'm-1',
      'SetVariables',
      { setVariableData: [otherItem, { ...passwordItem(REDACTED), attributeType: 'Actual' }] },
    ]);
  });

  it('passes every other frame through unchanged, the very same text', () => {
    for (const text of [
      setVariables(otherItem),
      '[2,"m-2","Heartbeat",{}]',
      '[3,"m-1",{"setVariableResult":[{"attributeStatus":"Accepted","component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}]}]',
      '[2,"m-3","GetVariables",{"getVariableData":[{"component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}]}]',
      'not json at all',
    ]) {
      assert.equal(redactFrame(text), text);
    }
  });

  it('censors the password whatever component the entry names, and every entry of the call', () => {
    const stray = { ...passwordItem('Another-Secret-0043'), component: { name: 'SecurityCtrlr', instance: 'Other' } };
    const redacted = redactFrame(setVariables(passwordItem(), stray));
    assert.equal(redacted.includes(SECRET) || redacted.includes('Another-Secret-0043'), false);
    assert.equal(JSON.parse(redacted)[3].setVariableData.length, 2);
  });

  it('replaces a frame as a whole when it names the variable where the value cannot be told apart', () => {
    const broken = `[2,"m-1","SetVariables",{"setVariableData":[{"variable":{"name":"BasicAuthPassword"},"attributeValue":"${SECRET}"}`;
    const oddShape = JSON.stringify([2, 'm-1', 'SetVariables', { setVariableData: { BasicAuthPassword: SECRET } }]);
    const echoed = JSON.stringify([4, 'm-1', 'FormatViolation', 'bad', { request: `BasicAuthPassword=${SECRET}` }]);
    for (const text of [broken, oddShape, echoed]) assert.equal(redactFrame(text), REDACTED_FRAME, text);
  });
});

describe('the message console and the message log censor the password', () => {
  it('A01.FR.12 the console line shows the call, not the password', () => {
    const line = new MessageConsole({ colour: false, maxPayloadChars: 1000 }).format('in', setVariables(passwordItem()));
    assert.equal(line.includes(SECRET), false);
    assert.match(line, /^← SetVariables #m-1 .*BasicAuthPassword.*\[redacted\]/);
  });

  it('A01.FR.12 the message log keeps the frame, without the password, also when it cuts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-redact-'));
    try {
      const whole = new MessageLog(join(dir, 'whole.jsonl'));
      const cut = new MessageLog(join(dir, 'cut.jsonl'), { maxFrameBytes: 150 });
      for (const log of [whole, cut]) {
        log.write('in', setVariables(passwordItem()), new Date('2026-01-01T00:00:00Z'));
        log.close();
      }
      const wholeText = readFileSync(join(dir, 'whole.jsonl'), 'utf8');
      assert.equal(wholeText.includes(SECRET), false);
      assert.deepEqual(JSON.parse(wholeText).frame[3].setVariableData[0].attributeValue, REDACTED);
      const cutLine = JSON.parse(readFileSync(join(dir, 'cut.jsonl'), 'utf8'));
      assert.equal(cutLine.truncated, true);
      assert.equal(cutLine.frame.includes(SECRET.slice(0, 8)), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
