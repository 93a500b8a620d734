// `ocpp-station run`: one simulated charging station against a CSMS until SIGINT or SIGTERM. The simulator plays
// the hardware (EVSEs, meters, EVs), the console shows every OCPP message and state change, and an HTTP control
// API on loopback lets `ocpp-station ctl` (or anything else) drive it.
import { runFirmware, type InstallFailure, type RunFirmware } from './run-firmware.js';
import { runPublishing } from './run-publishing.js';
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Durability } from '../storage/sqlite/database.js';
import { ChargingStation, type ChargingStationOptions } from '../station/charging-station.js';
import { defaultLogFolder, memoryStationStores, sqliteStationStores, type StationStores } from '../station/station-stores.js';
import type { StationConfig } from '../device-model/station-config.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../simulator/index.js';
import { startControlServer, type ControlServer } from '../control/http-server.js';
import { removeControlUrl, writeControlUrl } from '../control/control-url-file.js';
import { StationConsole } from '../console/station-console.js';
import { makeFolders } from '../console/rotating-file.js';
import { UsageError } from './usage-error.js';
import { openSqliteMeterRegisters } from '../storage/sqlite/sqlite-meter-register-store.js';
import type { MeterRegisterStore } from '../storage/meter-register-store.js';
import { checkRun, configurationProblemLines } from './run-checks.js';
import { openRunLogs } from './run-logs.js';
import type { RunOptions } from './run-options.js';

export type { RunOptions };

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

interface StationParts {
  readonly options: RunOptions;
  readonly config: StationConfig;
  readonly certificates: ChargingStationOptions['certificates'];
  readonly clock: Clock;
  readonly networkClock: Clock;
  readonly logger: Logger;
  readonly stores: () => StationStores;
  readonly view?: StationConsole;
  /** The meters' registers (the run's database); in memory for the dry run. */
  readonly registers?: MeterRegisterStore;
  /** Where GetLog's files are built (beside the database); the temporary folder by default. */
  readonly logDirectory?: string;
  /** The simulator's firmware updater (the real run; the dry run has none). */
  readonly firmware?: RunFirmware;
  /** Firmware publishing (L03/L04; the real run, see run-publishing.ts). */
  readonly publishing?: ChargingStationOptions['firmwarePublishing'];
}

/** The simulated station of a run (the real one, or the dry run of the start checks, in memory). */
function simulatedStation(parts: StationParts): SimulatedStation {
  const { options, config } = parts;
  const createStation: ConstructorParameters<typeof SimulatedStation>[0]['createStation'] = (host) => {
    const version = parts.firmware?.installedVersion();
    const station = new ChargingStation({
      stationId: options.id,
      // A version an update installed is the one BootNotification reports from then on.
      config: version === undefined ? config : { ...config, identity: { ...config.identity, firmwareVersion: version } },
      stores: parts.stores(),
      host: parts.firmware ? { ...host, firmware: parts.firmware.host } : host,
      csms: { url: options.csms, securityProfile: options.securityProfile },
      ...(options.password !== undefined ? { basicAuthPassword: options.password } : {}),
      certificates: parts.certificates,
      clock: parts.clock,
      // Network timeouts run on real time whatever --speed says: a CSMS answers in real milliseconds.
      networkClock: parts.networkClock,
      logger: parts.logger,
      ...(parts.logDirectory ? { logDirectory: parts.logDirectory } : {}),
      ...(parts.firmware ? { firmwareDirectory: parts.firmware.directory } : {}),
      ...(parts.publishing ? { firmwarePublishing: parts.publishing } : {}),
    });
    parts.view?.attach(station);
    return station;
  };
  return new SimulatedStation({
    stationId: options.id,
    clock: parts.clock,
    layout: simulatorLayoutOf(config),
    createStation,
    logger: parts.logger,
    ...(parts.registers ? { registers: parts.registers } : {}),
    ...(parts.firmware ? { firmwareDownloads: parts.firmware.host } : {}),
  });
}

/**
 * Builds the station once in memory, so that the device model checks every configured value before anything is
 * created on disk; returns its refusals as lines. Options that are wrong (their own problems) are replaced by
 * harmless ones here, so that one mistake is reported once.
 */
async function dryRun(options: RunOptions, config: StationConfig, certificates: ChargingStationOptions['certificates'], clock: Clock): Promise<string[]> {
  const checked: RunOptions = {
    ...options,
    id: options.id && options.id.length <= 48 && !options.id.includes(':') ? options.id : 'CHECK',
    securityProfile: [1, 2, 3].includes(options.securityProfile) ? options.securityProfile : 1,
  };
  const flag = options.config ? '--config' : 'the built-in configuration';
  let simulator: SimulatedStation;
  try {
    simulator = simulatedStation({
      options: checked,
      config: withOwnClockWhenFast(config, options.speed),
      certificates,
      clock,
      networkClock: clock,
      logger: silentLogger(),
      stores: memoryStationStores,
    });
  } catch (error) {
    const lines = configurationProblemLines(error, flag);
    if (lines) return lines;
    throw error;
  }
  await simulator.stop();
  return [];
}

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
  // Every problem at once, before anything is created.
  const checked = await checkRun(options, (config, certificates) => dryRun(options, config, certificates, context.clock));
  const { out } = context;
  const db = checked.db;
  const config = withOwnClockWhenFast(checked.config, options.speed);
  const clock = new ScaledClock(context.clock, options.speed);
  const report = (line: string) => void context.logTo.write(`ocpp-station: ${line}\n`);
  // The logs first: a log path that turns out not to be creatable (e.g. under /proc) leaves no database behind.
  const logs = openRunLogs(options, { clock: context.clock, report, stderr: context.logTo });
  const logger = context.logger ?? logs.logger;
  const view = new StationConsole({ out, clock, ...(logs.messageLog ? { messageLog: logs.messageLog } : {}) });
  const say = (line: string) => view.say(line);

  makeFolders(db);
  const registers = openSqliteMeterRegisters(db);
  const simulator = simulatedStation({
    options,
    config,
    certificates: checked.certificates,
    clock,
    networkClock: context.clock,
    logger,
    stores: () => sqliteStationStores(db, { durability: options.durability as Durability }),
    view,
    registers: registers.store,
    logDirectory: defaultLogFolder(db),
    publishing: runPublishing(db, options),
    firmware: runFirmware(db, clock, {
      installSeconds: options.firmwareInstallSeconds,
      ...(options.firmwareInstallFail ? { failInstall: options.firmwareInstallFail as InstallFailure } : {}),
      ...(options.firmwareRevokedSerial ? { revokedSerials: options.firmwareRevokedSerial.map((serial) => serial.replace(/^0x/i, '')) } : {}),
    }),
  });

  let control: ControlServer;
  try {
    control = await startControlServer({ control: simulator, host: options.controlHost, port: options.controlPort, logger });
  } catch (error) {
    await simulator.stop();
    registers.close();
    logs.close();
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
  view.close();
  logs.close();
}
