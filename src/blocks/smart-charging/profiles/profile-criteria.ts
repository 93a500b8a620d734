// Which installed profiles a GetChargingProfiles (K09) or ClearChargingProfile (K10) addresses.
import type { ChargingProfileCriterionType, ClearChargingProfileType } from '../../../messages/types.js';
import type { StoredChargingProfile } from '../../../storage/charging-profile-store.js';

/**
 * K09.FR.04-06: evseId > 0 that EVSE's profiles, 0 the station's own (the grid connection's), absent every EVSE's;
 * and every field of the criterion given must match (K09.FR.03 names the ids or the other fields; when both come,
 * all of them must match).
 */
export function matchesReportCriteria(
  record: StoredChargingProfile,
  evseId: number | undefined,
  criterion: ChargingProfileCriterionType,
): boolean {
  const { profile } = record;
  if (evseId !== undefined && record.evseId !== evseId) return false;
  if (criterion.chargingProfileId !== undefined && !criterion.chargingProfileId.includes(profile.id)) return false;
  if (criterion.chargingProfilePurpose !== undefined && profile.chargingProfilePurpose !== criterion.chargingProfilePurpose) return false;
  if (criterion.stackLevel !== undefined && profile.stackLevel !== criterion.stackLevel) return false;
  if (criterion.chargingLimitSource !== undefined && !criterion.chargingLimitSource.includes(record.source)) return false;
  return true;
}

/**
 * K10.FR.04: the profiles matching every field given (evseId 0 = the station's own profiles). External constraints
 * are never cleared by the CSMS (K10.FR.04/08/09), so they never match.
 */
export function matchesClearCriteria(record: StoredChargingProfile, criteria: ClearChargingProfileType): boolean {
  const { profile } = record;
  if (profile.chargingProfilePurpose === 'ChargingStationExternalConstraints') return false;
  if (criteria.evseId !== undefined && record.evseId !== criteria.evseId) return false;
  if (criteria.chargingProfilePurpose !== undefined && profile.chargingProfilePurpose !== criteria.chargingProfilePurpose) return false;
  if (criteria.stackLevel !== undefined && profile.stackLevel !== criteria.stackLevel) return false;
  return true;
}
