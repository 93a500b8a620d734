// SecurityLogStore in the station's SQLite database (table security_log).
import type { Database, Statement } from 'better-sqlite3';
import type { SecurityLogEntry, SecurityLogStore } from '../security-log-store.js';

interface LogRow {
  type: string;
  timestamp: string;
  tech_info: string | null;
  critical: number;
}

export class SqliteSecurityLogStore implements SecurityLogStore {
  private readonly insert: Statement<[string, string, string | null, number]>;
  private readonly trim: Statement<[number]>;
  private readonly selectAll: Statement<[], LogRow>;
  private readonly appendAndTrim: (entry: SecurityLogEntry, maxEntries: number) => void;

  constructor(database: Database) {
    this.insert = database.prepare('INSERT INTO security_log (type, timestamp, tech_info, critical) VALUES (?, ?, ?, ?)');
    // Keeps the newest maxEntries rows.
    this.trim = database.prepare(
      'DELETE FROM security_log WHERE id <= (SELECT id FROM security_log ORDER BY id DESC LIMIT 1 OFFSET ?)',
    );
    this.selectAll = database.prepare('SELECT type, timestamp, tech_info, critical FROM security_log ORDER BY id');
    this.appendAndTrim = database.transaction((entry: SecurityLogEntry, maxEntries: number) => {
      this.insert.run(entry.type, entry.timestamp, entry.techInfo ?? null, entry.critical ? 1 : 0);
      this.trim.run(maxEntries);
    });
  }

  append(entry: SecurityLogEntry, maxEntries: number): void {
    this.appendAndTrim(entry, maxEntries);
  }

  loadAll(): SecurityLogEntry[] {
    return this.selectAll.all().map((row) => ({
      type: row.type,
      timestamp: row.timestamp,
      ...(row.tech_info !== null ? { techInfo: row.tech_info } : {}),
      critical: row.critical === 1,
    }));
  }
}
