// Block B: registration (BootNotification, B01-B04), the heartbeat and the station clock following the CSMS
// (G02), the device model from the CSMS's side (Get/SetVariables, reports: B05-B08), Reset (B11/B12) and the
// network connection profiles (B09/B10), with their reactions to OCPPCommCtrlr changes.
import type { NetworkConnectionProfileType } from '../../messages/types.js';
import type { RegistrationStatus } from '../../queue/queue-policy.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr, SecurityCtrlr } from '../../device-model/standardized/index.js';
import { chargingStationOf } from '../../device-model/station-config.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { hasEvse } from '../shared/station-layout.js';
import { Heartbeat } from './heartbeat.js';
import { linkSettingsFrom } from './link-settings-from-model.js';
import { provisioningApi, type ProvisioningApi } from './provisioning-api.js';
import type { ClockHost, NetworkHost, ResetHost, VariableHost } from './provisioning-hosts.js';
import { Registration } from './registration.js';
import { reportHandlers } from './report-handlers.js';
import { resetHandlers } from './reset.js';
import { setNetworkProfileHandlers } from './set-network-profile.js';
import { TimeSync } from './time-sync.js';
import { variablesHandlers } from './variables-handlers.js';

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** The CSMS answered a BootNotification with a new status (B01-B03). */
    registrationChanged: { readonly status: RegistrationStatus };
  }
}

export interface ProvisioningContext extends BlockContext {
  readonly host: { readonly reset: ResetHost; readonly network?: NetworkHost; readonly clock?: ClockHost; readonly variables?: VariableHost };
  readonly options: {
    /**
     * The CSMS to use in configuration slot 1 (e.g. from the command line). Written at every start unless its
     * security profile is below SecurityCtrlr.SecurityProfile (A05.FR.06/07: never a way back); profiles the
     * CSMS put in other slots stay.
     */
    readonly csms?: { readonly url: string; readonly securityProfile?: number };
  };
}

export const provisioningBlock: BlockDefinition<ProvisioningContext, ProvisioningApi> = {
  name: 'provisioning',
  controllers: ['OCPPCommCtrlr', 'DeviceDataCtrlr', 'ClockCtrlr'],
  create(context) {
    const { model, clock, logger, link, host, send } = context;
    if (context.options.csms) writeSlotOne(context, slotOneProfile(context.options.csms, model));
    const timeSync = new TimeSync({
      model,
      clock,
      logger,
      securityEvent: (type, techInfo) => context.ports.get('securityEvents').report(type, techInfo),
      ...(host.clock ? { setSystemTime: (time: Date) => host.clock!.setSystemTime(time) } : {}),
    });
    const heartbeat = new Heartbeat({ send, model, clock, logger, timeSync });
    const registration = new Registration({
      send,
      model,
      clock,
      logger,
      timeSync,
      chargingStation: () => chargingStationOf(context.config),
      onStatus: (status) => context.events.emit('registrationChanged', { status }),
    });
    const unsubscribe = model.onChange((change) => {
      host.variables?.variableChanged(change);
      // B05: communication settings the CSMS changed take effect at once.
      if (change.component.name !== 'OCPPCommCtrlr') return;
      link.updateSettings(linkSettingsFrom(model));
      if (change.variable.name === 'HeartbeatInterval') heartbeat.intervalChanged();
    });
    return {
      handlers: {
        ...variablesHandlers(model),
        ...reportHandlers({ model, send, clock, logger, maxFrameBytes: () => link.settings.maxFrameBytes, hasRoomForPromises: () => link.hasRoomForPromises }),
        ...resetHandlers({
          host: host.reset,
          logger,
          transactions: () => context.ports.find('transactionActivity'),
          evseExists: (evseId) => hasEvse(context.layout, evseId),
        }),
        ...setNetworkProfileHandlers({
          profiles: context.networkProfiles,
          logger,
          allowedSlots: allowedConfigurationSlots,
          currentSecurityProfile: () => model.value(SecurityCtrlr.SecurityProfile),
          ...(host.network ? { host: host.network } : {}),
        }),
      },
      triggers: {
        // F06.FR.17: Rejected once Accepted; otherwise sent with reason Triggered.
        BootNotification: () =>
          registration.trigger() === 'Accepted' ? { status: 'Accepted', send: () => registration.sendTriggered() } : { status: 'Rejected' },
        Heartbeat: () => ({ status: 'Accepted', send: () => heartbeat.beat(true) }),
      },
      api: provisioningApi(context),
      start: (boot) => registration.setBootReason(boot.reason),
      registrationAccepted: () => heartbeat.start(),
      linkUp(info) {
        model.set(OCPPCommCtrlr.ActiveNetworkProfile, info.slot, 'station');
        registration.linkUp();
      },
      linkDown: () => registration.linkDown(),
      stop() {
        registration.stop();
        heartbeat.stop();
        unsubscribe();
      },
    };
  },
};

/**
 * Slot 1 from the options, unless that would go below the security profile the station has reached: after an
 * upgrade (A05.FR.06) the lower profile was removed and must not come back at the next start (A05.FR.07).
 */
function writeSlotOne(context: ProvisioningContext, profile: NetworkConnectionProfileType): void {
  const current = context.model.value(SecurityCtrlr.SecurityProfile);
  if (profile.securityProfile < current) {
    context.logger.warn(
      { slot: 1, url: profile.ocppCsmsUrl, securityProfile: profile.securityProfile, current },
      'the configured CSMS has a lower security profile than SecurityCtrlr.SecurityProfile: slot 1 is left as it is',
    );
    return;
  }
  context.networkProfiles.set(1, profile);
}

function slotOneProfile(csms: { url: string; securityProfile?: number }, model: DeviceModel): NetworkConnectionProfileType {
  return {
    ocppCsmsUrl: csms.url,
    securityProfile: csms.securityProfile ?? 1,
    messageTimeout: model.value(OCPPCommCtrlr.MessageTimeoutDefault),
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppInterface: 'Wired0',
  };
}

/** B09.FR.05: the slots NetworkConfigurationPriority's valuesList offers. */
function allowedConfigurationSlots(): number[] {
  const valuesList = OCPPCommCtrlr.NetworkConfigurationPriority.characteristics.valuesList ?? '';
  return valuesList.split(',').map((slot) => Number(slot.trim())).filter(Number.isInteger);
}
