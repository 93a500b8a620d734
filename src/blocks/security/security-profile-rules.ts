// A05 Upgrade Charging Station Security Profile. NetworkConfigurationPriority may only name slots that hold a
// profile the station can use: a slot raising the security profile to 2 or 3 needs a CSMS root certificate, to 3
// also a station certificate (A05.FR.02/03), and none may be below SecurityCtrlr.SecurityProfile (A05.FR.10,
// 2025 errata; AllowSecurityProfileDowngrade is not acted on, so there is no A05.FR.08 exception). Once the station has connected with a higher security profile
// than SecurityCtrlr.SecurityProfile, that becomes the value, and every profile below it is removed from the
// slots and the priority list (A05.FR.06): there is no way back (A05.FR.07).
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr, SecurityCtrlr } from '../../device-model/standardized/index.js';
import type { StoredNetworkProfiles } from '../shared/stored-network-profiles.js';

export interface SecurityProfileRulesOptions {
  model: DeviceModel;
  profiles: StoredNetworkProfiles;
  logger: Logger;
  /** Which certificates the station holds now. */
  certificates: () => { csmsRoot: boolean; station: boolean };
  securityEvent: (type: string, techInfo: string) => void;
}

/** Installs the A05.FR.02/03/10 rules on NetworkConfigurationPriority. */
export function guardNetworkConfigurationPriority(options: SecurityProfileRulesOptions): () => void {
  return options.model.addValidator(OCPPCommCtrlr.NetworkConfigurationPriority, (slots) => {
    const certificates = options.certificates();
    const current = options.model.value(SecurityCtrlr.SecurityProfile);
    for (const slot of slots) {
      const profile = options.profiles.get(slot);
      if (!profile) return { reasonCode: 'InvalidValue', additionalInfo: `configuration slot ${slot} holds no network profile` };
      if (profile.securityProfile < current) {
        return { reasonCode: 'InvalidValue', additionalInfo: `slot ${slot} has security profile ${profile.securityProfile}, below the current ${current}` };
      }
      // A05.FR.02/03 are about raising the profile: a station already at 3 may name its own slots again.
      const raising = profile.securityProfile > current;
      if (raising && profile.securityProfile >= 2 && !certificates.csmsRoot) {
        return { reasonCode: 'InvalidValue', additionalInfo: `slot ${slot} needs a CSMS root certificate (security profile ${profile.securityProfile})` };
      }
      if (raising && profile.securityProfile === 3 && !certificates.station) {
        return { reasonCode: 'InvalidValue', additionalInfo: `slot ${slot} needs a charging station certificate (security profile 3)` };
      }
    }
    return undefined;
  });
}

/** A05.FR.06: called after each successful connection with the security profile it used. */
export function adoptSecurityProfile(options: SecurityProfileRulesOptions, connectedWith: number): void {
  const { model, profiles } = options;
  const current = model.value(SecurityCtrlr.SecurityProfile);
  if (connectedWith <= current) return;
  model.set(SecurityCtrlr.SecurityProfile, connectedWith, 'station');
  const removed = profiles.slots().filter((slot) => profiles.get(slot)!.securityProfile < connectedWith);
  for (const slot of removed) profiles.delete(slot);
  const priority = model.value(OCPPCommCtrlr.NetworkConfigurationPriority).filter((slot) => !removed.includes(slot));
  model.set(OCPPCommCtrlr.NetworkConfigurationPriority, priority, 'station');
  options.logger.info({ from: current, to: connectedWith, removedSlots: removed }, 'security profile upgraded');
  options.securityEvent(
    'ReconfigurationOfSecurityParameters',
    `security profile ${current} -> ${connectedWith}; removed slots ${removed.join(',') || 'none'}`,
  );
}
