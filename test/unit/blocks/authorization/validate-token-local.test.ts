// validateToken with what the station knows itself: the local authorization list (C13, C14) and the
// authorization cache (C10, C12), each case named after the requirement it pins.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthCacheCtrlr, AuthCtrlr, LocalAuthListCtrlr } from '../../../../src/device-model/standardized/index.js';
import type { IdTokenType } from '../../../../src/messages/types.js';
import { RpcTimeoutError } from '../../../../src/rpc/errors.js';
import { tokenKey } from '../../../../src/blocks/authorization/id-token.js';
import { harness, rfid } from './support.js';
import { SECOND, listToken, cacheToken } from './validate-token-helpers.js';

describe('local authorization list (C13, C14)', () => {
  it('C14.FR.02 a listed Accepted token is accepted without Authorize, whatever LocalPreAuthorize says', async () => {
    const h = harness();
    h.set(AuthCtrlr.LocalPreAuthorize, false);
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted', groupIdToken: { idToken: 'FLEET-7', type: 'Central' } });
    assert.deepEqual(await h.auth.validateToken(rfid('AABBCCDD')), {
      idTokenInfo: { status: 'Accepted', groupIdToken: { idToken: 'FLEET-7', type: 'Central' } },
    });
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C14.FR.03 a listed token that is not Accepted is asked about; the answer is returned and cached (C10.FR.04)', async () => {
    const h = harness();
    listToken(h, rfid('AABBCCDD'), { status: 'Blocked' });
    h.answer = () => ({ status: 'Accepted' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 1);
    assert.equal(h.cache.get(tokenKey(rfid('AABBCCDD')))?.idTokenInfo.status, 'Accepted');
    assert.equal(h.list.get(tokenKey(rfid('AABBCCDD')))?.idTokenInfo.status, 'Blocked', 'D01.FR.09: only SendLocalList changes the list');
  });

  it('C14.FR.03 with no answer from the CSMS the listed status stands', async () => {
    const h = harness();
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    listToken(h, rfid('AABBCCDD'), { status: 'Blocked' });
    h.answer = () => new RpcTimeoutError('Authorize', 'm1', 30000);
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Blocked');
  });

  it('LocalAuthListCtrlr.DisablePostAuthorize: a listed token that is not Accepted gets its listed status, no Authorize', async () => {
    const h = harness();
    h.set(LocalAuthListCtrlr.DisablePostAuthorize, true);
    listToken(h, rfid('AABBCCDD'), { status: 'Invalid' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Invalid');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C14.FR.02 without SupportsExpiryDateTime a passed cacheExpiryDateTime is not checked', async () => {
    const h = harness();
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted', cacheExpiryDateTime: '2026-01-01T00:00:00.000Z' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C14.FR.04 with SupportsExpiryDateTime an Accepted entry before its cacheExpiryDateTime is accepted without Authorize', async () => {
    const h = harness({ initialValues: [{ component: LocalAuthListCtrlr.SupportsExpiryDateTime.component, variable: LocalAuthListCtrlr.SupportsExpiryDateTime.variable, value: 'true' }] });
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:00:10.000Z' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C14.FR.05 with SupportsExpiryDateTime an entry past its cacheExpiryDateTime is asked about, even with DisablePostAuthorize', async () => {
    const h = harness({ initialValues: [{ component: LocalAuthListCtrlr.SupportsExpiryDateTime.component, variable: LocalAuthListCtrlr.SupportsExpiryDateTime.variable, value: 'true' }] });
    h.set(LocalAuthListCtrlr.DisablePostAuthorize, true);
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:00:10.000Z' });
    await h.clock.advance(11 * SECOND);
    h.answer = () => ({ status: 'NoCredit' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'NoCredit');
    assert.equal(h.authorizeCalls.length, 1);
  });

  it('C13.FR.05 / C13.FR.06 offline, an entry past its cacheExpiryDateTime answers Expired — it is not an unknown id', async () => {
    const h = harness({ initialValues: [{ component: LocalAuthListCtrlr.SupportsExpiryDateTime.component, variable: LocalAuthListCtrlr.SupportsExpiryDateTime.variable, value: 'true' }] });
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:00:10.000Z' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    await h.clock.advance(11 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Expired');
    assert.equal((await h.auth.validateToken(rfid('UNLISTED'))).idTokenInfo.status, 'Accepted');
  });

  it('C13.FR.02 offline without OfflineTxForUnknownIdEnabled only listed Accepted tokens are authorized', async () => {
    const h = harness();
    listToken(h, rfid('GOOD'), { status: 'Accepted' });
    listToken(h, rfid('BAD'), { status: 'Invalid' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('GOOD'))).idTokenInfo.status, 'Accepted');
    assert.equal((await h.auth.validateToken(rfid('BAD'))).idTokenInfo.status, 'Invalid');
    assert.equal((await h.auth.validateToken(rfid('UNLISTED'))).idTokenInfo.status, 'Unknown');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C13.FR.04 offline with OfflineTxForUnknownIdEnabled a listed token that is not Accepted stays refused', async () => {
    const h = harness();
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    listToken(h, rfid('BAD'), { status: 'Blocked' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('BAD'))).idTokenInfo.status, 'Blocked');
  });

  it('C13.FR.01 / C14.FR.01 the local list has priority over the cache for the same idToken', async () => {
    const h = harness();
    cacheToken(h, rfid('AABBCCDD'), { status: 'Blocked' });
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('a disabled local list is not consulted (its entries are kept)', async () => {
    const h = harness();
    listToken(h, rfid('AABBCCDD'), { status: 'Accepted' });
    h.set(LocalAuthListCtrlr.Enabled, false);
    h.answer = () => ({ status: 'Invalid' });
    assert.equal((await h.auth.validateToken(rfid('AABBCCDD'))).idTokenInfo.status, 'Invalid');
    assert.equal(h.authorizeCalls.length, 1);
    assert.equal(h.list.usage().entries, 1);
  });

  it('C01.FR.25 idTokens match case-insensitively and by type; additionalInfo does not count', async () => {
    const h = harness();
    listToken(h, rfid('AaBbCcDd'), { status: 'Accepted' });
    const presented: IdTokenType = { idToken: 'aabbccdd', type: 'ISO14443', additionalInfo: [{ additionalIdToken: 'x', type: 'y' }] };
    assert.equal((await h.auth.validateToken(presented)).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
    h.answer = () => ({ status: 'Unknown' });
    assert.equal((await h.auth.validateToken({ idToken: 'AABBCCDD', type: 'ISO15693' })).idTokenInfo.status, 'Unknown');
    assert.equal(h.authorizeCalls.length, 1, 'another type is another token');
  });
});

describe('authorization cache (C10, C12)', () => {
  it('C12 online with LocalPreAuthorize a cached Accepted token is accepted without Authorize, and marked used', async () => {
    const h = harness();
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    await h.clock.advance(5 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('cafe'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
    assert.equal(h.cache.get(tokenKey(rfid('CAFE')))?.lastUsedAt, '2026-03-01T12:00:05.000Z');
  });

  it('LocalPreAuthorize false: a cached Accepted token is asked about, and the answer wins', async () => {
    const h = harness();
    h.set(AuthCtrlr.LocalPreAuthorize, false);
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.answer = () => ({ status: 'Blocked' });
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Blocked');
    assert.equal(h.authorizeCalls.length, 1);
    assert.equal(h.cache.get(tokenKey(rfid('CAFE')))?.idTokenInfo.status, 'Blocked');
  });

  it('C10.FR.03 / C12.FR.05 online, a cached token that is not Accepted is asked about; C10.FR.04 the answer updates the cache', async () => {
    const h = harness();
    cacheToken(h, rfid('CAFE'), { status: 'Blocked' });
    h.answer = () => ({ status: 'Accepted' });
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 1);
    assert.equal(h.cache.get(tokenKey(rfid('CAFE')))?.idTokenInfo.status, 'Accepted');
  });

  it('AuthCacheCtrlr.DisablePostAuthorize: a cached token that is not Accepted keeps its status, no Authorize', async () => {
    const h = harness();
    h.set(AuthCacheCtrlr.DisablePostAuthorize, true);
    cacheToken(h, rfid('CAFE'), { status: 'Expired' });
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Expired');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('LocalAuthorizeOffline true: offline, a cached Accepted token is accepted', async () => {
    const h = harness();
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted');
  });

  it('LocalAuthorizeOffline false: offline, the cache does not accept; the token is treated as unknown', async () => {
    const h = harness();
    h.set(AuthCtrlr.LocalAuthorizeOffline, false);
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Unknown');
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted');
  });

  it('C13.FR.04 / C15 offline, a cached token that is not Accepted is refused even with OfflineTxForUnknownIdEnabled', async () => {
    const h = harness();
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    cacheToken(h, rfid('CAFE'), { status: 'Blocked' });
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Blocked');
  });

  it('C10.FR.11 a disabled cache is neither consulted nor updated', async () => {
    const h = harness();
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.set(AuthCacheCtrlr.Enabled, false);
    h.answer = () => ({ status: 'Invalid' });
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Invalid');
    assert.equal(h.authorizeCalls.length, 1);
    assert.equal(h.cache.get(tokenKey(rfid('CAFE')))?.idTokenInfo.status, 'Accepted', 'the kept entry was not touched');
    h.auth.tokenInfoFromCsms(rfid('OTHER'), { status: 'Accepted' });
    assert.equal(h.cache.usage().entries, 1);
  });

  it('C10.FR.01 / C10.FR.04 every Authorize answer is cached, whatever its status, groupIdToken included', async () => {
    const h = harness();
    h.answer = (request) =>
      request.idToken.idToken === 'A' ? { status: 'Invalid' } : { status: 'Accepted', groupIdToken: { idToken: 'G1', type: 'Central' } };
    await h.auth.validateToken(rfid('A'));
    await h.auth.validateToken(rfid('B'));
    assert.equal(h.cache.get(tokenKey(rfid('A')))?.idTokenInfo.status, 'Invalid');
    assert.deepEqual(h.cache.get(tokenKey(rfid('B')))?.idTokenInfo, { status: 'Accepted', groupIdToken: { idToken: 'G1', type: 'Central' } });
  });

  it('C10.FR.05 idTokenInfo from a TransactionEventResponse replaces the cached entry', async () => {
    const h = harness();
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.auth.tokenInfoFromCsms(rfid('CAFE'), { status: 'Blocked' });
    assert.equal(h.cache.get(tokenKey(rfid('CAFE')))?.idTokenInfo.status, 'Blocked');
  });

  it('C10.FR.10 an entry expires LifeTime seconds after it was last written, even if used since (2025 errata)', async () => {
    const h = harness();
    h.set(AuthCacheCtrlr.LifeTime, 60);
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    await h.clock.advance(60 * SECOND);
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted', 'at exactly LifeTime it still holds');
    await h.clock.advance(1 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Unknown');
    assert.equal(h.cache.get(tokenKey(rfid('CAFE'))), undefined, 'the expired entry was removed');
  });

  it('C10.FR.10 online, an expired entry is asked about again', async () => {
    const h = harness();
    h.set(AuthCacheCtrlr.LifeTime, 60);
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    await h.clock.advance(61 * SECOND);
    await h.auth.validateToken(rfid('CAFE'));
    assert.equal(h.authorizeCalls.length, 1);
  });

  it('C10.FR.13 a cacheExpiryDateTime decides instead of LifeTime, both longer and shorter', async () => {
    const h = harness();
    h.set(AuthCacheCtrlr.LifeTime, 60);
    h.online = false;
    cacheToken(h, rfid('LONG'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T13:00:00.000Z' });
    cacheToken(h, rfid('SHORT'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:00:10.000Z' });
    await h.clock.advance(11 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('SHORT'))).idTokenInfo.status, 'Unknown');
    await h.clock.advance(3000 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('LONG'))).idTokenInfo.status, 'Accepted');
    await h.clock.advance(600 * SECOND);
    assert.equal((await h.auth.validateToken(rfid('LONG'))).idTokenInfo.status, 'Unknown');
  });

  it('C10.FR.10 (errata note) an idTokenInfo whose cacheExpiryDateTime has passed is not stored and removes the old entry', async () => {
    const h = harness();
    cacheToken(h, rfid('PREPAID'), { status: 'Accepted' });
    h.auth.tokenInfoFromCsms(rfid('PREPAID'), { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T11:59:59.000Z' });
    assert.equal(h.cache.get(tokenKey(rfid('PREPAID'))), undefined);
    h.answer = () => ({ status: 'Accepted', cacheExpiryDateTime: '2020-01-01T00:00:00.000Z' });
    assert.equal((await h.auth.validateToken(rfid('PREPAID2'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.cache.usage().entries, 0);
  });
});
