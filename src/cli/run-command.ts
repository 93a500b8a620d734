// `ocpp-station run`: runs one charging station against a CSMS until the process is told to stop.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type Logger, type LoggerOptions } from '../logger.js';
import type { Durability } from '../storage/sqlite/database.js';
import { ChargingStation, type ChargingStationOptions } from '../station/charging-station.js';
import type { StationHost } from '../station/host.js';
import { sqliteStationStores } from '../station/station-stores.js';
import { defaultStationConfig } from '../station/default-station-config.js';
import { StationConfigError, loadStationConfig, type StationConfig } from '../device-model/station-config.js';
import {
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UnknownInitialValueError,
} from '../device-model/device-model.js';

export interface RunOptions {
  csms: string;
  id: string;
  db: string;
  password?: string;
  securityProfile: number;
  ca?: string;
  cert?: string;
  key?: string;
  logLevel: string;
  durability: string;
  /** Station configuration file (JSON); the built-in one-EVSE station without it. */
  config?: string;
}

const DURABILITIES: readonly Durability[] = ['process-crash-safe', 'power-loss-safe'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

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

function certificatesFrom(options: RunOptions): ChargingStationOptions['certificates'] {
  return {
    ...(options.ca ? { csmsRootCertificates: [readPem(options.ca, '--ca')] } : {}),
    ...(options.cert && options.key
      ? { clientCertificate: { certificateChain: readPem(options.cert, '--cert'), privateKey: readPem(options.key, '--key') } }
      : {}),
  };
}

function stationConfigFrom(options: RunOptions): StationConfig {
  if (!options.config) return defaultStationConfig();
  try {
    return loadStationConfig(options.config);
  } catch (error) {
    if (error instanceof StationConfigError) throw new UsageError(`--config: ${error.message}`);
    throw error;
  }
}

/** Errors in what the person configured, reported as usage errors (exit code 2) rather than crashes. */
const CONFIGURATION_ERRORS = [InvalidInitialValueError, UnknownInitialValueError, MissingRequiredVariableError];

/**
 * Runs one station until SIGINT or SIGTERM; resolves once everything is closed. A Reset from the CSMS restarts
 * the station in this process (its state is in the database), booting with reason RemoteReset.
 */
export async function runStation(options: RunOptions, givenLogger?: Logger): Promise<void> {
  validateRunOptions(options);
  const logger = givenLogger ?? createLogger({ level: options.logLevel as LoggerOptions['level'] });
  const config = stationConfigFrom(options);
  const certificates = certificatesFrom(options);
  mkdirSync(dirname(options.db), { recursive: true });

  let station: ChargingStation;
  let restarting: Promise<void> | undefined;
  const host: StationHost = {
    // No simulated hardware yet: the power path and the lock simply do what the station says.
    evse: {
      setEnergyTransferAllowed: (evseId, allowed) => logger.info({ evseId, allowed }, 'energy transfer allowed'),
      unlockConnector: () => true,
    },
    reset: {
      supportsEvseReset: false,
      isResetAllowed: () => true,
      reset: () => {
        restarting = (async () => {
          logger.info('resetting: restarting the station');
          await station.stop();
          station = create();
          station.start('RemoteReset');
        })();
        return restarting;
      },
    },
  };
  const create = () => {
    const created = new ChargingStation({
      stationId: options.id,
      config,
      stores: sqliteStationStores(options.db, { durability: options.durability as Durability }),
      host,
      csms: { url: options.csms, securityProfile: options.securityProfile },
      ...(options.password !== undefined ? { basicAuthPassword: options.password } : {}),
      certificates,
      logger,
    });
    created.onConnected((info) => logger.info(info, 'connected to the CSMS'));
    created.onDisconnected((info) => logger.warn(info, 'disconnected from the CSMS'));
    created.onRegistrationStatus((status) => logger.info({ status }, 'registration status'));
    return created;
  };
  try {
    station = create();
  } catch (error) {
    if (CONFIGURATION_ERRORS.some((kind) => error instanceof kind)) throw new UsageError((error as Error).message);
    throw error;
  }
  station.start('PowerUp');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await restarting;
  await station.stop();
}
