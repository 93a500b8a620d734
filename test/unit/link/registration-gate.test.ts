import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { admitWhileNotAccepted } from '../../../src/link/registration-gate.js';

describe('registration gate (B02, B03)', () => {
  it('serves everything once Accepted', () => {
    assert.equal(admitWhileNotAccepted('Accepted', 'Reset'), undefined);
  });

  it('B02.FR.01 serves GetVariables, SetVariables, GetBaseReport, GetReport while Pending', () => {
    for (const action of ['GetVariables', 'SetVariables', 'GetBaseReport', 'GetReport', 'TriggerMessage'] as const) {
      assert.equal(admitWhileNotAccepted('Pending', action), undefined, action);
    }
  });

  it('B02.FR.05 lets RequestStart/StopTransaction reach their handler while Pending (which answers Rejected)', () => {
    assert.equal(admitWhileNotAccepted('Pending', 'RequestStartTransaction'), undefined);
    assert.equal(admitWhileNotAccepted('Pending', 'RequestStopTransaction'), undefined);
  });

  it('answers other calls with SecurityError while Pending', () => {
    assert.equal(admitWhileNotAccepted('Pending', 'Reset')?.code, 'SecurityError');
  });

  it('B03.FR.08 answers every call with SecurityError while Rejected', () => {
    assert.equal(admitWhileNotAccepted('Rejected', 'GetVariables')?.code, 'SecurityError');
    assert.equal(admitWhileNotAccepted('Rejected', 'TriggerMessage')?.code, 'SecurityError');
  });
});
