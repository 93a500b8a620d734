// The device model engine: writes from code, change listeners and write-through storage.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controller, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import type { DeviceModel} from '../../../src/device-model/device-model.js';
import { UndeclaredVariableError, type VariableChange } from '../../../src/device-model/device-model.js';
import type { StoredVariableValue } from '../../../src/device-model/device-model-store.js';
import {
  Comm,
  Security,
  Evse1,
  FanSpeed,
  ALL,
  IDENTITY,
  clock,
  store,
  load,
  recordingLogger,
  freshClockAndStore } from './device-model-helpers.js';

beforeEach(freshClockAndStore);

// --- Writes from code ---------------------------------------------------------------------------------

describe('set from code', () => {
  let model: DeviceModel;
  beforeEach(() => {
    model = load();
  });

  it('the integrator and the station may write ReadOnly variables', () => {
    assert.deepEqual(model.set(Comm.MessageTimeoutDefault, 45, 'integrator'), { status: 'Accepted', value: '45', previous: '30' });
    assert.equal(model.set(Security.SecurityProfile, 2, 'station').status, 'Accepted');
    assert.equal(model.value(Comm.MessageTimeoutDefault), 45);
    assert.equal(model.value(Security.SecurityProfile), 2);
  });

  it('a refused value is an outcome saying why, not an exception, and changes nothing', () => {
    assert.deepEqual(model.set(Comm.HeartbeatInterval, 0, 'station'), {
      status: 'Rejected',
      reasonCode: 'ValueTooLow',
      additionalInfo: '0 is below the minimum 1',
    });
    assert.equal(model.set(Comm.HeartbeatInterval, 1.5, 'integrator').status, 'Rejected');
    assert.equal(model.set(Comm.Mode, 'Turbo' as 'Fast', 'integrator').status, 'Rejected');
    assert.equal(model.set(Comm.Note, 'x'.repeat(21), 'integrator').status, 'Rejected');
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
  });

  it('says RebootRequired for a variable that needs a reboot', () => {
    assert.equal(model.set(Comm.WebSocketPingInterval, 10, 'integrator').status, 'RebootRequired');
  });

  it('a measured ReadOnly Actual is not held to MinSet..MaxSet (Part 1 §4.3), a Target is', () => {
    assert.equal(model.set(FanSpeed, 502, 'station').status, 'Accepted');
    assert.equal(model.set(FanSpeed, 1001, 'station').status, 'Rejected', 'the physical limits still hold');
    const target = model.set(FanSpeed, 600, 'integrator', 'Target');
    assert.equal(target.status === 'Rejected' && target.reasonCode, 'ValueOutOfRange');
  });

  it('is not held to the size limits of SetVariables messages', () => {
    const free = controller('FreeCtrlr', 'Core', { Text: optional.string() });
    const sized = load({
      declarations: [...ALL, ...declarationsOf(free)],
      initialValues: [IDENTITY, { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ConfigurationValueSize' }, value: '5' }],
    });
    assert.equal(sized.set(free.Text, 'x'.repeat(1500), 'station').status, 'Accepted');
    assert.equal(sized.set(free.Text, 'x'.repeat(2501), 'station').status, 'Rejected');
  });

  it('an undeclared handle or attribute type is a programming error; an undeclared optional variable reads as undefined', () => {
    const stranger = controller('StrangerCtrlr', 'Core', { Maybe: optional.integer(), Must: required.integer() });
    assert.equal(model.has(stranger.Maybe), false);
    assert.equal(model.value(stranger.Maybe), undefined);
    assert.throws(() => model.value(stranger.Must), UndeclaredVariableError);
    assert.throws(() => model.set(stranger.Maybe, 1, 'station'), UndeclaredVariableError);
    assert.throws(() => model.set(Comm.HeartbeatInterval, 1, 'station', 'Target'), /OCPPCommCtrlr\.HeartbeatInterval has no Target attribute/);
    assert.throws(() => model.value(Comm.HeartbeatInterval, 'MaxSet'), UndeclaredVariableError);
  });
});

// --- Change listeners ---------------------------------------------------------------------------------

describe('onChange', () => {
  it('tells every listener about each successful change, from any source, with the previous value', () => {
    const model = load();
    const changes: VariableChange[] = [];
    model.onChange((change) => changes.push(change));
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' }, 'csms');
    model.set(Comm.HeartbeatInterval, 90, 'station');
    model.set(FanSpeed, 400, 'integrator', 'Target');
    assert.deepEqual(changes, [
      { declaration: Comm.HeartbeatInterval, component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', value: '60', previous: '300', source: 'csms' },
      { declaration: Comm.HeartbeatInterval, component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', value: '90', previous: '60', source: 'station' },
      { declaration: FanSpeed, component: { name: 'Fan' }, variable: { name: 'FanSpeed' }, attributeType: 'Target', value: '400', previous: undefined, source: 'integrator' },
    ]);
  });

  it('is not called for refused values, nor when the value stays the same', () => {
    const model = load();
    const changes: VariableChange[] = [];
    model.onChange((change) => changes.push(change));
    assert.equal(model.set(Comm.HeartbeatInterval, 0, 'station').status, 'Rejected', 'a refused value');
    const same = model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }, 'csms');
    assert.equal(same.attributeStatus, 'Accepted', 'the value it already has');
    assert.deepEqual(changes, []);
  });

  it('a listener that throws is logged; the change stands and the other listeners still run', () => {
    const { logger, errors } = recordingLogger();
    const model = load({ logger });
    const seen: string[] = [];
    model.onChange(() => {
      throw new Error('listener bug');
    });
    model.onChange((change) => seen.push(change.value));
    assert.equal(model.set(Comm.HeartbeatInterval, 42, 'station').status, 'Accepted');
    assert.deepEqual(seen, ['42']);
    assert.equal(model.value(Comm.HeartbeatInterval), 42);
    assert.equal(errors.length, 1);
  });

  it('stops calling a listener once it is removed', () => {
    const model = load();
    const seen: string[] = [];
    const stop = model.onChange((change) => seen.push(change.value));
    model.set(Comm.HeartbeatInterval, 1, 'station');
    stop();
    model.set(Comm.HeartbeatInterval, 2, 'station');
    assert.deepEqual(seen, ['1']);
  });
});

// --- Storage ------------------------------------------------------------------------------------------

describe('persistence', () => {
  const find = (key: string, attributeType = 'Actual'): StoredVariableValue | undefined =>
    store.loadAll().find((v) => `${v.componentKey}.${v.variableKey}` === key && v.attributeType === attributeType);

  it('writes the initial values it applied, each marked as configuration', () => {
    load();
    assert.deepEqual(find('OCPPCommCtrlr.HeartbeatInterval'), {
      componentKey: 'OCPPCommCtrlr',
      variableKey: 'HeartbeatInterval',
      attributeType: 'Actual',
      value: '300',
      initialValue: '300',
      changedBy: 'configuration',
      changedAt: '2026-03-01T10:00:00.000Z',
    });
    assert.equal(find('OCPPCommCtrlr.Note'), undefined, 'no value, nothing stored');
  });

  it('writes every accepted change of a persistent attribute through the store at once, with who and when', async () => {
    const model = load();
    await clock.advance(5000);
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' }, attributeValue: '7' }, 'csms');
    assert.deepEqual(find('OCPPCommCtrlr.MessageAttempts[TransactionEvent]'), {
      componentKey: 'OCPPCommCtrlr',
      variableKey: 'MessageAttempts[TransactionEvent]',
      attributeType: 'Actual',
      value: '7',
      initialValue: '3',
      changedBy: 'csms',
      changedAt: '2026-03-01T10:00:05.000Z',
    });
    model.set(FanSpeed, 450, 'integrator', 'Target');
    assert.equal(find('Fan.FanSpeed', 'Target')?.changedBy, 'integrator');
    assert.equal(find('Fan.FanSpeed', 'Target')?.initialValue, null);
  });

  it('never stores a non-persistent attribute, and never reads one from storage', () => {
    store.save({ componentKey: 'EVSE#1', variableKey: 'Power', attributeType: 'MaxSet', value: '1000', initialValue: null, changedBy: 'csms', changedAt: 'x' });
    const model = load({ initialValues: [IDENTITY, { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '11000' }] });
    assert.equal(model.value(Evse1.Power, 'MaxSet'), 11000);
    model.set(Evse1.Power, 7400, 'station');
    assert.equal(find('EVSE#1.Power'), undefined);
    assert.equal(find('EVSE#1.Power', 'MaxSet')?.value, '1000', 'the stray row is left alone');
  });

  it('a stored value that no longer passes its checks is dropped for the initial value, with a warning', () => {
    store.save({ componentKey: 'OCPPCommCtrlr', variableKey: 'HeartbeatInterval', attributeType: 'Actual', value: '0', initialValue: '300', changedBy: 'csms', changedAt: 'x' });
    const { logger, warnings } = recordingLogger();
    const model = load({ logger });
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
    assert.equal(model.warnings.length, 1);
    assert.match(model.warnings[0]!, /OCPPCommCtrlr\.HeartbeatInterval: the stored value "0" \(set by csms\) is dropped/);
    assert.equal(warnings.length, 1);
    assert.equal(find('OCPPCommCtrlr.HeartbeatInterval')?.changedBy, 'configuration');
  });
});
