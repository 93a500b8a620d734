// Network connection profiles (B09/B10): where and how to reach the CSMS, stored in numbered configuration
// slots. NetworkConfigurationPriority (in LinkSettings) says in which order the slots are tried.
import type { NetworkConnectionProfileType } from '../messages/types.js';

export type NetworkConnectionProfile = NetworkConnectionProfileType;

/** Read access to the profiles, by slot. The connection manager reads it at every attempt. */
export interface NetworkProfileSource {
  get(slot: number): NetworkConnectionProfile | undefined;
}

/** Profiles held in memory: enough for the CLI and tests until the device model stores them. */
export class InMemoryNetworkProfiles implements NetworkProfileSource {
  private readonly bySlot = new Map<number, NetworkConnectionProfile>();

  /**
   * One CSMS in configuration slot 1 (the default NetworkConfigurationPriority): OCPP-J 2.0.x over a wired
   * interface, 30 s message timeout — what a station with a single CSMS needs.
   */
  static forCsms(ocppCsmsUrl: string, securityProfile = 1): InMemoryNetworkProfiles {
    const profiles = new InMemoryNetworkProfiles();
    profiles.set(1, {
      ocppCsmsUrl,
      securityProfile,
      messageTimeout: 30,
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppInterface: 'Wired0',
    });
    return profiles;
  }

  set(slot: number, profile: NetworkConnectionProfile): void {
    if (!Number.isInteger(slot) || slot < 0) {
      throw new RangeError(`configuration slot must be an integer >= 0, got ${slot}`);
    }
    this.bySlot.set(slot, profile);
  }

  get(slot: number): NetworkConnectionProfile | undefined {
    return this.bySlot.get(slot);
  }

  delete(slot: number): boolean {
    return this.bySlot.delete(slot);
  }

  /** Every slot that holds a profile, in ascending order. */
  slots(): number[] {
    return [...this.bySlot.keys()].sort((a, b) => a - b);
  }
}

/**
 * Why this stack cannot use a profile at all, or undefined when it can. Only OCPP-J (JSON over websockets) for
 * OCPP 2.0.x is implemented here; the APN, VPN and interface fields are the operating system's business.
 */
export function unsupportedProfileReason(profile: NetworkConnectionProfile): string | undefined {
  if (profile.ocppTransport !== 'JSON') return `ocppTransport ${profile.ocppTransport} is not supported (only JSON)`;
  if (profile.ocppVersion !== 'OCPP20') return `ocppVersion ${profile.ocppVersion} is not supported (only OCPP20)`;
  return undefined;
}
