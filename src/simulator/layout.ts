// The simulated hardware's layout: the EVSEs, their connectors, how each EVSE is wired and rated. It matches the
// station configuration's `evses` (the station and its hardware must agree on them).
import type { StationConfig } from '../device-model/station-config.js';

export interface SimulatedEvseLayout {
  /** 1, 2, … */
  readonly id: number;
  /** The connector ids, 1, 2, … */
  readonly connectorIds: readonly number[];
  /** AC phases wired to the EVSE (1 to 3); 3 when absent. */
  readonly phases?: number;
  /** Most power the EVSE delivers, W; unlimited (only the EV and the station's limit count) when absent. */
  readonly maxPowerW?: number;
  /** A DC EVSE (supplyPhases 0 in the configuration): it charges the EV's battery through its DC inlet. */
  readonly dc?: boolean;
}

export interface SimulatorLayout {
  readonly evses: readonly SimulatedEvseLayout[];
}

/**
 * The layout of a station configuration's EVSEs: supplyPhases 0 is a DC EVSE; without supplyPhases an EVSE is
 * simulated as three-phase AC.
 */
export function simulatorLayoutOf(config: Pick<StationConfig, 'evses'>): SimulatorLayout {
  return {
    evses: config.evses.map((evse) => ({
      id: evse.id,
      connectorIds: evse.connectors.map((connector) => connector.id),
      phases: evse.supplyPhases !== undefined && evse.supplyPhases >= 1 && evse.supplyPhases <= 3 ? evse.supplyPhases : 3,
      ...(evse.maxPowerW !== undefined ? { maxPowerW: evse.maxPowerW } : {}),
      ...(evse.supplyPhases === 0 ? { dc: true } : {}),
    })),
  };
}

/** Checks a layout: at least one EVSE, unique positive integer ids, connectors on every EVSE, 1 to 3 phases. */
export function checkLayout(layout: SimulatorLayout): void {
  if (layout.evses.length === 0) throw new RangeError('the simulated station needs at least one EVSE');
  const seen = new Set<number>();
  for (const evse of layout.evses) {
    if (!Number.isInteger(evse.id) || evse.id < 1) throw new RangeError(`EVSE ids are integers from 1, got ${evse.id}`);
    if (seen.has(evse.id)) throw new RangeError(`EVSE ${evse.id} appears twice in the layout`);
    seen.add(evse.id);
    if (evse.connectorIds.length === 0) throw new RangeError(`EVSE ${evse.id} has no connector`);
    if (new Set(evse.connectorIds).size !== evse.connectorIds.length || evse.connectorIds.some((id) => !Number.isInteger(id) || id < 1)) {
      throw new RangeError(`EVSE ${evse.id}: connector ids are distinct integers from 1, got ${evse.connectorIds.join(', ')}`);
    }
    if (evse.phases !== undefined && ![1, 2, 3].includes(evse.phases)) throw new RangeError(`EVSE ${evse.id}: phases must be 1, 2 or 3, got ${evse.phases}`);
    if (evse.maxPowerW !== undefined && !(evse.maxPowerW > 0)) throw new RangeError(`EVSE ${evse.id}: maxPowerW must be above 0, got ${evse.maxPowerW}`);
  }
}
