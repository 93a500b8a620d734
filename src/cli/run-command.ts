// `ocpp-station run`: opens the link to a CSMS and keeps it up until the process is told to stop.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type Logger, type LoggerOptions } from '../logger.js';
import { OcppLink } from '../link/ocpp-link.js';
import { openStationDatabase, type Durability } from '../storage/sqlite/database.js';
import { SqliteQueueStore } from '../storage/sqlite/sqlite-queue-store.js';
import { InMemoryNetworkProfiles } from '../transport/network-profiles.js';
import type { SecurityCredentials } from '../transport/security-profile.js';

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

function credentialsFrom(options: RunOptions): SecurityCredentials {
  return {
    basicAuthPassword: options.password,
    csmsRootCertificates: options.ca ? [readPem(options.ca, '--ca')] : undefined,
    clientCertificate:
      options.cert && options.key
        ? { certificateChain: readPem(options.cert, '--cert'), privateKey: readPem(options.key, '--key') }
        : undefined,
  };
}

/** Runs until SIGINT or SIGTERM; resolves once everything is closed. */
export async function runStation(options: RunOptions, givenLogger?: Logger): Promise<void> {
  validateRunOptions(options);
  const logger = givenLogger ?? createLogger({ level: options.logLevel as LoggerOptions['level'] });
  const credentials = credentialsFrom(options);
  mkdirSync(dirname(options.db), { recursive: true });
  const database = openStationDatabase(options.db, { durability: options.durability as Durability });
  const store = new SqliteQueueStore(database);
  const profiles = InMemoryNetworkProfiles.forCsms(options.csms, options.securityProfile);
  const link = new OcppLink({
    stationId: options.id,
    store,
    profiles,
    credentials: () => credentials,
    minimumSecurityProfile: () => options.securityProfile,
    settings: { networkConfigurationPriority: [1] },
    logger,
  });
  link.onConnected((info) => logger.info(info, 'connected to the CSMS'));
  link.onDisconnected((info) => logger.warn(info, 'disconnected from the CSMS'));
  link.connect();

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await link.close();
  database.close();
}
