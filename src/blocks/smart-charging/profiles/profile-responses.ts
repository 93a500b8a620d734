// How a refused profile is answered: SetChargingProfile Rejected with the verdict's reason code, and the
// statusInfo a RequestStartTransaction is rejected with when its profile is invalid (K05.FR.05).
import type { Response, StatusInfoType } from '../../../messages/types.js';
import type { ProfileRejection } from './validation.js';

/** StatusInfoType.additionalInfo is string[512]. */
const ADDITIONAL_INFO_MAX = 512;
/** K05.FR.05 names InvalidProfile and InvalidSchedule for a remote start's profile; these codes are about its schedule. */
const SCHEDULE_REASONS: ReadonlySet<string> = new Set(['InvalidSchedule', 'UnsupportedRateUnit', 'TooManyElements']);
/** Codes kept as they are for a remote start's profile. */
const STATION_REASONS: ReadonlySet<string> = new Set(['OutOfStorage', 'UnknownEvse']);

export function rejectedResponse(verdict: ProfileRejection): Response<'SetChargingProfile'> {
  return { status: 'Rejected', statusInfo: { reasonCode: verdict.reasonCode, additionalInfo: truncate(verdict.additionalInfo) } };
}

export function remoteStartRefusal(verdict: ProfileRejection): StatusInfoType {
  const reasonCode = STATION_REASONS.has(verdict.reasonCode)
    ? verdict.reasonCode
    : SCHEDULE_REASONS.has(verdict.reasonCode)
      ? 'InvalidSchedule'
      : 'InvalidProfile';
  return { reasonCode, additionalInfo: truncate(`${verdict.requirement}: ${verdict.additionalInfo}`) };
}

function truncate(text: string): string {
  return text.length > ADDITIONAL_INFO_MAX ? text.slice(0, ADDITIONAL_INFO_MAX) : text;
}
