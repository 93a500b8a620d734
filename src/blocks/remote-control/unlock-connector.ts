// F05 UnlockConnector: never under an authorized transaction on that connector (F05.FR.02); otherwise the
// hardware tries, whether or not a cable is detected (F05.FR.06).
import type { Logger } from '../../logger.js';
import type { Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import { hasConnector, type StationLayout } from '../shared/station-layout.js';
import type { TransactionsPort } from '../transactions/transactions-port.js';

/** The hardware side of UnlockConnector. */
export interface ConnectorLock {
  /** Tries to unlock; resolves true when the connector is unlocked (F05.FR.04/05). */
  unlockConnector(evseId: number, connectorId: number): Promise<boolean> | boolean;
}

export interface UnlockConnectorOptions {
  layout: StationLayout;
  lock: ConnectorLock;
  /** The transactions block, when the station has one. */
  transactions: () => Pick<TransactionsPort, 'transactionIdOf' | 'transaction' | 'hasAuthorizedTransaction'> | undefined;
  logger: Logger;
}

export function unlockConnectorHandlers(options: UnlockConnectorOptions): HandlerTable {
  return {
    UnlockConnector: async (request): Promise<Response<'UnlockConnector'>> => {
      const { evseId, connectorId } = request;
      if (!hasConnector(options.layout, evseId, connectorId)) return { status: 'UnknownConnector' }; // F05.FR.03
      const transactions = options.transactions();
      const transactionId = transactions?.transactionIdOf(evseId);
      const record = transactionId ? transactions?.transaction(transactionId) : undefined;
      if (record && transactions?.hasAuthorizedTransaction(evseId) && (record.connectorId ?? connectorId) === connectorId) {
        return { status: 'OngoingAuthorizedTransaction' };
      }
      try {
        return { status: (await options.lock.unlockConnector(evseId, connectorId)) ? 'Unlocked' : 'UnlockFailed' };
      } catch (error) {
        options.logger.warn({ err: error, evseId, connectorId }, 'unlocking the connector failed');
        return { status: 'UnlockFailed' };
      }
    },
  };
}
