// For the tests that send a station every request a CSMS may send (OCPP 2.0.1 Part 2): the actions, a CSMS that
// answers whatever the station sends meanwhile, and the answers read back from the frames.
import { acceptingCsms } from '../../support/test-station.js';

export const CSMS_ACTIONS = [
  'CancelReservation', 'CertificateSigned', 'ChangeAvailability', 'ClearCache', 'ClearChargingProfile',
  'ClearDisplayMessage', 'ClearVariableMonitoring', 'CostUpdated', 'CustomerInformation', 'DataTransfer',
  'DeleteCertificate', 'GetBaseReport', 'GetChargingProfiles', 'GetCompositeSchedule', 'GetDisplayMessages',
  'GetInstalledCertificateIds', 'GetLocalListVersion', 'GetLog', 'GetMonitoringReport', 'GetReport',
  'GetTransactionStatus', 'GetVariables', 'InstallCertificate', 'PublishFirmware', 'RequestStartTransaction',
  'RequestStopTransaction', 'ReserveNow', 'Reset', 'SendLocalList', 'SetChargingProfile', 'SetDisplayMessage',
  'SetMonitoringBase', 'SetMonitoringLevel', 'SetNetworkProfile', 'SetVariableMonitoring', 'SetVariables',
  'TriggerMessage', 'UnlockConnector', 'UnpublishFirmware', 'UpdateFirmware',
] as const;

/** A CSMS that accepts the boot and answers every message the requests above can make the station send. */
export function answeringCsms() {
  return {
    ...acceptingCsms(),
    Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
    TransactionEvent: () => ({}),
    MeterValues: () => ({}),
    ReportChargingProfiles: () => ({}),
    NotifyChargingLimit: () => ({}),
    ClearedChargingLimit: () => ({}),
  };
}

/** The CALLRESULTs and CALLERRORs among frames, by message id. */
export function answersFrom(frames: readonly string[]): Map<string, unknown[]> {
  const answers = new Map<string, unknown[]>();
  for (const text of frames) {
    try {
      const parsed = JSON.parse(text) as unknown[];
      if (Array.isArray(parsed) && (parsed[0] === 3 || parsed[0] === 4) && typeof parsed[1] === 'string') answers.set(parsed[1], parsed);
    } catch {
      // The station sends only JSON; nothing to do with anything else here.
    }
  }
  return answers;
}
