// The device model engine: start-up (defaults, configuration values, required variables), live values and
// validators. GetVariables (B06): device-model-get.test.ts; SetVariables (B05): device-model-set.test.ts; writes
// from code, change listeners and write-through storage: device-model-changes.test.ts.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import {
  DuplicateDeclarationError,
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UndeclaredVariableError,
  UnknownInitialValueError,
  liveValue,
} from '../../../src/device-model/device-model.js';
import {
  Comm,
  Security,
  Evse1,
  Meter,
  FanSpeed,
  ALL,
  IDENTITY,
  clock,
  store,
  load,
  set,
  freshClockAndStore,
} from './device-model-helpers.js';

beforeEach(freshClockAndStore);

// --- Start-up -----------------------------------------------------------------------------------------

describe('DeviceModel.load', () => {
  it('starts from the declared defaults, with configuration values winning over them', () => {
    const model = load({
      initialValues: [IDENTITY, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value: '600' }],
    });
    assert.equal(model.value(Comm.HeartbeatInterval), 600);
    assert.equal(model.value(Comm.MessageTimeoutDefault), 30);
    assert.deepEqual(model.value(Comm.FileTransferProtocols), ['HTTPS']);
    assert.equal(model.value(Comm.QueueAllMessages), false);
    assert.equal(model.value(Security.Identity), 'CS-001');
    assert.equal(model.value(Comm.Note), undefined);
    assert.equal(model.text({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' }), '600');
    assert.equal(model.value(FanSpeed, 'MaxSet'), 500);
  });

  it('addresses configuration values by component and variable, case-insensitively, with attribute types', () => {
    const model = load({
      initialValues: [
        IDENTITY,
        { component: { name: 'ocppcommctrlr' }, variable: { name: 'messageattempts', instance: 'transactionevent' }, value: '5' },
        { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '11000' },
      ],
    });
    assert.equal(model.value(Comm.MessageAttemptsTx), 5);
    assert.equal(model.value(Evse1.Power, 'MaxSet'), 11000);
    assert.equal(model.value(Evse1.Power), undefined);
  });

  it('the last initial value for the same attribute wins', () => {
    const hb = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const model = load({ initialValues: [IDENTITY, { ...hb, value: '10' }, { ...hb, value: '20' }] });
    assert.equal(model.value(Comm.HeartbeatInterval), 20);
  });

  it('MissingRequiredVariableError names each required variable of a supported block without a value', () => {
    assert.throws(
      () => load({ initialValues: [] }),
      (error: unknown) =>
        error instanceof MissingRequiredVariableError &&
        error.variables.join() === 'SecurityCtrlr.Identity' &&
        /SecurityCtrlr\.Identity/.test(error.message),
    );
    assert.deepEqual(store.loadAll(), [], 'a station that cannot start writes nothing');
  });

  it('a required variable of a block the station does not support may stay without a value; reading it throws', () => {
    const model = load({ initialValues: [], supportedBlocks: ['Core'] });
    assert.throws(() => model.value(Security.Identity), UndeclaredVariableError);
  });

  it('Core is always supported: its required variables must have a value', () => {
    const coreRequired = controller('CoreCtrlr', 'Core', { Must: required.string() });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(coreRequired)], supportedBlocks: [] }),
      (error: unknown) => error instanceof MissingRequiredVariableError && error.variables.join() === 'CoreCtrlr.Must',
    );
  });

  it('InvalidInitialValueError names component.variable, the value and why, for each bad configuration value', () => {
    assert.throws(
      () =>
        load({
          initialValues: [
            IDENTITY,
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value: 'often', origin: 'station.json: variables.OCPPCommCtrlr.HeartbeatInterval' },
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Mode' }, value: 'Turbo' },
            { component: { name: 'EVSE', evseId: 1 }, variable: { name: 'Power' }, attributeType: 'MaxSet', value: '30000' },
          ],
        }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInitialValueError);
        assert.deepEqual(
          error.problems.map((p) => [p.variable, p.value]),
          [
            ['EVSE#1.Power (MaxSet)', '30000'],
            ['OCPPCommCtrlr.HeartbeatInterval', 'often'],
            ['OCPPCommCtrlr.Mode', 'Turbo'],
          ],
        );
        assert.match(error.message, /OCPPCommCtrlr\.HeartbeatInterval = "often" \(from station\.json: variables\.OCPPCommCtrlr\.HeartbeatInterval\): "often" is not an integer/);
        assert.match(error.message, /EVSE#1\.Power \(MaxSet\) = "30000".*above the maximum 22000/);
        return true;
      },
    );
  });

  it('a declared default that fails its own checks is an InvalidInitialValueError too', () => {
    const broken = controller('BrokenCtrlr', 'Core', { Level: optional.integer({ max: 5, default: 9 }) });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(broken)] }),
      (error: unknown) =>
        error instanceof InvalidInitialValueError && /BrokenCtrlr\.Level = "9" \(from the declared default\): 9 is above the maximum 5/.test(error.message),
    );
  });

  it('initial values must keep MinSet <= MaxSet and a writable value inside them', () => {
    const fan = { component: { name: 'Fan' }, variable: { name: 'FanSpeed' } };
    assert.throws(() => load({ initialValues: [IDENTITY, { ...fan, attributeType: 'Target', value: '600' }] }), /Fan\.FanSpeed \(Target\) = "600".*above MaxSet 500/);
    assert.throws(() => load({ initialValues: [IDENTITY, { ...fan, attributeType: 'MinSet', value: '700' }] }), /MinSet 700 would be above MaxSet 500/);
    // A ReadOnly Actual is a measurement: not held to the window.
    assert.equal(load({ initialValues: [IDENTITY, { ...fan, value: '900' }] }).value(FanSpeed), 900);
  });

  it('an initial value for a variable or an attribute type nobody declared is an error naming it', () => {
    assert.throws(
      () =>
        load({
          initialValues: [
            IDENTITY,
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatIntervall' }, value: '1' },
            { component: { name: 'EVSE', evseId: 2 }, variable: { name: 'Power' }, value: '1' },
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target', value: '1' },
          ],
        }),
      (error: unknown) =>
        error instanceof UnknownInitialValueError &&
        error.problems.length === 3 &&
        /OCPPCommCtrlr\.HeartbeatIntervall: no such variable/.test(error.message) &&
        /EVSE#2\.Power: no such variable/.test(error.message) &&
        /OCPPCommCtrlr\.HeartbeatInterval has no Target attribute/.test(error.message),
    );
  });

  it('refuses two declarations of the same component variable (names compared case-insensitively)', () => {
    const twin = controller('ocppcommctrlr', 'Core', { heartbeatinterval: optional.integer() });
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(twin)] }),
      (error: unknown) => error instanceof DuplicateDeclarationError && /heartbeatinterval/i.test(error.message),
    );
  });

  it('declarations() lists every variable in a stable order: component, then variable, numbers as numbers', () => {
    const evse10 = declareComponent({ name: 'EVSE', evseId: 10 }, 'Core', { Power: optional.decimal() });
    const evse2 = declareComponent({ name: 'EVSE', evseId: 2 }, 'Core', { Power: optional.decimal() });
    const model = load({ declarations: [...ALL, ...declarationsOf(evse10), ...declarationsOf(evse2)].reverse() });
    const keys = model.declarations().map((d) => `${d.component.name}${d.component.evseId ?? ''}.${d.variable.name}`);
    assert.equal(keys.length, ALL.length + 2);
    assert.deepEqual(
      keys.filter((k) => k.startsWith('EVSE')),
      ['EVSE1.AvailabilityState', 'EVSE1.Power', 'EVSE2.Power', 'EVSE10.Power'],
    );
    assert.equal(keys[0], 'Connector1.ConnectorType');
    assert.ok(model.has(Comm.Note));
    assert.equal(model.declarationOf({ name: 'fiscalmetering', instance: 'MAIN' }, { name: 'serialnumber' }), Meter.SerialNumber);
    assert.equal(model.declarationOf({ name: 'FiscalMetering' }, { name: 'SerialNumber' }), undefined);
  });
});

describe('DeviceModel: live values', () => {
  const Clock = controller('ClockCtrlr', 'Core', {
    DateTime: required.dateTime({ mutability: 'ReadOnly', description: 'now' }),
  });
  const Writable = controller('WritableCtrlr', 'Core', { Speed: optional.integer({ default: 1 }) });

  it('reads a live value at each read, which also satisfies a required variable without a stored value', async () => {
    const model = load({
      declarations: [...ALL, ...declarationsOf(Clock)],
      liveValues: [liveValue(Clock.DateTime, () => clock.now())],
    });
    assert.equal(model.value(Clock.DateTime).toISOString(), clock.now().toISOString());
    await clock.advance(5_000);
    const result = model.getVariable({ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } });
    assert.equal(result.attributeValue, clock.now().toISOString());
  });

  it('refuses writes to a live value, and live values on writable attributes', () => {
    const model = load({
      declarations: [...ALL, ...declarationsOf(Clock)],
      liveValues: [liveValue(Clock.DateTime, () => clock.now())],
    });
    assert.equal(model.set(Clock.DateTime, new Date(0), 'station').status, 'Rejected');
    assert.throws(
      () => load({ declarations: [...ALL, ...declarationsOf(Writable)], liveValues: [liveValue(Writable.Speed, () => 2)] }),
      UnknownInitialValueError,
    );
  });
});

describe('DeviceModel: validators', () => {
  it('refuses a SetVariables value a validator refuses, and lets the stack write it through set', () => {
    const model = load();
    const remove = model.addValidator(Comm.HeartbeatInterval, (value, source) =>
      value % 2 === 1 ? { reasonCode: 'InvalidValue', additionalInfo: `odd from ${source}` } : undefined,
    );
    const odd = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '61' });
    assert.deepEqual([odd.attributeStatus, odd.attributeStatusInfo?.additionalInfo], ['Rejected', 'odd from csms']);
    const even = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' });
    assert.equal(even.attributeStatus, 'Accepted');
    assert.equal(model.set(Comm.HeartbeatInterval, 61, 'station').status, 'Accepted');
    remove();
    const later = set(model, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '63' });
    assert.equal(later.attributeStatus, 'Accepted');
  });
});
