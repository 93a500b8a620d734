// The example in docs/station-config.md is a valid configuration and builds a device model.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/station-config.md', import.meta.url)), 'utf8');

describe('docs/station-config.md', () => {
  it('holds a configuration that parses and starts a station', () => {
    const json = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!);
    const config = parseStationConfig(json, 'docs/station-config.md');
    const station = new ChargingStation({
      stationId: 'CS-DOC',
      config,
      stores: memoryStationStores(),
      host: {
        reset: { supportsEvseReset: false, isResetAllowed: () => true, reset: () => undefined },
        evse: { setEnergyTransferAllowed: () => undefined, unlockConnector: () => true },
      },
    });
    const [power, mode] = station.getVariables([
      { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, attributeType: 'MaxSet' },
      { component: { name: 'VendorCtrlr' }, variable: { name: 'Mode' } },
    ]);
    assert.deepEqual([power!.attributeValue, mode!.attributeValue], ['11000', 'Eco']);
  });
});
