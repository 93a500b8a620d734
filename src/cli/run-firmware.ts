// The firmware side of `ocpp-station run`: the simulator's FirmwareHost with the run's options, images downloaded
// into `<db name>-firmware/` beside the database, and the installed version kept there (`installed-version`), so
// the station reports it in BootNotification after the reboot and in every later run on the same database.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { SimulatedFirmwareHost } from '../simulator/simulated-firmware.js';
import { defaultFirmwareFolder } from '../station/station-stores.js';

/** The largest image a simulated station downloads. */
export const RUN_FIRMWARE_MAX_BYTES = 256 * 1024 * 1024;
/** The statuses `--firmware-install-fail` can make an installation end in. */
export const INSTALL_FAILURES = ['InstallationFailed', 'InstallVerificationFailed'] as const;
export type InstallFailure = (typeof INSTALL_FAILURES)[number];

export interface RunFirmware {
  readonly host: SimulatedFirmwareHost;
  /** Where images are downloaded to. */
  readonly directory: string;
  /** The version installed by an update, if any (else the configuration's). */
  installedVersion(): string | undefined;
}

export function runFirmware(
  databasePath: string,
  clock: Clock,
  options: { installSeconds: number; failInstall?: InstallFailure; ca?: readonly string[]; revokedSerials?: readonly string[] },
): RunFirmware {
  const directory = defaultFirmwareFolder(databasePath);
  const versionFile = join(directory, 'installed-version');
  let installed = readVersion(versionFile);
  const host = new SimulatedFirmwareHost({
    clock,
    maxBytes: RUN_FIRMWARE_MAX_BYTES,
    downloadTimeoutMs: 30 * 60_000,
    stallTimeoutMs: 60_000,
    installSeconds: options.installSeconds,
    ...(options.failInstall ? { failInstall: options.failInstall } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.revokedSerials ? { revokedSerials: options.revokedSerials } : {}),
    installVersion: (version) => {
      installed = version;
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      writeFileSync(`${versionFile}.tmp`, `${version}\n`);
      renameSync(`${versionFile}.tmp`, versionFile);
    },
  });
  return { host, directory, installedVersion: () => installed };
}

function readVersion(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text.length > 0 && text.length <= 50 ? text : undefined;
  } catch {
    return undefined; // no update installed yet
  }
}
