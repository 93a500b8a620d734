// What flows from an EVSE into an EV while energy is offered: the lowest of what the EV's charger takes, what
// the EVSE's hardware can deliver and the charging limit the station keeps to (amps per phase and watts in
// total, as the composite schedule gives them), over the phases all three have. A DC EVSE feeds the battery
// directly: the EV's DC inlet, the EVSE's power and the limit's watts count, at the battery's voltage.
import type { EffectiveLimit } from '../blocks/smart-charging/charging-limits.js';
import { DC_VOLTAGE_V, PHASE_VOLTAGE_V } from './electrical.js';
import type { EvParameters } from './simulated-ev.js';

/** The EVSE side: its wiring, its hardware rating and the limit in force. */
export interface Supply {
  /** Phases wired to the EVSE (1 to 3); ignored for DC. */
  readonly phases: number;
  /** A DC EVSE: no phases, the power goes to the battery through the EV's DC inlet. */
  readonly dc?: boolean;
  /** Most power the EVSE's hardware delivers, W; unlimited when absent. */
  readonly maxPowerW?: number;
  /** The limit the station keeps to now; none until the station has said one. */
  readonly limit?: EffectiveLimit;
}

/** Power, current per phase and phases in use at one instant. */
export interface Draw {
  readonly powerW: number;
  /** Current on each phase in use, A (DC: the one current into the battery). */
  readonly currentA: number;
  /** Phases in use; 0 for DC. */
  readonly phases: number;
}

export const NO_DRAW: Draw = Object.freeze({ powerW: 0, currentA: 0, phases: 0 });

/** The draw of an EV that wants energy, from a supply that offers it. */
export function powerDraw(ev: EvParameters, supply: Supply): Draw {
  const limit = supply.limit;
  if (supply.dc) {
    const powerW = Math.max(0, Math.min(ev.maxDcPowerW, supply.maxPowerW ?? Infinity, limit?.watts ?? Infinity));
    return powerW === 0 ? NO_DRAW : { powerW, currentA: powerW / DC_VOLTAGE_V, phases: 0 };
  }
  const limitPhases = limit?.numberPhases !== undefined && limit.numberPhases >= 1 ? limit.numberPhases : Infinity;
  const phases = Math.min(ev.phases, Math.max(1, supply.phases), limitPhases);
  const currentCapA = Math.min(ev.maxCurrentA, limit?.amps ?? Infinity);
  const powerCapW = Math.min(ev.maxPowerW, supply.maxPowerW ?? Infinity, limit?.watts ?? Infinity);
  const powerW = Math.max(0, Math.min(currentCapA * PHASE_VOLTAGE_V * phases, powerCapW));
  if (powerW === 0) return NO_DRAW;
  return { powerW, currentA: powerW / (PHASE_VOLTAGE_V * phases), phases };
}
