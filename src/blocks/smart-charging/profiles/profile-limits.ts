// What SmartChargingCtrlr allows a profile, read from the device model for each validation, with the built-in
// figures where the model has no value; and each EVSE's supply phases (K01.FR.44/45).
import type { DeviceModel } from '../../../device-model/device-model.js';
import {
  CHARGING_PROFILE_CAPACITY,
  CHARGING_RATE_UNITS,
  MAX_PERIODS_PER_SCHEDULE,
  MAX_PROFILE_STACK_LEVEL,
  SmartChargingCtrlr,
  evseComponent,
} from '../../../device-model/standardized/index.js';
import { maxLimitOf, readVariable } from '../../shared/model-reads.js';
import type { ProfileLimits } from './validation.js';

export function profileLimitsFrom(model: DeviceModel): ProfileLimits {
  return {
    maxStackLevel: readVariable(model, SmartChargingCtrlr.ProfileStackLevel) ?? MAX_PROFILE_STACK_LEVEL,
    maxPeriodsPerSchedule: readVariable(model, SmartChargingCtrlr.PeriodsPerSchedule) ?? MAX_PERIODS_PER_SCHEDULE,
    rateUnits: readVariable(model, SmartChargingCtrlr.RateUnit) ?? CHARGING_RATE_UNITS,
    capacity: maxLimitOf(model, SmartChargingCtrlr.EntriesChargingProfiles) ?? CHARGING_PROFILE_CAPACITY,
    acPhaseSwitchingSupported: readVariable(model, SmartChargingCtrlr.ACPhaseSwitchingSupported) === true,
    phases3to1: readVariable(model, SmartChargingCtrlr.Phases3to1) === true,
  };
}

/** Reads EVSE.SupplyPhases of an EVSE, its handle made once per EVSE. */
export function supplyPhasesOf(model: DeviceModel): (evseId: number) => number | undefined {
  const handles = new Map<number, ReturnType<typeof evseComponent>['SupplyPhases']>();
  return (evseId) => {
    let handle = handles.get(evseId);
    if (!handle) {
      handle = evseComponent(evseId).SupplyPhases;
      handles.set(evseId, handle);
    }
    return readVariable(model, handle);
  };
}
