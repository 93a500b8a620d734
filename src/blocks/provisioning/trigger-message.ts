// F06 TriggerMessage: each block registers the messages it can send on request. The response comes first and
// the message after it (F06.FR.04); a message nobody registered is NotImplemented (F06.FR.08).
import type { EVSEType, MessageTriggerEnumType, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';

/**
 * Decides whether a requested message will be sent. Returns 'Rejected', or 'Accepted' with the task that sends
 * it (run after the TriggerMessageResponse has gone out). The task must send with `requestedByCsms: true`.
 */
export type Trigger = (evse: EVSEType | undefined) => { status: 'Rejected' } | { status: 'Accepted'; send: () => void };

export class TriggerRegistry {
  private readonly triggers = new Map<MessageTriggerEnumType, Trigger>();

  register(message: MessageTriggerEnumType, trigger: Trigger): void {
    if (this.triggers.has(message)) throw new Error(`a trigger for ${message} is already registered`);
    this.triggers.set(message, trigger);
  }

  handlers(): HandlerTable {
    return {
      TriggerMessage: (request, context): Response<'TriggerMessage'> => {
        const trigger = this.triggers.get(request.requestedMessage);
        if (!trigger) return { status: 'NotImplemented' };
        const decision = trigger(request.evse);
        if (decision.status === 'Rejected') return { status: 'Rejected' };
        context.afterResponse(decision.send);
        return { status: 'Accepted' };
      },
    };
  }
}
