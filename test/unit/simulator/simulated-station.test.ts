// SimulatedStation on a real ChargingStation with memory stores and no CSMS (the network is never reached: no
// CSMS is configured, tokens are accepted offline), on a ScaledClock over a FakeClock: every verb, the reports
// the station gets, the host it is given, reboots.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { memoryStationStores, type StationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import type { StationHost } from '../../../src/station/host.js';
import type { BootReasonEnumType, ChargingStateEnumType, MeterValueType } from '../../../src/messages/types.js';
import { ControlError } from '../../../src/control/station-control.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf, type SimulatedStationOptions } from '../../../src/simulator/index.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteMeterRegisters } from '../../../src/storage/sqlite/sqlite-meter-register-store.js';

const running: SimulatedStation[] = [];
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.stop();
});

const TWO_EVSES = {
  ...DEFAULT_STATION_CONFIG_JSON,
  evses: [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cType2' }, { id: 2, type: 'sType2' }], maxPowerW: 11040, supplyPhases: 3 },
  ],
  variables: { AuthCtrlr: { OfflineTxForUnknownIdEnabled: true } },
};

interface Built {
  sim: SimulatedStation;
  base: FakeClock;
  clock: ScaledClock;
  stores: StationStores;
  hosts: StationHost[];
  boots: BootReasonEnumType[];
  /** The charging states reported to any of the stations, per EVSE, in order. */
  states: [number, ChargingStateEnumType][];
  /** The meter values reported, per EVSE, in order. */
  readings: [number, MeterValueType][];
  websocket: string[];
}

function build(
  options: { speed?: number; meterIntervalSeconds?: number; ev?: SimulatedStationOptions['ev']; registers?: SimulatedStationOptions['registers'] } = {},
): Built {
  const base = new FakeClock('2026-02-01T12:00:00.000Z');
  const clock = new ScaledClock(base, options.speed ?? 1);
  const config = parseStationConfig(TWO_EVSES);
  const stores = memoryStationStores();
  const built: Omit<Built, 'sim'> = { base, clock, stores, hosts: [], boots: [], states: [], readings: [], websocket: [] };
  const sim = new SimulatedStation({
    stationId: 'CS-SIM-UNIT',
    clock,
    layout: simulatorLayoutOf(config),
    ...(options.meterIntervalSeconds !== undefined ? { meterIntervalSeconds: options.meterIntervalSeconds } : {}),
    ...(options.ev ? { ev: options.ev } : {}),
    ...(options.registers ? { registers: options.registers } : {}),
    createStation: (host) => {
      built.hosts.push(host);
      const station = new ChargingStation({ stationId: 'CS-SIM-UNIT', config, stores, host, clock });
      spy(station, 'start', (reason: BootReasonEnumType) => built.boots.push(reason));
      spy(station, 'onChargingStateChanged', (evseId: number, state: ChargingStateEnumType) => built.states.push([evseId, state]));
      spy(station, 'onMeterValue', (evseId: number, value: MeterValueType) => built.readings.push([evseId, value]));
      spy(station, 'disconnectWebsocket', () => built.websocket.push('disconnect'));
      spy(station, 'connectWebsocket', () => built.websocket.push('connect'));
      return station;
    },
  });
  running.push(sim);
  return { sim, ...built };
}

/** Records the calls of one method of an object, and lets them through. */
function spy(target: any, method: string, record: (...args: any[]) => void) {
  const original = target[method].bind(target);
  target[method] = (...args: any[]) => {
    record(...args);
    return original(...args);
  };
}

const energyOf = (reading: MeterValueType) =>
  reading.sampledValue.find((value) => value.measurand === 'Energy.Active.Import.Register')!.value;

describe('SimulatedStation: a session on simulated hardware', () => {
  it('plug, token, charging at the EV maximum, meter readings, SoC rising, unplug', async () => {
    const { sim, base, states, readings } = build({ meterIntervalSeconds: 10 });
    sim.start();
    assert.equal(sim.station.registrationStatus, 'Unknown');
    sim.plug(1);
    assert.equal(sim.status().evses[0]!.connectors[0]!.status, 'Occupied');
    assert.equal(sim.status().evses[0]!.chargingState, undefined, 'no charging state without a transaction');
    const authorized = await sim.authorize(1, 'DRIVER-1');
    assert.deepEqual(authorized, { result: 'authorized', evseId: 1, status: 'Accepted' });
    await flushMicrotasks();
    assert.deepEqual(states, [[1, 'Charging']]);
    const transactionId = sim.station.getEvseTransactionId(1);
    assert.ok(transactionId);

    readings.length = 0;
    await base.advance(60_000);
    const evse1 = readings.filter(([evseId]) => evseId === 1).map(([, value]) => value);
    assert.equal(evse1.length, 6, 'a reading every 10 s');
    assert.deepEqual(evse1.map(energyOf), [61.333, 122.667, 184, 245.333, 306.667, 368]);
    assert.ok(readings.some(([evseId]) => evseId === 0), 'and the main meter');
    const status = sim.status().evses[0]!;
    assert.equal(status.transactionId, transactionId);
    assert.equal(status.chargingState, 'Charging');
    assert.equal(status.energyWh, 368, '22080 W for 60 s');
    assert.deepEqual(status.ev, { connectorId: 1, suspended: false, soc: 20.6, powerW: 22_080, currentA: 32 });
    assert.deepEqual(status.limit, { amps: 32, watts: 22_080 }, 'cut to the 22 kW three-phase EVSE (issue 10 item 16)');

    readings.length = 0;
    sim.unplug(1);
    assert.deepEqual(readings.map(([evseId, value]) => [evseId, energyOf(value), value.sampledValue.some((v) => v.measurand === 'SoC')]), [
      [1, 368, false],
    ], 'a final reading, without the EV');
    const after = sim.status().evses[0]!;
    assert.equal(after.transactionId, undefined);
    assert.equal(after.ev, undefined);
    assert.equal(after.chargingState, undefined);
    assert.equal(after.connectors[0]!.status, 'Available');
    await base.advance(60_000);
    assert.equal(sim.status().evses[0]!.energyWh, 368, 'nothing flows without an EV');
  });

  it('issue 10 item 22: the energy register is stored before each reading and a new run on the same database goes on from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-registers-'));
    try {
      const file = join(dir, 'station.db');
      const firstFile = openSqliteMeterRegisters(file);
      const first = build({ meterIntervalSeconds: 10, registers: firstFile.store });
      spy(first.sim.station, 'onMeterValue', (evseId: number, value: MeterValueType) => {
        if (evseId > 0) assert.equal(firstFile.store.loadAll().get(evseId), energyOf(value), 'stored before the station reads it');
      });
      first.sim.start();
      first.sim.plug(1);
      await first.sim.authorize(1, 'DRIVER-1');
      await first.base.advance(60_000);
      assert.equal(first.sim.status().evses[0]!.energyWh, 368);
      await first.sim.stop();
      firstFile.close();

      const secondFile = openSqliteMeterRegisters(file);
      const second = build({ meterIntervalSeconds: 10, registers: secondFile.store });
      assert.equal(second.sim.status().evses[0]!.energyWh, 368, 'not back to 0 Wh');
      second.sim.start();
      second.sim.plug(1);
      await second.sim.authorize(1, 'DRIVER-1');
      await second.base.advance(10_000);
      const evse1 = second.readings.filter(([evseId]) => evseId === 1).map(([, value]) => energyOf(value));
      assert.ok(evse1.every((wh) => wh >= 368), `every reading of the new run is at or above 368 Wh: ${evse1.join(', ')}`);
      assert.ok(evse1.at(-1)! > 368, 'and it keeps counting');
      await second.sim.stop();
      secondFile.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the time of the scaled clock: at speed 60 a minute of base time charges for an hour', async () => {
    const { sim, base } = build({ speed: 60 });
    sim.start();
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-1');
    await base.advance(60_000);
    const { energyWh, ev } = sim.status().evses[0]!;
    assert.ok(Math.abs(energyWh - 22_080) < 0.01, `22080 Wh, got ${energyWh}`);
    assert.equal(ev!.soc, 56.8);
  });

  it('an EV that fills up stops drawing and turns SuspendedEV', async () => {
    const { sim, base, states } = build({ ev: { batteryCapacityWh: 1000, initialSocPercent: 95 } });
    sim.start();
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-1');
    await base.advance(30_000);
    const evse = sim.status().evses[0]!;
    assert.ok(Math.abs(evse.energyWh - 50) < 0.001, `the 50 Wh that fit, got ${evse.energyWh}`);
    assert.deepEqual([evse.chargingState, evse.ev?.soc, evse.ev?.powerW], ['SuspendedEV', 100, 0]);
    assert.deepEqual(states, [[1, 'Charging'], [1, 'SuspendedEV']]);
  });

  it('ev-suspend and ev-resume: SuspendedEV, no energy, Charging again', async () => {
    const { sim, base, states } = build();
    sim.start();
    sim.plug(2, 2, { maxCurrentA: 16 });
    await sim.authorize(2, 'DRIVER-2');
    await base.advance(10_000);
    sim.evSuspend(2);
    await flushMicrotasks();
    const suspended = sim.status().evses[1]!;
    assert.deepEqual([suspended.chargingState, suspended.ev?.suspended, suspended.ev?.powerW], ['SuspendedEV', true, 0]);
    await base.advance(60_000);
    assert.equal(sim.status().evses[1]!.energyWh, 30.667, '10 s at 11040 W only');
    sim.evResume(2);
    await flushMicrotasks();
    assert.deepEqual(states, [[2, 'Charging'], [2, 'SuspendedEV'], [2, 'Charging']]);
  });

  it('keeps the EV to the limit the station applies (an external limit through setChargingLimit)', async () => {
    const { sim, base } = build();
    sim.start();
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-1');
    sim.station.setExternalLimit({ evseId: 1, source: 'EMS', schedule: { limit: 10, unit: 'A' } });
    await flushMicrotasks();
    const limited = sim.status().evses[0]!;
    assert.equal(limited.limit?.amps, 10);
    assert.deepEqual([limited.ev?.currentA, limited.ev?.powerW], [10, 6900]);
    await base.advance(3_600_000);
    assert.ok(Math.abs(sim.status().evses[0]!.energyWh - 6900) < 1e-6);
    sim.station.setExternalLimit({ evseId: 1, source: 'EMS', schedule: { limit: 0, unit: 'A' } });
    await base.advance(1000);
    assert.equal(sim.status().evses[0]!.chargingState, 'SuspendedEVSE');
  });

  it('a fault stops the energy and shows as Faulted; clearing it lets charging resume', async () => {
    const { sim, base, states } = build();
    sim.start();
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-1');
    await base.advance(1000);
    sim.fault(1, 1);
    await flushMicrotasks();
    const faulted = sim.status().evses[0]!;
    assert.equal(faulted.connectors[0]!.status, 'Faulted');
    assert.deepEqual([faulted.chargingState, faulted.ev?.powerW], ['SuspendedEVSE', 0]);
    sim.fault(1, 1); // already faulted: nothing more happens
    sim.clearFault(1, 1);
    await base.advance(1000);
    assert.equal(sim.status().evses[0]!.connectors[0]!.status, 'Occupied');
    assert.deepEqual(states.slice(0, 2), [[1, 'Charging'], [1, 'SuspendedEVSE']]);
  });
});

describe('SimulatedStation: what it refuses', () => {
  it('unknown EVSEs and connectors, an occupied EVSE, no EV, a faulted connector, bad tokens', async () => {
    const { sim } = build();
    await assert.rejects(sim.authorize(1, 'DRIVER-1'), /has not been started/);
    sim.start();
    assert.throws(() => sim.plug(3), (error: unknown) => error instanceof ControlError && /EVSE 3 does not exist \(EVSEs: 1, 2\)/.test(error.message));
    assert.throws(() => sim.plug(2, 3), /EVSE 2 has no connector 3 \(connectors: 1, 2\)/);
    sim.plug(2, 2);
    assert.throws(() => sim.plug(2, 1), /EVSE 2 is occupied: an EV is plugged into connector 2/);
    assert.throws(() => sim.unplug(1), /no EV is plugged into EVSE 1/);
    assert.throws(() => sim.evSuspend(1), /no EV is plugged into EVSE 1/);
    assert.throws(() => sim.evResume(7), /EVSE 7 does not exist/);
    assert.throws(() => sim.fault(1, 2), /EVSE 1 has no connector 2/);
    sim.fault(1, 1);
    assert.throws(() => sim.plug(1), /connector 1 of EVSE 1 is faulted/);
    assert.throws(() => sim.plug(1, 1, { initialSocPercent: 140 }), ControlError);
    await assert.rejects(sim.authorize(3, 'DRIVER-1'), /EVSE 3 does not exist/);
    await assert.rejects(sim.authorize(1, ''), /1 to 36 characters/);
    await assert.rejects(sim.authorize(1, 'X'.repeat(37)), /1 to 36 characters/);
    await assert.rejects(sim.authorize('any', 'DRIVER-1', 'Barcode' as never), /"Barcode" is not an idToken type/);
    assert.throws(() => sim.set('HeartbeatInterval', '10'), /is not a variable path/);
    await sim.stop();
    assert.throws(() => sim.plug(1), /stopped/);
    await assert.rejects(sim.reboot(), /stopped/);
  });

  it('checks its options', () => {
    const options = { stationId: 'X', clock: new FakeClock(), createStation: () => assert.fail('not built') };
    assert.throws(() => new SimulatedStation({ ...options, layout: { evses: [] } }), /at least one EVSE/);
    assert.throws(() => new SimulatedStation({ ...options, layout: { evses: [{ id: 1, connectorIds: [1] }] }, meterIntervalSeconds: 0 }), /meterIntervalSeconds/);
    assert.throws(() => new SimulatedStation({ ...options, layout: { evses: [{ id: 1, connectorIds: [1] }] }, ev: { phases: 5 } }), /phases/);
  });
});

describe('SimulatedStation: the station, its host and its lifecycle', () => {
  it('set and get go to the device model as the integrator', () => {
    const { sim } = build();
    sim.start();
    assert.equal(sim.set('OCPPCommCtrlr.HeartbeatInterval', '120').attributeStatus, 'Accepted');
    assert.equal(sim.get('OCPPCommCtrlr.HeartbeatInterval').attributeValue, '120');
    assert.equal(sim.get('OCPPCommCtrlr.MessageTimeout[Default]').attributeValue, '30');
    assert.equal(sim.set('OCPPCommCtrlr.MessageTimeout[Default]', '40').attributeStatus, 'Accepted', 'ReadOnly, but not for the integrator');
    assert.equal(sim.get('EVSE#1.Power/MaxSet').attributeStatus, 'Accepted');
    assert.equal(sim.get('NoSuchCtrlr.Thing').attributeStatus, 'UnknownComponent');
  });

  it('unlocks like a real lock: not while the connector is faulted', async () => {
    const { sim, hosts } = build();
    sim.start();
    sim.plug(1);
    assert.equal(sim.evse(1)!.connector(1)!.locked, true);
    sim.fault(1, 1);
    assert.equal(await hosts[0]!.evse.unlockConnector(1, 1), false);
    sim.clearFault(1, 1);
    assert.equal(await hosts[0]!.evse.unlockConnector(1, 1), true);
    assert.equal(sim.evse(1)!.connector(1)!.locked, false);
    assert.equal(await hosts[0]!.evse.unlockConnector(9, 1), false, 'an EVSE it does not have');
  });

  it('offline and online pull and restore the network cable, which stays out across a reboot', async () => {
    const { sim, websocket, boots } = build();
    sim.start();
    await sim.offline();
    await sim.offline();
    assert.deepEqual(websocket, ['disconnect']);
    await sim.reboot();
    assert.deepEqual(boots, ['PowerUp', 'LocalReset']);
    sim.online();
    sim.online();
    assert.deepEqual(websocket, ['disconnect', 'connect']);
  });

  it('reboot (LocalReset): a new station on the same database; the EV stays plugged and is reported; the transaction ends', async () => {
    const { sim, base, boots, hosts, stores, readings } = build();
    sim.start();
    sim.set('OCPPCommCtrlr.HeartbeatInterval', '777');
    sim.plug(1);
    await sim.authorize(1, 'DRIVER-1');
    await base.advance(10_000);
    const first = sim.station;
    const transactionId = first.getEvseTransactionId(1)!;
    readings.length = 0;
    const rebooting = sim.reboot();
    const again = sim.reboot();
    assert.throws(() => sim.get('OCPPCommCtrlr.HeartbeatInterval'), /rebooting/);
    const refused = sim.authorize(1, 'DRIVER-1');
    await Promise.all([rebooting, again]);
    await assert.rejects(refused, /rebooting/);
    assert.notEqual(sim.station, first);
    assert.deepEqual(boots, ['PowerUp', 'LocalReset'], 'one reboot at a time');
    assert.equal(hosts.length, 2);
    assert.equal(sim.get('OCPPCommCtrlr.HeartbeatInterval').attributeValue, '777', 'the device model came back from the stores');
    assert.equal(stores.transactions.loadAll().find((record) => record.transactionId === transactionId), undefined, 'the old transaction ended at boot');
    const ended = stores.queue
      .loadAll()
      .map((message) => message.payload as { eventType: string; transactionInfo: { transactionId: string; stoppedReason?: string } })
      .find((payload) => payload.eventType === 'Ended' && payload.transactionInfo.transactionId === transactionId);
    assert.equal(ended?.transactionInfo.stoppedReason, 'Reboot', 'its Ended event waits in the queue for the CSMS');
    const evse = sim.status().evses[0]!;
    assert.equal(evse.connectors[0]!.status, 'Occupied', 'the EV still plugged, reported to the new station');
    assert.equal(evse.transactionId, undefined);
    assert.deepEqual([evse.chargingState, evse.ev?.powerW, evse.energyWh], [undefined, 0, 61.333]);
    assert.ok(readings.some(([evseId, value]) => evseId === 1 && energyOf(value) === 61.333), 'the meter reported to the new station');

    // The old station's host no longer drives the hardware.
    hosts[0]!.evse.setEnergyTransferAllowed(1, true);
    await flushMicrotasks();
    assert.equal(sim.status().evses[0]!.chargingState, undefined);
    await sim.authorize(1, 'DRIVER-1');
    await flushMicrotasks();
    assert.equal(sim.status().evses[0]!.chargingState, 'Charging');
  });

  it('a Reset through its host reboots with RemoteReset; faults stay and are reported to the new station', async () => {
    const { sim, hosts, boots } = build();
    sim.start();
    assert.equal(hosts[0]!.reset.isResetAllowed('Immediate'), true);
    assert.equal(hosts[0]!.reset.supportsEvseReset, false);
    sim.fault(2, 2);
    await hosts[0]!.reset.reset('Immediate');
    assert.deepEqual(boots, ['PowerUp', 'RemoteReset']);
    assert.equal(sim.status().evses[1]!.connectors[1]!.status, 'Faulted');
    await hosts[0]!.reset.reset('Immediate');
    assert.deepEqual(boots, ['PowerUp', 'RemoteReset'], 'a replaced station cannot reset the new one');
  });

  it('hardware changes before start are reported at boot; stop ends physics and reports', async () => {
    const { sim, base, readings, boots } = build();
    sim.plug(2, 1);
    sim.fault(1, 1);
    sim.start();
    const evses = sim.status().evses;
    assert.deepEqual([evses[0]!.connectors[0]!.status, evses[1]!.connectors[0]!.status], ['Faulted', 'Occupied']);
    assert.throws(() => sim.start(), /cannot start: it is running/);
    await sim.stop();
    await sim.stop();
    const count = readings.length;
    await base.advance(60_000);
    assert.equal(readings.length, count, 'no readings after stop');
    assert.deepEqual(boots, ['PowerUp']);
  });
});
