// The station's EVSEs and their connectors, as the configuration declares them: every block that deals with
// EVSEs reads this one description.
import type { StationConfig } from '../../device-model/station-config.js';

/** The station's EVSEs and, per EVSE, its connector ids. */
export interface StationLayout {
  readonly evses: readonly { readonly id: number; readonly connectorIds: readonly number[] }[];
}

export function stationLayout(config: StationConfig): StationLayout {
  return { evses: config.evses.map((evse) => ({ id: evse.id, connectorIds: evse.connectors.map((connector) => connector.id) })) };
}

/** The EVSE ids (1, 2, …), in configuration order. */
export function evseIdsOf(layout: StationLayout): number[] {
  return layout.evses.map((evse) => evse.id);
}

export function hasEvse(layout: StationLayout, evseId: number): boolean {
  return layout.evses.some((evse) => evse.id === evseId);
}

export function hasConnector(layout: StationLayout, evseId: number, connectorId: number): boolean {
  return layout.evses.some((evse) => evse.id === evseId && evse.connectorIds.includes(connectorId));
}
