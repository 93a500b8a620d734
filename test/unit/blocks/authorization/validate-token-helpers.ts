// What the validateToken tests share: putting a token in the local list or the authorization cache.
import assert from 'node:assert/strict';
import type { IdTokenInfoType, IdTokenType } from '../../../../src/messages/types.js';
import { tokenKey } from '../../../../src/blocks/authorization/id-token.js';
import type { Harness } from './support.js';

export const SECOND = 1000;

export function listToken(h: Harness, idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
  h.list.apply([{ tokenKey: tokenKey(idToken), idToken, idTokenInfo }], [], h.list.version() + 1);
}

export function cacheToken(h: Harness, idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
  h.auth.tokenInfoFromCsms(idToken, idTokenInfo);
  assert.ok(h.cache.get(tokenKey(idToken)), 'the token was cached');
}
