// The device model engine: SetVariables (B05) to the letter.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controller, declarationsOf, optional } from '../../../src/device-model/declare.js';
import { DeviceModel, type InitialValue, type VariableChange } from '../../../src/device-model/device-model.js';
import type { DeviceModelStore } from '../../../src/device-model/device-model-store.js';
import {
  Comm,
  Security,
  FanSpeed,
  ALL,
  IDENTITY,
  clock,
  store,
  load,
  get,
  set,
  recordingLogger,
  freshClockAndStore,
} from './device-model-helpers.js';

beforeEach(freshClockAndStore);

// --- B05 Set Variables --------------------------------------------------------------------------------

describe('setVariable (B05)', () => {
  let model: DeviceModel;
  const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
  beforeEach(() => {
    model = load();
  });

  it('B05.FR.10 Accepted, and the new value is what GetVariables answers; B05.FR.12 attributeType Actual when absent', () => {
    assert.deepEqual(set(model, { ...heartbeat, attributeValue: '60' }), {
      attributeStatus: 'Accepted',
      attributeType: 'Actual',
      component: heartbeat.component,
      variable: heartbeat.variable,
    });
    assert.equal(get(model, heartbeat).attributeValue, '60');
    assert.equal(model.value(Comm.HeartbeatInterval), 60);
  });

  it('B05.FR.03 answers with the attribute type it was given', () => {
    const result = set(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'Target', attributeValue: '300' });
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal(result.attributeType, 'Target');
    assert.equal(model.value(FanSpeed, 'Target'), 300);
  });

  it('B05.FR.04 UnknownComponent', () => {
    assert.equal(set(model, { component: { name: 'NoSuchCtrlr' }, variable: heartbeat.variable, attributeValue: '1' }).attributeStatus, 'UnknownComponent');
    assert.equal(set(model, { component: { name: 'EVSE', evse: { id: 9 } }, variable: { name: 'Power' }, attributeValue: '1' }).attributeStatus, 'UnknownComponent');
  });

  it('B05.FR.05 UnknownVariable', () => {
    assert.equal(set(model, { component: heartbeat.component, variable: { name: 'Nope' }, attributeValue: '1' }).attributeStatus, 'UnknownVariable');
  });

  it('B05.FR.06 NotSupportedAttributeType', () => {
    const result = set(model, { ...heartbeat, attributeType: 'MaxSet', attributeValue: '1' });
    assert.equal(result.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(result.attributeType, 'MaxSet');
  });

  it('B05.FR.07 Rejected (InvalidValue) for a value not formatted for the variable, which keeps its value', () => {
    const cases: [typeof heartbeat, string][] = [
      [heartbeat, 'often'],
      [heartbeat, ''],
      [heartbeat, '+60'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'QueueAllMessages' } }, 'yes'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Mode' } }, 'Turbo'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } }, 'HTTPS,SCP'],
      [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } }, 'HTTPS,HTTPS'],
    ];
    for (const [address, attributeValue] of cases) {
      const before = get(model, address).attributeValue;
      const result = set(model, { ...address, attributeValue });
      assert.equal(result.attributeStatus, 'Rejected', attributeValue);
      assert.equal(result.attributeStatusInfo?.reasonCode, 'InvalidValue', attributeValue);
      assert.ok(result.attributeStatusInfo?.additionalInfo, 'says why');
      assert.equal(get(model, address).attributeValue, before);
    }
  });

  it('B05.FR.07 MemberList and SequenceList values may be any subset of the valuesList', () => {
    const protocols = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'FileTransferProtocols' } };
    assert.equal(set(model, { ...protocols, attributeValue: 'HTTP,FTPS' }).attributeStatus, 'Accepted');
    assert.deepEqual(model.value(Comm.FileTransferProtocols), ['HTTP', 'FTPS']);
    assert.equal(set(model, { ...protocols, attributeValue: '' }).attributeStatus, 'Accepted');
    assert.deepEqual(model.value(Comm.FileTransferProtocols), []);
  });

  it('B05.FR.08 Rejected below minLimit (ValueTooLow) and above maxLimit (ValueTooHigh)', () => {
    const low = set(model, { ...heartbeat, attributeValue: '0' });
    assert.equal(low.attributeStatus, 'Rejected');
    assert.deepEqual(low.attributeStatusInfo, { reasonCode: 'ValueTooLow', additionalInfo: '0 is below the minimum 1' });
    const high = set(model, { ...heartbeat, attributeValue: '86401' });
    assert.equal(high.attributeStatusInfo?.reasonCode, 'ValueTooHigh');
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
  });

  it('B05.FR.08 Rejected (ValueOutOfRange) outside MinSet..MaxSet, which the CSMS can move', () => {
    const fan = { component: { name: 'Fan' }, variable: { name: 'FanSpeed' } };
    const result = set(model, { ...fan, attributeType: 'Target', attributeValue: '600' });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.deepEqual(result.attributeStatusInfo, { reasonCode: 'ValueOutOfRange', additionalInfo: '600 is above MaxSet 500' });
    assert.equal(set(model, { ...fan, attributeType: 'Target', attributeValue: '150' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '700' }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...fan, attributeType: 'Target', attributeValue: '600' }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...fan, attributeType: 'MinSet', attributeValue: '800' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '100' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(model, { ...fan, attributeType: 'MaxSet', attributeValue: '1001' }).attributeStatusInfo?.reasonCode, 'ValueTooHigh');
  });

  it('B05.FR.09 Rejected (reason ReadOnly) for a ReadOnly variable', () => {
    const result = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageTimeout', instance: 'Default' }, attributeValue: '10' });
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'ReadOnly');
    assert.equal(model.value(Comm.MessageTimeoutDefault), 30);
    const actual = set(model, { component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeValue: '300' });
    assert.equal(actual.attributeStatusInfo?.reasonCode, 'ReadOnly', 'mutability is per attribute');
  });

  it('B05.FR.09 Rejected (reason InternalError) when the value cannot be stored; nothing changes', () => {
    const failing: DeviceModelStore = {
      loadAll: () => [],
      saveMany: () => {},
      save: () => {
        throw new Error('disk full');
      },
    };
    const { logger, errors } = recordingLogger();
    const broken = DeviceModel.load({ declarations: ALL, store: failing, clock, initialValues: [IDENTITY], logger });
    const changes: VariableChange[] = [];
    broken.onChange((change) => changes.push(change));
    const result = broken.setVariable({ ...heartbeat, attributeValue: '60' }, 'csms');
    assert.equal(result.attributeStatus, 'Rejected');
    assert.equal(result.attributeStatusInfo?.reasonCode, 'InternalError');
    assert.equal(broken.value(Comm.HeartbeatInterval), 300);
    assert.deepEqual(changes, []);
    assert.equal(errors.length, 1);
  });

  it('RebootRequired when the declaration says so: the value is stored and read back as the new value', () => {
    const ping = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' } };
    assert.equal(set(model, { ...ping, attributeValue: '60' }).attributeStatus, 'RebootRequired');
    assert.equal(get(model, ping).attributeValue, '60');
    assert.equal(store.loadAll().find((v) => v.variableKey === 'WebSocketPingInterval')?.value, '60');
    assert.equal(set(model, { ...ping, attributeValue: '-1' }).attributeStatus, 'Rejected', 'a refused value is refused, reboot or not');
  });

  it('a WriteOnly variable can be written', () => {
    const password = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } };
    assert.equal(set(model, { ...password, attributeValue: 'pa55word-pa55word' }).attributeStatus, 'Accepted');
    assert.equal(model.value(Security.BasicAuthPassword), 'pa55word-pa55word');
  });

  it('the empty string is a value for a string variable', () => {
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    assert.equal(set(model, { ...note, attributeValue: '' }).attributeStatus, 'Accepted');
    assert.equal(model.value(Comm.Note), '');
  });

  it('Rejected (TooLargeElement) beyond the declared maxLength, ConfigurationValueSize, ValueSize or 1000 characters', () => {
    const note = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Note' } };
    assert.equal(set(model, { ...note, attributeValue: 'x'.repeat(20) }).attributeStatus, 'Accepted');
    assert.equal(set(model, { ...note, attributeValue: 'x'.repeat(21) }).attributeStatusInfo?.reasonCode, 'TooLargeElement');

    const unlimited = controller('FreeCtrlr', 'Core', { Text: optional.string() });
    const text = { component: { name: 'FreeCtrlr' }, variable: { name: 'Text' } };
    const sizes = (values: Record<string, string>): InitialValue[] =>
      Object.entries(values).map(([name, value]) => ({ component: { name: 'DeviceDataCtrlr' }, variable: { name }, value }));
    const open = (values: Record<string, string>) =>
      load({ declarations: [...ALL, ...declarationsOf(unlimited)], initialValues: [IDENTITY, ...sizes(values)] });

    let sized = open({});
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(1000) }, 'csms').attributeStatus, 'Accepted');
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(1001) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
    sized = open({ ConfigurationValueSize: '10' });
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(10) }, 'csms').attributeStatus, 'Accepted');
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(11) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
    sized = open({ ConfigurationValueSize: '10', ValueSize: '4' });
    assert.equal(sized.setVariable({ ...text, attributeValue: 'x'.repeat(5) }, 'csms').attributeStatusInfo?.reasonCode, 'TooLargeElement');
  });
});
