// Which installed profiles compete for each purpose on an EVSE, and the leading timeline of that purpose there:
// profiles on EVSE 0 count for every EVSE (K01.FR.14, §3.4); a TxProfile counts only for the transaction open on
// its EVSE (K01.FR.04, K02.FR.04); TxProfile and TxDefaultProfile count only with a transaction, or when one is
// simulated (K08.FR.06); Relative schedules start at the EVSE's transaction start, else at the window start.
import type { ChargingProfilePurposeEnumType } from '../../../messages/types.js';
import type { CheckedInput } from './input-checks.js';
import { leadingTimeline, type Contender } from './leading-profile.js';
import { profileSegments } from './profile-windows.js';
import { constantTimeline, type Timeline } from './timeline.js';
import type { InstalledChargingProfile, Seconds, Segment, Window } from './types.js';

const STATION = 0;

export class ProfileSelection {
  /** Installed profiles by purpose, then by the EVSE they are installed on. */
  private readonly installed = new Map<ChargingProfilePurposeEnumType, Map<number, InstalledChargingProfile[]>>();
  /** Segments per installed profile; Relative ones per start, as EVSEs start their transactions apart. */
  private readonly segmentCache = new Map<InstalledChargingProfile, Segment[] | Map<Seconds, Segment[]>>();
  private readonly window: Window;

  constructor(
    profiles: readonly InstalledChargingProfile[],
    private readonly checked: CheckedInput,
    private readonly simulateTransaction: boolean,
  ) {
    this.window = checked.window;
    for (const entry of profiles) {
      const purpose = entry.profile.chargingProfilePurpose;
      let byEvse = this.installed.get(purpose);
      if (byEvse === undefined) this.installed.set(purpose, (byEvse = new Map()));
      const list = byEvse.get(entry.evseId);
      if (list === undefined) byEvse.set(entry.evseId, [entry]);
      else list.push(entry);
    }
  }

  /** TxProfile over TxDefaultProfile on an EVSE, as two timelines (TxProfile first); none without a transaction. */
  transactionPurposes(evseId: number): Timeline[] {
    const transaction = this.checked.transactions.get(evseId);
    if (transaction === undefined && !this.simulateTransaction) return [];
    const relativeStart = transaction?.start ?? this.window.start;
    const txDefault = this.leading('TxDefaultProfile', evseId, relativeStart);
    if (transaction === undefined) return [txDefault];
    const own = (this.installed.get('TxProfile')?.get(evseId) ?? []).filter(
      (entry) => entry.profile.transactionId === transaction.id,
    );
    return [this.leadingOf(own, evseId, relativeStart), txDefault];
  }

  /** The leading ChargingStationExternalConstraints on an EVSE (its own and those on EVSE 0). */
  externalConstraints(evseId: number): Timeline {
    const relativeStart = this.checked.transactions.get(evseId)?.start ?? this.window.start;
    return this.leading('ChargingStationExternalConstraints', evseId, relativeStart);
  }

  /** The leading profile of a purpose among those installed on EVSE 0 only (station-wide limits). */
  stationWide(purpose: ChargingProfilePurposeEnumType): Timeline {
    return this.leadingOf(this.installed.get(purpose)?.get(STATION) ?? [], STATION, this.window.start);
  }

  /** The leading profile of a purpose on an EVSE, among those on the EVSE itself and on EVSE 0. */
  private leading(purpose: ChargingProfilePurposeEnumType, evseId: number, relativeStart: Seconds): Timeline {
    const byEvse = this.installed.get(purpose);
    if (byEvse === undefined) return constantTimeline(this.window.start, undefined);
    const entries = [...(byEvse.get(evseId) ?? []), ...(byEvse.get(STATION) ?? [])];
    return this.leadingOf(entries, evseId, relativeStart);
  }

  private leadingOf(entries: readonly InstalledChargingProfile[], evseId: number, relativeStart: Seconds): Timeline {
    if (entries.length === 0) return constantTimeline(this.window.start, undefined);
    const contenders: Contender[] = entries.map((entry) => ({
      stackLevel: entry.profile.stackLevel,
      onEvse: entry.evseId === evseId && evseId !== STATION,
      profileId: entry.profile.id,
      segments: this.segments(entry, relativeStart),
    }));
    return leadingTimeline(contenders, this.window);
  }

  private segments(entry: InstalledChargingProfile, relativeStart: Seconds): Segment[] {
    const cached = this.segmentCache.get(entry);
    if (entry.profile.chargingProfileKind !== 'Relative') {
      if (Array.isArray(cached)) return cached;
      const segments = profileSegments(entry.profile, relativeStart, this.window);
      this.segmentCache.set(entry, segments);
      return segments;
    }
    let byStart = cached instanceof Map ? cached : undefined;
    if (byStart === undefined) this.segmentCache.set(entry, (byStart = new Map()));
    let segments = byStart.get(relativeStart);
    if (segments === undefined) {
      segments = profileSegments(entry.profile, relativeStart, this.window);
      byStart.set(relativeStart, segments);
    }
    return segments;
  }
}
