// B09 SetNetworkProfile: the profile is checked (slot offered by NetworkConfigurationPriority, B09.FR.05; no
// lower security profile than SecurityCtrlr.SecurityProfile, B09.FR.04; a transport and URL this station can
// use, and the host's own check, B09.FR.02), then stored in its slot (B09.FR.01), or Failed when storing fails
// (B09.FR.03). It takes effect when the transport next picks that slot.
import type { Logger } from '../../logger.js';
import type { NetworkConnectionProfileType, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import { unsupportedProfileReason } from '../../transport/network-profiles.js';
import type { StoredNetworkProfiles } from '../shared/stored-network-profiles.js';
import type { NetworkHost } from './provisioning-hosts.js';

export interface SetNetworkProfileOptions {
  profiles: StoredNetworkProfiles;
  logger: Logger;
  /** Slots the CSMS may fill: the valuesList of OCPPCommCtrlr.NetworkConfigurationPriority. */
  allowedSlots: () => readonly number[];
  /** SecurityCtrlr.SecurityProfile: the profile the station works with now. */
  currentSecurityProfile: () => number;
  host?: NetworkHost;
}

type SetNetworkProfileResponse = Response<'SetNetworkProfile'>;

function rejected(reasonCode: string, additionalInfo: string): SetNetworkProfileResponse {
  return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo } };
}

export function setNetworkProfileHandlers(options: SetNetworkProfileOptions): HandlerTable {
  return {
    SetNetworkProfile: (request) => {
      const { configurationSlot: slot, connectionData: profile } = request;
      const refusal = checkProfile(options, slot, profile);
      if (refusal) {
        options.logger.warn({ slot, reason: refusal.statusInfo?.additionalInfo }, 'SetNetworkProfile rejected');
        return refusal;
      }
      try {
        options.profiles.set(slot, profile);
      } catch (error) {
        options.logger.error({ err: error, slot }, 'storing a network connection profile failed');
        return { status: 'Failed', statusInfo: { reasonCode: 'InternalError' } };
      }
      options.logger.info({ slot, url: profile.ocppCsmsUrl, securityProfile: profile.securityProfile }, 'network profile stored');
      return { status: 'Accepted' };
    },
  };
}

function checkProfile(
  options: SetNetworkProfileOptions,
  slot: number,
  profile: NetworkConnectionProfileType,
): SetNetworkProfileResponse | undefined {
  if (!options.allowedSlots().includes(slot)) {
    return rejected('InvalidValue', `configurationSlot ${slot} is not one of ${options.allowedSlots().join(', ')}`);
  }
  const current = options.currentSecurityProfile();
  if (profile.securityProfile < current) {
    return rejected('InvalidValue', `securityProfile ${profile.securityProfile} is lower than the current ${current}`);
  }
  if (profile.securityProfile < 1 || profile.securityProfile > 3) {
    return rejected('InvalidValue', `securityProfile ${profile.securityProfile} is not 1, 2 or 3`);
  }
  const unsupported = unsupportedProfileReason(profile);
  if (unsupported) return rejected('UnsupportedParam', unsupported);
  const urlProblem = csmsUrlProblem(profile.ocppCsmsUrl);
  if (urlProblem) return rejected('InvalidURL', urlProblem);
  if (options.host && !options.host.validateNetworkProfile(slot, profile)) {
    return rejected('InvalidValue', 'the station cannot use this profile');
  }
  return undefined;
}

function csmsUrlProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `ocppCsmsUrl must use ws:// or wss://, got ${url}`;
    return undefined;
  } catch {
    return `ocppCsmsUrl is not a URL: ${url}`;
  }
}
