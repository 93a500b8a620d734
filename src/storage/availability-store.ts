// The storage port of the availability block: the operational status the CSMS set with ChangeAvailability for
// the station, an EVSE or a connector, and a change answered Scheduled that still waits for a transaction to end
// (G03.FR.08, G04.FR.09, B01.FR.07). Synchronous like the other ports: stored when the call returns.
import type { OperationalStatusEnumType } from '../messages/types.js';

/** What is kept for one scope. */
export interface AvailabilityRecord {
  readonly operationalStatus: OperationalStatusEnumType;
  /** A change answered Scheduled, applied once no transaction runs where it applies. */
  readonly scheduledStatus?: OperationalStatusEnumType;
}

export interface AvailabilityStore {
  /** Every stored record by scope key. */
  loadAll(): Map<string, AvailabilityRecord>;
  /** Inserts or replaces the record of a scope. */
  save(scopeKey: string, record: AvailabilityRecord): void;
  delete(scopeKey: string): void;
}

/** What a ChangeAvailability addresses: the whole station, one EVSE or one connector. */
export type AvailabilityScope =
  | { readonly kind: 'station' }
  | { readonly kind: 'evse'; readonly evseId: number }
  | { readonly kind: 'connector'; readonly evseId: number; readonly connectorId: number };

export const STATION_SCOPE: AvailabilityScope = Object.freeze({ kind: 'station' });

/** The stored key of a scope: 'station', 'evse:1', 'connector:1.2'. */
export function scopeKey(scope: AvailabilityScope): string {
  switch (scope.kind) {
    case 'station':
      return 'station';
    case 'evse':
      return `evse:${scope.evseId}`;
    case 'connector':
      return `connector:${scope.evseId}.${scope.connectorId}`;
  }
}

const EVSE_KEY = /^evse:([1-9][0-9]*)$/;
const CONNECTOR_KEY = /^connector:([1-9][0-9]*)\.([1-9][0-9]*)$/;

/** The scope a stored key names, or undefined for a key this code does not write. */
export function parseScopeKey(key: string): AvailabilityScope | undefined {
  if (key === 'station') return STATION_SCOPE;
  const evse = EVSE_KEY.exec(key);
  if (evse) return { kind: 'evse', evseId: Number(evse[1]) };
  const connector = CONNECTOR_KEY.exec(key);
  if (connector) return { kind: 'connector', evseId: Number(connector[1]), connectorId: Number(connector[2]) };
  return undefined;
}
