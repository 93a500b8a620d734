// A charging station with simulated hardware: it builds a ChargingStation on a host of its own (EVSEs whose
// power path, limit and locks follow what the station says), runs the physics of each EVSE every simulated
// second, feeds the meters' readings to the station, and carries out what a person asks through StationControl —
// plug, present a token, pause the EV, break a connector, pull the network cable, reboot — by acting on the
// hardware and reporting it to the station as real hardware would. The simulation's time is in
// simulation-loop.ts, what the hardware reports in hardware-reports.ts.
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { BootReasonEnumType, GetVariableResultType, IdTokenEnumType, SetVariableResultType } from '../messages/types.js';
import type { ChargingStation } from '../station/charging-station.js';
import type { StationHost } from '../station/host.js';
import {
  ControlError,
  type AuthorizeResult,
  type StationControl,
  type StationStatus,
  type VariablePath,
} from '../control/station-control.js';
import { getVariableData, setVariableData } from '../control/variable-path.js';
import type { MeterRegisterStore } from '../storage/meter-register-store.js';
import { MemoryMeterRegisterStore } from '../storage/memory/memory-meter-register-store.js';
import { checkIdToken, connectorOf, evseOf } from './control-input.js';
import { roundReading } from './electrical.js';
import { evseView } from './evse-view.js';
import { HardwareReports } from './hardware-reports.js';
import { simulatedHost } from './simulated-host.js';
import { checkLayout, type SimulatorLayout } from './layout.js';
import { DEFAULT_EV, SimulatedEv, evParameters, type EvParameters } from './simulated-ev.js';
import { SimulatedEvse } from './simulated-evse.js';
import { SimulationLoop, type SimulationPhase as Phase } from './simulation-loop.js';

export interface SimulatedStationOptions {
  stationId: string;
  /**
   * The clock of the simulation (a ScaledClock for --speed): the physics runs on it, and `createStation` must give
   * the ChargingStation the same clock.
   */
  clock: Clock;
  /** The EVSEs and connectors; they must match the station configuration's. */
  layout: SimulatorLayout;
  /**
   * Builds the ChargingStation on the simulator's host, at start and again at every reboot. A reboot must find
   * the state of the run before: give every station built the same database (the same SQLite file, or the same
   * memory stores).
   */
  createStation: (host: StationHost) => ChargingStation;
  logger?: Logger;
  /** Seconds of simulated time between two meter readings reported to the station; 10 by default. */
  meterIntervalSeconds?: number;
  /** The EV that plugs in when plug() is not told otherwise; DEFAULT_EV's values for what is not given. */
  ev?: Partial<EvParameters>;
  /**
   * Where the meters' registers are kept (the run's database): each reading is stored before the station hears
   * of it, and the next simulation starts from there, so a register never goes back. In memory when not given.
   */
  registers?: MeterRegisterStore;
  /** The firmware updater's downloads, for pauseFirmwareDownload (the simulator's host pauses them). */
  firmwareDownloads?: { pauseDownloads(): void; resumeDownloads(): void };
}

export class SimulatedStation implements StationControl {
  readonly stationId: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly evses = new Map<number, SimulatedEvse>();
  private readonly evDefaults: EvParameters;
  private readonly loop: SimulationLoop;
  private readonly reports: HardwareReports;
  private current: ChargingStation;
  /** Counts the stations built: a host only acts for the station it was built for. */
  private generation = 0;
  private phase: Phase = 'created';
  private rebooting: Promise<void> | undefined;
  /** The network cable is out (offline()): it stays out across reboots until online(). */
  private networkDown = false;

  constructor(private readonly options: SimulatedStationOptions) {
    checkLayout(options.layout);
    const interval = options.meterIntervalSeconds ?? 10;
    if (!Number.isFinite(interval) || interval <= 0) {
      throw new RangeError(`meterIntervalSeconds must be a finite number above 0, got ${interval}`);
    }
    this.stationId = options.stationId;
    this.clock = options.clock;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'simulator' });
    this.evDefaults = evParameters(options.ev ?? {}, DEFAULT_EV);
    const registers = options.registers ?? new MemoryMeterRegisterStore();
    const stored = registers.loadAll();
    for (const evse of options.layout.evses) this.evses.set(evse.id, new SimulatedEvse(evse, stored.get(evse.id) ?? 0));
    const guarded = (what: string, work: () => void) => this.guarded(what, work);
    this.loop = new SimulationLoop({
      clock: this.clock,
      evses: this.evses,
      meterIntervalMs: interval * 1000,
      phase: () => this.phase,
      stepped: () => this.reports.reportChargingStates(),
      meterReading: () => {
        if (this.phase !== 'running') return;
        for (const evse of this.evses.values()) this.reports.reading(evse);
        this.reports.mainMeter();
      },
      guarded,
    });
    this.reports = new HardwareReports({
      evses: this.evses,
      station: () => this.current,
      running: () => this.phase === 'running',
      logger: this.logger,
      guarded,
      registers,
    });
    this.current = options.createStation(this.hostFor(this.generation));
  }

  /** The ChargingStation running now (a new one after each reboot). */
  get station(): ChargingStation {
    return this.current;
  }

  /** The simulated hardware of an EVSE, to look at. */
  evse(evseId: number): SimulatedEvse | undefined {
    return this.evses.get(evseId);
  }

  /** Powers the station up: it boots (reason PowerUp unless told) and the physics starts. */
  start(bootReason: BootReasonEnumType = 'PowerUp'): void {
    if (this.phase !== 'created') throw new ControlError(`the simulated station cannot start: it is ${this.phase}`);
    this.phase = 'running';
    this.loop.startFromNow();
    this.boot(bootReason);
    this.loop.startTimers();
    this.logger.info({ bootReason }, 'simulated station started');
  }

  /** Stops the physics and the station (its stores are closed); a reboot under way ends without a new station. */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    const rebooting = this.rebooting;
    this.phase = 'stopped';
    this.loop.clearTimers();
    if (rebooting) await rebooting.catch(() => undefined);
    this.generation++;
    await this.current.stop();
    this.logger.info('simulated station stopped');
  }

  // --- StationControl ---

  certificates() {
    return this.current.installedCertificates();
  }

  firmware() {
    return this.current.firmwareStatus();
  }

  publishing() {
    return this.current.publishedFirmware();
  }

  logs() {
    return this.current.logStatus();
  }

  pauseFirmwareDownload(paused: boolean): void {
    const downloads = this.options.firmwareDownloads;
    if (downloads === undefined) throw new ControlError('this station has no firmware updater that can pause its downloads');
    if (paused) downloads.pauseDownloads();
    else downloads.resumeDownloads();
  }

  status(): StationStatus {
    const station = this.current;
    this.loop.advance();
    return {
      stationId: this.stationId,
      registration: station.registrationStatus,
      connected: station.isConnected,
      evses: [...this.evses.values()].map((evse) => evseView(station, evse)),
    };
  }

  plug(evseId: number, connectorId?: number, ev?: Partial<EvParameters>): void {
    this.assertNotStopped();
    const evse = evseOf(this.evses, evseId);
    const connector = connectorId ?? [...evse.connectors.keys()][0]!;
    const state = connectorOf(evse, connector);
    if (evse.ev) {
      throw new ControlError(`EVSE ${evseId} is occupied: an EV is plugged into connector ${evse.pluggedConnectorId}; unplug it first`);
    }
    if (state.faulted) throw new ControlError(`connector ${connector} of EVSE ${evseId} is faulted; clear the fault first`);
    let vehicle: SimulatedEv;
    try {
      vehicle = new SimulatedEv(ev ?? {}, this.evDefaults);
    } catch (error) {
      throw new ControlError((error as Error).message);
    }
    this.loop.advance();
    evse.plug(connector, vehicle);
    this.logger.info({ evseId, connectorId: connector, soc: vehicle.socPercent }, 'EV plugged in');
    if (this.phase !== 'running') return;
    this.reports.reading(evse);
    this.reports.plugged(evseId);
    this.current.onSessionStarted(evseId, connector);
    this.reports.scheduleStateReport();
  }

  unplug(evseId: number): void {
    this.assertNotStopped();
    const evse = evseOf(this.evses, evseId);
    if (!evse.ev) throw new ControlError(`no EV is plugged into EVSE ${evseId}`);
    this.loop.advance();
    const connectorId = evse.unplug()!;
    this.reports.unplugged(evseId);
    this.logger.info({ evseId, connectorId, energyWh: roundReading(evse.meter.energyWh) }, 'EV unplugged');
    if (this.phase !== 'running') return;
    this.reports.reading(evse);
    this.current.onSessionFinished(evseId, connectorId);
  }

  async authorize(evseId: number | 'any', idToken: string, type: IdTokenEnumType = 'ISO14443'): Promise<AuthorizeResult> {
    if (evseId !== 'any') evseOf(this.evses, evseId);
    checkIdToken(idToken, type);
    const station = this.runningStation('present a token');
    const outcome = await station.presentToken({ idToken, type }, evseId === 'any' ? undefined : evseId);
    this.logger.info({ evseId, result: outcome.result }, 'token presented');
    switch (outcome.result) {
      case 'authorized':
        return { result: 'authorized', ...(outcome.evseId !== undefined ? { evseId: outcome.evseId } : {}), status: outcome.idTokenInfo.status };
      case 'stopped':
        return { result: 'stopped', evseId: outcome.evseId };
      case 'busy':
        return { result: 'busy', evseId: outcome.evseId, status: outcome.idTokenInfo.status };
      case 'rejected':
        return { result: 'rejected', status: outcome.idTokenInfo.status };
    }
  }

  evSuspend(evseId: number): void {
    this.evAt(evseId, 'suspend').suspend();
    this.reports.scheduleStateReport();
  }

  evResume(evseId: number): void {
    this.evAt(evseId, 'resume').resume();
    this.reports.scheduleStateReport();
  }

  fault(evseId: number, connectorId: number): void {
    this.setFault(evseId, connectorId, true);
  }

  clearFault(evseId: number, connectorId: number): void {
    this.setFault(evseId, connectorId, false);
  }

  async offline(): Promise<void> {
    this.assertNotStopped();
    if (this.networkDown) return;
    this.networkDown = true;
    this.logger.info('network down');
    if (this.phase === 'running') await this.current.disconnectWebsocket();
  }

  online(): void {
    this.assertNotStopped();
    if (!this.networkDown) return;
    this.networkDown = false;
    this.logger.info('network up');
    // Not yet started, or rebooting: the station connects when it boots.
    if (this.phase === 'running') this.current.connectWebsocket();
  }

  /** A local reboot (boot reason LocalReset); the hardware, EVs included, stays as it is. */
  async reboot(): Promise<void> {
    if (this.rebooting) return this.rebooting;
    this.runningStation('reboot');
    return this.restart('LocalReset');
  }

  set(path: VariablePath, value: string): SetVariableResultType {
    const data = setVariableData(path, value);
    return this.stationForVariables().setVariables([data], 'integrator')[0]!;
  }

  get(path: VariablePath): GetVariableResultType {
    const data = getVariableData(path);
    return this.stationForVariables().getVariables([data])[0]!;
  }

  // --- the station's lifecycle ---

  /** Starts the current station and tells it what the hardware is like: faults, then EVs plugged in. */
  private boot(bootReason: BootReasonEnumType): void {
    const station = this.current;
    for (const evse of this.evses.values()) {
      for (const connector of evse.connectors.values()) if (connector.faulted) station.onFaulted(evse.id, connector.id);
    }
    station.start(bootReason, !this.networkDown);
    this.reports.forgetStates();
    for (const evse of this.evses.values()) {
      this.reports.reading(evse);
      const connectorId = evse.pluggedConnectorId;
      if (connectorId === undefined) continue;
      this.reports.plugged(evse.id);
      station.onSessionStarted(evse.id, connectorId);
    }
    this.reports.mainMeter();
    this.reports.scheduleStateReport();
  }

  /** Stops the station and boots a new one on the same database; the hardware keeps its state. */
  private restart(bootReason: BootReasonEnumType): Promise<void> {
    if (this.rebooting) return this.rebooting;
    this.rebooting = (async () => {
      this.phase = 'rebooting';
      this.logger.info({ bootReason }, 'rebooting');
      this.loop.advance();
      this.generation++;
      // The controller goes down: the power paths open, and stay open until the new station closes them.
      for (const evse of this.evses.values()) evse.powerCycle();
      try {
        await this.current.stop();
      } catch (error) {
        this.logger.error({ err: error }, 'stopping the station for the reboot failed');
      }
      if ((this.phase as Phase) === 'stopped') return;
      this.current = this.options.createStation(this.hostFor(this.generation));
      this.phase = 'running';
      this.boot(bootReason);
    })().finally(() => {
      this.rebooting = undefined;
    });
    return this.rebooting;
  }

  /** The host the station with this generation number gets: what it says is ignored once it is replaced. */
  private hostFor(generation: number): StationHost {
    return simulatedHost({
      evses: this.evses,
      logger: this.logger,
      live: () => generation === this.generation && this.phase !== 'stopped',
      beforeChange: () => this.loop.advance(),
      afterChange: () => this.reports.scheduleStateReport(),
      reboot: (bootReason) => this.restart(bootReason),
    });
  }

  // --- helpers ---

  /** Runs work of a timer or a microtask: what fails is logged, and the simulation goes on. */
  private guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logger.error({ err: error }, `${what} failed`);
    }
  }

  private setFault(evseId: number, connectorId: number, faulted: boolean): void {
    this.assertNotStopped();
    const evse = evseOf(this.evses, evseId);
    const connector = connectorOf(evse, connectorId);
    if (connector.faulted === faulted) return;
    this.loop.advance();
    connector.faulted = faulted;
    this.logger.info({ evseId, connectorId, faulted }, faulted ? 'connector faulted' : 'connector fault cleared');
    if (this.phase !== 'running') return;
    if (faulted) this.current.onFaulted(evseId, connectorId);
    else this.current.onFaultCleared(evseId, connectorId);
    this.reports.scheduleStateReport();
  }

  private evAt(evseId: number, what: string): SimulatedEv {
    this.assertNotStopped();
    const ev = evseOf(this.evses, evseId).ev;
    if (!ev) throw new ControlError(`no EV is plugged into EVSE ${evseId} to ${what}`);
    this.loop.advance();
    return ev;
  }

  private assertNotStopped(): void {
    if (this.phase === 'stopped') throw new ControlError('the simulated station is stopped');
  }

  private runningStation(what: string): ChargingStation {
    this.assertNotStopped();
    if (this.phase === 'created') throw new ControlError(`cannot ${what}: the station has not been started`);
    if (this.phase === 'rebooting') throw new ControlError(`cannot ${what}: the station is rebooting`);
    return this.current;
  }

  private stationForVariables(): ChargingStation {
    this.assertNotStopped();
    if (this.phase === 'rebooting') throw new ControlError('the station is rebooting; its variables are back once it has started');
    return this.current;
  }
}
