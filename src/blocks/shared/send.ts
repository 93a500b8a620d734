// How a block sends a CALL to the CSMS: through the station's outgoing queue, which decides when it may go
// (registration, online state, retries) and persists what must not be lost.
import type { Action, Request, Response } from '../../messages/types.js';
import type { EnqueueOptions } from '../../queue/message-queue.js';
import { MessageDroppedError } from '../../queue/message-dropped-error.js';
import type { Logger } from '../../logger.js';

/**
 * Queues a CALL; resolves with the CSMS's response. TransactionEvent and SecurityEventNotification are kept
 * until the CSMS has answered them. A payload that breaks its schema throws at once (a programming error).
 */
export type Send = <A extends Action>(action: A, payload: Request<A>, options?: EnqueueOptions) => Promise<Response<A>>;

/**
 * Logs a CALL that was not answered: a warning, except when the link closed under it (the station is stopping;
 * what must not be lost stays stored), which is routine and logged at debug.
 */
export function logNotDelivered(logger: Logger, error: unknown, fields: object, message: string): void {
  if (error instanceof MessageDroppedError && error.reason === 'closed') logger.debug({ err: error, ...fields }, message);
  else logger.warn({ err: error, ...fields }, message);
}
