// What a block may know of, and do to, the link to the CSMS. The station's link implements it; blocks never
// see the concrete link class, so a block can be tested with a fake and the link can change behind it.
import type { RegistrationStatus } from '../../queue/queue-policy.js';
import type { TransactionalOutcome } from '../../queue/message-queue.js';
import type { InvalidMessageReport } from '../../rpc/rpc-endpoint.js';
import type { ConnectionFailureInfo } from '../../transport/connection-manager.js';
import type { LinkSettings } from '../../link/link-settings.js';

export interface LinkPort {
  /** A websocket connection to the CSMS is open. */
  readonly isConnected: boolean;
  /** The configuration slot of the open connection. */
  readonly activeSlot: number | undefined;
  /** The registration state the link gates messages with (set from the latest BootNotificationResponse). */
  readonly registrationStatus: RegistrationStatus;
  readonly settings: Readonly<LinkSettings>;
  /** Changes settings; each takes effect at its next use. */
  updateSettings(changes: Partial<LinkSettings>): void;
  /** Drops the connection and connects again at once (e.g. after the password changed). */
  reconnect(): void;
  /**
   * The outgoing queue is under its size threshold. A block promises the CSMS a message (accepts a
   * TriggerMessage, a report request) only then: promised messages are never dropped (F06.FR.10).
   */
  readonly hasRoomForPromises: boolean;
  /** TransactionEvents the CSMS has not answered yet, of one transaction or of all. */
  pendingTransactionEvents(transactionId?: string): number;
  /** What came of each transaction-related message, including those restored after a restart. */
  onTransactionalOutcome(listener: (outcome: TransactionalOutcome) => void): () => void;
  /** Incoming messages refused as invalid. */
  onInvalidMessage(listener: (report: InvalidMessageReport) => void): () => void;
  /** Each failed connection attempt. */
  onConnectionFailed(listener: (failure: ConnectionFailureInfo) => void): () => void;
}

/** Connected to the CSMS and registered: a CALL can get its answer now. */
export function isOnline(link: Pick<LinkPort, 'isConnected' | 'registrationStatus'>): boolean {
  return link.isConnected && link.registrationStatus === 'Accepted';
}
