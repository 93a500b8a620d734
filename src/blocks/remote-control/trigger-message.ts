// F06 TriggerMessage: the blocks declare what they can send on request (blocks/shared/trigger.ts); this
// handler finds the one that serves the requested message, answers first and sends after (F06.FR.04). A
// message nobody serves is NotImplemented (F06.FR.08).
import type { Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { TriggerLookup } from '../shared/trigger.js';

export function triggerMessageHandlers(triggers: TriggerLookup): HandlerTable {
  return {
    TriggerMessage: (request, context): Response<'TriggerMessage'> => {
      const trigger = triggers(request.requestedMessage);
      if (!trigger) return { status: 'NotImplemented' };
      const decision = trigger(request.evse);
      if (decision.status === 'Rejected') return { status: 'Rejected' };
      context.afterResponse(decision.send);
      return { status: 'Accepted' };
    },
  };
}
