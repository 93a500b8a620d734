// What the station configuration tests share: a valid configuration, variants of it, the problems a parse
// reports, and a small set of stand-in declarations to resolve keys against.
import assert from 'node:assert/strict';
import { controller, declareComponent, declarationsOf, optional, required } from '../../../src/device-model/declare.js';
import { StationConfigError, parseStationConfig } from '../../../src/device-model/station-config.js';
import type { AnyVariable } from '../../../src/device-model/types.js';

export const VALID = {
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
export function variant(change: (config: any) => void): unknown {
  const copy = structuredClone(VALID) as any;
  change(copy);
  return copy;
}

/** The problems of a file, as `path: message` lines. */
export function problemsOf(json: unknown): string[] {
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
export const Comm = controller('OCPPCommCtrlr', 'Core', {
  HeartbeatInterval: optional.integer({ min: 1, default: 1800 }),
  MessageAttemptsTx: optional.integer({ name: 'MessageAttempts', instance: 'TransactionEvent', min: 0, default: 3 }),
  QueueAllMessages: optional.boolean({ default: false }),
  FileTransferProtocols: optional.memberList(['FTP', 'FTPS', 'HTTP', 'HTTPS'], { default: ['HTTPS'] }),
});
export const Station = controller('ChargingStation', 'Core', {
  VendorName: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 50 }),
  Model: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 20 }),
});
export const Evse1 = declareComponent({ name: 'EVSE', evseId: 1 }, 'Core', {
  Power: required.decimal({ mutability: 'ReadOnly', unit: 'W', max: 22000, attributeTypes: ['Actual', 'MaxSet'], default: 0, defaults: { MaxSet: 22000 } }),
});
export const Connector22 = declareComponent({ name: 'Connector', evseId: 2, connectorId: 2 }, 'Core', {
  ConnectorType: required.string({ mutability: 'ReadOnly', default: 'Unknown' }),
});
export const STANDIN: AnyVariable[] = [...declarationsOf(Comm), ...declarationsOf(Station), ...declarationsOf(Evse1), ...declarationsOf(Connector22)];
