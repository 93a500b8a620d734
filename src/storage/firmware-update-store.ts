// The storage port of the firmware block (L01/L02): the update in progress, so that a reboot or a crash in the
// middle of it resumes or reports its failure (never silence), and the last FirmwareStatusNotification status
// sent, which TriggerMessage(FirmwareStatusNotification) repeats after a restart too (L01.FR.25/26).
// Synchronous like the other ports: stored when the call returns.
import type { FirmwareStatusEnumType, FirmwareType } from '../messages/types.js';

/** Where an update is: what the station does next with it after a restart. */
export type FirmwareUpdatePhase =
  /** Waits for retrieveDateTime, or for the next download attempt after a failed one. */
  | 'download-scheduled'
  | 'downloading'
  /** Downloaded and verified; waits for installDateTime or for transactions to end. */
  | 'install-scheduled'
  | 'installing'
  /** Installed, the station reboots to activate it; the next start reports Installed (L01.FR.32 a). */
  | 'rebooting';

export interface FirmwareUpdateRecord {
  readonly requestId: number;
  readonly firmware: FirmwareType;
  /** UpdateFirmwareRequest.retries / retryInterval, as the station applies them (defaults filled in). */
  readonly retries: number;
  readonly retryIntervalSeconds: number;
  readonly phase: FirmwareUpdatePhase;
  /** Download attempts that failed so far. */
  readonly failedAttempts: number;
  /** The downloaded file, once there is one. */
  readonly filePath?: string;
  /** The firmware version before the update, to tell after the reboot whether it changed. */
  readonly previousVersion?: string;
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** The last FirmwareStatusNotification the station sent. */
export interface LastFirmwareStatus {
  readonly status: FirmwareStatusEnumType;
  readonly requestId?: number;
}

export interface FirmwareUpdateStore {
  /** The update in progress, if there is one. */
  current(): FirmwareUpdateRecord | undefined;
  /** Stores the update in progress (replacing the one before). */
  save(record: FirmwareUpdateRecord): void;
  /** The update is over (done, failed or cancelled). */
  clear(): void;
  lastStatus(): LastFirmwareStatus | undefined;
  saveLastStatus(status: LastFirmwareStatus): void;
}
