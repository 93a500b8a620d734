// K09 ReportChargingProfiles: one message names one EVSE and one chargingLimitSource, so the matching profiles go
// out grouped by EVSE (ascending) and source, each group split into pages of at most `maxPerPage` profiles and
// `maxBytes` bytes. The requestId and tbc of each page are the sender's (K09.FR.01/02).
import type { ChargingLimitSourceEnumType, ChargingProfileType } from '../../../messages/types.js';
import type { StoredChargingProfile } from '../../../storage/charging-profile-store.js';

export interface ReportPage {
  readonly evseId: number;
  readonly chargingLimitSource: ChargingLimitSourceEnumType;
  readonly chargingProfile: ChargingProfileType[];
}

/** Room in a ReportChargingProfiles frame for everything but the profiles (header, requestId, source, tbc, evseId). */
export const REPORT_PAGE_OVERHEAD_BYTES = 256;

/** Splits the records into pages; a profile larger than `maxBytes` still gets a page of its own. */
export function pageChargingProfiles(records: readonly StoredChargingProfile[], maxPerPage: number, maxBytes: number): ReportPage[] {
  const perPage = Math.max(1, Math.floor(maxPerPage));
  const ordered = [...records].sort(
    (a, b) => a.evseId - b.evseId || a.source.localeCompare(b.source) || a.profile.id - b.profile.id,
  );
  const pages: ReportPage[] = [];
  let current: ReportPage | undefined;
  let bytes = REPORT_PAGE_OVERHEAD_BYTES;
  for (const record of ordered) {
    const size = Buffer.byteLength(JSON.stringify(record.profile), 'utf8') + 1;
    const sameGroup = current !== undefined && current.evseId === record.evseId && current.chargingLimitSource === record.source;
    const full = current !== undefined && (current.chargingProfile.length >= perPage || bytes + size > maxBytes);
    if (!current || !sameGroup || full) {
      current = { evseId: record.evseId, chargingLimitSource: record.source, chargingProfile: [] };
      pages.push(current);
      bytes = REPORT_PAGE_OVERHEAD_BYTES;
    }
    current.chargingProfile.push(structuredClone(record.profile));
    bytes += size;
  }
  return pages;
}
