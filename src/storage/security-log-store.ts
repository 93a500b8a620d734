// The storage port of the security log (A04.FR.04: every security event is stored, critical or not). Bounded:
// the oldest entries go when the log is full.
export interface SecurityLogEntry {
  readonly type: string;
  /** ISO 8601. */
  readonly timestamp: string;
  readonly techInfo?: string;
  readonly critical: boolean;
}

export interface SecurityLogStore {
  /** Appends an entry, removing the oldest ones beyond `maxEntries`. */
  append(entry: SecurityLogEntry, maxEntries: number): void;
  /** Entries oldest first. */
  loadAll(): SecurityLogEntry[];
}
