// What came of a transaction-related message, reported to whoever listens (the transaction block reconciles
// its records with it, also for messages restored after a restart, whose caller is gone).
import type { Action } from '../messages/types.js';
import type { MessageDroppedError } from './message-dropped-error.js';

/**
 * What came of a transaction-related message. Reported for every one, including those restored from the
 * store after a restart, whose original caller is gone.
 */
export type TransactionalOutcome =
  | {
      readonly kind: 'delivered';
      readonly action: Action;
      readonly payload: unknown;
      readonly response: unknown;
      readonly restored: boolean;
    }
  | {
      readonly kind: 'dropped';
      readonly action: Action;
      readonly payload: unknown;
      readonly error: MessageDroppedError;
      readonly restored: boolean;
    };
