// What the simulated hardware tells the station: meter readings (each EVSE's and the main meter's) and the
// charging states of the EVs, each change reported once, after the station's current call has returned.
import type { Logger } from '../logger.js';
import type { ChargingStateEnumType } from '../messages/types.js';
import type { ChargingStation } from '../station/charging-station.js';
import type { MeterRegisterStore } from '../storage/meter-register-store.js';
import { mainMeterReading } from './main-meter.js';
import type { SimulatedEvse } from './simulated-evse.js';

export interface HardwareReportsOptions {
  evses: ReadonlyMap<number, SimulatedEvse>;
  /** The ChargingStation running now (a new one after each reboot). */
  station: () => ChargingStation;
  /** Whether the station is running: charging states are reported only then. */
  running: () => boolean;
  logger: Logger;
  /** Runs work of a microtask: what fails is logged, and the simulation goes on. */
  guarded: (what: string, work: () => void) => void;
  /** Each EVSE's register is stored here before the station reads it. */
  registers: MeterRegisterStore;
}

export class HardwareReports {
  /** The charging state last reported per EVSE, so that only changes are. */
  private readonly reportedStates = new Map<number, ChargingStateEnumType>();
  private stateReportPending = false;
  /** The register last stored per EVSE. */
  private readonly storedRegisters = new Map<number, number>();

  constructor(private readonly options: HardwareReportsOptions) {}

  /** The EVSE's meter reading, to the station. */
  reading(evse: SimulatedEvse): void {
    const station = this.options.station();
    // Stored first: after a crash the register restarts at or above anything the CSMS has seen. An idle meter's
    // register has not moved, so it is not written again.
    const registerWh = evse.meter.energyWh;
    if (this.storedRegisters.get(evse.id) !== registerWh) {
      this.options.registers.save(evse.id, registerWh);
      this.storedRegisters.set(evse.id, registerWh);
    }
    station.onMeterValue(evse.id, evse.reading(station.clock.now()));
  }

  /** The station's main meter (EVSE 0). */
  mainMeter(): void {
    const station = this.options.station();
    station.onMeterValue(0, mainMeterReading(this.options.evses.values(), station.clock.now()));
  }

  /** The station was told of the EV plugged into the EVSE (its session started): EVConnected is known. */
  plugged(evseId: number): void {
    this.reportedStates.set(evseId, 'EVConnected');
  }

  unplugged(evseId: number): void {
    this.reportedStates.delete(evseId);
  }

  /** A station that has just started knows no charging state yet. */
  forgetStates(): void {
    this.reportedStates.clear();
  }

  /**
   * Reports the charging states that changed — after the station's current call has returned: the EV reacts to
   * what the station did, it does not interrupt it.
   */
  scheduleStateReport(): void {
    if (this.stateReportPending) return;
    this.stateReportPending = true;
    queueMicrotask(() => {
      this.stateReportPending = false;
      this.options.guarded('reporting the charging state', () => this.reportChargingStates());
    });
  }

  reportChargingStates(): void {
    if (!this.options.running()) return;
    for (const evse of this.options.evses.values()) {
      const state = evse.chargingState();
      if (state === undefined || state === this.reportedStates.get(evse.id)) continue;
      this.reportedStates.set(evse.id, state);
      this.options.logger.info({ evseId: evse.id, chargingState: state }, 'charging state');
      // A reading first, so that what the station samples next shows the change.
      this.reading(evse);
      this.options.station().onChargingStateChanged(evse.id, state);
    }
  }
}
