// AvailabilityStore in memory, for tests and stations that keep nothing across restarts.
import type { AvailabilityRecord, AvailabilityStore } from '../availability-store.js';

export class MemoryAvailabilityStore implements AvailabilityStore {
  private readonly byScope = new Map<string, AvailabilityRecord>();

  loadAll(): Map<string, AvailabilityRecord> {
    return new Map([...this.byScope].map(([key, record]) => [key, { ...record }]));
  }

  save(scopeKey: string, record: AvailabilityRecord): void {
    this.byScope.set(scopeKey, {
      operationalStatus: record.operationalStatus,
      ...(record.scheduledStatus !== undefined ? { scheduledStatus: record.scheduledStatus } : {}),
    });
  }

  delete(scopeKey: string): void {
    this.byScope.delete(scopeKey);
  }
}
