// The station configuration file refused: every kind of invalid file, with the exact paths of the keys at fault.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPath } from '../../../src/device-model/station-config.js';
import { variant, problemsOf } from './station-config-helpers.js';

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
