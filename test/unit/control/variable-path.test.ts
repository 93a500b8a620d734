// Device-model addresses typed on the command line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseVariablePath } from '../../../src/control/variable-path.js';
import { ControlError } from '../../../src/control/station-control.js';

describe('variable paths', () => {
  it('reads controller, instanced, EVSE, connector and attribute-typed paths', () => {
    assert.deepEqual(parseVariablePath('OCPPCommCtrlr.HeartbeatInterval'), {
      component: { name: 'OCPPCommCtrlr' },
      variable: { name: 'HeartbeatInterval' },
    });
    assert.deepEqual(parseVariablePath('OCPPCommCtrlr.MessageAttempts[TransactionEvent]').variable, {
      name: 'MessageAttempts',
      instance: 'TransactionEvent',
    });
    assert.deepEqual(parseVariablePath('EVSE#1.Power/MaxSet'), {
      component: { name: 'EVSE', evse: { id: 1 } },
      variable: { name: 'Power' },
      attributeType: 'MaxSet',
    });
    assert.deepEqual(parseVariablePath('Connector#1.2.ConnectorType').component, { name: 'Connector', evse: { id: 1, connectorId: 2 } });
    assert.deepEqual(parseVariablePath('Controller[Main].Enabled').component, { name: 'Controller', instance: 'Main' });
  });

  it('refuses what is not a path, and unknown attribute types, with a clear message', () => {
    assert.throws(() => parseVariablePath('HeartbeatInterval'), ControlError);
    assert.throws(() => parseVariablePath('EVSE#x.Power'), ControlError);
    assert.throws(() => parseVariablePath('EVSE#1.Power/Biggest'), /not an attribute type/);
  });
});
