// Validation against the official OCA schemas and the mapping of each kind of violation to its CALLERROR
// code (OCPP-J Part 4, table 8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertValidOutgoing,
  errorCodeFor,
  precompileAllValidators,
  validatePayload,
} from '../../../src/rpc/schema-validator.js';
import { OutgoingPayloadError } from '../../../src/rpc/errors.js';

describe('schema validation', () => {
  it('compiles the validators of all 64 actions, requests and responses, in strict mode', () => {
    precompileAllValidators();
  });

  it('accepts a valid payload', () => {
    assert.deepEqual(
      validatePayload('BootNotification', 'Request', {
        reason: 'PowerUp',
        chargingStation: { model: 'M1', vendorName: 'V' },
      }),
      { ok: true },
    );
  });

  it('pins the error-code table: each kind of violation gets its CALLERROR code', () => {
    const cases: [string, unknown, string, string][] = [
      ['missing required field', { evseId: 1 }, 'OccurrenceConstraintViolation', '/connectorId'],
      ['wrong JSON type', { evseId: 'one', connectorId: 1 }, 'TypeConstraintViolation', '/evseId'],
      ['payload not an object', 42, 'FormatViolation', ''],
      ['field the message does not define', { evseId: 1, connectorId: 1, colour: 'red' }, 'FormatViolation', '/colour'],
    ];
    for (const [what, payload, code, path] of cases) {
      const outcome = validatePayload('UnlockConnector', 'Request', payload);
      assert.equal(outcome.ok, false, what);
      if (!outcome.ok) assert.deepEqual([outcome.errorCode, outcome.path], [code, path], what);
    }
  });

  it('maps a value outside its enumeration to PropertyConstraintViolation', () => {
    const outcome = validatePayload('GetBaseReport', 'Request', { requestId: 1, reportBase: 'Everything' });
    assert.ok(!outcome.ok && outcome.errorCode === 'PropertyConstraintViolation' && outcome.path === '/reportBase');
  });

  it('maps a string over its maximum length to PropertyConstraintViolation', () => {
    const outcome = validatePayload('DataTransfer', 'Request', { vendorId: 'v'.repeat(256) });
    assert.ok(!outcome.ok && outcome.errorCode === 'PropertyConstraintViolation');
  });

  it('maps a malformed date-time to PropertyConstraintViolation', () => {
    const outcome = validatePayload('Heartbeat', 'Response', { currentTime: 'yesterday' });
    assert.ok(!outcome.ok && outcome.errorCode === 'PropertyConstraintViolation' && outcome.path === '/currentTime');
  });

  it('maps an empty array that needs items to OccurrenceConstraintViolation', () => {
    const outcome = validatePayload('GetVariables', 'Request', { getVariableData: [] });
    assert.ok(!outcome.ok && outcome.errorCode === 'OccurrenceConstraintViolation');
  });

  it('maps unlisted keywords to FormatViolation', () => {
    assert.equal(errorCodeFor({ keyword: 'additionalProperties', instancePath: '' }), 'FormatViolation');
    assert.equal(errorCodeFor({ keyword: 'somethingNew', instancePath: '/a' }), 'FormatViolation');
  });

  it('throws OutgoingPayloadError with the path of the bad field for an outgoing payload', () => {
    assert.throws(
      () => assertValidOutgoing('BootNotification', 'Request', { reason: 'PowerUp', chargingStation: { vendorName: 'V' } }),
      (error: unknown) =>
        error instanceof OutgoingPayloadError &&
        error.path === '/chargingStation/model' &&
        error.message.includes('/chargingStation/model'),
    );
  });
});
