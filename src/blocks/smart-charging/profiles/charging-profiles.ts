// Functional block K, the installed charging profiles: SetChargingProfile (K01) after every validation rule,
// persisted (K01.FR.27) and replaced by id (K01.FR.05); a RequestStartTransaction's profile installed once its
// transaction exists (K05, F01.FR.08-11); TxProfiles dropped when their transaction ends (K02.FR.05);
// GetChargingProfiles answered and reported in ReportChargingProfiles pages (K09); ClearChargingProfile by id or
// criteria (K10). What is installed is handed to the composite schedule calculation as `{ evseId, profile }`, and
// every change is announced so that the station re-applies its limits (K01.FR.07, K10.FR.05).
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../logger.js';
import type { Send } from '../../shared/send.js';
import type { DeviceModel } from '../../../device-model/device-model.js';
import { SmartChargingCtrlr } from '../../../device-model/standardized/index.js';
import type {
  ChargingLimitSourceEnumType,
  ChargingProfileType,
  Request,
  Response,
  StatusInfoType,
} from '../../../messages/types.js';
import { OcppError } from '../../../rpc/errors.js';
import type { HandlerTable } from '../../../rpc/handler-router.js';
import type { ChargingProfileStore, StoredChargingProfile } from '../../../storage/charging-profile-store.js';
import { readVariable, setCounter } from '../../shared/model-reads.js';
import { matchesClearCriteria, matchesReportCriteria } from './profile-criteria.js';
import type {
  EvseProfile,
  Iso15118Port,
  ProfileChange,
  ProfileChangeListener,
  ProfileChangeReason,
  ProfileOrigin,
  TransactionLookup,
} from './profile-ports.js';
import { profileLimitsFrom, supplyPhasesOf } from './profile-limits.js';
import { rejectedResponse, remoteStartRefusal } from './profile-responses.js';
import { sendReportPages } from './report-pages.js';
import { validateChargingProfile, type ProfileVerdict, type ValidationContext } from './validation.js';

export interface ChargingProfilesOptions {
  model: DeviceModel;
  store: ChargingProfileStore;
  clock: Clock;
  logger: Logger;
  send: Send;
  /** The station's EVSEs (each > 0). */
  evseIds: readonly number[];
  /** The transactions block: which transaction runs on which EVSE. */
  transactions: TransactionLookup;
  /** ISO 15118 sessions (K01.FR.34, K15.FR.17). Default: none. */
  iso15118?: Iso15118Port;
  /** Most profiles in one ReportChargingProfiles. Default 10. */
  profilesPerReport?: number;
  /** The largest frame the link sends: a ReportChargingProfiles never exceeds it (a lone oversized profile aside). */
  maxFrameBytes?: () => number;
}

/** What SetChargingProfile answers; also what the other ways of installing a profile return. */
export type InstallResponse = Response<'SetChargingProfile'>;

export interface InstallOptions {
  /** Default SetChargingProfile. */
  origin?: ProfileOrigin;
  /** Who set it: default CSO, or Other for an external limit. */
  source?: ChargingLimitSourceEnumType;
}

const DEFAULT_PROFILES_PER_REPORT = 10;

interface Outcome {
  response: InstallResponse;
  change?: ProfileChange;
}

export class ChargingProfiles {
  private readonly records = new Map<number, StoredChargingProfile>();
  private readonly listeners = new Set<ProfileChangeListener>();
  private readonly supplyPhases: (evseId: number) => number | undefined;

  constructor(private readonly options: ChargingProfilesOptions) {
    this.supplyPhases = supplyPhasesOf(options.model);
  }

  // --- start-up ---

  /**
   * Loads the stored profiles (K01.FR.27) and drops those no longer valid: validTo passed, an EVSE the layout no
   * longer has, a TxProfile whose transaction is not open, or a profile the current SmartChargingCtrlr limits would
   * refuse. Call it once the transactions block has dealt with the transactions a previous run left open.
   */
  restore(): void {
    const { store, logger } = this.options;
    this.records.clear();
    const stored = store.loadAll().sort((a, b) => Date.parse(a.installedAt) - Date.parse(b.installedAt) || a.profile.id - b.profile.id);
    const dropped: StoredChargingProfile[] = [];
    for (const record of stored) {
      const origin: ProfileOrigin = record.profile.chargingProfilePurpose === 'ChargingStationExternalConstraints' ? 'External' : 'SetChargingProfile';
      const verdict = this.verdict(record.profile, record.evseId, origin);
      if (verdict.valid) {
        this.records.set(record.profile.id, record);
        continue;
      }
      dropped.push(record);
      logger.info(
        { profileId: record.profile.id, evseId: record.evseId, requirement: verdict.requirement, reason: verdict.additionalInfo },
        'a stored charging profile is no longer valid and was dropped',
      );
    }
    if (dropped.length > 0) store.delete(dropped.map((record) => record.profile.id));
    this.refreshCounter();
    logger.info({ profiles: this.records.size, dropped: dropped.length }, 'charging profiles restored');
    if (dropped.length > 0) this.emit(this.changeOf('restored', dropped));
  }

  // --- what the station and the other blocks call ---

  /** Whether SetChargingProfile is served: SmartChargingCtrlr Available and Enabled (K01.FR.29, K05.FR.04). */
  get enabled(): boolean {
    const { model } = this.options;
    return readVariable(model, SmartChargingCtrlr.Available) !== false && readVariable(model, SmartChargingCtrlr.Enabled) !== false;
  }

  /** Validates and, when valid, installs and persists a profile, then announces the change. */
  install(profile: ChargingProfileType, evseId: number, options: InstallOptions = {}): InstallResponse {
    const outcome = this.add(profile, evseId, options.origin ?? 'SetChargingProfile', options.source);
    if (outcome.change) this.emit(outcome.change);
    return outcome.response;
  }

  /** What validation says of a profile for an EVSE now, without installing it. */
  check(profile: ChargingProfileType, evseId: number, origin: ProfileOrigin = 'SetChargingProfile'): ProfileVerdict {
    this.purgeExpired();
    return this.verdict(profile, evseId, origin);
  }

  /**
   * K05.FR.05: the statusInfo to reject a RequestStartTransaction with when its profile is invalid for the EVSE the
   * transaction would start on; undefined when the profile is fine.
   */
  checkRemoteStartProfile(profile: ChargingProfileType, evseId: number): StatusInfoType | undefined {
    const verdict = this.check(profile, evseId, 'RequestStartTransaction');
    return verdict.valid ? undefined : remoteStartRefusal(verdict);
  }

  /**
   * K05 / F01.FR.10: installs the profile a RequestStartTransaction brought, now that its transaction exists, as a
   * TxProfile of that transaction. The transactions block calls it when the transaction has started (or when a
   * remote start authorizes a transaction already running).
   */
  installForTransaction(evseId: number, transactionId: string, profile: ChargingProfileType): InstallResponse {
    const asSent = this.check(profile, evseId, 'RequestStartTransaction');
    if (!asSent.valid) {
      this.options.logger.warn(
        { profileId: profile.id, evseId, transactionId, requirement: asSent.requirement, reason: asSent.additionalInfo },
        'the charging profile of a remote start was not installed',
      );
      return rejectedResponse(asSent);
    }
    return this.install({ ...structuredClone(profile), transactionId }, evseId);
  }

  /** K02.FR.05: the TxProfiles of a transaction go when it ends. Returns how many were removed. */
  removeForTransaction(transactionId: string): number {
    const gone = [...this.records.values()].filter(
      (record) => record.profile.chargingProfilePurpose === 'TxProfile' && record.profile.transactionId === transactionId,
    );
    this.drop(gone, 'transactionEnded', { tolerateStoreFailure: true });
    return gone.length;
  }

  /** Removes profiles by id whatever their purpose (e.g. an external limit released, K13). Returns how many went. */
  remove(profileIds: readonly number[]): number {
    const gone = profileIds.map((id) => this.records.get(id)).filter((record): record is StoredChargingProfile => record !== undefined);
    this.drop(gone, 'cleared');
    return gone.length;
  }

  /** Drops the profiles whose validTo has passed. Returns how many went. */
  purgeExpired(): number {
    const now = this.options.clock.now().getTime();
    const gone = [...this.records.values()].filter((record) => record.profile.validTo !== undefined && Date.parse(record.profile.validTo) <= now);
    this.drop(gone, 'expired', { tolerateStoreFailure: true });
    return gone.length;
  }

  /** Every installed profile with the EVSE it is on (0 = station-wide), by profile id: the composite calculation's input. */
  all(): EvseProfile[] {
    return this.sorted().map(evseProfileOf);
  }

  /**
   * The profiles that act on one EVSE: its own and the station-wide ones (EVSE 0), by profile id. For evseId 0 only
   * the station-wide ones; the composite schedule of EVSE 0 needs `all()`.
   */
  forEvse(evseId: number): EvseProfile[] {
    return this.all().filter((entry) => entry.evseId === evseId || entry.evseId === 0);
  }

  /** Every installed profile with its source and installation time, by profile id. */
  installed(): StoredChargingProfile[] {
    return this.sorted().map((record) => structuredClone(record));
  }

  get count(): number {
    return this.records.size;
  }

  /** Called after every change of the installed profiles; returns the unsubscribe function. */
  onChange(listener: ProfileChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- the CSMS's requests ---

  handlers(): HandlerTable {
    return {
      SetChargingProfile: (request, context) => {
        // K01.FR.29; SmartChargingCtrlr.Enabled is what tells the CSMS whether smart charging is there (K05.FR.04).
        if (!this.enabled) throw new OcppError('NotSupported', 'smart charging is not enabled on this charging station');
        const outcome = this.add(request.chargingProfile, request.evseId, 'SetChargingProfile', 'CSO');
        const change = outcome.change;
        if (change) context.afterResponse(() => this.emit(change));
        return outcome.response;
      },
      GetChargingProfiles: (request, context) => {
        this.purgeExpired();
        const matching = this.sorted().filter((record) => matchesReportCriteria(record, request.evseId, request.chargingProfile));
        this.options.logger.info({ requestId: request.requestId, evseId: request.evseId, matching: matching.length }, 'GetChargingProfiles');
        if (matching.length === 0) return { status: 'NoProfiles' };
        const reported = matching.map((record) => structuredClone(record));
        context.afterResponse(() =>
          sendReportPages(this.options, request.requestId, reported, this.options.profilesPerReport ?? DEFAULT_PROFILES_PER_REPORT),
        );
        return { status: 'Accepted' };
      },
      ClearChargingProfile: (request, context) => {
        const { response, change } = this.clear(request);
        if (change) context.afterResponse(() => this.emit(change));
        return response;
      },
    };
  }

  // --- inside ---

  private clear(request: Request<'ClearChargingProfile'>): { response: Response<'ClearChargingProfile'>; change?: ProfileChange } {
    this.purgeExpired();
    let matching: StoredChargingProfile[];
    if (request.chargingProfileId !== undefined) {
      // K10.FR.03 / K10.FR.09: by id, never an external constraint. The id alone decides; criteria beside it are ignored.
      const record = this.records.get(request.chargingProfileId);
      matching = record && record.profile.chargingProfilePurpose !== 'ChargingStationExternalConstraints' ? [record] : [];
    } else {
      // K10.FR.04 / K10.FR.08; no criteria at all matches every profile the CSMS may clear.
      const criteria = request.chargingProfileCriteria ?? {};
      matching = this.sorted().filter((record) => matchesClearCriteria(record, criteria));
    }
    this.options.logger.info(
      { chargingProfileId: request.chargingProfileId, criteria: request.chargingProfileCriteria, cleared: matching.map((r) => r.profile.id) },
      'ClearChargingProfile',
    );
    // K10.FR.01
    if (matching.length === 0) return { response: { status: 'Unknown' } };
    const change = this.drop(matching, 'cleared', { announce: false });
    return { response: { status: 'Accepted' }, ...(change ? { change } : {}) };
  }

  private add(profile: ChargingProfileType, evseId: number, origin: ProfileOrigin, source?: ChargingLimitSourceEnumType): Outcome {
    const { logger, store, clock } = this.options;
    this.purgeExpired();
    const verdict = this.verdict(profile, evseId, origin);
    if (!verdict.valid) {
      logger.info(
        { profileId: profile.id, evseId, purpose: profile.chargingProfilePurpose, requirement: verdict.requirement, reason: verdict.additionalInfo },
        'charging profile rejected',
      );
      return { response: rejectedResponse(verdict) };
    }
    const record: StoredChargingProfile = {
      evseId,
      source: source ?? (origin === 'External' ? 'Other' : 'CSO'),
      installedAt: clock.now().toISOString(),
      profile: structuredClone(profile),
    };
    try {
      store.save(record);
    } catch (error) {
      logger.error({ err: error, profileId: profile.id }, 'a charging profile could not be stored');
      return { response: { status: 'Rejected', statusInfo: { reasonCode: 'InternalError', additionalInfo: 'the profile could not be stored' } } };
    }
    this.records.set(profile.id, record);
    this.refreshCounter();
    logger.info(
      { profileId: profile.id, evseId, purpose: profile.chargingProfilePurpose, stackLevel: profile.stackLevel, replaced: verdict.replaces !== undefined },
      'charging profile installed',
    );
    const evseIds = new Set([evseId, ...(verdict.replaces ? [verdict.replaces.evseId] : [])]);
    return {
      response: { status: 'Accepted' },
      change: {
        reason: 'installed',
        evseIds: [...evseIds].sort((a, b) => a - b),
        installed: [evseProfileOf(record)],
        removed: verdict.replaces ? [evseProfileOf(verdict.replaces)] : [],
      },
    };
  }

  private verdict(profile: ChargingProfileType, evseId: number, origin: ProfileOrigin): ProfileVerdict {
    return validateChargingProfile(profile, evseId, this.validationContext(origin));
  }

  private validationContext(origin: ProfileOrigin): ValidationContext {
    const { options } = this;
    return {
      now: options.clock.now(),
      origin,
      evseIds: options.evseIds,
      supplyPhases: this.supplyPhases,
      installed: [...this.records.values()],
      transactions: options.transactions,
      limits: profileLimitsFrom(options.model),
      ...(options.iso15118 ? { iso15118: options.iso15118 } : {}),
    };
  }

  /**
   * Removes the records from the store and from memory. A store failure propagates (the CSMS gets InternalError)
   * unless `tolerateStoreFailure`: then it is logged, and a later restore drops what stayed stored.
   */
  private drop(
    gone: readonly StoredChargingProfile[],
    reason: ProfileChangeReason,
    how: { tolerateStoreFailure?: boolean; announce?: boolean } = {},
  ): ProfileChange | undefined {
    if (gone.length === 0) return undefined;
    const ids = gone.map((record) => record.profile.id);
    try {
      this.options.store.delete(ids);
    } catch (error) {
      if (!how.tolerateStoreFailure) throw error;
      this.options.logger.error({ err: error, profileIds: ids }, 'charging profiles could not be deleted from the store');
    }
    for (const id of ids) this.records.delete(id);
    this.refreshCounter();
    this.options.logger.info({ profileIds: ids, reason }, 'charging profiles removed');
    const change = this.changeOf(reason, gone);
    if (how.announce ?? true) this.emit(change);
    return change;
  }

  private changeOf(reason: ProfileChangeReason, removed: readonly StoredChargingProfile[]): ProfileChange {
    const evseIds = [...new Set(removed.map((record) => record.evseId))].sort((a, b) => a - b);
    return { reason, evseIds, installed: [], removed: removed.map(evseProfileOf) };
  }

  private emit(change: ProfileChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.options.logger.error({ err: error, reason: change.reason }, 'a charging profile listener failed');
      }
    }
  }

  private sorted(): StoredChargingProfile[] {
    return [...this.records.values()].sort((a, b) => a.profile.id - b.profile.id);
  }

  private refreshCounter(): void {
    setCounter(this.options.model, SmartChargingCtrlr.EntriesChargingProfiles, this.records.size, (reason) =>
      this.options.logger.warn({ reason }, 'SmartChargingCtrlr.Entries[ChargingProfiles] could not be updated'),
    );
  }

}

function evseProfileOf(record: StoredChargingProfile): EvseProfile {
  return { evseId: record.evseId, profile: structuredClone(record.profile) };
}
