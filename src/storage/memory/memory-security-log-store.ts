// SecurityLogStore in memory.
import type { SecurityLogEntry, SecurityLogStore } from '../security-log-store.js';

export class MemorySecurityLogStore implements SecurityLogStore {
  private entries: SecurityLogEntry[] = [];

  append(entry: SecurityLogEntry, maxEntries: number): void {
    this.entries.push({ ...entry });
    if (this.entries.length > maxEntries) this.entries = this.entries.slice(this.entries.length - maxEntries);
  }

  loadAll(): SecurityLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }
}
