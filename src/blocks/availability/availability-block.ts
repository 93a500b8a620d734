// Block G: the operational status ChangeAvailability sets (G03, G04), what the hardware reports (unavailable,
// faulted, reserved) and the transactions block (occupied), each connector's effective status, and
// StatusNotification at boot, on reconnect (B04), on every change (G01) and on TriggerMessage (F06.FR.12).
import type { ConnectorStatusEnumType } from '../../messages/types.js';
import type { AvailabilityStore } from '../../storage/availability-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import type { TransactionAvailability } from '../transactions/transaction-ports.js';
import { Availability, type ConnectorStatusChange } from './availability.js';

/** What other blocks may ask of availability. */
export interface AvailabilityPort extends TransactionAvailability {
  /** The station (without evseId) or the EVSE can be charged at: neither Unavailable nor Faulted. */
  isOperative(evseId?: number): boolean;
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType;
  /**
   * L01.FR.07: EVSEs not in use go Unavailable, those in use when their use ends, until the returned release is
   * called (e.g. while a firmware installation waits for the transactions to end).
   */
  closeToNewSessions(): () => void;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    availability: AvailabilityPort;
  }
}

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** A connector's effective status changed (as StatusNotification reports it). */
    connectorStatusChanged: ConnectorStatusChange;
  }
}

/** The seed's availability handlers, and the status they lead to. */
export interface AvailabilityApi {
  /** The seed's on_unavailable: the connector cannot be used (e.g. taken out of service). */
  onUnavailable(evseId: number, connectorId: number): void;
  /** The seed's on_enabled: the connector can be used again. */
  onEnabled(evseId: number, connectorId: number): void;
  onFaulted(evseId: number, connectorId: number): void;
  onFaultCleared(evseId: number, connectorId: number): void;
  onReserved(evseId: number, connectorId: number): void;
  /** The reservation was used (H03.FR.09), cancelled or expired. */
  onReservationCleared(evseId: number, connectorId: number): void;
  /** The effective status of a connector, as StatusNotification reports it. */
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType;
}

export interface AvailabilityContext extends BlockContext {
  readonly stores: { readonly availability: AvailabilityStore };
}

export const availabilityBlock: BlockDefinition<AvailabilityContext, AvailabilityApi> = {
  name: 'availability',
  create(context) {
    const { link } = context;
    const availability = new Availability({
      model: context.model,
      layout: context.layout,
      store: context.stores.availability,
      send: context.send,
      clock: context.clock,
      logger: context.logger,
      transactions: () => context.ports.find('transactionActivity'),
      registrationAccepted: () => link.registrationStatus === 'Accepted',
    });
    const unsubscribe = availability.onStatusChange((change) => context.events.emit('connectorStatusChanged', change));
    return {
      handlers: availability.handlers(),
      triggers: { StatusNotification: availability.trigger },
      ports: { availability },
      api: {
        onUnavailable: (evseId, connectorId) => availability.onUnavailable(evseId, connectorId),
        onEnabled: (evseId, connectorId) => availability.onEnabled(evseId, connectorId),
        onFaulted: (evseId, connectorId) => availability.onFaulted(evseId, connectorId),
        onFaultCleared: (evseId, connectorId) => availability.onFaultCleared(evseId, connectorId),
        onReserved: (evseId, connectorId) => availability.onReserved(evseId, connectorId),
        onReservationCleared: (evseId, connectorId) => availability.onReservationCleared(evseId, connectorId),
        connectorStatus: (evseId, connectorId) => availability.connectorStatus(evseId, connectorId),
      },
      // Changes answered Scheduled before a restart: once the transactions are restored.
      start: () => availability.resumeScheduled(),
      // B01.FR.05: one StatusNotification per connector; from now on changes are reported.
      registrationAccepted: () => availability.sendAll(),
      // B04: back online while registered.
      linkUp: () => {
        if (link.registrationStatus === 'Accepted') availability.backOnline();
      },
      linkDown: () => availability.linkDown(),
      stop() {
        unsubscribe();
        availability.stop();
      },
    };
  },
};
