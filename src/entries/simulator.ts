// ocpp-station/simulator: what `ocpp-station run` and `demo` are built from — simulated time and hardware
// driving a ChargingStation, the control API that steers it, and the demo's embedded CSMS — beside everything
// of the root entry. The demo CSMS needs the optional peer dependency ocpp-rpc, loaded only when it starts.
export * from '../index.js';

export { ScaledClock, SimulatedStation, SimulatedEvse, SimulatedEv, DEFAULT_EV, evParameters, EnergyMeter, powerDraw, NO_DRAW, simulatorLayoutOf, checkLayout, PHASE_VOLTAGE_V, DC_VOLTAGE_V, MemoryMeterRegisterStore } from '../simulator/index.js';
export type { SimulatedStationOptions, ConnectorState, EvParameters, Draw, Supply, SimulatorLayout, SimulatedEvseLayout, MeterRegisterStore } from '../simulator/index.js';

export { startControlServer } from '../control/http-server.js';
export type { ControlServer, ControlServerOptions } from '../control/http-server.js';
export { ControlClient, ControlApiError, ControlUnreachableError } from '../control/control-client.js';
export type { ControlClientOptions } from '../control/control-client.js';
export { ControlError } from '../control/station-control.js';
export type { StationControl, StationStatus, EvseView, ConnectorView, EvView, AuthorizeResult, VariablePath } from '../control/station-control.js';

export { startDemoCsms, DemoCsmsUnavailableError } from '../demo/demo-csms.js';
export type { DemoCsms, DemoCsmsOptions } from '../demo/demo-csms.js';
