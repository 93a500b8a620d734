// What the integrator's code (the hardware side) provides to the station: small interfaces the compiler
// checks, each declared by the block that needs it, put together here. The station owns every OCPP decision;
// the host only does what needs hardware or the operating system.
import type { FirmwareHost } from '../blocks/firmware/firmware-host.js';
import type { ChargingLimitHost } from '../blocks/smart-charging/smart-charging-block.js';
import type { Iso15118Host } from '../blocks/smart-charging/iso15118-schedules.js';
import type { ConnectorLock } from '../blocks/remote-control/unlock-connector.js';
import type { EnergyControl } from '../blocks/transactions/transaction-ports.js';
import type { LogUploader } from '../blocks/logs/log-uploader.js';
import type { ClockHost, NetworkHost, ResetBootReason, ResetHost, VariableHost } from '../blocks/provisioning/provisioning-hosts.js';

export type { ChargingLimitHost, ClockHost, ConnectorLock, EnergyControl, Iso15118Host, LogUploader, NetworkHost, ResetBootReason, ResetHost, VariableHost };

/**
 * The EVSEs' hardware: the power path (transactions, E), the connector locks (UnlockConnector, F05) and, where
 * the hardware limits, the charging limit in force (smart charging, K).
 */
export interface EvseHost extends EnergyControl, ConnectorLock, ChargingLimitHost {}

/** Everything the station needs from its host: rebooting and the EVSE hardware are mandatory. */
export interface StationHost {
  reset: ResetHost;
  evse: EvseHost;
  /** The ISO 15118 stack, for schedule renegotiation (K16). */
  iso15118?: Iso15118Host;
  network?: NetworkHost;
  clock?: ClockHost;
  variables?: VariableHost;
  /** Downloads and installs firmware (L01/L02); without it UpdateFirmware is Rejected. */
  firmware?: FirmwareHost;
  /** Uploads the files GetLog asks for (N01); by default src/transfer does (HTTP(S) PUT, FTP(S)). */
  logUploader?: LogUploader;
}
