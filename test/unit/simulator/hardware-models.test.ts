// The simulated hardware without a station: the EV's battery and charger, the draw between EV, EVSE and limit,
// the meter's integration and readings, the EVSE's charging states, lock and faults.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_EV, SimulatedEv, evParameters } from '../../../src/simulator/simulated-ev.js';
import { EnergyMeter } from '../../../src/simulator/energy-meter.js';
import { NO_DRAW, powerDraw } from '../../../src/simulator/power-draw.js';
import { SimulatedEvse } from '../../../src/simulator/simulated-evse.js';
import { checkLayout, simulatorLayoutOf } from '../../../src/simulator/layout.js';
import { defaultStationConfig } from '../../../src/station/default-station-config.js';

const HOUR_MS = 3_600_000;
const SECOND_MS = 1000;

function evse(options: { phases?: number; maxPowerW?: number; connectorIds?: number[] } = {}) {
  return new SimulatedEvse({ id: 1, connectorIds: options.connectorIds ?? [1], phases: options.phases ?? 3, ...(options.maxPowerW ? { maxPowerW: options.maxPowerW } : {}) });
}

/** Advances in steps of `stepMs`, as the simulator's ticks do. */
function run(target: SimulatedEvse, totalMs: number, stepMs = SECOND_MS) {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) target.advance(Math.min(stepMs, totalMs - elapsed));
}

describe('the energy meter', () => {
  it('integrates a constant power exactly: 7360 W for an hour in one-second steps is 7360 Wh', () => {
    const meter = new EnergyMeter(1);
    for (let second = 0; second < 3600; second++) meter.integrate(7360, SECOND_MS);
    assert.equal(meter.energyWh, 7360);
    meter.integrate(3680, 30 * 60 * SECOND_MS);
    assert.equal(meter.energyWh, 7360 + 1840);
    assert.equal(meter.integrate(0, HOUR_MS), 0, 'no power, no energy');
    assert.equal(meter.integrate(1000, -5), 0, 'time does not run backwards');
    assert.equal(meter.energyWh, 9200);
  });

  it('reads energy, power, current and voltage per phase, and the SoC at the EV, stamped with the time given', () => {
    const meter = new EnergyMeter(3, 1000);
    const reading = meter.reading(new Date('2026-01-01T10:00:00.000Z'), { powerW: 3680, currentA: 16, phases: 1 }, 42.26);
    assert.equal(reading.timestamp, '2026-01-01T10:00:00.000Z');
    const values = reading.sampledValue.map((value) => [value.measurand, value.phase ?? '', value.value, value.unitOfMeasure?.unit, value.location]);
    assert.deepEqual(values, [
      ['Energy.Active.Import.Register', '', 1000, 'Wh', 'Outlet'],
      ['Power.Active.Import', '', 3680, 'W', 'Outlet'],
      ['Current.Import', 'L1', 16, 'A', 'Outlet'],
      ['Current.Import', 'L2', 0, 'A', 'Outlet'],
      ['Current.Import', 'L3', 0, 'A', 'Outlet'],
      ['Voltage', 'L1-N', 230, 'V', 'Outlet'],
      ['Voltage', 'L2-N', 230, 'V', 'Outlet'],
      ['Voltage', 'L3-N', 230, 'V', 'Outlet'],
      ['SoC', '', 42.3, 'Percent', 'EV'],
    ]);
    const idle = new EnergyMeter(1).reading(new Date(0), NO_DRAW);
    assert.ok(!idle.sampledValue.some((value) => value.measurand === 'SoC'), 'no SoC without an EV');
    assert.throws(() => new EnergyMeter(4), RangeError);
  });
});

describe('the EV', () => {
  it('fills its battery from its initial SoC and refuses what does not fit', () => {
    const ev = new SimulatedEv({ batteryCapacityWh: 10_000, initialSocPercent: 50 });
    assert.equal(ev.socPercent, 50);
    assert.equal(ev.charge(1000 * 3600), 1000 * 3600);
    assert.equal(ev.socPercent, 60);
    assert.equal(ev.charge(10_000 * 3600), 4000 * 3600, 'only the 4 kWh left');
    assert.equal(ev.socPercent, 100);
    assert.equal(ev.full, true);
    assert.equal(ev.wantsEnergy, false);
  });

  it('pauses and resumes', () => {
    const ev = new SimulatedEv();
    assert.equal(ev.wantsEnergy, true);
    ev.suspend();
    assert.deepEqual([ev.suspended, ev.wantsEnergy], [true, false]);
    ev.resume();
    assert.deepEqual([ev.suspended, ev.wantsEnergy], [false, true]);
  });

  it('takes defaults for what is not given and refuses impossible parameters', () => {
    assert.deepEqual(evParameters({ maxCurrentA: 16, phases: undefined }), { ...DEFAULT_EV, maxCurrentA: 16 });
    assert.throws(() => evParameters({ batteryCapacityWh: 0 }), /batteryCapacityWh must be a finite number above 0/);
    assert.throws(() => evParameters({ initialSocPercent: 101 }), /initialSocPercent/);
    assert.throws(() => evParameters({ phases: 4 }), /phases must be 1, 2 or 3/);
    assert.throws(() => evParameters({ maxPowerW: Number.NaN }), RangeError);
  });
});

describe('the draw: the lower of what the EV takes and what the EVSE gives', () => {
  const ev = evParameters({ maxCurrentA: 32, maxPowerW: 22_080, phases: 3 });

  it('the EV at its own maximum when nothing else limits it', () => {
    assert.deepEqual(powerDraw(ev, { phases: 3 }), { powerW: 22_080, currentA: 32, phases: 3 });
    assert.deepEqual(powerDraw(evParameters({ maxCurrentA: 16, maxPowerW: 11_000, phases: 3 }), { phases: 3 }), {
      powerW: 11_000,
      currentA: 11_000 / 690,
      phases: 3,
    }, 'its power limit below its current limit');
  });

  it('capped by the limit in amps, in watts, by its phases, and by the EVSE', () => {
    assert.deepEqual(powerDraw(ev, { phases: 3, limit: { amps: 16, watts: 33_120 } }), { powerW: 11_040, currentA: 16, phases: 3 });
    assert.deepEqual(powerDraw(ev, { phases: 3, limit: { amps: 48, watts: 6900 } }), { powerW: 6900, currentA: 10, phases: 3 });
    assert.deepEqual(powerDraw(ev, { phases: 3, limit: { amps: 20, watts: 33_120, numberPhases: 1 } }), { powerW: 4600, currentA: 20, phases: 1 });
    assert.deepEqual(powerDraw(ev, { phases: 1 }), { powerW: 7360, currentA: 32, phases: 1 }, 'a single-phase EVSE');
    assert.deepEqual(powerDraw(ev, { phases: 3, maxPowerW: 13_800 }), { powerW: 13_800, currentA: 20, phases: 3 });
    assert.deepEqual(powerDraw(ev, { phases: 3, limit: { amps: 0, watts: 0 } }), NO_DRAW);
  });
});

describe('the EVSE', () => {
  it('delivers energy only while the station allows it; the integral of power over time goes to meter and battery', () => {
    const hardware = evse();
    const ev = new SimulatedEv({ batteryCapacityWh: 60_000, initialSocPercent: 20 });
    hardware.plug(1, ev);
    run(hardware, 60 * SECOND_MS);
    assert.equal(hardware.meter.energyWh, 0, 'nothing flows before the power path closes');
    hardware.setEnergyAllowed(true);
    run(hardware, HOUR_MS);
    assert.equal(hardware.meter.energyWh, 22_080, '22080 W for an hour');
    assert.ok(Math.abs(ev.socPercent - (20 + (22_080 / 60_000) * 100)) < 1e-9, 'SoC rose by 22.08 of 60 kWh');
    hardware.setEnergyAllowed(false);
    run(hardware, HOUR_MS);
    assert.equal(hardware.meter.energyWh, 22_080);
  });

  it('keeps the EV to the limit in force', () => {
    const hardware = evse();
    hardware.plug(1, new SimulatedEv());
    hardware.setEnergyAllowed(true);
    hardware.limit = { amps: 16, watts: 33_120, numberPhases: 3 };
    assert.deepEqual(hardware.draw(), { powerW: 11_040, currentA: 16, phases: 3 });
    run(hardware, HOUR_MS / 2);
    assert.equal(hardware.meter.energyWh, 5520);
  });

  it('stops drawing at 100 % SoC: energy flows only until the battery is full, then SuspendedEV', () => {
    const hardware = evse();
    const ev = new SimulatedEv({ batteryCapacityWh: 10_000, initialSocPercent: 99 });
    hardware.plug(1, ev);
    hardware.setEnergyAllowed(true);
    assert.equal(hardware.chargingState(), 'Charging');
    run(hardware, 60 * SECOND_MS);
    assert.ok(Math.abs(hardware.meter.energyWh - 100) < 1e-9, `the 100 Wh left, not 368 Wh: ${hardware.meter.energyWh}`);
    assert.equal(ev.socPercent, 100);
    assert.deepEqual(hardware.draw(), NO_DRAW);
    assert.equal(hardware.chargingState(), 'SuspendedEV');
  });

  it('reports the charging state the EV is in', () => {
    const hardware = evse({ connectorIds: [1, 2] });
    assert.equal(hardware.chargingState(), undefined, 'no EV');
    const ev = new SimulatedEv();
    hardware.plug(2, ev);
    assert.equal(hardware.chargingState(), 'EVConnected', 'plugged, never offered energy');
    hardware.setEnergyAllowed(true);
    assert.equal(hardware.chargingState(), 'Charging');
    ev.suspend();
    assert.equal(hardware.chargingState(), 'SuspendedEV');
    ev.resume();
    hardware.limit = { amps: 0, watts: 0 };
    assert.equal(hardware.chargingState(), 'SuspendedEVSE', 'a limit of 0');
    hardware.limit = { amps: 32, watts: 22_080 };
    hardware.connector(2)!.faulted = true;
    assert.equal(hardware.chargingState(), 'SuspendedEVSE', 'a fault on its connector');
    hardware.connector(2)!.faulted = false;
    hardware.setEnergyAllowed(false);
    assert.equal(hardware.chargingState(), 'SuspendedEVSE', 'the station opened the path it had closed');
    hardware.powerCycle();
    assert.equal(hardware.chargingState(), 'EVConnected', 'after a restart the EV waits again');
    assert.equal(hardware.unplug(), 2);
    assert.equal(hardware.chargingState(), undefined);
  });

  it('locks the cable at plug-in; unlocks unless the connector is faulted', () => {
    const hardware = evse();
    hardware.plug(1, new SimulatedEv());
    assert.equal(hardware.connector(1)!.locked, true);
    hardware.connector(1)!.faulted = true;
    assert.equal(hardware.unlock(1), false);
    assert.equal(hardware.connector(1)!.locked, true);
    hardware.connector(1)!.faulted = false;
    assert.equal(hardware.unlock(1), true);
    assert.equal(hardware.connector(1)!.locked, false);
    assert.throws(() => hardware.unlock(9), /no connector 9/);
    assert.throws(() => hardware.plug(1, new SimulatedEv()), /already has an EV/);
  });
});

describe('the layout', () => {
  it('follows the station configuration', () => {
    assert.deepEqual(simulatorLayoutOf(defaultStationConfig()), { evses: [{ id: 1, connectorIds: [1], phases: 3, maxPowerW: 22_080 }] });
  });

  it('refuses layouts no station has', () => {
    assert.throws(() => checkLayout({ evses: [] }), /at least one EVSE/);
    assert.throws(() => checkLayout({ evses: [{ id: 1, connectorIds: [1] }, { id: 1, connectorIds: [1] }] }), /twice/);
    assert.throws(() => checkLayout({ evses: [{ id: 1, connectorIds: [] }] }), /no connector/);
    assert.throws(() => checkLayout({ evses: [{ id: 1, connectorIds: [1], phases: 0 }] }), /phases/);
  });
});

describe('a DC EVSE (issue 10 item 16)', () => {
  it('supplyPhases 0 is a DC EVSE in the layout', () => {
    const layout = simulatorLayoutOf({ evses: [{ id: 1, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50_000, supplyPhases: 0 }] } as never);
    assert.deepEqual(layout.evses[0], { id: 1, connectorIds: [1], phases: 3, maxPowerW: 50_000, dc: true });
  });

  it('charges the battery through the DC inlet: the EVSE power, the EV inlet and the limit in watts count, not AC phases', () => {
    assert.deepEqual(powerDraw(DEFAULT_EV, { phases: 3, dc: true, maxPowerW: 50_000 }), { powerW: 50_000, currentA: 125, phases: 0 });
    assert.deepEqual(powerDraw(DEFAULT_EV, { phases: 3, dc: true, maxPowerW: 150_000 }).powerW, 100_000, 'the EV inlet takes 100 kW');
    assert.deepEqual(powerDraw(DEFAULT_EV, { phases: 3, dc: true, maxPowerW: 50_000, limit: { amps: 48, watts: 20_000 } }).powerW, 20_000);
    assert.equal(powerDraw(DEFAULT_EV, { phases: 3, dc: true, limit: { amps: 48, watts: 0 } }), NO_DRAW);
  });

  it('a DC meter reads one current and one voltage without phase', () => {
    const meter = new EnergyMeter(0);
    meter.integrate(50_000, HOUR_MS);
    const reading = meter.reading(new Date('2026-01-01T00:00:00Z'), { powerW: 50_000, currentA: 125, phases: 0 });
    assert.deepEqual(
      reading.sampledValue.map((value) => [value.measurand, value.value, value.phase ?? '-']),
      [['Energy.Active.Import.Register', 50_000, '-'], ['Power.Active.Import', 50_000, '-'], ['Current.Import', 125, '-'], ['Voltage', 400, '-']],
    );
  });

  it('a 50 kW DC EVSE charges an hour at 50 kW, where AC would have been 22 kW', () => {
    const dc = new SimulatedEvse({ id: 1, connectorIds: [1], phases: 3, maxPowerW: 50_000, dc: true });
    dc.plug(1, new SimulatedEv({ batteryCapacityWh: 200_000 }));
    dc.setEnergyAllowed(true);
    run(dc, HOUR_MS, 60 * SECOND_MS);
    assert.equal(Math.round(dc.meter.energyWh), 50_000);
  });
});
