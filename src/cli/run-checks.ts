// Everything `ocpp-station run` can find wrong in what a person asked for, found in one pass before anything is
// created (no database, no folder, no log file): the options, the configuration file down to its variable
// values, the certificates, and the paths of the database and the logs. Every problem is one line; all of them
// are thrown at once in one UsageError (exit code 2).
import { INSTALL_FAILURES } from './run-firmware.js';
import { publishingProblems } from './run-publishing.js';
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Durability } from '../storage/sqlite/database.js';
import type { ChargingStationOptions } from '../station/charging-station.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../station/default-station-config.js';
import { StationConfigError, loadStationConfig, parseStationConfig, type StationConfig } from '../device-model/station-config.js';
import {
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UnknownInitialValueError,
} from '../device-model/device-model.js';
import { UsageError } from './usage-error.js';
import { checkPemCertificates, checkStationKey } from './pem-certificates.js';
import type { RunOptions } from './run-options.js';

const DURABILITIES: readonly Durability[] = ['process-crash-safe', 'power-loss-safe'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS = ['auto', 'json', 'pretty'];
const MAX_EVSES = 32;
/** PROC_SUPER_MAGIC, SYSFS_MAGIC (statfs(2)). */
const VIRTUAL_FILE_SYSTEMS = new Set([0x9fa0, 0x62656572]);
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Collects problems: each check adds lines instead of stopping at the first. */
class Problems {
  readonly lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
  }
  /** Runs `work`; a UsageError it throws becomes problems (one per line of its message), and the result is undefined. */
  attempt<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      for (const line of error.message.split('\n')) this.add(line);
      return undefined;
    }
  }
}

/** The options a person typed, each bad one named. */
function optionProblems(options: RunOptions, problems: Problems): void {
  const add = (line: string) => problems.add(line);
  const urlOk = /^wss?:\/\/[^\s]+$/.test(options.csms);
  if (!urlOk) add(`--csms must be a ws:// or wss:// URL, got "${options.csms}"`);
  if (!options.id || options.id.length > 48 || options.id.includes(':')) {
    add('--id must be 1 to 48 characters without ":" (OCPP-J 2.0.1, section 3.1.1)');
  }
  const profileOk = [1, 2, 3].includes(options.securityProfile);
  if (!profileOk) add(`--security-profile must be 1, 2 or 3, got ${options.securityProfile}`);
  if (!DURABILITIES.includes(options.durability as Durability)) {
    add(`--durability must be ${DURABILITIES.join(' or ')}, got "${options.durability}"`);
  }
  if (!LOG_LEVELS.includes(options.logLevel)) add(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${options.logLevel}"`);
  if (!LOG_FORMATS.includes(options.logFormat)) add(`--log-format must be one of ${LOG_FORMATS.join(', ')}, got "${options.logFormat}"`);
  if (options.evses !== undefined) {
    if (options.config) add('--evses and --config do not go together: the configuration file lists the EVSEs');
    else if (!Number.isInteger(options.evses) || options.evses < 1 || options.evses > MAX_EVSES) {
      add(`--evses must be 1 to ${MAX_EVSES}, got ${options.evses}`);
    }
  }
  if (!Number.isInteger(options.controlPort) || options.controlPort < 0 || options.controlPort > 65535) {
    add(`--control-port must be 0 to 65535, got ${options.controlPort}`);
  }
  if (!Number.isFinite(options.speed) || options.speed <= 0 || options.speed > 10_000) {
    add(`--speed must be a number above 0 and at most 10000, got ${options.speed}`);
  }
  if (!(options.logMaxBytes >= 1024)) add(`--log-max-bytes must be at least 1024, got ${options.logMaxBytes}`);
  if (!Number.isInteger(options.logKeep) || options.logKeep < 0 || options.logKeep > 100) add(`--log-keep must be 0 to 100, got ${options.logKeep}`);
  if (!Number.isInteger(options.firmwareInstallSeconds) || options.firmwareInstallSeconds < 0 || options.firmwareInstallSeconds > 86_400) {
    add(`--firmware-install-seconds must be 0 to 86400, got ${options.firmwareInstallSeconds}`);
  }
  for (const serial of options.firmwareRevokedSerial ?? []) {
    if (!/^(0x)?[0-9a-f]{1,40}$/i.test(serial)) add(`--firmware-revoked-serial must be a serial number in hex (up to 40 digits), got "${serial}"`);
  }
  if (options.firmwareInstallFail !== undefined && !(INSTALL_FAILURES as readonly string[]).includes(options.firmwareInstallFail)) {
    add(`--firmware-install-fail must be one of ${INSTALL_FAILURES.join(', ')}, got "${options.firmwareInstallFail}"`);
  }
  if (!Number.isInteger(options.logMaxFrameBytes) || options.logMaxFrameBytes < 0) {
    add(`--log-max-frame-bytes must be 0 (whole frames) or more, got ${options.logMaxFrameBytes}`);
  }
  for (const line of publishingProblems(options)) add(line);
  if (options.cert && !options.key) add('--cert needs --key <pem file>: the private key of the station certificate');
  if (options.key && !options.cert) add('--key needs --cert <pem file>: the station certificate chain');
  if (!urlOk || !profileOk) return;
  const tls = options.securityProfile >= 2;
  if (tls !== options.csms.startsWith('wss://')) {
    add(`security profile ${options.securityProfile} needs a ${tls ? 'wss://' : 'ws://'} URL, got "${options.csms}"`);
  }
  if (tls && !options.ca) add(`security profile ${options.securityProfile} needs --ca <pem file>`);
  // Profile 3 needs no --cert and --key: without them the station connects with only the CSMS root, and the CSMS
  // provisions its certificate (A02, TriggerMessage → SignCertificate → CertificateSigned).
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

function certificatesFrom(options: RunOptions, problems: Problems): ChargingStationOptions['certificates'] {
  const ca = options.ca
    ? problems.attempt(() => {
        const pem = readPem(options.ca!, '--ca');
        checkPemCertificates(pem, '--ca', options.ca!);
        return pem;
      })
    : undefined;
  let cert = options.cert && options.key ? problems.attempt(() => readPem(options.cert!, '--cert')) : undefined;
  let key = options.cert && options.key ? problems.attempt(() => readPem(options.key!, '--key')) : undefined;
  if (cert !== undefined && key !== undefined) {
    const paired = problems.attempt(() => {
      checkStationKey(cert!, key!, options.cert!, options.key!);
      return true;
    });
    if (!paired) cert = key = undefined;
  }
  return {
    ...(ca !== undefined ? { csmsRootCertificates: [ca] } : {}),
    ...(cert !== undefined && key !== undefined ? { clientCertificate: { certificateChain: cert, privateKey: key } } : {}),
  };
}

function stationConfigFrom(options: RunOptions, problems: Problems): StationConfig | undefined {
  try {
    if (options.config) return loadStationConfig(options.config);
    // A bad --evses is its own problem: the built-in configuration is then checked with one EVSE.
    const count = Number.isInteger(options.evses) && options.evses! >= 1 && options.evses! <= MAX_EVSES ? options.evses! : 1;
    const evses = Array.from({ length: count }, (_, index) => ({ ...DEFAULT_STATION_CONFIG_JSON.evses[0], id: index + 1 }));
    return parseStationConfig({ ...DEFAULT_STATION_CONFIG_JSON, evses }, 'the built-in configuration');
  } catch (error) {
    if (!(error instanceof StationConfigError)) throw error;
    for (const problem of error.problems) problems.add(`--config: ${problem.path}: ${problem.message}`);
    return undefined;
  }
}

/** The device model's refusals of the configured values (every one of them), as lines. */
export function configurationProblemLines(error: unknown, flag: string): string[] | undefined {
  if (error instanceof InvalidInitialValueError) {
    return error.problems.map((p) => `${flag}: ${p.variable} = "${p.value}"${p.origin ? ` (from ${p.origin})` : ''}: ${p.reason}`);
  }
  if (error instanceof UnknownInitialValueError) return error.problems.map((p) => `${flag}: ${p}`);
  if (error instanceof MissingRequiredVariableError) return [`${flag}: ${error.message}`];
  if (error instanceof StationConfigError) return error.problems.map((p) => `${flag}: ${p.path}: ${p.message}`);
  return undefined;
}

/** The nearest folder of `path` that exists (or the root). */
function nearestFolder(path: string): string {
  let folder = dirname(path);
  for (;;) {
    try {
      statSync(folder);
      return folder;
    } catch {
      const parent = dirname(folder);
      if (parent === folder) return folder;
      folder = parent;
    }
  }
}

/** A file the run will create or append to: an existing one must be a writable file, a new one needs a writable folder. */
function writablePathProblem(path: string, flag: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return `${flag}: ${path} is a folder, not a file`;
    accessSync(path, constants.R_OK | constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return `${flag}: ${path} cannot be written (${code})`;
    if (code === 'ENOTDIR') return `${flag}: ${path} cannot be created: a folder on its path is a file`;
    if (code !== 'ENOENT') return `${flag}: ${path} cannot be used: ${(error as Error).message}`;
  }
  // Missing folders are made (one by one, see makeFolders) from the nearest one that exists.
  const folder = nearestFolder(path);
  try {
    if (!statSync(folder).isDirectory()) return `${flag}: ${folder} is a file, not a folder, so ${path} cannot be created`;
    accessSync(folder, constants.W_OK | constants.X_OK);
    // Root may write "into" /proc and /sys as far as access() knows, but no file can be made there.
    if (VIRTUAL_FILE_SYSTEMS.has(statfsSync(folder).type)) return `${flag}: ${path} cannot be created: ${folder} is on a virtual file system (proc, sysfs)`;
  } catch (error) {
    return `${flag}: ${path} cannot be created in ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  return undefined;
}

/** A database file that exists and is not empty must start with SQLite's header; it is left untouched either way. */
function notSqliteProblem(path: string): string | undefined {
  let fd: number;
  try {
    if (statSync(path).size === 0) return undefined;
    fd = openSync(path, 'r');
  } catch {
    return undefined; // missing or unreadable: writablePathProblem says so
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_HEADER) ? undefined : `--db: ${path} is not an SQLite database (it is left as it is)`;
  } finally {
    closeSync(fd);
  }
}

export interface CheckedRun {
  readonly config: StationConfig;
  readonly certificates: ChargingStationOptions['certificates'];
  readonly db: string;
}

/**
 * Checks everything; returns what the run needs, or throws one UsageError listing every problem. `dryRun`
 * builds the station once in memory with the configuration (its device model checks every configured value)
 * and returns the device model's refusals as lines.
 */
export async function checkRun(
  options: RunOptions,
  dryRun: (config: StationConfig, certificates: ChargingStationOptions['certificates']) => Promise<string[]>,
): Promise<CheckedRun> {
  const problems = new Problems();
  optionProblems(options, problems);
  const certificates = certificatesFrom(options, problems);
  const db = options.db ?? join('data', `${options.id}.db`);
  const dbProblem = writablePathProblem(db, '--db') ?? notSqliteProblem(db);
  if (dbProblem) problems.add(dbProblem);
  for (const [flag, path] of [['--log-messages', options.logMessages], ['--log-file', options.logFile]] as const) {
    const problem = path === undefined ? undefined : writablePathProblem(path, flag);
    if (problem) problems.add(problem);
  }
  const config = stationConfigFrom(options, problems);
  if (config) {
    if (options.securityProfile === 2 && !options.password && !config.variables.SecurityCtrlr?.BasicAuthPassword) {
      problems.add('security profile 2 needs a password: --password <password> or OCPP_STATION_PASSWORD');
    }
    for (const line of await dryRun(config, certificates)) problems.add(line);
  }
  if (problems.lines.length > 0) throw new UsageError(problems.lines.join('\n'));
  return { config: config!, certificates, db };
}
