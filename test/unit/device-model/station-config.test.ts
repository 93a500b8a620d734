// The station configuration file: a valid file, every kind of invalid one with the exact paths of the keys
// at fault, custom components as declarations, and initial values resolved against the declarations.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import { DeviceModel, MissingRequiredVariableError } from '../../../src/device-model/device-model.js';
import {
  StationConfigError,
  chargingStationOf,
  customDeclarations,
  formatPath,
  initialValuesOf,
  loadStationConfig,
  parseStationConfig,
  type StationConfig,
} from '../../../src/device-model/station-config.js';
import type { AnyVariable } from '../../../src/device-model/types.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const VALID = {
  identity: {
    vendorName: 'Acme',
    model: 'Wallbox 22',
    serialNumber: 'SN-0001',
    firmwareVersion: '1.2.3',
    modem: { iccid: '8931440000000000001', imsi: '262011234567890' },
  },
  evses: [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22000, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cCCS2' }, { id: 2, type: 'cG105' }], maxPowerW: 50000, supplyPhases: 0 },
  ],
  supportedBlocks: ['Core', 'Authorization', 'Transactions', 'Metering', 'SmartCharging'],
  variables: {
    OCPPCommCtrlr: { HeartbeatInterval: 300, 'MessageAttempts[TransactionEvent]': 5, QueueAllMessages: true, FileTransferProtocols: ['HTTPS', 'FTPS'] },
    'EVSE#1': { Power: { MaxSet: 11000 } },
    'Connector#2.2': { ConnectorType: 'cG105' },
  },
  customComponents: [
    {
      name: 'VendorCtrlr',
      instance: 'optional',
      evseId: 1,
      connectorId: 1,
      variables: [
        { name: 'Foo', instance: 'optional', dataType: 'integer', mutability: 'ReadWrite', unit: 's', min: 0, max: 10, value: '5', required: false },
        { name: 'Mode', dataType: 'OptionList', valuesList: ['A', 'B'], value: 'B', rebootRequired: true },
        { name: 'Serial', dataType: 'string', mutability: 'ReadOnly', maxLength: 8, required: true },
      ],
    },
    { name: 'Fan', block: 'Diagnostics', variables: [{ name: 'Speed', dataType: 'decimal', attributeTypes: ['Actual', 'Target', 'MaxSet'] }] },
  ],
};

/** A copy of the valid file with `change` applied to it. */
function variant(change: (config: any) => void): unknown {
  const copy = structuredClone(VALID) as any;
  change(copy);
  return copy;
}

/** The problems of a file, as `path: message` lines. */
function problemsOf(json: unknown): string[] {
  try {
    parseStationConfig(json, 'test.json');
  } catch (error) {
    assert.ok(error instanceof StationConfigError, String(error));
    assert.equal(error.source, 'test.json');
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  assert.fail('the configuration was accepted');
}

// Declarations standing in for the station's (the standardized ones are another module's work).
const Comm = controller('OCPPCommCtrlr', 'Core', {
  HeartbeatInterval: optional.integer({ min: 1, default: 1800 }),
  MessageAttemptsTx: optional.integer({ name: 'MessageAttempts', instance: 'TransactionEvent', min: 0, default: 3 }),
  QueueAllMessages: optional.boolean({ default: false }),
  FileTransferProtocols: optional.memberList(['FTP', 'FTPS', 'HTTP', 'HTTPS'], { default: ['HTTPS'] }),
});
const Station = controller('ChargingStation', 'Core', {
  VendorName: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 50 }),
  Model: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 20 }),
});
const Evse1 = declareComponent({ name: 'EVSE', evseId: 1 }, 'Core', {
  Power: required.decimal({ mutability: 'ReadOnly', unit: 'W', max: 22000, attributeTypes: ['Actual', 'MaxSet'], default: 0, defaults: { MaxSet: 22000 } }),
});
const Connector22 = declareComponent({ name: 'Connector', evseId: 2, connectorId: 2 }, 'Core', {
  ConnectorType: required.string({ mutability: 'ReadOnly', default: 'Unknown' }),
});
const STANDIN: AnyVariable[] = [...declarationsOf(Comm), ...declarationsOf(Station), ...declarationsOf(Evse1), ...declarationsOf(Connector22)];

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

describe('parseStationConfig: invalid files, every problem with its path', () => {
  it('a file that is not an object', () => {
    assert.deepEqual(problemsOf([]), ['(root): must be object']);
    assert.deepEqual(problemsOf(null), ['(root): must be object']);
  });

  it('missing and unknown keys', () => {
    assert.deepEqual(problemsOf({}), ['identity: is required', 'evses: is required']);
    assert.deepEqual(
      problemsOf(variant((c) => {
        delete c.identity.model;
        c.identity.colour = 'red';
        c.evse = [];
        delete c.evses[1].connectors[0].type;
      })),
      [
        'evse: is not a known key (known: $schema, identity, evses, supportedBlocks, variables, customComponents)',
        'identity.model: is required',
        'identity.colour: is not a known key (known: vendorName, model, serialNumber, firmwareVersion, modem)',
        'evses[1].connectors[0].type: is required',
      ],
    );
  });

  it('identity lengths follow BootNotification', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.identity.model = 'M'.repeat(21);
        c.identity.vendorName = '';
        c.identity.modem.imsi = 123;
      })),
      [
        'identity.vendorName: must NOT have fewer than 1 characters',
        'identity.model: must NOT have more than 20 characters',
        'identity.modem.imsi: must be string',
      ],
    );
  });

  it('layout: at least one EVSE and one connector each, known connector types, phases 0..3, positive power', () => {
    assert.deepEqual(problemsOf(variant((c) => (c.evses = []))), ['evses: must NOT have fewer than 1 items']);
    const problems = problemsOf(variant((c) => {
      c.evses[0].connectors = [];
      c.evses[1].connectors[0].type = 'Type2';
      c.evses[1].supplyPhases = 4;
      c.evses[1].maxPowerW = 0;
    }));
    assert.equal(problems.length, 4);
    assert.equal(problems[0], 'evses[0].connectors: must NOT have fewer than 1 items');
    assert.match(problems[1]!, /^evses\[1\]\.connectors\[0\]\.type: must be one of cCCS1, cCCS2, cG105, .*sType2, .*Unknown, cGBT, cChaoJi, OppCharge$/);
    assert.equal(problems[2], 'evses[1].maxPowerW: must be > 0');
    assert.equal(problems[3], 'evses[1].supplyPhases: must be <= 3');
  });

  it('layout: EVSEs numbered 1..n and connectors 1..m per EVSE, in order (Part 1 §7)', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.evses[1].id = 3;
        c.evses[1].connectors[1].id = 3;
      })),
      [
        'evses[1].id: must be 2: EVSEs are numbered 1, 2, 3, … in the order listed, none skipped',
        'evses[1].connectors[1].id: must be 2: the connectors of an EVSE are numbered 1, 2, 3, … in the order listed, none skipped',
      ],
    );
    assert.deepEqual(problemsOf(variant((c) => (c.evses[0].id = 0))), [
      'evses[0].id: must be >= 1',
      'evses[0].id: must be 1: EVSEs are numbered 1, 2, 3, … in the order listed, none skipped',
    ]);
  });

  it('supported blocks: known names, each once', () => {
    assert.deepEqual(problemsOf(variant((c) => (c.supportedBlocks = ['Core', 'Metering', 'Metering']))), [
      'supportedBlocks: must NOT have duplicate items (items ## 2 and 1 are identical)',
    ]);
    assert.match(problemsOf(variant((c) => (c.supportedBlocks = ['Billing'])))[0]!, /^supportedBlocks\[0\]: must be one of Core, Security, /);
  });

  it('variables: objects of values; a value is a string, number, boolean, list of strings or an object by attribute type', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.variables.OCPPCommCtrlr.HeartbeatInterval = null;
        c.variables.OCPPCommCtrlr.QueueAllMessages = { Actual: true, Maximum: 3 };
        c.variables.OCPPCommCtrlr.FileTransferProtocols = ['HTTPS', 1];
        c.variables['EVSE#1'].Power = {};
        c.variables['Connector#2.2'] = 'cG105';
      })),
      [
        'variables.OCPPCommCtrlr.HeartbeatInterval: must be a string, a number, a boolean or a list of strings, or an object of such values keyed by attribute type (Actual, Target, MinSet, MaxSet)',
        'variables.OCPPCommCtrlr.QueueAllMessages.Maximum: is not a known key (known: Actual, Target, MinSet, MaxSet)',
        'variables.OCPPCommCtrlr.FileTransferProtocols[1]: must be string',
        'variables["EVSE#1"].Power: must give a value for at least one attribute type (Actual, Target, MinSet, MaxSet)',
        'variables["Connector#2.2"]: must be object',
      ],
    );
  });

  it('custom components: names, references to the layout, each component and variable once', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.customComponents[0].evseId = 3;
        c.customComponents[1].connectorId = 1;
        c.customComponents.push({ name: 'VendorCtrlr', instance: 'OPTIONAL', evseId: 3, connectorId: 1, variables: [{ name: 'X', dataType: 'string' }] });
        c.customComponents.push({ name: 'Other', evseId: 2, connectorId: 3, variables: [{ name: 'X', dataType: 'string' }, { name: 'x', dataType: 'boolean' }] });
      })),
      [
        'customComponents[0].evseId: no EVSE 3 in evses (EVSEs 1..2)',
        'customComponents[1].connectorId: needs an evseId: a connector is addressed on its EVSE',
        'customComponents[2].evseId: no EVSE 3 in evses (EVSEs 1..2)',
        'customComponents[2].name: component VendorCtrlr[OPTIONAL]#3.1 is already declared at customComponents[0]',
        'customComponents[3].connectorId: EVSE 2 has no connector 3 (connectors 1..2)',
        'customComponents[3].variables[1].name: variable x is already declared at variables[0]',
      ],
    );
    assert.deepEqual(problemsOf(variant((c) => (c.customComponents[0].name = 'Vendor Ctrlr'))), [
      'customComponents[0].name: may only hold letters, digits and * - _ = : + | @ .',
    ]);
  });

  it('custom variables: data types, limits and lists that fit, and a value that passes its own checks', () => {
    const bad = (variable: object) => problemsOf(variant((c) => (c.customComponents = [{ name: 'V', variables: [variable] }])));
    assert.match(bad({ name: 'A', dataType: 'int' })[0]!, /^customComponents\[0\]\.variables\[0\]\.dataType: must be one of string, decimal, integer, /);
    assert.deepEqual(bad({ name: 'A', dataType: 'string', min: 1, max: 5 }), [
      'customComponents[0].variables[0].min: applies to integer and decimal variables only, not string',
      'customComponents[0].variables[0].max: applies to integer and decimal variables only, not string (use maxLength)',
    ]);
    assert.deepEqual(bad({ name: 'A', dataType: 'integer', min: 5, max: 1 }), ['customComponents[0].variables[0].min: 5 is above max 1']);
    assert.deepEqual(bad({ name: 'A', dataType: 'OptionList' }), ['customComponents[0].variables[0].valuesList: is required for a OptionList variable']);
    assert.deepEqual(bad({ name: 'A', dataType: 'integer', valuesList: ['A', 'B'] }), [
      'customComponents[0].variables[0].valuesList: applies to OptionList, MemberList and SequenceList variables only, not integer',
    ]);
    assert.deepEqual(bad({ name: 'A', dataType: 'MemberList', valuesList: ['A', 'B,C'] }), ['customComponents[0].variables[0].valuesList[1]: must not contain a comma']);
    assert.deepEqual(bad({ name: 'A', dataType: 'integer', max: 10, value: 11 }), ['customComponents[0].variables[0].value: 11 is above the maximum 10']);
    assert.deepEqual(bad({ name: 'A', dataType: 'OptionList', valuesList: ['A'], value: 'C' }), ['customComponents[0].variables[0].value: "C" is not one of A']);
    assert.deepEqual(bad({ name: 'A', dataType: 'string', maxLength: 2, value: 'abc' }), [
      'customComponents[0].variables[0].value: the value is 3 characters long, at most 2 are allowed',
    ]);
    assert.deepEqual(bad({ name: 'A', dataType: 'integer', attributeTypes: ['Target'], value: 1 }), [
      'customComponents[0].variables[0].value: is the Actual value, but attributeTypes has no Actual',
    ]);
    assert.deepEqual(bad({ name: 'A', dataType: 'MemberList', valuesList: ['A', 'B'], value: ['A', 'B,C'] }), [
      'customComponents[0].variables[0].value: list item "B,C" contains a comma, which separates items',
    ]);
  });

  it('reports the problems of custom components even when other parts of the file fail the schema', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.identity.vendorName = 7;
        c.customComponents[1].variables[0].max = 'ten';
        c.customComponents[0].variables[0].value = 50;
      })),
      [
        'identity.vendorName: must be string',
        'customComponents[1].variables[0].max: must be number',
        'customComponents[0].variables[0].value: 50 is above the maximum 10',
      ],
    );
  });

  it('does not trip over a malformed layout while checking custom components', () => {
    assert.deepEqual(
      problemsOf(variant((c) => {
        c.evses[0].connectors = [null];
        c.customComponents[0].variables[0].value = 50;
      })),
      ['evses[0].connectors[0]: must be object', 'customComponents[0].variables[0].value: 50 is above the maximum 10'],
    );
  });

  it('formats paths with quoted keys where a key is no identifier', () => {
    assert.equal(formatPath([]), '(root)');
    assert.equal(formatPath(['variables', 'EVSE#1', 'Power', 'MaxSet']), 'variables["EVSE#1"].Power.MaxSet');
    assert.equal(formatPath(['variables', 'OCPPCommCtrlr', 'MessageAttempts[TransactionEvent]']), 'variables.OCPPCommCtrlr["MessageAttempts[TransactionEvent]"]');
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
