// Block F: RequestStartTransaction / RequestStopTransaction (F01-F04), UnlockConnector (F05) and TriggerMessage
// (F06). The transactions themselves are the transactions block's; the messages TriggerMessage asks for are
// sent by the blocks that declare them.
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { evseIdsOf } from '../shared/station-layout.js';
import { remoteTransactionControl } from './remote-start.js';
import { remoteStartStopHandlers } from './remote-start-stop.js';
import { triggerMessageHandlers } from './trigger-message.js';
import { unlockConnectorHandlers, type ConnectorLock } from './unlock-connector.js';

export interface RemoteControlContext extends BlockContext {
  readonly host: { readonly evse: ConnectorLock };
}

export const remoteControlBlock: BlockDefinition<RemoteControlContext> = {
  name: 'remote-control',
  create(context) {
    const { ports, model, logger } = context;
    const evseIds = evseIdsOf(context.layout);
    return {
      handlers: {
        ...remoteStartStopHandlers({
          registrationStatus: () => context.link.registrationStatus,
          control: () => {
            const transactions = ports.find('transactions');
            if (!transactions) return undefined;
            const smartCharging = ports.find('smartCharging');
            return remoteTransactionControl({
              transactions,
              availability: ports.get('availability'),
              tokens: ports.get('tokens'),
              model,
              evseIds,
              logger,
              smartCharging: () => smartCharging?.enabled ?? false,
              ...(smartCharging ? { checkProfile: (profile, evseId) => smartCharging.checkRemoteStartProfile(profile, evseId) } : {}),
            });
          },
        }),
        ...unlockConnectorHandlers({
          layout: context.layout,
          lock: context.host.evse,
          transactions: () => ports.find('transactions'),
          logger,
        }),
        ...triggerMessageHandlers(context.triggers, context.link),
      },
    };
  },
};
