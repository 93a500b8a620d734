// The device model engine: GetVariables (B06) to the letter.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceModel} from '../../../src/device-model/device-model.js';
import type { InitialValue } from '../../../src/device-model/device-model.js';
import { IDENTITY, load, get, set, freshClockAndStore } from './device-model-helpers.js';

beforeEach(freshClockAndStore);

// --- B06 Get Variables --------------------------------------------------------------------------------

describe('getVariable (B06)', () => {
  let model: DeviceModel;
  beforeEach(() => {
    model = load();
  });

  it('B06.FR.10 Accepted with the value; B06.FR.11 attributeType Actual when the request has none; B06.FR.02 same component and variable', () => {
    const component = { name: 'OCPPCommCtrlr' };
    const variable = { name: 'HeartbeatInterval' };
    assert.deepEqual(get(model, { component, variable }), {
      attributeStatus: 'Accepted',
      attributeType: 'Actual',
      attributeValue: '300',
      component,
      variable,
    });
  });

  it('B06.FR.03 answers with the attribute type it was asked for', () => {
    const result = get(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'MaxSet' });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeType, 'MaxSet');
    assert.equal(result.attributeValue, '500');
  });

  it('B06.FR.06 UnknownComponent without a value: unknown name, instance, or tier', () => {
    const variable = { name: 'HeartbeatInterval' };
    for (const component of [
      { name: 'NoSuchCtrlr' },
      { name: 'OCPPCommCtrlr', instance: 'Other' },
      { name: 'OCPPCommCtrlr', evse: { id: 1 } },
      { name: 'EVSE', evse: { id: 2 } },
      { name: 'EVSE' },
    ]) {
      const result = get(model, { component, variable });
      assert.equal(result.attributeStatus, 'UnknownComponent', JSON.stringify(component));
      assert.equal('attributeValue' in result, false);
    }
  });

  it('B06.FR.07 UnknownVariable without a value when the component is known but the variable is not', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } });
    assert.equal(result.attributeStatus, 'UnknownVariable');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.08 NotSupportedAttributeType without a value when the variable lacks that attribute type', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target' });
    assert.equal(result.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(result.attributeType, 'Target');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.09 Rejected (reason WriteOnly) without a value for a WriteOnly variable', () => {
    set(model, { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'secret-password-1' });
    const result = get(model, { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'WriteOnly');
    assert.equal('attributeValue' in result, false);
  });

  it('B06.FR.13 an attribute without a value reads as the empty string', () => {
    const result = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeValue, '');
  });

  it('B06.FR.14 the given instance of a component and of a variable', () => {
    const result = get(model, { component: { name: 'FiscalMetering', instance: 'Main' }, variable: { name: 'SerialNumber' } });
    assert.equal(result.attributeValue, 'M-1');
    const attempts = get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' } });
    assert.equal(attempts.attributeValue, '3');
  });

  it('B06.FR.15 no (or an empty) instance when only instances exist: UnknownComponent / UnknownVariable', () => {
    assert.equal(get(model, { component: { name: 'FiscalMetering' }, variable: { name: 'SerialNumber' } }).attributeStatus, 'UnknownComponent');
    assert.equal(get(model, { component: { name: 'FiscalMetering', instance: '' }, variable: { name: 'SerialNumber' } }).attributeStatus, 'UnknownComponent');
    assert.equal(get(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts' } }).attributeStatus, 'UnknownVariable');
    assert.equal(
      get(model, { component: { name: 'OCPPCommCtrlr', instance: '' }, variable: { name: 'HeartbeatInterval', instance: '' } }).attributeStatus,
      'Accepted',
      'an empty instance is no instance',
    );
  });

  it('addresses EVSE and connector components by evse id and connector id only', () => {
    assert.equal(get(model, { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AvailabilityState' } }).attributeValue, 'Available');
    assert.equal(get(model, { component: { name: 'Connector', evse: { id: 1, connectorId: 2 } }, variable: { name: 'ConnectorType' } }).attributeValue, 'cType2');
    for (const evse of [{ id: 1 }, { id: 1, connectorId: 1 }, { id: 2, connectorId: 2 }]) {
      assert.equal(get(model, { component: { name: 'Connector', evse }, variable: { name: 'ConnectorType' } }).attributeStatus, 'UnknownComponent');
    }
    assert.equal(get(model, { component: { name: 'EVSE', evse: { id: 1, connectorId: 2 } }, variable: { name: 'AvailabilityState' } }).attributeStatus, 'UnknownComponent');
  });

  it('matches names and instances case-insensitively and echoes them as asked', () => {
    const component = { name: 'ocppCOMMctrlr' };
    const variable = { name: 'messageattempts', instance: 'TRANSACTIONEVENT' };
    const result = get(model, { component, variable });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.deepEqual(result.component, component);
    assert.deepEqual(result.variable, variable);
  });

  it('cuts values to ReportingValueSize, and to ValueSize, whichever is smaller', () => {
    const initial = (name: string, value: string): InitialValue => ({ component: { name: 'DeviceDataCtrlr' }, variable: { name }, value });
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    let sized = load({ initialValues: [IDENTITY, initial('ReportingValueSize', '5')] });
    sized.setVariable({ ...note, attributeValue: '0123456789' }, 'csms');
    assert.equal(get(sized, note).attributeValue, '01234');
    assert.equal(sized.text(note.component, note.variable), '0123456789', 'the value itself stays whole');
    sized = load({ initialValues: [IDENTITY, initial('ReportingValueSize', '5'), initial('ValueSize', '3')] });
    assert.equal(get(sized, note).attributeValue, '012');
  });
});
