// What a person (through `ocpp-station ctl`, the HTTP control API or a web page) can do to a running simulated
// station: look at it, and act on its hardware the way a driver, an EV or a technician would.
import { OcppStationError } from '../errors.js';
import type {
  ChargingStateEnumType,
  ConnectorStatusEnumType,
  GetVariableResultType,
  IdTokenEnumType,
  SetVariableResultType,
} from '../messages/types.js';
import type { RegistrationStatus } from '../queue/queue-policy.js';
import type { CertificateSummary } from '../blocks/certificates/certificates-block.js';
import type { FirmwareSummary } from '../blocks/firmware/firmware-block.js';
import type { PublishingSummary } from '../blocks/publishing/publishing-block.js';
import type { LogSummary } from '../blocks/logs/logs-block.js';

export interface ConnectorView {
  readonly id: number;
  readonly status: ConnectorStatusEnumType;
}

/** The simulated EV at an EVSE, while one is plugged in. */
export interface EvView {
  readonly connectorId: number;
  readonly suspended: boolean;
  /** State of charge in percent, when the EV reports one. */
  readonly soc?: number;
  readonly powerW: number;
  readonly currentA: number;
}

export interface EvseView {
  readonly id: number;
  readonly connectors: readonly ConnectorView[];
  readonly transactionId?: string;
  readonly chargingState?: ChargingStateEnumType;
  /** The limit the station's composite schedule allows now. */
  readonly limit?: { readonly amps: number; readonly watts: number };
  /** The EVSE's energy register, Wh. */
  readonly energyWh: number;
  readonly ev?: EvView;
}

export interface StationStatus {
  readonly stationId: string;
  readonly registration: RegistrationStatus;
  readonly connected: boolean;
  readonly evses: readonly EvseView[];
}

/** What became of an authorize request. */
export interface AuthorizeResult {
  /** `busy`: the token is valid but the EVSE is already authorized for another driver; nothing changed. */
  readonly result: 'authorized' | 'stopped' | 'busy' | 'rejected';
  readonly evseId?: number;
  readonly status?: string;
}

/** A device-model address as typed on the command line: `Component[instance]#evse.connector.Variable[instance]`, optionally `/MaxSet` etc. */
export type VariablePath = string;

export interface StationControl {
  status(): StationStatus;
  /** The certificates installed at the station (roots and its own), without keys. */
  certificates(): readonly CertificateSummary[];
  /** The last firmware status sent and the update in progress. */
  firmware(): FirmwareSummary;
  /** The firmware files published for other stations (L03) and the PublishFirmware in progress. */
  publishing(): PublishingSummary;
  /** The log upload in progress and the last log status sent. */
  logs(): LogSummary;
  /**
   * Pauses the firmware download (DownloadPaused; a new one waits too) or lets it go on (Downloading, from the
   * first byte). Throws ControlError when the station has no firmware updater that can pause.
   */
  pauseFirmwareDownload(paused: boolean): void;
  /** An EV's cable goes into the connector (the first connector of the EVSE when not given). */
  plug(evseId: number, connectorId?: number): void;
  unplug(evseId: number): void;
  /** A driver presents a token at the EVSE, or at the station ('any'). */
  authorize(evseId: number | 'any', idToken: string, type?: IdTokenEnumType): Promise<AuthorizeResult>;
  /** The EV stops drawing energy for a while (SuspendedEV), or resumes. */
  evSuspend(evseId: number): void;
  evResume(evseId: number): void;
  fault(evseId: number, connectorId: number): void;
  clearFault(evseId: number, connectorId: number): void;
  /** The network link goes down (and stays down) or comes back. */
  offline(): Promise<void>;
  online(): void;
  /** The station reboots: stops, and starts again from its database. */
  reboot(): Promise<void>;
  set(path: VariablePath, value: string): SetVariableResultType;
  get(path: VariablePath): GetVariableResultType;
}

/** A control request that cannot be carried out (unknown EVSE, bad path, …): the message says why. */
export class ControlError extends OcppStationError {
  override readonly name = 'ControlError';
  override readonly code = 'CONTROL_REFUSED';
}
