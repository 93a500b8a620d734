// The OCPP-J frame codec (Part 4 §4), pinned with raw strings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, encodeCall, encodeCallError, encodeCallResult } from '../../../src/rpc/frame-codec.js';
import { OcppError } from '../../../src/rpc/errors.js';

function faultOf(text: string) {
  const result = decodeFrame(text);
  assert.equal(result.ok, false, `expected a fault for ${text}`);
  return (result as Extract<typeof result, { ok: false }>).fault;
}

function frameOf(text: string) {
  const result = decodeFrame(text);
  assert.ok(result.ok, `expected a frame for ${text}`);
  return result.frame;
}

describe('frame codec: decoding', () => {
  it('decodes a CALL', () => {
    assert.deepEqual(frameOf('[2,"19223201","BootNotification",{"reason":"PowerUp"}]'), {
      type: 'call',
      messageId: '19223201',
      action: 'BootNotification',
      payload: { reason: 'PowerUp' },
    });
  });

  it('decodes a CALLRESULT', () => {
    assert.deepEqual(frameOf('[3, "19223201", {"currentTime": "2026-01-01T00:00:00Z"}]'), {
      type: 'callResult',
      messageId: '19223201',
      payload: { currentTime: '2026-01-01T00:00:00Z' },
    });
  });

  it('decodes a CALLERROR', () => {
    assert.deepEqual(frameOf('[4,"162376037","NotSupported","SetDisplayMessageRequest not implemented",{}]'), {
      type: 'callError',
      messageId: '162376037',
      errorCode: 'NotSupported',
      errorDescription: 'SetDisplayMessageRequest not implemented',
      errorDetails: {},
    });
  });

  it('answers text that is not JSON with RpcFrameworkError and id "-1"', () => {
    assert.deepEqual(faultOf('[2,"a","Heartbeat",{'), {
      messageId: '-1',
      errorCode: 'RpcFrameworkError',
      description: 'message is not valid JSON',
      reply: true,
    });
  });

  it('answers JSON that is not an array with RpcFrameworkError and id "-1"', () => {
    const fault = faultOf('{"2": "a"}');
    assert.equal(fault.messageId, '-1');
    assert.equal(fault.errorCode, 'RpcFrameworkError');
  });

  it('uses id "-1" when the message id is missing, empty or not a string', () => {
    for (const text of ['[2]', '[2, 17, "Heartbeat", {}]', '[2, "", "Heartbeat", {}]', '[]']) {
      const fault = faultOf(text);
      assert.deepEqual([fault.messageId, fault.errorCode, fault.reply], ['-1', 'RpcFrameworkError', true], text);
    }
  });

  it('refuses a message id longer than 36 characters', () => {
    const id = 'x'.repeat(37);
    const fault = faultOf(`[2, "${id}", "Heartbeat", {}]`);
    assert.deepEqual([fault.messageId, fault.errorCode], [id, 'RpcFrameworkError']);
    assert.equal(decodeFrame(`[2, "${'x'.repeat(36)}", "Heartbeat", {}]`).ok, true);
  });

  it('answers an unknown message type number with MessageTypeNotSupported', () => {
    for (const type of [0, 1, 5, 6, 99]) {
      const fault = faultOf(`[${type}, "m1", "Heartbeat", {}]`);
      assert.deepEqual([fault.messageId, fault.errorCode, fault.reply], ['m1', 'MessageTypeNotSupported', true]);
    }
  });

  it('answers a message type that is not a number with RpcFrameworkError', () => {
    assert.equal(faultOf('["2", "m1", "Heartbeat", {}]').errorCode, 'RpcFrameworkError');
  });

  it('answers a CALL with the wrong number of elements with RpcFrameworkError and its id', () => {
    assert.deepEqual(
      [faultOf('[2, "m1", "Heartbeat"]').messageId, faultOf('[2, "m1", "Heartbeat"]').errorCode],
      ['m1', 'RpcFrameworkError'],
    );
    assert.equal(faultOf('[2, "m1", "Heartbeat", {}, {}]').errorCode, 'RpcFrameworkError');
  });

  it('answers a CALL whose action is not a string with RpcFrameworkError', () => {
    assert.equal(faultOf('[2, "m1", 42, {}]').errorCode, 'RpcFrameworkError');
  });

  it('answers a CALL whose payload is not an object with FormatViolation', () => {
    for (const payload of ['42', '"text"', 'null', '[]']) {
      const fault = faultOf(`[2, "m1", "Heartbeat", ${payload}]`);
      assert.deepEqual([fault.messageId, fault.errorCode, fault.reply], ['m1', 'FormatViolation', true], payload);
    }
  });

  it('never answers a malformed CALLRESULT or CALLERROR (a CALLERROR only replies to a CALL)', () => {
    for (const text of ['[3, "m1"]', '[3, "m1", 5]', '[4, "m1", "GenericError"]', '[4, "m1", 5, "", {}]', '[3, 17, {}]']) {
      assert.equal(faultOf(text).reply, false, text);
    }
  });
});

describe('frame codec: encoding', () => {
  it('encodes a CALL, a CALLRESULT and a CALLERROR as the arrays Part 4 defines', () => {
    assert.equal(encodeCall('m1', 'Heartbeat', {}), '[2,"m1","Heartbeat",{}]');
    assert.equal(encodeCallResult('m1', { status: 'Accepted' }), '[3,"m1",{"status":"Accepted"}]');
    assert.equal(
      encodeCallError('m1', new OcppError('NotSupported', 'no display')),
      '[4,"m1","NotSupported","no display",{}]',
    );
  });

  it('fills an empty description with "" and keeps details an object', () => {
    assert.equal(encodeCallError('m1', new OcppError('GenericError')), '[4,"m1","GenericError","",{}]');
    assert.equal(
      encodeCallError('m1', new OcppError('GenericError', 'x', { path: '/a' })),
      '[4,"m1","GenericError","x",{"path":"/a"}]',
    );
  });

  it('round-trips every frame type', () => {
    const call = decodeFrame(encodeCall('m2', 'Authorize', { idToken: { idToken: 'A', type: 'ISO14443' } }));
    assert.ok(call.ok && call.frame.type === 'call' && call.frame.action === 'Authorize');
    const result = decodeFrame(encodeCallResult('m2', {}));
    assert.ok(result.ok && result.frame.type === 'callResult');
    const error = decodeFrame(encodeCallError('m2', new OcppError('InternalError', 'oops')));
    assert.ok(error.ok && error.frame.type === 'callError' && error.frame.errorCode === 'InternalError');
  });
});
