// One EVSE's hardware: its connectors (each with a cable lock and a fault state), its power path (open or closed,
// as the station allows), the limit it keeps the EV to, its energy meter and the EV plugged into it, if any.
// Time moves in `advance`: whatever flows between two calls flows at the rate set by the state in between, so
// every change of state must be preceded by an advance to its instant (SimulatedStation does that).
import type { EffectiveLimit } from '../blocks/smart-charging/charging-limits.js';
import type { ChargingStateEnumType, MeterValueType } from '../messages/types.js';
import { EnergyMeter } from './energy-meter.js';
import type { SimulatedEvseLayout } from './layout.js';
import { NO_DRAW, powerDraw, type Draw } from './power-draw.js';
import type { SimulatedEv } from './simulated-ev.js';

export interface ConnectorState {
  readonly id: number;
  faulted: boolean;
  /** The cable is locked into the socket (from plug-in until unlocked or unplugged). */
  locked: boolean;
}

export class SimulatedEvse {
  readonly id: number;
  readonly phases: number;
  readonly maxPowerW: number | undefined;
  /** Charges the EV's battery directly (DC); AC over `phases` otherwise. */
  readonly dc: boolean;
  readonly meter: EnergyMeter;
  readonly connectors: ReadonlyMap<number, ConnectorState>;
  /** The station's limit in force, once it has said one. */
  limit: EffectiveLimit | undefined;
  private allowed = false;
  private plugged: { readonly connectorId: number; readonly ev: SimulatedEv } | undefined;
  /** Energy was offered since the EV was plugged in (or since the station restarted): a stop is SuspendedEVSE. */
  private offered = false;

  /** @param registerWh the meter's register when the simulation starts (what the last run left), 0 by default */
  constructor(layout: SimulatedEvseLayout, registerWh = 0) {
    this.id = layout.id;
    this.phases = layout.phases ?? 3;
    this.maxPowerW = layout.maxPowerW;
    this.dc = layout.dc === true;
    this.meter = new EnergyMeter(this.dc ? 0 : this.phases, registerWh);
    this.connectors = new Map(layout.connectorIds.map((id) => [id, { id, faulted: false, locked: false }]));
  }

  get ev(): SimulatedEv | undefined {
    return this.plugged?.ev;
  }

  /** The connector the EV is plugged into. */
  get pluggedConnectorId(): number | undefined {
    return this.plugged?.connectorId;
  }

  get energyAllowed(): boolean {
    return this.allowed;
  }

  connector(connectorId: number): ConnectorState | undefined {
    return this.connectors.get(connectorId);
  }

  plug(connectorId: number, ev: SimulatedEv): void {
    const connector = this.requireConnector(connectorId);
    if (this.plugged) throw new Error(`EVSE ${this.id} already has an EV plugged in`);
    this.plugged = { connectorId, ev };
    connector.locked = true;
    this.offered = this.allowed;
  }

  /** The cable comes out; returns the connector it was in. */
  unplug(): number | undefined {
    const plugged = this.plugged;
    if (!plugged) return undefined;
    this.plugged = undefined;
    this.offered = false;
    this.requireConnector(plugged.connectorId).locked = false;
    return plugged.connectorId;
  }

  /** The station closes (true) or opens (false) the power path. */
  setEnergyAllowed(allowed: boolean): void {
    this.allowed = allowed;
    if (allowed && this.plugged) this.offered = true;
  }

  /** The station restarted: the power path is open and the EV waits for the new station's decision. */
  powerCycle(): void {
    this.allowed = false;
    this.offered = false;
  }

  /** Unlocks like a real lock: it fails on a faulted connector. True when the connector is unlocked. */
  unlock(connectorId: number): boolean {
    const connector = this.requireConnector(connectorId);
    if (connector.faulted) return false;
    connector.locked = false;
    return true;
  }

  /** Whether energy flows to the EV through the connector it is plugged into: path closed, no fault. */
  get offering(): boolean {
    if (!this.plugged || !this.allowed) return false;
    return !this.requireConnector(this.plugged.connectorId).faulted;
  }

  /** What flows now. */
  draw(): Draw {
    const ev = this.plugged?.ev;
    if (!ev || !this.offering || !ev.wantsEnergy) return NO_DRAW;
    return powerDraw(ev.parameters, {
      phases: this.phases,
      ...(this.dc ? { dc: true } : {}),
      ...(this.maxPowerW !== undefined ? { maxPowerW: this.maxPowerW } : {}),
      ...(this.limit !== undefined ? { limit: this.limit } : {}),
    });
  }

  /**
   * The charging state the EV is in, seen from the EVSE (IEC 61851 control pilot): Charging while energy flows;
   * SuspendedEV when it is offered but the EV takes none (paused, or full); SuspendedEVSE when the EVSE holds it
   * back (path opened after having been closed, a fault, a limit of 0); EVConnected before energy was ever
   * offered. Undefined without an EV.
   */
  chargingState(): ChargingStateEnumType | undefined {
    const ev = this.plugged?.ev;
    if (!ev) return undefined;
    if (!this.offering) return this.offered ? 'SuspendedEVSE' : 'EVConnected';
    if (!ev.wantsEnergy) return 'SuspendedEV';
    return this.draw().powerW > 0 ? 'Charging' : 'SuspendedEVSE';
  }

  /**
   * `durationMs` passes at the present draw: the meter integrates it and the battery takes it. When the battery
   * fills up part-way, energy flows only until that instant.
   */
  advance(durationMs: number): void {
    const ev = this.plugged?.ev;
    if (!ev || !(durationMs > 0)) return;
    const { powerW } = this.draw();
    if (powerW <= 0) return;
    const untilFullMs = (ev.roomJ / powerW) * 1000;
    ev.charge(this.meter.integrate(powerW, Math.min(durationMs, untilFullMs)));
  }

  /** The meter's reading now, with the EV's state of charge while one is plugged in. */
  reading(timestamp: Date): MeterValueType {
    return this.meter.reading(timestamp, this.draw(), this.plugged?.ev.socPercent);
  }

  private requireConnector(connectorId: number): ConnectorState {
    const connector = this.connectors.get(connectorId);
    if (!connector) throw new Error(`EVSE ${this.id} has no connector ${connectorId}`);
    return connector;
  }
}
