// What the integrator's code (the hardware side) provides to the station: small interfaces the compiler
// checks. The station owns every OCPP decision; the host only does what needs hardware or the operating system.
import type { NetworkConnectionProfileType, ResetEnumType } from '../messages/types.js';
import type { VariableChange } from '../device-model/device-model.js';
import type { EffectiveLimit } from '../blocks/smart-charging/charging-limits.js';
import type { Iso15118Host } from '../blocks/smart-charging/iso15118-schedules.js';

/** B11/B12: rebooting the station or resetting one EVSE. */
export interface ResetHost {
  /** Whether a reset may happen now (e.g. not during a firmware installation): false answers Rejected (B11.FR.06). */
  isResetAllowed(type: ResetEnumType, evseId?: number): boolean;
  /** Whether single EVSEs can be reset; false answers a Reset with evseId Rejected (B11.FR.09). */
  readonly supportsEvseReset: boolean;
  /**
   * Performs the reset, called once the ResetResponse has gone out (and, for OnIdle, once idle). For the whole
   * station (no evseId) the integrator stops the station and starts it again with boot reason RemoteReset.
   */
  reset(type: ResetEnumType, evseId?: number): void | Promise<void>;
}

/** The EVSEs' hardware: the power path and the connector locks. */
export interface EvseHost {
  /**
   * Whether the EVSE may deliver energy now: a connected EV, an authorized driver, nothing holding it back
   * (deauthorized, stopped, unavailable). Close or open the power path (contactor, PWM) accordingly; then
   * report the charging state the EV takes through onChargingStateChanged.
   */
  setEnergyTransferAllowed(evseId: number, allowed: boolean): void;
  /** F05 UnlockConnector: try to unlock; true when the connector is unlocked. */
  unlockConnector(evseId: number, connectorId: number): Promise<boolean> | boolean;
  /**
   * The charging limit in force for the EVSE (its composite schedule now), whenever it changes: keep the EV's
   * current or power at or below it. Absent when the hardware does not limit.
   */
  setChargingLimit?(evseId: number, limit: EffectiveLimit): void;
}

/** B09/B10: the network interfaces behind the connection profiles. */
export interface NetworkHost {
  /**
   * Checks a profile the CSMS sent (SetNetworkProfile) against what the hardware has, e.g. that the interface
   * exists or the APN is usable. False answers Rejected (B09.FR.02).
   */
  validateNetworkProfile(slot: number, profile: NetworkConnectionProfileType): boolean;
}

/** B01.FR.06, G02.FR.06: the system clock, when it should follow the CSMS's time. */
export interface ClockHost {
  setSystemTime(time: Date): void;
}

/** The hardware settings behind device-model variables (e.g. a display brightness the CSMS changed). */
export interface VariableHost {
  /** Called after every change of a variable, from any source; apply it to the hardware if it is yours. */
  variableChanged(change: VariableChange): void;
}

/** Everything the station needs from its host: rebooting and the EVSE hardware are mandatory. */
export interface StationHost {
  reset: ResetHost;
  evse: EvseHost;
  /** The ISO 15118 stack, for schedule renegotiation (K16). */
  iso15118?: Iso15118Host;
  network?: NetworkHost;
  clock?: ClockHost;
  variables?: VariableHost;
}
