// B12 and TC_B_21 end to end on the simulator: a Reset OnIdle while a transaction runs is answered Scheduled, waits
// for the transaction to end, and the station then boots with reason ScheduledReset; a Reset Immediate boots with
// RemoteReset. Against ocpp-rpc's strict RPCServer.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../../../src/simulator/index.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { acceptingCsms, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const CONFIG = parseStationConfig({
  ...DEFAULT_STATION_CONFIG_JSON,
  variables: {
    TxCtrlr: { TxStartPoint: 'EVConnected,Authorized', TxStopPoint: 'EVConnected,Authorized' },
    ClockCtrlr: { TimeSource: 'RealTimeClock' },
    OCPPCommCtrlr: { WebSocketPingInterval: 0, 'MessageTimeout[Default]': 600 },
  },
});

async function startSimulation(): Promise<{ peer: CsmsPeer; sim: SimulatedStation; client: PeerClient }> {
  const peer = await CsmsPeer.start({
    handlers: {
      ...acceptingCsms(),
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      TransactionEvent: () => ({}),
      MeterValues: () => ({}),
    },
  });
  open.push(peer);
  const clock = new ScaledClock(new FakeClock(new Date()), 1);
  const stores = memoryStationStores();
  const sim = new SimulatedStation({
    stationId: 'CS-RESET',
    clock,
    layout: simulatorLayoutOf(CONFIG),
    createStation: (host) =>
      new ChargingStation({ stationId: 'CS-RESET', config: CONFIG, stores, host, csms: { url: peer.url }, basicAuthPassword: 'test-password-000001', clock, random: () => 0 }),
  });
  open.push({ close: () => sim.stop() });
  const client = peer.nextClient();
  sim.start();
  const connected = await client;
  await waitFor(() => sim.status().registration === 'Accepted' && sim.status().connected, 'Accepted');
  return { peer, sim, client: connected };
}

const bootReasons = (peer: CsmsPeer) => peer.callsOf('BootNotification').map((call) => call.payload.reason);

describe('B12 Reset and the boot reason after it (TC_B_21)', () => {
  it('B12.FR.01 TC_B_21 a Reset OnIdle waits for the transaction to end, then boots with ScheduledReset', async () => {
    const { peer, sim, client } = await startSimulation();
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-001');
    await waitFor(() => peer.callsOf('TransactionEvent').length >= 2, 'the transaction');
    assert.equal((await client.call('Reset', { type: 'OnIdle' })).status, 'Scheduled');
    assert.deepEqual(bootReasons(peer), ['PowerUp'], 'no reboot while the transaction runs');
    const next = peer.nextClient();
    sim.unplug(1);
    await next;
    await waitFor(() => bootReasons(peer).length === 2, 'the boot after the reset');
    assert.deepEqual(bootReasons(peer), ['PowerUp', 'ScheduledReset']);
    // The Ended event may reach the CSMS only after the reboot (it waits in the queue).
    await waitFor(() => peer.callsOf('TransactionEvent').some((call) => call.payload.eventType === 'Ended'), 'the Ended event');
    const ended = peer.callsOf('TransactionEvent').find((call) => call.payload.eventType === 'Ended');
    assert.equal(ended?.payload.transactionInfo.stoppedReason, 'EVDisconnected');
  });

  it('B11.FR.03 a Reset Immediate without a transaction boots with RemoteReset', async () => {
    const { peer, client } = await startSimulation();
    const next = peer.nextClient();
    assert.equal((await client.call('Reset', { type: 'Immediate' })).status, 'Accepted');
    await next;
    await waitFor(() => bootReasons(peer).length === 2, 'the boot after the reset');
    assert.deepEqual(bootReasons(peer), ['PowerUp', 'RemoteReset']);
  });
});
