// The error of a message the queue gave up on without the CSMS having answered it.
import { OcppStationError, type ErrorCauseOptions } from '../errors.js';
import type { Action } from '../messages/types.js';

/** Why a message was dropped. */
export type DropReason = 'offline' | 'queue-full' | 'attempts-exhausted' | 'unsendable' | 'closed';

/** A message the queue gave up on without the CSMS having answered it. */
export class MessageDroppedError extends OcppStationError {
  override readonly name = 'MessageDroppedError';
  override readonly code = 'QUEUE_MESSAGE_DROPPED';
  constructor(
    readonly action: Action,
    readonly reason: DropReason,
    detail: string,
    options?: ErrorCauseOptions,
  ) {
    super(`${action} dropped: ${detail}`, options);
  }
}

/** The error as a MessageDroppedError: itself if it is one, else one that it caused. */
export function asDropped(action: Action, error: Error): MessageDroppedError {
  return error instanceof MessageDroppedError
    ? error
    : new MessageDroppedError(action, 'unsendable', error.message, { cause: error });
}
