// The options of `ocpp-station run` as commander parses them (src/cli/program.ts), before any check.
export interface RunOptions {
  csms: string;
  id: string;
  /** SQLite file; default data/<id>.db. */
  db?: string;
  password?: string;
  securityProfile: number;
  ca?: string;
  cert?: string;
  key?: string;
  logLevel: string;
  durability: string;
  /** Station configuration file (JSON); the built-in one-EVSE station without it. */
  config?: string;
  /** Without --config: this many EVSEs with one Type 2 connector each. */
  evses?: number;
  /** Port of the control API (0: any free port). */
  controlPort: number;
  /** Interface of the control API; loopback unless explicitly asked. */
  controlHost: string;
  /** Every frame as a JSON line in this file. */
  logMessages?: string;
  /** How many times faster than real time the simulated station runs. */
  speed: number;
  /** The diagnostic log: auto (readable lines on a terminal, JSON lines otherwise), json or pretty. */
  logFormat: string;
  /** The diagnostic log into this file (rotating) instead of standard error. */
  logFile?: string;
  /** The budget of each log (--log-messages, --log-file) with its rotated files. */
  logMaxBytes: number;
  /** Rotated files kept per log (file.1 … file.N). */
  logKeep: number;
  /** Frames longer than this are cut in the message log; 0: whole frames. */
  logMaxFrameBytes: number;
  /** How long a simulated firmware installation takes, seconds of simulated time. */
  firmwareInstallSeconds: number;
  /** Makes every simulated installation end in this status (InstallationFailed, InstallVerificationFailed). */
  firmwareInstallFail?: string;
  /** Serial numbers (hex) of firmware signing certificates the simulated station takes as revoked. */
  firmwareRevokedSerial?: string[];
  /** Interface of the HTTP server that serves published firmware (L03); loopback by default. */
  publishHost: string;
  /** Its port (0: any free port). */
  publishPort: number;
  /** The host name other stations reach the published firmware by, in the locations. */
  publishAdvertisedHost?: string;
}
