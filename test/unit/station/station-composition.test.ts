// The station as a composition root: a list of blocks, each with a unique name, whose APIs together offer every
// method docs/seed-api.md promises (libocpp's ChargePointInterface and what this stack adds).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { STATION_BLOCKS } from '../../../src/station/station-blocks.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { defaultStationConfig } from '../../../src/station/default-station-config.js';
import type { StationHost } from '../../../src/station/host.js';

const host: StationHost = {
  evse: { setEnergyTransferAllowed: () => undefined, unlockConnector: () => true },
  reset: { supportsEvseReset: false, isResetAllowed: () => true, reset: () => undefined },
};

/** The method names the seed table gives as done, and those of the "Beyond the seed" table. */
function promisedMethods(): string[] {
  const table = readFileSync(new URL('../../../docs/seed-api.md', import.meta.url), 'utf8');
  const names = new Set<string>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 3 || cells[1]?.startsWith('---')) continue;
    const done = cells.length >= 5 ? cells[3]!.startsWith('done') : true;
    const ours = cells.length >= 5 ? cells[2]! : cells[1]!;
    // A package export, not a method of the station.
    if (!done || ours.includes('package export')) continue;
    for (const match of ours.matchAll(/`([a-z][A-Za-z0-9]*)\(/g)) names.add(match[1]!);
  }
  return [...names];
}

describe('the station and its blocks', () => {
  it('every block of the list has a name of its own', () => {
    const names = STATION_BLOCKS.map((block) => block.name);
    assert.equal(new Set(names).size, names.length, names.join(', '));
  });

  it('offers every method the seed table promises, as a function on the station', async () => {
    const station = new ChargingStation({ stationId: 'CS-COMPOSE', config: defaultStationConfig(), stores: memoryStationStores(), host });
    try {
      const promised = promisedMethods();
      assert.ok(promised.length > 40, `the table lists ${promised.length} methods`);
      const missing = promised.filter((name) => typeof (station as unknown as Record<string, unknown>)[name] !== 'function');
      assert.deepEqual(missing, []);
    } finally {
      await station.stop();
    }
  });

  it('the block APIs are the station\'s own methods and work before start (the device model is there)', async () => {
    const station = new ChargingStation({ stationId: 'CS-COMPOSE', config: defaultStationConfig(), stores: memoryStationStores(), host });
    try {
      const [result] = station.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' } }]);
      assert.equal(result!.attributeValue, 'CS-COMPOSE');
      assert.equal(station.connectorStatus(1, 1), 'Available');
      assert.equal(station.getEvseTransactionId(1), undefined);
    } finally {
      await station.stop();
    }
  });
});
