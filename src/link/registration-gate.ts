// Which CSMS-initiated calls the station answers before its registration is Accepted.
import type { Action } from '../messages/types.js';
import type { RegistrationStatus } from '../queue/message-queue.js';
import { OcppError } from '../rpc/errors.js';

/**
 * While Pending the CSMS may read and configure the station (B02.FR.01: B05–B08 via GetVariables, SetVariables,
 * GetBaseReport, GetReport) and trigger messages; RequestStart/StopTransaction reach their handlers, which
 * answer Rejected (B02.FR.05).
 */
const ANSWERED_WHILE_PENDING: ReadonlySet<Action> = new Set<Action>([
  'GetVariables',
  'SetVariables',
  'GetBaseReport',
  'GetReport',
  'TriggerMessage',
  'RequestStartTransaction',
  'RequestStopTransaction',
]);

/**
 * Returns the CALLERROR for a call the station must not serve in this registration state, else undefined.
 * Rejected: everything gets SecurityError (B03.FR.08). Pending, or no answer to BootNotification yet: only
 * the calls above are served, others get SecurityError, mirroring the CSMS's own rule (B02.FR.09).
 */
export function admitWhileNotAccepted(status: RegistrationStatus, action: Action): OcppError | undefined {
  if (status === 'Accepted') return undefined;
  if (status !== 'Rejected' && ANSWERED_WHILE_PENDING.has(action)) return undefined;
  return new OcppError('SecurityError', `${action} is not allowed while registration is ${status}`);
}
