// D01 SendLocalList and D02 GetLocalListVersion: the list of idTokens the CSMS installs on the station, and the
// look-ups the Authorization block makes in it (C13, C14). An update is checked completely first and then
// written in one step, so a refused or failed update leaves the list and its version as they were.
//
// Checks, in order:
//  - ItemsPerMessage / BytesPerMessage (D01.FR.11): CALLERROR OccurrenceConstraintViolation / FormatViolation;
//  - the list is not enabled (LocalAuthListCtrlr.Enabled not true, or Available false; the D01 prerequisite):
//    Failed, reason NotEnabled;
//  - Differential with versionNumber <= the current version (D01.FR.19): VersionMismatch;
//  - versionNumber <= 0 (D01.FR.18): Failed, reason ValuePositiveOnly;
//  - the same idToken twice in the request (D01.FR.06): Failed, reason InvalidValue;
//  - Full with an entry without idTokenInfo (AuthorizationData: "Required when UpdateType is Full"): Failed,
//    reason MissingParam;
//  - more entries than Entries' maxLimit (LOCAL_AUTH_LIST_CAPACITY unless declared otherwise): Failed, reason
//    TooManyElements; more bytes than Storage's maxLimit, when declared: Failed, reason OutOfStorage;
//  - the store failing to write: Failed, reason InternalError.
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { LOCAL_AUTH_LIST_CAPACITY, LocalAuthListCtrlr } from '../../device-model/standardized/index.js';
import type {
  AuthorizationData,
  IdTokenType,
  Request,
  Response,
  StatusInfoType,
} from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import { authEntryBytes } from '../../storage/auth-cache-store.js';
import type { LocalAuthListEntry, LocalAuthListStore } from '../../storage/local-auth-list-store.js';
import { enforceMessageLimits } from '../shared/message-limits.js';
import { tokenKey } from './id-token.js';
import { maxLimitOf, readVariable, setCounter } from '../shared/model-reads.js';

export type SendLocalListResponse = Response<'SendLocalList'>;

export interface LocalAuthorizationListOptions {
  model: DeviceModel;
  store: LocalAuthListStore;
  logger: Logger;
}

function failed(reasonCode: string, additionalInfo: string): SendLocalListResponse {
  const statusInfo: StatusInfoType = { reasonCode, additionalInfo };
  return { status: 'Failed', statusInfo };
}

/** Names an idToken in messages without its value (KeyCode values must never be shown, C04.FR.04). */
function describe(idToken: IdTokenType, index: number): string {
  return `entry ${index} (type ${idToken.type})`;
}

export class LocalAuthorizationList {
  constructor(private readonly options: LocalAuthorizationListOptions) {
    this.refreshVariables();
  }

  /** D01.FR.13: LocalAuthListCtrlr.Enabled is true (and Available is not false). */
  get enabled(): boolean {
    const { model } = this.options;
    return readVariable(model, LocalAuthListCtrlr.Enabled) === true && readVariable(model, LocalAuthListCtrlr.Available) !== false;
  }

  /** D02: the installed version; 0 when the list is disabled or none was ever installed (D02.FR.02/03). */
  get version(): number {
    return this.enabled ? this.options.store.version() : 0;
  }

  /** The listed entry of this idToken, whatever its status and expiry. */
  lookup(idToken: IdTokenType): LocalAuthListEntry | undefined {
    return this.options.store.get(tokenKey(idToken));
  }

  /** How many idTokens the list can hold: Entries' maxLimit. */
  get capacity(): number {
    return maxLimitOf(this.options.model, LocalAuthListCtrlr.Entries) ?? LOCAL_AUTH_LIST_CAPACITY;
  }

  handlers(): HandlerTable {
    return {
      SendLocalList: (request) => this.sendLocalList(request),
      GetLocalListVersion: () => ({ versionNumber: this.version }),
    };
  }

  /** D01: applies one SendLocalList. Throws OcppError for a request over the message limits. */
  sendLocalList(request: Request<'SendLocalList'>): SendLocalListResponse {
    const { model, store, logger } = this.options;
    const list = request.localAuthorizationList ?? [];
    enforceMessageLimits('SendLocalList', request, list.length, {
      items: readVariable(model, LocalAuthListCtrlr.ItemsPerMessage),
      bytes: readVariable(model, LocalAuthListCtrlr.BytesPerMessage),
    });
    if (!this.enabled) return failed('NotEnabled', 'the local authorization list is not enabled (LocalAuthListCtrlr.Enabled)');

    const current = store.version();
    const version = request.versionNumber;
    if (request.updateType === 'Differential' && version <= current) {
      return {
        status: 'VersionMismatch',
        statusInfo: { reasonCode: 'InvalidValue', additionalInfo: `versionNumber ${version} is not above the current version ${current}` },
      };
    }
    if (version <= 0) return failed('ValuePositiveOnly', `versionNumber must be greater than 0, got ${version}`);

    const keyed = this.keyEntries(list);
    if ('problem' in keyed) return keyed.problem;

    const outcome = request.updateType === 'Full' ? this.planFull(keyed.entries) : this.planDifferential(keyed.entries);
    if ('problem' in outcome) return outcome.problem;

    try {
      if (request.updateType === 'Full') store.replaceAll(outcome.upserts, version);
      else store.apply(outcome.upserts, outcome.removals, version);
    } catch (error) {
      logger.error({ err: error }, 'the local authorization list could not be written');
      return failed('InternalError', 'the local authorization list could not be stored; it is unchanged');
    }
    this.refreshVariables();
    logger.info(
      { updateType: request.updateType, versionNumber: version, entries: store.usage().entries },
      'local authorization list updated',
    );
    return { status: 'Accepted' };
  }

  /** Keys every entry and refuses a request that names the same idToken twice (D01.FR.06). */
  private keyEntries(
    list: readonly AuthorizationData[],
  ): { entries: { key: string; data: AuthorizationData }[] } | { problem: SendLocalListResponse } {
    const seen = new Map<string, number>();
    const entries: { key: string; data: AuthorizationData }[] = [];
    for (const [index, data] of list.entries()) {
      const key = tokenKey(data.idToken);
      const first = seen.get(key);
      if (first !== undefined) {
        return {
          problem: failed('InvalidValue', `${describe(data.idToken, index)} repeats the idToken of entry ${first}; idTokens must be unique`),
        };
      }
      seen.set(key, index);
      entries.push({ key, data });
    }
    return { entries };
  }

  /** D01.FR.04/15: the new list is exactly the request's entries, each with its idTokenInfo. */
  private planFull(entries: readonly { key: string; data: AuthorizationData }[]): Plan {
    const upserts: LocalAuthListEntry[] = [];
    for (const [index, { key, data }] of entries.entries()) {
      if (!data.idTokenInfo) return { problem: failed('MissingParam', `${describe(data.idToken, index)} has no idTokenInfo, required in a Full update`) };
      upserts.push({ tokenKey: key, idToken: data.idToken, idTokenInfo: data.idTokenInfo });
    }
    const bytes = upserts.reduce((sum, entry) => sum + authEntryBytes(entry.idToken, entry.idTokenInfo), 0);
    return this.checkRoom({ upserts, removals: [] }, upserts.length, bytes);
  }

  /** D01.FR.05/16/17: entries with idTokenInfo are added or replaced, entries without it removed. */
  private planDifferential(entries: readonly { key: string; data: AuthorizationData }[]): Plan {
    const { store } = this.options;
    const usage = store.usage();
    let count = usage.entries;
    let bytes = usage.bytes;
    const upserts: LocalAuthListEntry[] = [];
    const removals: string[] = [];
    for (const { key, data } of entries) {
      const existing = store.get(key);
      if (existing) {
        count -= 1;
        bytes -= authEntryBytes(existing.idToken, existing.idTokenInfo);
      }
      if (data.idTokenInfo) {
        upserts.push({ tokenKey: key, idToken: data.idToken, idTokenInfo: data.idTokenInfo });
        count += 1;
        bytes += authEntryBytes(data.idToken, data.idTokenInfo);
      } else {
        removals.push(key);
      }
    }
    return this.checkRoom({ upserts, removals }, count, bytes);
  }

  /** The list after the update must fit Entries' and (when declared) Storage's maxLimit. */
  private checkRoom(plan: { upserts: LocalAuthListEntry[]; removals: string[] }, count: number, bytes: number): Plan {
    const capacity = this.capacity;
    if (count > capacity) return { problem: failed('TooManyElements', `the list would hold ${count} idTokens; at most ${capacity} fit`) };
    const maxBytes = maxLimitOf(this.options.model, LocalAuthListCtrlr.Storage);
    if (maxBytes !== undefined && bytes > maxBytes) {
      return { problem: failed('OutOfStorage', `the list would take ${bytes} bytes; at most ${maxBytes} fit`) };
    }
    return plan;
  }

  /** D01.FR.12: LocalAuthListCtrlr.Entries (and Storage, when declared) follow the stored list. */
  private refreshVariables(): void {
    const { model, store, logger } = this.options;
    const usage = store.usage();
    const refused = (variable: string) => (reason: string) => logger.warn({ reason }, `LocalAuthListCtrlr.${variable} not updated`);
    setCounter(model, LocalAuthListCtrlr.Entries, usage.entries, refused('Entries'));
    setCounter(model, LocalAuthListCtrlr.Storage, usage.bytes, refused('Storage'));
  }
}

type Plan = { upserts: LocalAuthListEntry[]; removals: string[] } | { problem: SendLocalListResponse };
