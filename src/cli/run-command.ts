// `ocpp-station run`: one simulated charging station against a CSMS until SIGINT or SIGTERM. The simulator plays
// the hardware (EVSEs, meters, EVs), the console shows every OCPP message and state change, and an HTTP control
// API on loopback lets `ocpp-station ctl` (or anything else) drive it.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock.js';
import { createLogger, type Logger, type LoggerOptions } from '../logger.js';
import type { Durability } from '../storage/sqlite/database.js';
import { ChargingStation, type ChargingStationOptions } from '../station/charging-station.js';
import { sqliteStationStores } from '../station/station-stores.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../station/default-station-config.js';
import { StationConfigError, loadStationConfig, parseStationConfig, type StationConfig } from '../device-model/station-config.js';
import {
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UnknownInitialValueError,
} from '../device-model/device-model.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../simulator/index.js';
import { startControlServer, type ControlServer } from '../control/http-server.js';
import { removeControlUrl, writeControlUrl } from '../control/control-url-file.js';
import { StationConsole } from '../console/station-console.js';
import { openMessageLog } from '../console/message-log.js';
import { UsageError } from './usage-error.js';
import { checkPemCertificates } from './pem-certificates.js';
import { openSqliteMeterRegisters } from '../storage/sqlite/sqlite-meter-register-store.js';

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
}

const DURABILITIES: readonly Durability[] = ['process-crash-safe', 'power-loss-safe'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MAX_EVSES = 32;

/** Checks the options a person typed, with an error that names the bad one. */
export function validateRunOptions(options: RunOptions): void {
  if (!/^wss?:\/\/[^\s]+$/.test(options.csms)) {
    throw new UsageError(`--csms must be a ws:// or wss:// URL, got "${options.csms}"`);
  }
  if (!options.id || options.id.length > 48 || options.id.includes(':')) {
    throw new UsageError('--id must be 1 to 48 characters without ":" (OCPP-J 2.0.1, section 3.1.1)');
  }
  if (![1, 2, 3].includes(options.securityProfile)) {
    throw new UsageError(`--security-profile must be 1, 2 or 3, got ${options.securityProfile}`);
  }
  if (!DURABILITIES.includes(options.durability as Durability)) {
    throw new UsageError(`--durability must be ${DURABILITIES.join(' or ')}, got "${options.durability}"`);
  }
  if (!LOG_LEVELS.includes(options.logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${options.logLevel}"`);
  }
  if (options.evses !== undefined) {
    if (options.config) throw new UsageError('--evses and --config do not go together: the configuration file lists the EVSEs');
    if (!Number.isInteger(options.evses) || options.evses < 1 || options.evses > MAX_EVSES) {
      throw new UsageError(`--evses must be 1 to ${MAX_EVSES}, got ${options.evses}`);
    }
  }
  if (!Number.isInteger(options.controlPort) || options.controlPort < 0 || options.controlPort > 65535) {
    throw new UsageError(`--control-port must be 0 to 65535, got ${options.controlPort}`);
  }
  if (!Number.isFinite(options.speed) || options.speed <= 0 || options.speed > 10_000) {
    throw new UsageError(`--speed must be a number above 0 and at most 10000, got ${options.speed}`);
  }
  const tls = options.securityProfile >= 2;
  if (tls !== options.csms.startsWith('wss://')) {
    throw new UsageError(
      `security profile ${options.securityProfile} needs a ${tls ? 'wss://' : 'ws://'} URL, got "${options.csms}"`,
    );
  }
  if (tls && !options.ca) throw new UsageError(`security profile ${options.securityProfile} needs --ca <pem file>`);
  if (options.securityProfile === 3 && (!options.cert || !options.key)) {
    throw new UsageError('security profile 3 needs --cert <pem file> and --key <pem file>');
  }
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

function caCertificates(path: string): string {
  const pem = readPem(path, '--ca');
  checkPemCertificates(pem, '--ca', path);
  return pem;
}

function certificatesFrom(options: RunOptions): ChargingStationOptions['certificates'] {
  return {
    ...(options.ca ? { csmsRootCertificates: [caCertificates(options.ca)] } : {}),
    ...(options.cert && options.key
      ? { clientCertificate: { certificateChain: readPem(options.cert, '--cert'), privateKey: readPem(options.key, '--key') } }
      : {}),
  };
}

function stationConfigFrom(options: RunOptions): StationConfig {
  try {
    if (options.config) return loadStationConfig(options.config);
    const evses = Array.from({ length: options.evses ?? 1 }, (_, index) => ({
      ...DEFAULT_STATION_CONFIG_JSON.evses[0],
      id: index + 1,
    }));
    return parseStationConfig({ ...DEFAULT_STATION_CONFIG_JSON, evses }, 'the built-in configuration');
  } catch (error) {
    if (error instanceof StationConfigError) throw new UsageError(`--config: ${error.message}`);
    throw error;
  }
}

/**
 * Simulated time that runs faster than real time cannot follow the CSMS's clock: every Heartbeat would set the
 * station's timestamps back. Unless the configuration says otherwise, a fast station keeps its own clock
 * (ClockCtrlr.TimeSource RealTimeClock, which GetVariables then reports truthfully).
 */
function withOwnClockWhenFast(config: StationConfig, speed: number): StationConfig {
  if (speed === 1 || config.variables.ClockCtrlr?.TimeSource !== undefined) return config;
  return {
    ...config,
    variables: { ...config.variables, ClockCtrlr: { ...config.variables.ClockCtrlr, TimeSource: 'RealTimeClock' } },
  };
}

/**
 * Profile 2 sends Basic auth on every connection: without a password no slot is usable and the station would
 * idle forever. (Profile 1 without one connects without Basic auth, with a warning: a documented deviation.)
 */
function refuseProfile2WithoutPassword(options: RunOptions, config: StationConfig): void {
  if (options.securityProfile !== 2 || options.password) return;
  if (config.variables.SecurityCtrlr?.BasicAuthPassword) return;
  throw new UsageError('security profile 2 needs a password: --password <password> or OCPP_STATION_PASSWORD');
}

/** Errors in what the person configured, reported as usage errors (exit code 2) rather than crashes. */
const CONFIGURATION_ERRORS = [InvalidInitialValueError, UnknownInitialValueError, MissingRequiredVariableError];

/** Where a run reads its time and writes its output, and what tells it to stop. */
export interface RunContext {
  /** The console: a line per frame and per change of state. */
  readonly out: NodeJS.WritableStream;
  /** The diagnostic log (--log-level). */
  readonly logTo: NodeJS.WritableStream;
  /** Real time: the system clock; simulated time runs --speed times faster on it. */
  readonly clock: Clock;
  /** Called once the station is up; resolves with what asked it to stop (SIGINT or SIGTERM in the executable). */
  readonly stopRequested: () => Promise<string>;
  /** Replaces the logger made from --log-level. */
  readonly logger?: Logger;
}

/**
 * Runs one simulated station until `context.stopRequested` resolves; resolves once everything is closed (the
 * queue stays in the database). A Reset from the CSMS, or `ctl reboot`, restarts the station in this process.
 */
export async function runStation(options: RunOptions, context: RunContext): Promise<void> {
  validateRunOptions(options);
  const { out } = context;
  const logger = context.logger ?? createLogger({ level: options.logLevel as LoggerOptions['level'], destination: context.logTo });
  const config = withOwnClockWhenFast(stationConfigFrom(options), options.speed);
  refuseProfile2WithoutPassword(options, config);
  const certificates = certificatesFrom(options);
  const db = options.db ?? join('data', `${options.id}.db`);
  mkdirSync(dirname(db), { recursive: true });
  const clock = new ScaledClock(context.clock, options.speed);
  const view = new StationConsole({
    out,
    clock,
    ...(options.logMessages ? { messageLog: openMessageLog(options.logMessages) } : {}),
  });
  const say = (line: string) => view.say(line);

  const createStation: ConstructorParameters<typeof SimulatedStation>[0]['createStation'] = (host) => {
    const station = new ChargingStation({
      stationId: options.id,
      config,
      stores: sqliteStationStores(db, { durability: options.durability as Durability }),
      host,
      csms: { url: options.csms, securityProfile: options.securityProfile },
      ...(options.password !== undefined ? { basicAuthPassword: options.password } : {}),
      certificates,
      clock,
      // Network timeouts run on real time whatever --speed says: a CSMS answers in real milliseconds.
      networkClock: context.clock,
      logger,
    });
    view.attach(station);
    return station;
  };

  let simulator: SimulatedStation;
  const registers = openSqliteMeterRegisters(db);
  try {
    simulator = new SimulatedStation({ stationId: options.id, clock, layout: simulatorLayoutOf(config), createStation, logger, registers: registers.store });
  } catch (error) {
    registers.close();
    if (CONFIGURATION_ERRORS.some((kind) => error instanceof kind)) throw new UsageError((error as Error).message);
    throw error;
  }

  let control: ControlServer;
  try {
    control = await startControlServer({ control: simulator, host: options.controlHost, port: options.controlPort, logger });
  } catch (error) {
    await simulator.stop();
    registers.close();
    throw new UsageError(`--control-port ${options.controlPort}: ${(error as Error).message}`);
  }
  writeControlUrl(db, control.url);
  say(`* station ${options.id}: database ${db}, control API ${control.url}${options.speed !== 1 ? `, ${options.speed}x speed` : ''}`);
  simulator.start('PowerUp');

  say(`* ${await context.stopRequested()}: stopping`);
  await control.close();
  removeControlUrl(db, control.url);
  await simulator.stop();
  registers.close();
}
