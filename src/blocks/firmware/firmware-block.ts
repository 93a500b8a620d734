// Block L as far as it goes today: TriggerMessage(FirmwareStatusNotification) answers Idle, since no firmware
// update runs in this station (F06.FR.16). Firmware updates (L01-L04) will join this folder.
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';

export const firmwareBlock: BlockDefinition<BlockContext> = {
  name: 'firmware',
  create(context) {
    return {
      triggers: {
        FirmwareStatusNotification: () => ({
          status: 'Accepted',
          send: () => void context.send('FirmwareStatusNotification', { status: 'Idle' }, { requestedByCsms: true }).catch(() => undefined),
        }),
      },
    };
  },
};
