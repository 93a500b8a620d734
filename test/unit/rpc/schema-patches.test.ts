// Issue 10 item 7: the installed schema of GetChargingProfilesRequest leaves ChargingProfileCriterionType open
// (no additionalProperties: false, unlike every other object type but CustomDataType). The station closes it at
// load time; these tests pin what is closed, and that the validators (generated and runtime) refuse extra fields.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCPP_ACTIONS } from '../../../src/messages/types.js';
import { closeOpenObjectTypes } from '../../../src/rpc/schema-patches.js';
import { OCPP_SCHEMA_DIR, createOcppCompiler, ocppSchemaText, validatePayload } from '../../../src/rpc/schema-validator.js';

describe('schema patches (issue 10 item 7)', () => {
  it('of all 128 installed schemas only GetChargingProfilesRequest needs closing, at ChargingProfileCriterionType', () => {
    const closed: string[] = [];
    for (const action of OCPP_ACTIONS) {
      for (const kind of ['Request', 'Response']) {
        const raw = JSON.parse(readFileSync(join(OCPP_SCHEMA_DIR, `${action}${kind}.json`), 'utf8')) as object;
        for (const pointer of closeOpenObjectTypes(raw)) closed.push(`${action}${kind}${pointer}`);
      }
    }
    assert.deepEqual(closed, ['GetChargingProfilesRequest/definitions/ChargingProfileCriterionType']);
  });

  it('CustomDataType stays open for vendor fields', () => {
    const payload = { requestId: 1, chargingProfile: { customData: { vendorId: 'acme', anything: 1 } } };
    assert.deepEqual(validatePayload('GetChargingProfiles', 'Request', payload), { ok: true });
  });

  it('K09 GetChargingProfilesRequest.chargingProfile with a field the spec does not define is a FormatViolation', () => {
    const outcome = validatePayload('GetChargingProfiles', 'Request', { requestId: 1, chargingProfile: { stackLevel: 0, colour: 'red' } });
    assert.deepEqual(outcome.ok ? 'accepted' : [outcome.errorCode, outcome.path], ['FormatViolation', '/chargingProfile/colour']);
    assert.deepEqual(validatePayload('GetChargingProfiles', 'Request', { requestId: 1, chargingProfile: { stackLevel: 0 } }), { ok: true });
  });

  it('the runtime compile path sees the same closed schema', () => {
    const validate = createOcppCompiler().compile(JSON.parse(ocppSchemaText('GetChargingProfilesRequest')) as object);
    assert.equal(validate({ requestId: 1, chargingProfile: { colour: 'red' } }), false);
  });
});
