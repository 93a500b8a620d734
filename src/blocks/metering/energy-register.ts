// The energy register (Energy.Active.Import.Register, the default measurand) of a meter reading, in Wh: what
// MaxEnergyOnInvalidId is counted against (E05.FR.03).
import type { MeterValueType } from '../../messages/types.js';

/** The reading's total (not per-phase) import register in Wh, or undefined when it has none. */
export function energyRegisterWh(meterValue: MeterValueType): number | undefined {
  for (const sample of meterValue.sampledValue) {
    const measurand = sample.measurand ?? 'Energy.Active.Import.Register';
    if (measurand !== 'Energy.Active.Import.Register' || sample.phase !== undefined) continue;
    const unit = sample.unitOfMeasure?.unit ?? 'Wh';
    const scale = 10 ** (sample.unitOfMeasure?.multiplier ?? 0) * (unit === 'kWh' ? 1000 : 1);
    return sample.value * scale;
  }
  return undefined;
}
