// A wired OCPP 2.0.1 JSON network connection profile for SetNetworkProfile in tests.
import type { NetworkConnectionProfileType } from '../../src/messages/types.js';

export function networkProfile(url: string, securityProfile: number): NetworkConnectionProfileType {
  return { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: url, messageTimeout: 30, securityProfile, ocppInterface: 'Wired0' };
}
