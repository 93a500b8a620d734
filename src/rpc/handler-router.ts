// Each functional block owns a table of handlers for the CSMS-initiated actions it implements. The router
// merges those tables and refuses a second owner for an action, so dispatch has exactly one place to look.
import { OcppStationError } from '../errors.js';
import type { Action, Request, Response } from '../messages/types.js';

/** What a handler knows about the CALL it answers. */
export interface CallContext {
  readonly messageId: string;
  readonly action: Action;
  /**
   * Runs `task` once the CALLRESULT has gone out (never if the handler fails), for what must follow the
   * response, e.g. the message a TriggerMessage asked for (F06.FR.04).
   */
  afterResponse(task: () => void): void;
}

export type CallHandler<A extends Action> = (
  payload: Request<A>,
  context: CallContext,
) => Response<A> | Promise<Response<A>>;

export type HandlerTable = { [A in Action]?: CallHandler<A> };

export class DuplicateHandlerError extends OcppStationError {
  override readonly name = 'DuplicateHandlerError';
  override readonly code = 'RPC_DUPLICATE_HANDLER';
  constructor(readonly action: Action, readonly owner: string, readonly existingOwner: string) {
    super(`${owner} cannot handle ${action}: ${existingOwner} already does`);
  }
}

export class HandlerRouter {
  private readonly handlers = new Map<Action, { owner: string; handler: CallHandler<Action> }>();

  /** Adds a block's handlers; throws DuplicateHandlerError (adding none of them) if an action already has an owner. */
  register(owner: string, table: HandlerTable): void {
    const entries = Object.entries(table) as [Action, CallHandler<Action>][];
    for (const [action] of entries) {
      const existing = this.handlers.get(action);
      if (existing) throw new DuplicateHandlerError(action, owner, existing.owner);
    }
    for (const [action, handler] of entries) this.handlers.set(action, { owner, handler });
  }

  /** Removes every handler the owner registered. */
  unregister(owner: string): void {
    for (const [action, entry] of this.handlers) if (entry.owner === owner) this.handlers.delete(action);
  }

  handlerFor<A extends Action>(action: A): CallHandler<A> | undefined {
    return this.handlers.get(action)?.handler as CallHandler<A> | undefined;
  }

  get actions(): Action[] {
    return [...this.handlers.keys()];
  }
}
