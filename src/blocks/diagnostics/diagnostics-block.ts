// Block N as far as it goes today: events the integrator reports go to the CSMS as NotifyEvent (the seed's
// on_event, N07/N08). The log upload (N01, with TriggerMessage(LogStatusNotification)) is the logs block's;
// monitoring (N02-N08) will join this folder.
import type { EventDataType } from '../../messages/types.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { notifyEvents } from './notify-event.js';

export interface DiagnosticsApi {
  /** The seed's on_event: sends the events to the CSMS in a NotifyEvent. */
  onEvent(events: readonly EventDataType[]): Promise<void>;
}

export const diagnosticsBlock: BlockDefinition<BlockContext, DiagnosticsApi> = {
  name: 'diagnostics',
  create(context) {
    const { send, clock, logger } = context;
    return {
      api: { onEvent: (events) => notifyEvents({ send, clock, logger }, events) },
    };
  },
};
