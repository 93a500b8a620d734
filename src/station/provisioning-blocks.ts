// Block B built and wired: registration (BootNotification), the heartbeat, the station clock following the CSMS,
// and the answers to the CSMS's provisioning requests (Get/SetVariables, reports, Reset, SetNetworkProfile).
// The ChargingStation owns one; the triggers and the network-profile slots it shares with the link stay there.
import type { Logger } from '../logger.js';
import type { OcppLink } from '../link/ocpp-link.js';
import type { RegistrationStatus } from '../queue/queue-policy.js';
import type { HandlerTable } from '../rpc/handler-router.js';
import type { DeviceModel, VariableChange } from '../device-model/device-model.js';
import { OCPPCommCtrlr, SecurityCtrlr } from '../device-model/standardized/index.js';
import { chargingStationOf, type StationConfig } from '../device-model/station-config.js';
import { Heartbeat } from '../blocks/provisioning/heartbeat.js';
import { Registration } from '../blocks/provisioning/registration.js';
import { reportHandlers } from '../blocks/provisioning/report-handlers.js';
import { resetHandlers, type ResetOptions } from '../blocks/provisioning/reset.js';
import { setNetworkProfileHandlers } from '../blocks/provisioning/set-network-profile.js';
import type { StoredNetworkProfiles } from '../blocks/provisioning/stored-network-profiles.js';
import { TimeSync } from '../blocks/provisioning/time-sync.js';
import { variablesHandlers } from '../blocks/provisioning/variables-handlers.js';
import type { StationHost } from './host.js';
import { linkSettingsFrom } from './link-settings-from-model.js';
import type { StationClock } from './station-clock.js';

export interface ProvisioningOptions {
  model: DeviceModel;
  clock: StationClock;
  logger: Logger;
  config: StationConfig;
  link: OcppLink;
  profiles: StoredNetworkProfiles;
  host: StationHost;
  securityEvent: (type: string, techInfo: string) => void;
  /** Hears every change of the registration status. */
  onStatus: (status: RegistrationStatus) => void;
}

export class ProvisioningBlocks {
  readonly registration: Registration;
  readonly heartbeat: Heartbeat;

  constructor(private readonly options: ProvisioningOptions) {
    const { model, clock, logger, link, host } = options;
    const send = link.send.bind(link);
    const timeSync = new TimeSync({
      model,
      clock,
      logger,
      securityEvent: options.securityEvent,
      ...(host.clock ? { setSystemTime: (time: Date) => host.clock!.setSystemTime(time) } : {}),
    });
    this.heartbeat = new Heartbeat({ send, model, clock, logger, timeSync });
    this.registration = new Registration({
      send,
      model,
      clock,
      logger,
      timeSync,
      chargingStation: () => chargingStationOf(options.config),
      onStatus: options.onStatus,
    });
  }

  /** Handlers of the CSMS's provisioning requests; a Reset asks the transactions whether one is active. */
  handlers(transactions: ResetOptions['transactions']): HandlerTable {
    const { model, clock, logger, link, host, config } = this.options;
    return {
      ...variablesHandlers(model),
      ...reportHandlers({ model, send: link.send.bind(link), clock, logger, maxFrameBytes: () => link.settings.maxFrameBytes }),
      ...resetHandlers({
        host: host.reset,
        logger,
        ...(transactions ? { transactions } : {}),
        evseExists: (evseId) => config.evses.some((evse) => evse.id === evseId),
      }),
      ...setNetworkProfileHandlers({
        profiles: this.options.profiles,
        logger,
        allowedSlots: allowedConfigurationSlots,
        currentSecurityProfile: () => model.value(SecurityCtrlr.SecurityProfile),
        ...(host.network ? { host: host.network } : {}),
      }),
    };
  }

  /** B05: communication settings the CSMS changed take effect at once. */
  variableChanged(change: VariableChange): void {
    if (change.component.name !== 'OCPPCommCtrlr') return;
    this.options.link.updateSettings(linkSettingsFrom(this.options.model));
    if (change.variable.name === 'HeartbeatInterval') this.heartbeat.intervalChanged();
  }
}

/** B09.FR.05: the slots NetworkConfigurationPriority's valuesList offers. */
function allowedConfigurationSlots(): number[] {
  const valuesList = OCPPCommCtrlr.NetworkConfigurationPriority.characteristics.valuesList ?? '';
  return valuesList.split(',').map((slot) => Number(slot.trim())).filter(Number.isInteger);
}
