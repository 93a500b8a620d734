// FirmwareUpdateStore in memory: nothing survives the process.
import type { FirmwareUpdateRecord, FirmwareUpdateStore, LastFirmwareStatus } from '../firmware-update-store.js';

export class MemoryFirmwareUpdateStore implements FirmwareUpdateStore {
  private record: FirmwareUpdateRecord | undefined;
  private last: LastFirmwareStatus | undefined;

  current(): FirmwareUpdateRecord | undefined {
    return this.record === undefined ? undefined : structuredClone(this.record);
  }

  save(record: FirmwareUpdateRecord): void {
    this.record = structuredClone(record);
  }

  clear(): void {
    this.record = undefined;
  }

  lastStatus(): LastFirmwareStatus | undefined {
    return this.last;
  }

  saveLastStatus(status: LastFirmwareStatus): void {
    this.last = { ...status };
  }
}
