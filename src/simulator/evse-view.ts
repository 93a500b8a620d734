// What a status request shows of one EVSE: the station's side (connector statuses, transaction, charging limit)
// beside the hardware's (energy register, the EV plugged in and what it draws).
import type { EvseView } from '../control/station-control.js';
import type { ChargingStation } from '../station/charging-station.js';
import { roundReading } from './electrical.js';
import type { SimulatedEvse } from './simulated-evse.js';

export function evseView(station: ChargingStation, evse: SimulatedEvse): EvseView {
  const transactionId = station.getEvseTransactionId(evse.id);
  const limit = station.chargingLimit(evse.id);
  const ev = evse.ev;
  const chargingState = evse.chargingState();
  const draw = evse.draw();
  return {
    id: evse.id,
    connectors: [...evse.connectors.values()].map((connector) => ({ id: connector.id, status: station.connectorStatus(evse.id, connector.id) })),
    ...(transactionId !== undefined ? { transactionId } : {}),
    // A charging state is a transaction's (TransactionEvent transactionInfo.chargingState): none without one.
    ...(transactionId !== undefined && chargingState !== undefined ? { chargingState } : {}),
    ...(limit ? { limit: { amps: limit.amps, watts: limit.watts } } : {}),
    energyWh: roundReading(evse.meter.energyWh),
    ...(ev
      ? {
          ev: {
            connectorId: evse.pluggedConnectorId!,
            suspended: ev.suspended,
            soc: Math.round(ev.socPercent * 10) / 10,
            powerW: roundReading(draw.powerW),
            currentA: roundReading(draw.currentA),
          },
        }
      : {}),
  };
}
