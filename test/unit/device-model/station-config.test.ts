// The station configuration file: a valid file, reading one from disk, custom components as declarations, and
// initial values resolved against the declarations and loaded into the device model. Every kind of invalid file:
// station-config-invalid.test.ts.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceModel, MissingRequiredVariableError } from '../../../src/device-model/device-model.js';
import {
  StationConfigError,
  chargingStationOf,
  customDeclarations,
  initialValuesOf,
  loadStationConfig,
  parseStationConfig,
  type StationConfig } from '../../../src/device-model/station-config.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { VALID, variant, Comm, Station, Evse1, STANDIN } from './station-config-helpers.js';

describe('parseStationConfig: a valid file', () => {
  it('returns the configuration typed, as written', () => {
    const config = parseStationConfig(VALID, 'station.json');
    assert.equal(config.source, 'station.json');
    assert.deepEqual(config.identity, VALID.identity);
    assert.deepEqual(config.evses, VALID.evses);
    assert.deepEqual(config.supportedBlocks, VALID.supportedBlocks);
    assert.deepEqual(config.variables, VALID.variables);
    assert.deepEqual(config.customComponents, VALID.customComponents);
  });

  it('fills in the defaults: Core only, no variables, no custom components; Core always comes first', () => {
    const minimal = parseStationConfig({ identity: { vendorName: 'A', model: 'B' }, evses: [{ id: 1, connectors: [{ id: 1, type: 'sType2' }] }] });
    assert.deepEqual(minimal.supportedBlocks, ['Core']);
    assert.deepEqual(minimal.variables, {});
    assert.deepEqual(minimal.customComponents, []);
    assert.equal('source' in minimal, false);
    const withoutCore = parseStationConfig(variant((c) => (c.supportedBlocks = ['Metering', 'Security'])));
    assert.deepEqual(withoutCore.supportedBlocks, ['Core', 'Metering', 'Security']);
  });

  it('accepts a $schema key for editors, and drops it', () => {
    const config = parseStationConfig(variant((c) => (c.$schema = './station-config.schema.json')));
    assert.equal('$schema' in config, false);
  });

  it('does not share objects with the input', () => {
    const input = structuredClone(VALID);
    const config = parseStationConfig(input);
    input.identity.model = 'changed';
    assert.equal(config.identity.model, 'Wallbox 22');
  });

  it('gives BootNotification its ChargingStationType', () => {
    assert.deepEqual(chargingStationOf(parseStationConfig(VALID)), VALID.identity);
  });
});

describe('loadStationConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-station-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and checks a file, naming it as the source', () => {
    const file = join(dir, 'station.json');
    writeFileSync(file, JSON.stringify(VALID, null, 2));
    assert.equal(loadStationConfig(file).source, file);
  });

  it('names a file it cannot read, a file that is not JSON and an invalid one', () => {
    const missing = join(dir, 'missing.json');
    assert.throws(
      () => loadStationConfig(missing),
      (error: unknown) => error instanceof StationConfigError && error.source === missing && /^\(file\): cannot be read: ENOENT/.test(`${error.problems[0]!.path}: ${error.problems[0]!.message}`),
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "identity": ');
    assert.throws(() => loadStationConfig(broken), (error: unknown) => error instanceof StationConfigError && /broken\.json has 1 problem:\n {2}\(file\): is not valid JSON/.test(error.message));
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ identity: { vendorName: 'A', model: 'B' } }));
    assert.throws(() => loadStationConfig(invalid), /invalid\.json has 1 problem:\n {2}evses: is required/);
  });
});

describe('customDeclarations', () => {
  it('declares each custom variable with the builder, on its component and tier', () => {
    const [foo, mode, serial, speed] = customDeclarations(parseStationConfig(VALID));
    assert.deepEqual(foo!.component, { name: 'VendorCtrlr', instance: 'optional', evseId: 1, connectorId: 1 });
    assert.deepEqual(foo!.variable, { name: 'Foo', instance: 'optional' });
    assert.equal(foo!.required, false);
    assert.equal(foo!.block, 'Core');
    assert.deepEqual(foo!.characteristics, { dataType: 'integer', supportsMonitoring: true, unit: 's', minLimit: 0, maxLimit: 10 });
    assert.deepEqual(foo!.attributes, [{ type: 'Actual', mutability: 'ReadWrite', persistent: true, constant: false, defaultValue: '5' }]);
    assert.equal(foo!.codec.parse('7'), 7);
    assert.equal(mode!.characteristics.valuesList, 'A,B');
    assert.equal(mode!.rebootRequired, true);
    assert.equal(mode!.attributes[0]!.defaultValue, 'B');
    assert.equal(serial!.required, true);
    assert.equal(serial!.maxLength, 8);
    assert.equal(serial!.attributes[0]!.persistent, false);
    assert.deepEqual(speed!.component, { name: 'Fan' });
    assert.equal(speed!.block, 'Diagnostics');
    assert.deepEqual(speed!.attributes.map((a) => a.type), ['Actual', 'Target', 'MaxSet']);
  });

  it('refuses a configuration built in code with problems parse would have found', () => {
    const config: StationConfig = { ...parseStationConfig(VALID), customComponents: [{ name: 'X', evseId: 9, variables: [{ name: 'Y', dataType: 'string' }] }] };
    assert.throws(() => customDeclarations(config), /customComponents\[0\]\.evseId: no EVSE 9/);
  });
});

describe('initialValuesOf', () => {
  it('resolves component and variable keys against the declarations and turns values into their wire form', () => {
    const config = parseStationConfig(VALID, 'station.json');
    const values = initialValuesOf(config, [...STANDIN, ...customDeclarations(config)]);
    assert.deepEqual(
      values.map((v) => [v.component, v.variable, v.attributeType ?? 'Actual', v.value, v.origin]),
      [
        [{ name: 'ChargingStation' }, { name: 'VendorName' }, 'Actual', 'Acme', 'station.json: identity.vendorName'],
        [{ name: 'ChargingStation' }, { name: 'Model' }, 'Actual', 'Wallbox 22', 'station.json: identity.model'],
        [{ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' }, 'Actual', '300', 'station.json: variables.OCPPCommCtrlr.HeartbeatInterval'],
        [{ name: 'OCPPCommCtrlr' }, { name: 'MessageAttempts', instance: 'TransactionEvent' }, 'Actual', '5', 'station.json: variables.OCPPCommCtrlr["MessageAttempts[TransactionEvent]"]'],
        [{ name: 'OCPPCommCtrlr' }, { name: 'QueueAllMessages' }, 'Actual', 'true', 'station.json: variables.OCPPCommCtrlr.QueueAllMessages'],
        [{ name: 'OCPPCommCtrlr' }, { name: 'FileTransferProtocols' }, 'Actual', 'HTTPS,FTPS', 'station.json: variables.OCPPCommCtrlr.FileTransferProtocols'],
        [{ name: 'EVSE', evseId: 1 }, { name: 'Power' }, 'MaxSet', '11000', 'station.json: variables["EVSE#1"].Power.MaxSet'],
        [{ name: 'Connector', evseId: 2, connectorId: 2 }, { name: 'ConnectorType' }, 'Actual', 'cG105', 'station.json: variables["Connector#2.2"].ConnectorType'],
      ],
    );
  });

  it('matches keys case-insensitively; a value set in variables comes after (and so wins over) the identity', () => {
    const config = parseStationConfig(variant((c) => (c.variables = { chargingstation: { model: 'Override' }, ocppcommctrlr: { 'messageattempts[transactionevent]': 1 } })));
    const values = initialValuesOf(config, STANDIN);
    assert.deepEqual(values.map((v) => `${v.variable.name}=${v.value}`), ['VendorName=Acme', 'Model=Wallbox 22', 'Model=Override', 'MessageAttempts=1']);
  });

  it('names every unknown component, unknown variable, missing attribute type and bad value by its path', () => {
    const config = parseStationConfig(
      variant((c) => {
        c.variables = {
          OCPPCommCtrlr: { HeartbeatIntervall: 1, HeartbeatInterval: { Target: 5 }, QueueAllMessages: 'yes', 'MessageAttempts[TransactionEvent]': -1 },
          'EVSE#3': { Power: 1 },
          'EVSE#1': { Power: { MaxSet: 30000 } },
        };
      }),
      'station.json',
    );
    assert.throws(
      () => initialValuesOf(config, STANDIN),
      (error: unknown) => {
        assert.ok(error instanceof StationConfigError);
        assert.equal(error.source, 'station.json');
        assert.deepEqual(
          error.problems.map((p) => `${p.path}: ${p.message}`),
          [
            'variables.OCPPCommCtrlr.HeartbeatIntervall: component OCPPCommCtrlr has no variable HeartbeatIntervall',
            'variables.OCPPCommCtrlr.HeartbeatInterval.Target: OCPPCommCtrlr.HeartbeatInterval has no Target attribute (it has Actual)',
            'variables.OCPPCommCtrlr.QueueAllMessages: "yes" is not a boolean (true or false)',
            'variables.OCPPCommCtrlr["MessageAttempts[TransactionEvent]"]: -1 is below the minimum 0',
            'variables["EVSE#3"]: no component EVSE#3 is declared',
            'variables["EVSE#1"].Power.MaxSet: 30000 is above the maximum 22000',
          ],
        );
        return true;
      },
    );
  });
});

describe('configuration into the device model', () => {
  it('loads a model from the file: custom components, initial values, supported blocks', () => {
    const config = parseStationConfig(VALID);
    const withSerial = parseStationConfig(
      variant((c) => {
        c.variables['VendorCtrlr[optional]#1.1'] = { Serial: 'AB12', 'Foo[optional]': 7 };
      }),
    );
    const load = (cfg: StationConfig) => {
      const declarations = [...STANDIN, ...customDeclarations(cfg)];
      return DeviceModel.load({
        declarations,
        store: new MemoryDeviceModelStore(),
        clock: new FakeClock(),
        initialValues: initialValuesOf(cfg, declarations),
        supportedBlocks: cfg.supportedBlocks,
      });
    };
    assert.throws(
      () => load(config),
      (error: unknown) => error instanceof MissingRequiredVariableError && error.variables.join() === 'VendorCtrlr[optional]#1.1.Serial',
    );
    const model = load(withSerial);
    const [foo, mode, serial] = customDeclarations(withSerial);
    assert.equal(model.value(foo!), 7);
    assert.equal(model.value(mode!), 'B');
    assert.equal(model.value(serial!), 'AB12');
    assert.equal(model.value(Comm.HeartbeatInterval), 300);
    assert.equal(model.value(Evse1.Power, 'MaxSet'), 11000);
    assert.equal(model.value(Station.VendorName), 'Acme');
    const result = model.setVariable(
      { component: { name: 'VendorCtrlr', instance: 'optional', evse: { id: 1, connectorId: 1 } }, variable: { name: 'Mode' }, attributeValue: 'A' },
      'csms',
    );
    assert.equal(result.attributeStatus, 'RebootRequired');
  });
});
