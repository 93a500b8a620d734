// The station simulator: simulated time, the hardware models and the simulated station that drives a
// ChargingStation with them and implements StationControl.
export { ScaledClock } from './scaled-clock.js';
export { SimulatedStation, type SimulatedStationOptions } from './simulated-station.js';
export { SimulatedEvse, type ConnectorState } from './simulated-evse.js';
export { SimulatedEv, DEFAULT_EV, evParameters, type EvParameters } from './simulated-ev.js';
export { EnergyMeter } from './energy-meter.js';
export { powerDraw, NO_DRAW, type Draw, type Supply } from './power-draw.js';
export { simulatorLayoutOf, checkLayout, type SimulatorLayout, type SimulatedEvseLayout } from './layout.js';
export { DC_VOLTAGE_V, PHASE_VOLTAGE_V } from './electrical.js';
export type { MeterRegisterStore } from '../storage/meter-register-store.js';
export { MemoryMeterRegisterStore } from '../storage/memory/memory-meter-register-store.js';
