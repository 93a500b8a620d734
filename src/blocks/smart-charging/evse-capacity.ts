// What an EVSE's hardware can deliver, from its device model (EVSE.Power maxLimit, EVSE.SupplyPhases), and the
// limit in force cut down to it: a profile or the composite default may allow more than the EVSE has, but the
// hardware is never told more than it can do (an 11 kW EVSE is not told 33 kW).
import type { DeviceModel } from '../../device-model/device-model.js';
import { evseComponent } from '../../device-model/standardized/index.js';
import { maxLimitOf, readVariable } from '../shared/model-reads.js';
import type { EffectiveLimit } from './effective-limit.js';
import { COMPOSITE_SCHEDULE_DEFAULTS, type CompositeScheduleDefaults } from './composite-schedule/types.js';

/** The phase voltage of the composite schedule's A/W conversions, so that both units cut alike. */
const PHASE_VOLTAGE_V = COMPOSITE_SCHEDULE_DEFAULTS.supplyVoltage;

export interface EvseCapacity {
  /** Most power the EVSE delivers, W; unknown when the model declares no Power maxLimit. */
  readonly maxPowerW?: number;
  /** AC phases wired (1 to 3), 0 for DC; unknown when not declared. */
  readonly phases?: number;
}

/**
 * Reads the capacity of each EVSE from the device model, once per EVSE: Power's maxLimit is declared from the
 * layout and SupplyPhases is a read-only hardware fact, so neither changes while the station runs.
 */
export function evseCapacityOf(model: DeviceModel): (evseId: number) => EvseCapacity {
  const known = new Map<number, EvseCapacity>();
  return (evseId) => {
    let capacity = known.get(evseId);
    if (!capacity) {
      const evse = evseComponent(evseId);
      const maxPowerW = maxLimitOf(model, evse.Power);
      const phases = readVariable(model, evse.SupplyPhases);
      capacity = { ...(maxPowerW !== undefined && maxPowerW > 0 ? { maxPowerW } : {}), ...(phases !== undefined ? { phases } : {}) };
      known.set(evseId, capacity);
    }
    return capacity;
  };
}

/**
 * The limit cut to the EVSE: watts to its maxPowerW; on AC the phases to those wired and the amps per phase to
 * what maxPowerW gives over them. A DC EVSE (phases 0) keeps its amps: they are not AC amps per phase.
 */
export function capToEvse(limit: EffectiveLimit, capacity: EvseCapacity): EffectiveLimit {
  const ac = capacity.phases !== undefined && capacity.phases >= 1;
  const numberPhases = ac ? Math.min(limit.numberPhases ?? capacity.phases!, capacity.phases!) : limit.numberPhases;
  let { amps, watts } = limit;
  if (capacity.maxPowerW !== undefined) {
    watts = Math.min(watts, capacity.maxPowerW);
    if (ac) amps = Math.min(amps, roundDown(capacity.maxPowerW / (PHASE_VOLTAGE_V * (numberPhases ?? capacity.phases!))));
  }
  return { amps, watts, ...(numberPhases !== undefined ? { numberPhases } : {}) };
}

/** To a tenth of an ampere, never up: 11000 W over 3 phases is 15.9 A, not 16. */
function roundDown(amps: number): number {
  return Math.floor(amps * 10 + 1e-9) / 10;
}

/** The composite schedule's limit where no profile applies: all the EVSE can deliver (the 48 A default otherwise). */
export function defaultsFor(capacity: EvseCapacity): CompositeScheduleDefaults {
  const ac = capacity.phases !== undefined && capacity.phases >= 1;
  const capped = capToEvse({ amps: COMPOSITE_SCHEDULE_DEFAULTS.limitAmps, watts: Infinity }, capacity);
  return {
    ...COMPOSITE_SCHEDULE_DEFAULTS,
    ...(ac ? { numberPhases: capacity.phases! } : {}),
    ...(capacity.maxPowerW !== undefined ? { limitAmps: capped.amps, limitWatts: capped.watts } : {}),
  };
}
