// How a block sends a CALL to the CSMS: through the station's outgoing queue, which decides when it may go
// (registration, online state, retries) and persists what must not be lost.
import type { Action, Request, Response } from '../../messages/types.js';
import type { EnqueueOptions } from '../../queue/message-queue.js';

/**
 * Queues a CALL; resolves with the CSMS's response. TransactionEvent and SecurityEventNotification are kept
 * until the CSMS has answered them. A payload that breaks its schema throws at once (a programming error).
 */
export type Send = <A extends Action>(action: A, payload: Request<A>, options?: EnqueueOptions) => Promise<Response<A>>;
