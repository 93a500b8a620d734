// SimulatedStation over EVSEs of different power (issue 10 item 16): 11 kW and 22 kW AC and 50 kW DC, on a real
// ChargingStation with memory stores and no CSMS, on a ScaledClock over a FakeClock.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import type { StationHost } from '../../../src/station/host.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../../../src/simulator/index.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';

const running: SimulatedStation[] = [];
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.stop();
});

describe('SimulatedStation: EVSEs of different power', () => {
  it('issue 10 item 16: 11 kW, 22 kW and 50 kW DC EVSEs each get their own limit, and the DC one charges at 50 kW', async () => {
    const base = new FakeClock('2026-02-01T12:00:00.000Z');
    const clock = new ScaledClock(base, 1);
    const config = parseStationConfig({
      ...DEFAULT_STATION_CONFIG_JSON,
      evses: [
        { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 11_040, supplyPhases: 3 },
        { id: 2, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22_080, supplyPhases: 3 },
        { id: 3, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50_000, supplyPhases: 0 },
      ],
      variables: { AuthCtrlr: { OfflineTxForUnknownIdEnabled: true } },
    });
    const told: [number, number][] = [];
    const stores = memoryStationStores();
    const sim = new SimulatedStation({
      stationId: 'CS-SIM-POWER',
      clock,
      layout: simulatorLayoutOf(config),
      createStation: (host) => {
        const setLimit = host.evse.setChargingLimit?.bind(host.evse);
        const spied = { ...host, evse: { ...host.evse, setChargingLimit: (evseId: number, limit: any) => (told.push([evseId, limit.watts]), setLimit?.(evseId, limit)) } };
        return new ChargingStation({ stationId: 'CS-SIM-POWER', config, stores, host: spied as StationHost, clock });
      },
    });
    running.push(sim);
    sim.start();
    await flushMicrotasks();
    assert.deepEqual(sim.status().evses.map((evse) => evse.limit), [
      { amps: 16, watts: 11_040 },
      { amps: 32, watts: 22_080 },
      { amps: 48, watts: 50_000 },
    ]);
    assert.deepEqual(told.sort((a, b) => a[0] - b[0]), [[1, 11_040], [2, 22_080], [3, 50_000]], 'EvseHost.setChargingLimit never more than the EVSE has');
    sim.plug(3);
    await sim.authorize(3, 'DRIVER-DC');
    await base.advance(60_000);
    const dc = sim.status().evses[2]!;
    assert.deepEqual([dc.ev?.powerW, dc.energyWh], [50_000, 833.333]);
  });
});
