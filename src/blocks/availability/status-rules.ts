// The availability rules as pure functions: a connector's effective status from what is known about it, and the
// AvailabilityState of an EVSE and of the station from their parts.
import type { ConnectorStatusEnumType } from '../../messages/types.js';

/** What is known about one connector, besides the operational statuses set by ChangeAvailability. */
export interface ConnectorFacts {
  /** The integrator reported a fault (onFaulted) that is not cleared yet. */
  readonly faulted: boolean;
  /** The integrator reported the connector unavailable (onUnavailable) and not enabled again since. */
  readonly unavailable: boolean;
  /** When an EV or cable got connected or a transaction began on it (an increasing sequence number), if it is. */
  readonly occupiedSince: number | undefined;
  /** When it got reserved (same sequence), if it is. */
  readonly reservedSince: number | undefined;
}

/**
 * The status StatusNotification reports for a connector. `operative` is false when the connector, its EVSE or the
 * station is Inoperative.
 *
 * - Faulted wins over everything: only operative connectors (not Faulted) become Unavailable (G03.FR.06, G04.FR.07).
 * - Unavailable: Inoperative (G03/G04 postconditions) or made unavailable by the integrator.
 * - Occupied and Reserved at once: whichever came first stays. An EV plugged into a Reserved connector leaves it
 *   Reserved (G01.FR.09, G03.FR.09) until the reservation is used or ends (H03.FR.10: then Occupied); a reservation
 *   cannot take an occupied connector (H01.FR.11), so if one is reported anyway the connector stays Occupied.
 */
export function connectorStatusOf(facts: ConnectorFacts, operative: boolean): ConnectorStatusEnumType {
  if (facts.faulted) return 'Faulted';
  if (!operative || facts.unavailable) return 'Unavailable';
  const { occupiedSince, reservedSince } = facts;
  if (occupiedSince !== undefined && reservedSince !== undefined) return reservedSince < occupiedSince ? 'Reserved' : 'Occupied';
  if (occupiedSince !== undefined) return 'Occupied';
  if (reservedSince !== undefined) return 'Reserved';
  return 'Available';
}

/**
 * An EVSE's AvailabilityState: Faulted when all its connectors are; Unavailable when it (or the station) is
 * Inoperative; else Occupied when one connector is (the others cannot be used meanwhile, G01.FR.08), Reserved
 * when one is, Available when one is, otherwise Unavailable.
 */
export function evseStatusOf(connectors: readonly ConnectorStatusEnumType[], operative: boolean): ConnectorStatusEnumType {
  if (connectors.length > 0 && connectors.every((status) => status === 'Faulted')) return 'Faulted';
  if (!operative) return 'Unavailable';
  for (const status of ['Occupied', 'Reserved', 'Available'] as const) if (connectors.includes(status)) return status;
  return 'Unavailable';
}

/**
 * The station's AvailabilityState: Faulted when all EVSEs are; Unavailable when it is Inoperative (G04
 * postcondition); else Available while a new driver can charge on some EVSE, Occupied or Reserved when every usable
 * EVSE is, otherwise Unavailable.
 */
export function stationStatusOf(evses: readonly ConnectorStatusEnumType[], operative: boolean): ConnectorStatusEnumType {
  if (evses.length > 0 && evses.every((status) => status === 'Faulted')) return 'Faulted';
  if (!operative) return 'Unavailable';
  for (const status of ['Available', 'Occupied', 'Reserved'] as const) if (evses.includes(status)) return status;
  return 'Unavailable';
}

/** A status a new transaction can start from, as far as availability goes (a reservation's owner is checked elsewhere). */
export function isOperativeStatus(status: ConnectorStatusEnumType): boolean {
  return status !== 'Unavailable' && status !== 'Faulted';
}
