// What block B needs from the integrator's side: rebooting, the network interfaces behind the connection
// profiles, the system clock, and the hardware settings behind device-model variables.
import type { BootReasonEnumType, NetworkConnectionProfileType, ResetEnumType } from '../../messages/types.js';
import type { VariableChange } from '../../device-model/device-model.js';

/** The boot reason after a Reset from the CSMS: ScheduledReset when it had to wait (answered Scheduled). */
export type ResetBootReason = Extract<BootReasonEnumType, 'RemoteReset' | 'ScheduledReset' | 'FirmwareUpdate'>;

/** B11/B12: rebooting the station or resetting one EVSE. */
export interface ResetHost {
  /** Whether a reset may happen now (e.g. not during a firmware installation): false answers Rejected (B11.FR.06). */
  isResetAllowed(type: ResetEnumType, evseId?: number): boolean;
  /** Whether single EVSEs can be reset; false answers a Reset with evseId Rejected (B11.FR.09). */
  readonly supportsEvseReset: boolean;
  /**
   * Performs the reset, called once the ResetResponse has gone out (and, for OnIdle, once idle). For the whole
   * station (no evseId) the integrator stops the station and starts it again with `bootReason`: RemoteReset,
   * or ScheduledReset when an OnIdle reset waited for a transaction to end (the CSMS was answered Scheduled).
   */
  reset(type: ResetEnumType, evseId?: number, bootReason?: ResetBootReason): void | Promise<void>;
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
