// The host interface the simulated hardware gives a ChargingStation: the power path, the charging limit and the
// connector locks of the simulated EVSEs, and a reset that reboots the simulated station. Once the station it was
// built for has been replaced (after a reboot) or stopped, what that station still says is ignored.
import type { Logger } from '../logger.js';
import type { StationHost } from '../station/host.js';
import type { ResetBootReason } from '../blocks/provisioning/provisioning-hosts.js';
import type { SimulatedEvse } from './simulated-evse.js';

export interface SimulatedHardware {
  readonly evses: ReadonlyMap<number, SimulatedEvse>;
  readonly logger: Logger;
  /** Whether the station this host was built for is the one running now. */
  live(): boolean;
  /** Called before the hardware changes: simulated time up to now passes at the old settings. */
  beforeChange(): void;
  /** Called after: the EVs react to the change (charging states are reported). */
  afterChange(): void;
  /** Reboots the simulated station (a Reset from the CSMS), booting with `bootReason`. */
  reboot(bootReason: ResetBootReason): Promise<void>;
}

export function simulatedHost(hardware: SimulatedHardware): StationHost {
  const { logger } = hardware;
  const known = (evseId: number, what: string): SimulatedEvse | undefined => {
    const evse = hardware.evses.get(evseId);
    if (!evse) logger.warn({ evseId }, `${what} for an EVSE the simulator does not have`);
    return evse;
  };
  return {
    evse: {
      setEnergyTransferAllowed: (evseId, allowed) => {
        if (!hardware.live()) return;
        const evse = known(evseId, 'energy transfer');
        if (!evse) return;
        hardware.beforeChange();
        evse.setEnergyAllowed(allowed);
        logger.info({ evseId, allowed }, 'power path');
        hardware.afterChange();
      },
      unlockConnector: (evseId, connectorId) => {
        if (!hardware.live()) return false;
        const evse = known(evseId, 'unlock');
        if (!evse || !evse.connector(connectorId)) return false;
        const unlocked = evse.unlock(connectorId);
        logger.info({ evseId, connectorId, unlocked }, 'connector unlock');
        return unlocked;
      },
      setChargingLimit: (evseId, limit) => {
        if (!hardware.live()) return;
        const evse = known(evseId, 'charging limit');
        if (!evse) return;
        hardware.beforeChange();
        evse.limit = limit;
        hardware.afterChange();
      },
    },
    reset: {
      supportsEvseReset: false,
      isResetAllowed: () => true,
      reset: (_type, _evseId, bootReason = 'RemoteReset') => (hardware.live() ? hardware.reboot(bootReason) : undefined),
    },
  };
}
