// What the firmware block (L01/L02) needs from the integrator's side: fetching the image and installing it. The
// stack keeps the OCPP state (statuses, retries, schedules, the signature check, the availability rules); the
// host moves bytes and flashes. The simulator's host downloads for real (src/transfer) and "installs" by changing
// its firmware version.

export interface FirmwareDownloadRequest {
  /** UpdateFirmwareRequest.firmware.location: http(s)://, ftp(s)://. */
  readonly location: string;
  /** Where the image goes; the file must be complete there when the promise resolves. */
  readonly destinationPath: string;
  /** Aborted when the CSMS cancels the update (L01.FR.24) or the station stops. */
  readonly signal: AbortSignal;
  readonly onProgress?: (bytes: number, totalBytes?: number) => void;
  /**
   * The host paused the download (true: DownloadPaused, L01.FR.14/L02.FR.08, e.g. its uplink is down or the
   * operator asked) or goes on with it (false: Downloading again). The promise of `download` stays pending meanwhile.
   */
  readonly onPaused?: (paused: boolean) => void;
}

/** How an installation ended, when it did not throw. */
export type InstallOutcome =
  /** The new firmware runs already (L01.FR.28). */
  | 'installed'
  /** Installed; a reboot activates it (L01.FR.32 a: InstallRebooting now, Installed after the reboot). */
  | 'reboot-required';

/** An installation that failed: InstallationFailed, or InstallVerificationFailed (L01.FR.29) when the host checked it. */
export class FirmwareInstallError extends Error {
  override readonly name = 'FirmwareInstallError';
  constructor(
    readonly status: 'InstallationFailed' | 'InstallVerificationFailed',
    message: string,
  ) {
    super(message);
  }
}

export interface FirmwareInstallRequest {
  /** The downloaded image. */
  readonly filePath: string;
  /** Where it came from (UpdateFirmwareRequest.firmware.location). */
  readonly location: string;
  readonly signal: AbortSignal;
}

export interface FirmwareHost {
  /** Fetches the image; throws when it cannot (the attempt failed; the stack retries per the request). */
  download(request: FirmwareDownloadRequest): Promise<void>;
  /** Installs a downloaded, verified image; throws FirmwareInstallError (or any error: InstallationFailed). */
  install(request: FirmwareInstallRequest): Promise<InstallOutcome>;
  /**
   * Optional: whether the firmware signing certificate (PEM, already checked against the manufacturer roots) is
   * revoked, from a revocation source the host has (a CRL, an OCSP responder it can reach); OCPP gives the station
   * none. True answers UpdateFirmware with RevokedCertificate. A check that throws counts as not revoked (logged).
   */
  isSigningCertificateRevoked?(certificatePem: string): boolean | Promise<boolean>;
}
