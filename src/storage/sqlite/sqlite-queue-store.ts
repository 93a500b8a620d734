// The outgoing queue kept in the station database (table message_queue, created by migration 1). Every
// method is a single statement in autocommit mode, so each change is committed when the method returns.
import type { Database, Statement } from 'better-sqlite3';
import type { Action } from '../../messages/types.js';
import type { QueueStore, StoredMessage } from '../../queue/queue-store.js';

interface QueueRow {
  seq: number;
  action: string;
  payload: string;
  failed_attempts: number;
  queued_at: string;
}

/** JSON text of a payload, refusing values JSON cannot hold at the top level (undefined, functions). */
function payloadToJson(payload: unknown): string {
  const text: string | undefined = JSON.stringify(payload);
  if (text === undefined) throw new TypeError(`a queued payload must be JSON-serializable, got ${typeof payload}`);
  return text;
}

export class SqliteQueueStore implements QueueStore {
  private readonly insertStatement: Statement<[string, string, string]>;
  private readonly selectAllStatement: Statement<[], QueueRow>;
  private readonly updateAttemptsStatement: Statement<[number, number]>;
  private readonly deleteStatement: Statement<[number]>;
  private readonly countStatement: Statement<[], number>;

  /** `database` must have been opened with openStationDatabase (so that the schema exists). */
  constructor(database: Database) {
    this.insertStatement = database.prepare('INSERT INTO message_queue (action, payload, queued_at) VALUES (?, ?, ?)');
    this.selectAllStatement = database.prepare(
      'SELECT seq, action, payload, failed_attempts, queued_at FROM message_queue ORDER BY seq',
    );
    this.updateAttemptsStatement = database.prepare('UPDATE message_queue SET failed_attempts = ? WHERE seq = ?');
    this.deleteStatement = database.prepare('DELETE FROM message_queue WHERE seq = ?');
    this.countStatement = database.prepare<[], number>('SELECT COUNT(*) FROM message_queue').pluck();
  }

  append(action: Action, payload: unknown, queuedAt: string): StoredMessage {
    const result = this.insertStatement.run(action, payloadToJson(payload), queuedAt);
    return { seq: Number(result.lastInsertRowid), action, payload, failedAttempts: 0, queuedAt };
  }

  loadAll(): StoredMessage[] {
    return this.selectAllStatement.all().map((row) => ({
      seq: row.seq,
      action: row.action as Action,
      payload: JSON.parse(row.payload) as unknown,
      failedAttempts: row.failed_attempts,
      queuedAt: row.queued_at,
    }));
  }

  recordFailedAttempt(seq: number, failedAttempts: number): void {
    this.updateAttemptsStatement.run(failedAttempts, seq);
  }

  remove(seq: number): void {
    this.deleteStatement.run(seq);
  }

  count(): number {
    return this.countStatement.get() ?? 0;
  }
}
