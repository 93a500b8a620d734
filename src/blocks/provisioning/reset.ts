// B11/B12 Reset: the station (no evseId) or one EVSE, Immediate or OnIdle. With a transaction running, OnIdle
// answers Scheduled and waits until the station or EVSE is idle (B12.FR.01); Immediate answers Accepted
// (B12.FR.02). The reset itself is done by the host once the response has gone out.
import type { Logger } from '../../logger.js';
import type { ResetEnumType, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { ResetHost } from '../../station/host.js';

/** What the reset needs to know about transactions; the transactions block provides it. */
export interface TransactionActivity {
  hasActiveTransaction(evseId?: number): boolean;
  /** Calls `idle` once no transaction runs on the EVSE (or anywhere, without evseId). */
  whenIdle(evseId: number | undefined, idle: () => void): void;
  /** Ends the running transactions (of the EVSE, or all) now, e.g. before an Immediate reset (B12.FR.04/08). */
  endAll?(stoppedReason: 'ImmediateReset', triggerReason: 'ResetCommand', evseId?: number): void;
}

export interface ResetOptions {
  host: ResetHost;
  logger: Logger;
  /** Absent while no block runs transactions: then nothing is ever active. */
  transactions?: TransactionActivity;
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
      const busy = options.transactions?.hasActiveTransaction(evseId) ?? false;
      if (busy && type === 'OnIdle') {
        context.afterResponse(() => options.transactions!.whenIdle(evseId, () => perform(options, type, evseId)));
        return { status: 'Scheduled' };
      }
      context.afterResponse(() => {
        // B12.FR.04/08: running transactions end (Ended, ResetCommand, ImmediateReset) before the reset.
        if (busy) options.transactions?.endAll?.('ImmediateReset', 'ResetCommand', evseId);
        perform(options, type, evseId);
      });
      return { status: 'Accepted' };
    },
  };
}

function perform(options: ResetOptions, type: ResetEnumType, evseId: number | undefined): void {
  options.logger.info({ type, evseId }, 'performing a reset');
  Promise.resolve()
    .then(() => options.host.reset(type, evseId))
    .catch((error: unknown) => options.logger.error({ err: error, type, evseId }, 'the host failed to reset'));
}
