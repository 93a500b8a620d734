// Everything a station keeps, behind its storage ports: in one SQLite file per station, or in memory.
import { basename, dirname, extname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DeviceModelStore } from '../device-model/device-model-store.js';
import type { NetworkProfileStore } from '../storage/network-profile-store.js';
import type { QueueStore } from '../queue/queue-store.js';
import type { SecurityLogStore } from '../storage/security-log-store.js';
import type { AuthCacheStore } from '../storage/auth-cache-store.js';
import type { LocalAuthListStore } from '../storage/local-auth-list-store.js';
import type { AvailabilityStore } from '../storage/availability-store.js';
import type { TransactionStore } from '../storage/transaction-store.js';
import type { TxMeterValueStore } from '../storage/tx-meter-value-store.js';
import type { ChargingProfileStore } from '../storage/charging-profile-store.js';
import type { CertificateStore } from '../storage/certificate-store.js';
import type { KeyStore } from '../storage/key-store.js';
import type { FirmwareUpdateStore } from '../storage/firmware-update-store.js';
import { MemoryFirmwareUpdateStore } from '../storage/memory/memory-firmware-update-store.js';
import { SqliteFirmwareUpdateStore } from '../storage/sqlite/sqlite-firmware-update-store.js';
import { FileKeyStore } from '../storage/file-key-store.js';
import { MemoryCertificateStore } from '../storage/memory/memory-certificate-store.js';
import { MemoryKeyStore } from '../storage/memory/memory-key-store.js';
import { SqliteCertificateStore } from '../storage/sqlite/sqlite-certificate-store.js';
import { MemoryChargingProfileStore } from '../storage/memory/memory-charging-profile-store.js';
import { SqliteChargingProfileStore } from '../storage/sqlite/sqlite-charging-profile-store.js';
import { MemoryAuthCacheStore } from '../storage/memory/memory-auth-cache-store.js';
import { MemoryLocalAuthListStore } from '../storage/memory/memory-local-auth-list-store.js';
import { MemoryAvailabilityStore } from '../storage/memory/memory-availability-store.js';
import { MemoryTransactionStore } from '../storage/memory/memory-transaction-store.js';
import { MemoryTxMeterValueStore } from '../storage/memory/memory-tx-meter-value-store.js';
import { SqliteAuthCacheStore } from '../storage/sqlite/sqlite-auth-cache-store.js';
import { SqliteLocalAuthListStore } from '../storage/sqlite/sqlite-local-auth-list-store.js';
import { SqliteAvailabilityStore } from '../storage/sqlite/sqlite-availability-store.js';
import { SqliteTransactionStore } from '../storage/sqlite/sqlite-transaction-store.js';
import { SqliteTxMeterValueStore } from '../storage/sqlite/sqlite-tx-meter-value-store.js';
import { MemoryDeviceModelStore } from '../storage/memory/memory-device-model-store.js';
import { MemoryNetworkProfileStore } from '../storage/memory/memory-network-profile-store.js';
import { MemoryQueueStore } from '../storage/memory/memory-queue-store.js';
import { MemorySecurityLogStore } from '../storage/memory/memory-security-log-store.js';
import { openStationDatabase, type Durability } from '../storage/sqlite/database.js';
import { SqliteDeviceModelStore } from '../storage/sqlite/sqlite-device-model-store.js';
import { SqliteNetworkProfileStore } from '../storage/sqlite/sqlite-network-profile-store.js';
import { SqliteQueueStore } from '../storage/sqlite/sqlite-queue-store.js';
import { SqliteSecurityLogStore } from '../storage/sqlite/sqlite-security-log-store.js';

export interface StationStores {
  readonly queue: QueueStore;
  readonly deviceModel: DeviceModelStore;
  readonly networkProfiles: NetworkProfileStore;
  readonly securityLog: SecurityLogStore;
  readonly authCache: AuthCacheStore;
  readonly localAuthList: LocalAuthListStore;
  readonly availability: AvailabilityStore;
  readonly transactions: TransactionStore;
  readonly txMeterValues: TxMeterValueStore;
  readonly chargingProfiles: ChargingProfileStore;
  readonly certificates: CertificateStore;
  /** The firmware update in progress and the last firmware status sent (L01). */
  readonly firmware: FirmwareUpdateStore;
  /** The private keys of the station's certificates (not in the database: files, or an HSM behind the port). */
  readonly keys: KeyStore;
  /**
   * Runs `work` so that its writes to any of these stores land together or not at all (one SQLite
   * transaction), e.g. a TransactionEvent queued together with the transaction's next seqNo.
   */
  atomically<T>(work: () => T): T;
  /** Releases what the stores hold (closes the database). */
  close(): void;
}

/** A folder of the station stored at `databasePath`: `<name>-<purpose>/` beside the file. */
function folderBeside(databasePath: string, purpose: string): string {
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}-${purpose}`);
}

/** Where the private keys of the station stored at `databasePath` go by default: `<name>-keys/` beside the file. */
export function defaultKeyFolder(databasePath: string): string {
  return folderBeside(databasePath, 'keys');
}

/** Where the log files GetLog uploads (N01) are built for the station stored at `databasePath`: `<name>-logs/` beside it. */
export function defaultLogFolder(databasePath: string): string {
  return folderBeside(databasePath, 'logs');
}

/** Where firmware images (L01) go for the station stored at `databasePath`: `<name>-firmware/` beside it. */
export function defaultFirmwareFolder(databasePath: string): string {
  return folderBeside(databasePath, 'firmware');
}

/** Where the firmware files a station publishes (L03) and their state are kept: `<name>-published/` beside the database. */
export function defaultPublishFolder(databasePath: string): string {
  return folderBeside(databasePath, 'published');
}

/**
 * The stores in one SQLite file (created if missing; its folder must exist), the private keys as files with
 * mode 0600 in `keys` (a folder, see defaultKeyFolder) or the KeyStore given.
 */
export function sqliteStationStores(
  path: string,
  options: { durability?: Durability; keys?: string | KeyStore } = {},
): StationStores {
  const keys = typeof options.keys === 'object' ? options.keys : new FileKeyStore(options.keys ?? defaultKeyFolder(path));
  const database: Database = openStationDatabase(path, options.durability ? { durability: options.durability } : {});
  return {
    queue: new SqliteQueueStore(database),
    deviceModel: new SqliteDeviceModelStore(database),
    networkProfiles: new SqliteNetworkProfileStore(database),
    securityLog: new SqliteSecurityLogStore(database),
    authCache: new SqliteAuthCacheStore(database),
    localAuthList: new SqliteLocalAuthListStore(database),
    availability: new SqliteAvailabilityStore(database),
    transactions: new SqliteTransactionStore(database),
    txMeterValues: new SqliteTxMeterValueStore(database),
    chargingProfiles: new SqliteChargingProfileStore(database),
    certificates: new SqliteCertificateStore(database),
    firmware: new SqliteFirmwareUpdateStore(database),
    keys,
    atomically: (work) => database.transaction(work)(),
    close: () => database.close(),
  };
}

/** The stores in memory: nothing survives the process. */
export function memoryStationStores(): StationStores {
  return {
    queue: new MemoryQueueStore(),
    deviceModel: new MemoryDeviceModelStore(),
    networkProfiles: new MemoryNetworkProfileStore(),
    securityLog: new MemorySecurityLogStore(),
    authCache: new MemoryAuthCacheStore(),
    localAuthList: new MemoryLocalAuthListStore(),
    availability: new MemoryAvailabilityStore(),
    transactions: new MemoryTransactionStore(),
    txMeterValues: new MemoryTxMeterValueStore(),
    chargingProfiles: new MemoryChargingProfileStore(),
    certificates: new MemoryCertificateStore(),
    firmware: new MemoryFirmwareUpdateStore(),
    keys: new MemoryKeyStore(),
    atomically: (work) => work(),
    close: () => undefined,
  };
}
