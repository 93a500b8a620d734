// The station's main meter (EVSE 0 in OCPP): what all EVSEs together draw from the grid, measured at the inlet.
import type { MeterValueType } from '../messages/types.js';
import { roundReading } from './electrical.js';
import type { SimulatedEvse } from './simulated-evse.js';

/** The sum of the EVSEs' energy registers and power, as one meter value. */
export function mainMeterReading(evses: Iterable<SimulatedEvse>, timestamp: Date): MeterValueType {
  let energyWh = 0;
  let powerW = 0;
  for (const evse of evses) {
    energyWh += evse.meter.energyWh;
    powerW += evse.draw().powerW;
  }
  return {
    timestamp: timestamp.toISOString(),
    sampledValue: [
      { value: roundReading(energyWh), measurand: 'Energy.Active.Import.Register', location: 'Inlet', unitOfMeasure: { unit: 'Wh' } },
      { value: roundReading(powerW), measurand: 'Power.Active.Import', location: 'Inlet', unitOfMeasure: { unit: 'W' } },
    ],
  };
}
