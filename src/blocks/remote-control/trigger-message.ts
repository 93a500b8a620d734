// F06 TriggerMessage: the blocks declare what they can send on request (blocks/shared/trigger.ts); this
// handler finds the one that serves the requested message, answers first and sends after (F06.FR.04). A
// message nobody serves is NotImplemented (F06.FR.08). While the outgoing queue is full the station promises
// nothing: an accepted message must be sent (F06.FR.10), so it is Rejected instead.
import type { Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { LinkPort } from '../shared/link-port.js';
import type { TriggerLookup } from '../shared/trigger.js';

export function triggerMessageHandlers(triggers: TriggerLookup, link: Pick<LinkPort, 'hasRoomForPromises'>): HandlerTable {
  return {
    TriggerMessage: (request, context): Response<'TriggerMessage'> => {
      const trigger = triggers(request.requestedMessage);
      if (!trigger) return { status: 'NotImplemented' };
      if (!link.hasRoomForPromises) return { status: 'Rejected' };
      const decision = trigger(request.evse);
      if (decision.status === 'Rejected') return { status: 'Rejected' };
      context.afterResponse(decision.send);
      return { status: 'Accepted' };
    },
  };
}
