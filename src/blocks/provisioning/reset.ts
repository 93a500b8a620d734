// B11/B12 Reset: the station (no evseId) or one EVSE, Immediate or OnIdle. With a transaction running, OnIdle
// answers Scheduled and waits until the station or EVSE is idle (B12.FR.01); Immediate answers Accepted
// (B12.FR.02). The reset itself is done by the host once the response has gone out.
import type { Logger } from '../../logger.js';
import type { ResetEnumType, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { TransactionActivity } from '../shared/transaction-activity.js';
import type { ResetBootReason, ResetHost } from './provisioning-hosts.js';

export interface ResetOptions {
  host: ResetHost;
  logger: Logger;
  /** The transactions block's view of running transactions; absent, or undefined, while no block runs any. */
  transactions?: () => TransactionActivity | undefined;
  evseExists: (evseId: number) => boolean;
}

export function resetHandlers(options: ResetOptions): HandlerTable {
  return {
    Reset: (request, context): Response<'Reset'> => {
      const { type, evseId } = request;
      if (evseId !== undefined) {
        // B11.FR.09 / B12.FR.09: single-EVSE resets only where the host supports them, and only of real EVSEs.
        if (!options.host.supportsEvseReset) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest' } };
        if (!options.evseExists(evseId)) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      }
      if (!options.host.isResetAllowed(type, evseId)) return { status: 'Rejected' };
      const transactions = options.transactions?.();
      const busy = transactions?.hasActiveTransaction(evseId) ?? false;
      if (transactions && busy && type === 'OnIdle') {
        // TC_B_21: a reset that waited is a scheduled one, and the station boots saying so.
        context.afterResponse(() => transactions.whenIdle(evseId, () => perform(options, type, evseId, 'ScheduledReset')));
        return { status: 'Scheduled' };
      }
      context.afterResponse(() => {
        // B12.FR.04/08: running transactions end (Ended, ResetCommand, ImmediateReset) before the reset.
        if (busy) transactions?.endAll?.('ImmediateReset', 'ResetCommand', evseId);
        perform(options, type, evseId, 'RemoteReset');
      });
      return { status: 'Accepted' };
    },
  };
}

function perform(options: ResetOptions, type: ResetEnumType, evseId: number | undefined, bootReason: ResetBootReason): void {
  options.logger.info({ type, evseId, bootReason }, 'performing a reset');
  Promise.resolve()
    .then(() => options.host.reset(type, evseId, bootReason))
    .catch((error: unknown) => options.logger.error({ err: error, type, evseId }, 'the host failed to reset'));
}
