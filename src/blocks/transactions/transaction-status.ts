// E14 GetTransactionStatus: whether the CSMS still has TransactionEvents to come, and whether a transaction is
// still going on.
import type { Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';

export interface TransactionStatusOptions {
  /** Whether a transaction with this id is open. */
  isOngoing: (transactionId: string) => boolean;
  /** TransactionEvents not yet answered by the CSMS, of one transaction or all. */
  pendingTransactionEvents: (transactionId?: string) => number;
}

export function transactionStatusHandlers(options: TransactionStatusOptions): HandlerTable {
  return {
    GetTransactionStatus: (request): Response<'GetTransactionStatus'> => {
      const messagesInQueue = options.pendingTransactionEvents(request.transactionId) > 0;
      // E14.FR.06: no ongoingIndicator without a transactionId; E14.FR.01-03 otherwise.
      if (request.transactionId === undefined) return { messagesInQueue };
      return { messagesInQueue, ongoingIndicator: options.isOngoing(request.transactionId) };
    },
  };
}
