import type { ChargingStationType } from '../../messages/types.js';
import type { StationConfig } from './types.js';

/** The identity as BootNotification sends it. */
export function chargingStationOf(config: StationConfig): ChargingStationType {
  const { identity } = config;
  return {
    vendorName: identity.vendorName,
    model: identity.model,
    ...(identity.serialNumber !== undefined ? { serialNumber: identity.serialNumber } : {}),
    ...(identity.firmwareVersion !== undefined ? { firmwareVersion: identity.firmwareVersion } : {}),
    ...(identity.modem !== undefined ? { modem: { ...identity.modem } } : {}),
  };
}
