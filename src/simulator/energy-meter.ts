// The energy meter of one EVSE: it integrates the power that flows over time into its import register and reads
// out like a real AC meter — energy, power, current and voltage per phase, and the EV's state of charge while
// one is plugged in — as an OCPP MeterValue for ChargingStation.onMeterValue.
import type { MeterValueType, PhaseEnumType, SampledValueType } from '../messages/types.js';
import { DC_VOLTAGE_V, JOULES_PER_WH, PHASE_VOLTAGE_V, energyJoules, roundReading } from './electrical.js';
import type { Draw } from './power-draw.js';

const CURRENT_PHASES: readonly PhaseEnumType[] = ['L1', 'L2', 'L3'];
const VOLTAGE_PHASES: readonly PhaseEnumType[] = ['L1-N', 'L2-N', 'L3-N'];

export class EnergyMeter {
  private registerJ: number;

  /**
   * @param phases phases wired through the meter (1 to 3): one current and one voltage value each; 0 for a DC
   *   meter, which reads one current and one voltage without phase
   * @param initialRegisterWh the register when the meter is installed
   */
  constructor(
    readonly phases: number,
    initialRegisterWh = 0,
  ) {
    if (![0, 1, 2, 3].includes(phases)) throw new RangeError(`a meter has 1, 2 or 3 phases (0 for DC), got ${phases}`);
    if (!Number.isFinite(initialRegisterWh) || initialRegisterWh < 0) {
      throw new RangeError(`a meter register starts at 0 Wh or more, got ${initialRegisterWh}`);
    }
    this.registerJ = initialRegisterWh * JOULES_PER_WH;
  }

  /** Energy.Active.Import.Register, Wh. */
  get energyWh(): number {
    return this.registerJ / JOULES_PER_WH;
  }

  /** Adds `powerW` flowing for `durationMs` to the register; returns that energy in J. */
  integrate(powerW: number, durationMs: number): number {
    if (!(powerW > 0) || !(durationMs > 0)) return 0;
    const joules = energyJoules(powerW, durationMs);
    this.registerJ += joules;
    return joules;
  }

  /**
   * The meter's reading at `timestamp` while `draw` flows: the register, the power, the current on each phase
   * (on the phases in use, 0 on the others) and each phase's voltage; `socPercent`, when given, as the EV's SoC.
   */
  reading(timestamp: Date, draw: Draw, socPercent?: number): MeterValueType {
    const sampledValue: SampledValueType[] = [
      { value: roundReading(this.energyWh), measurand: 'Energy.Active.Import.Register', location: 'Outlet', unitOfMeasure: { unit: 'Wh' } },
      { value: roundReading(draw.powerW), measurand: 'Power.Active.Import', location: 'Outlet', unitOfMeasure: { unit: 'W' } },
    ];
    if (this.phases === 0) {
      sampledValue.push(
        { value: roundReading(draw.currentA), measurand: 'Current.Import', location: 'Outlet', unitOfMeasure: { unit: 'A' } },
        { value: DC_VOLTAGE_V, measurand: 'Voltage', location: 'Outlet', unitOfMeasure: { unit: 'V' } },
      );
    }
    for (let index = 0; index < this.phases; index++) {
      const current = index < draw.phases ? draw.currentA : 0;
      sampledValue.push({
        value: roundReading(current),
        measurand: 'Current.Import',
        phase: CURRENT_PHASES[index]!,
        location: 'Outlet',
        unitOfMeasure: { unit: 'A' },
      });
    }
    for (let index = 0; index < this.phases; index++) {
      sampledValue.push({
        value: PHASE_VOLTAGE_V,
        measurand: 'Voltage',
        phase: VOLTAGE_PHASES[index]!,
        location: 'Outlet',
        unitOfMeasure: { unit: 'V' },
      });
    }
    if (socPercent !== undefined) {
      sampledValue.push({ value: Math.round(socPercent * 10) / 10, measurand: 'SoC', location: 'EV', unitOfMeasure: { unit: 'Percent' } });
    }
    return { timestamp: timestamp.toISOString(), sampledValue };
  }
}
