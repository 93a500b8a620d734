// E14 GetTransactionStatus and F05 UnlockConnector.
import type { Logger } from '../../logger.js';
import type { Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { StationLayout } from '../availability/connector-statuses.js';
import type { Transactions } from './transactions.js';

/** The hardware side of UnlockConnector. */
export interface ConnectorLock {
  /** Tries to unlock; resolves true when the connector is unlocked (F05.FR.04/05). */
  unlockConnector(evseId: number, connectorId: number): Promise<boolean> | boolean;
}

export interface TransactionHandlerOptions {
  transactions: Transactions;
  layout: StationLayout;
  lock: ConnectorLock;
  /** TransactionEvents not yet answered by the CSMS, of one transaction or all. */
  pendingTransactionEvents: (transactionId?: string) => number;
  logger: Logger;
}

export function transactionHandlers(options: TransactionHandlerOptions): HandlerTable {
  const { transactions } = options;
  return {
    GetTransactionStatus: (request): Response<'GetTransactionStatus'> => {
      const messagesInQueue = options.pendingTransactionEvents(request.transactionId) > 0;
      // E14.FR.06: no ongoingIndicator without a transactionId; E14.FR.01-03 otherwise.
      if (request.transactionId === undefined) return { messagesInQueue };
      return { messagesInQueue, ongoingIndicator: transactions.transaction(request.transactionId) !== undefined };
    },
    UnlockConnector: async (request): Promise<Response<'UnlockConnector'>> => {
      const { evseId, connectorId } = request;
      const known = options.layout.evses.some((evse) => evse.id === evseId && evse.connectorIds.includes(connectorId));
      if (!known) return { status: 'UnknownConnector' }; // F05.FR.03
      const transactionId = transactions.transactionIdOf(evseId);
      const record = transactionId ? transactions.transaction(transactionId) : undefined;
      // F05.FR.02: never unlock under an authorized transaction on that connector.
      if (record && transactions.hasAuthorizedTransaction(evseId) && (record.connectorId ?? connectorId) === connectorId) {
        return { status: 'OngoingAuthorizedTransaction' };
      }
      try {
        // F05.FR.06: an attempt is made whether or not a cable is detected.
        return { status: (await options.lock.unlockConnector(evseId, connectorId)) ? 'Unlocked' : 'UnlockFailed' };
      } catch (error) {
        options.logger.warn({ err: error, evseId, connectorId }, 'unlocking the connector failed');
        return { status: 'UnlockFailed' };
      }
    },
  };
}
