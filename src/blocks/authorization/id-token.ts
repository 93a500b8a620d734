// What makes two idTokens the same, and the small judgements on an IdTokenInfo that the authorization and
// transaction blocks share.
//
// idToken values are compared case-insensitively: Part 2 §C 1.1 defines IdTokenType as "a combination of a
// case insensitive string and a type", and the IdTokenType datatype says "IdToken is case insensitive". Two
// idTokens are equal when their type and their idToken match (C01.FR.25, 2025 errata); additionalInfo does
// not count.
import type { IdTokenInfoType, IdTokenType } from '../../messages/types.js';

/** Case-folds an idToken value the same way everywhere (locale-independent). */
function fold(value: string): string {
  return value.toLowerCase();
}

/**
 * The key under which an idToken is stored in the local list and the cache: its type and its case-folded
 * value. Equal keys mean equal idTokens (C01.FR.25).
 */
export function tokenKey(idToken: Pick<IdTokenType, 'idToken' | 'type'>): string {
  return `${idToken.type}:${fold(idToken.idToken)}`;
}

/** C01.FR.25: same type and same idToken (case-insensitively); additionalInfo is ignored. */
export function sameIdToken(a: Pick<IdTokenType, 'idToken' | 'type'>, b: Pick<IdTokenType, 'idToken' | 'type'>): boolean {
  return tokenKey(a) === tokenKey(b);
}

/**
 * Part 2 §C 1.2 and C09.FR.03: two idTokens belong to the same group when both infos carry a groupIdToken and
 * those are the same idToken. An absent or empty group matches nothing.
 */
export function sameGroup(a: IdTokenInfoType | undefined, b: IdTokenInfoType | undefined): boolean {
  const groupA = a?.groupIdToken;
  const groupB = b?.groupIdToken;
  if (!groupA || !groupB || groupA.idToken === '' || groupB.idToken === '') return false;
  return sameIdToken(groupA, groupB);
}

/**
 * C12.FR.09 / C16.FR.03: an idToken whose groupIdToken is the configured AuthCtrlr.MasterPassGroupId belongs to
 * the master pass group: it may stop any transaction but start none. Compared case-insensitively, like every
 * idToken; an unset or empty MasterPassGroupId makes nobody a master pass.
 */
export function isMasterPass(idTokenInfo: IdTokenInfoType | undefined, masterPassGroupId: string | undefined): boolean {
  const group = idTokenInfo?.groupIdToken?.idToken;
  if (group === undefined || masterPassGroupId === undefined || masterPassGroupId === '') return false;
  return fold(group) === fold(masterPassGroupId);
}

/** C01.FR.19-21: an idToken is allowed on every EVSE unless its info names a subset. */
export function allowedAtEvse(idTokenInfo: IdTokenInfoType, evseId: number): boolean {
  const evses = idTokenInfo.evseId;
  return evses === undefined || evses.length === 0 || evses.includes(evseId);
}
