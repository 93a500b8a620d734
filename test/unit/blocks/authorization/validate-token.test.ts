// validateToken, step by step through the decision order: tokens nobody is asked about, Authorize and the offline
// rules, group and master pass tokens, each case named after the requirement it pins. The local list and the
// authorization cache: validate-token-local.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthCtrlr } from '../../../../src/device-model/standardized/index.js';
import type { IdTokenInfoType, IdTokenType } from '../../../../src/messages/types.js';
import { OcppError, RpcTimeoutError } from '../../../../src/rpc/errors.js';
import { MessageDroppedError } from '../../../../src/queue/message-queue.js';
import { MemoryAuthCacheStore } from '../../../../src/storage/memory/memory-auth-cache-store.js';
import { harness, rfid } from './support.js';
import { listToken, cacheToken } from './validate-token-helpers.js';

describe('tokens accepted without asking anyone', () => {
  it('C02 a NoAuthorization token (start button) is Accepted without Authorize; C02.FR.03 its info is never cached', async () => {
    const h = harness();
    const token: IdTokenType = { idToken: '', type: 'NoAuthorization' };
    assert.deepEqual(await h.auth.validateToken(token), { idTokenInfo: { status: 'Accepted' } });
    h.auth.tokenInfoFromCsms(token, { status: 'Accepted' });
    assert.equal(h.authorizeCalls.length, 0);
    assert.equal(h.cache.usage().entries, 0);
  });

  it('C03.FR.01 / C05.FR.01 a Central token is Accepted without Authorize; C03.FR.02 / C05.FR.02 its info is never cached', async () => {
    const h = harness();
    const token: IdTokenType = { idToken: 'csms-generated-1', type: 'Central' };
    assert.equal((await h.auth.validateToken(token)).idTokenInfo.status, 'Accepted');
    h.online = false;
    assert.equal((await h.auth.validateToken(token)).idTokenInfo.status, 'Accepted');
    h.auth.tokenInfoFromCsms(token, { status: 'Accepted' });
    assert.equal(h.authorizeCalls.length, 0);
    assert.equal(h.cache.usage().entries, 0);
  });

  it('AuthCtrlr.Enabled false: every token is Accepted without Authorize, online or offline', async () => {
    const h = harness();
    h.set(AuthCtrlr.Enabled, false);
    listToken(h, rfid('BLOCKED1'), { status: 'Blocked' });
    assert.equal((await h.auth.validateToken(rfid('BLOCKED1'))).idTokenInfo.status, 'Accepted');
    assert.equal((await h.auth.validateToken(rfid('ANY'))).idTokenInfo.status, 'Accepted');
    h.online = false;
    assert.equal((await h.auth.validateToken(rfid('ANY'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 0);
  });
});

describe('asking the CSMS', () => {
  it('C01.FR.02 an unknown token is sent in Authorize; C07.FR.02 certificate and OCSP data go with it', async () => {
    const h = harness();
    const ocsp = [{ hashAlgorithm: 'SHA256' as const, issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01', responderURL: 'http://ocsp.example' }];
    const emaid: IdTokenType = { idToken: 'DE8ACC12E46L89', type: 'eMAID' };
    h.answer = () => ({ status: 'Accepted' });
    const response = await h.auth.validateToken(emaid, '-----BEGIN CERTIFICATE-----', ocsp);
    assert.equal(response.idTokenInfo.status, 'Accepted');
    assert.deepEqual(h.authorizeCalls, [{ idToken: emaid, certificate: '-----BEGIN CERTIFICATE-----', iso15118CertificateHashData: ocsp }]);
    await h.auth.validateToken(rfid('PLAIN'), undefined, []);
    assert.deepEqual(h.authorizeCalls[1], { idToken: rfid('PLAIN') });
  });

  it('DisableRemoteAuthorization: no Authorize ever; list and cache decide, an unknown token is Unknown', async () => {
    const h = harness();
    h.set(AuthCtrlr.DisableRemoteAuthorization, true);
    h.set(AuthCtrlr.LocalPreAuthorize, false);
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    listToken(h, rfid('LISTED-BAD'), { status: 'Blocked' });
    cacheToken(h, rfid('CACHED-GOOD'), { status: 'Accepted' });
    cacheToken(h, rfid('CACHED-BAD'), { status: 'Invalid' });
    assert.equal((await h.auth.validateToken(rfid('LISTED-BAD'))).idTokenInfo.status, 'Blocked');
    assert.equal((await h.auth.validateToken(rfid('CACHED-GOOD'))).idTokenInfo.status, 'Accepted');
    assert.equal((await h.auth.validateToken(rfid('CACHED-BAD'))).idTokenInfo.status, 'Invalid');
    assert.equal((await h.auth.validateToken(rfid('NOBODY'))).idTokenInfo.status, 'Unknown');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('C15.FR.08 / C13.FR.04 offline, OfflineTxForUnknownIdEnabled accepts an unknown token; C15.FR.01 it is not cached', async () => {
    const h = harness();
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    h.online = false;
    assert.deepEqual(await h.auth.validateToken(rfid('STRANGER')), { idTokenInfo: { status: 'Accepted' } });
    assert.equal(h.authorizeCalls.length, 0);
    assert.equal(h.cache.usage().entries, 0);
  });

  it('C13.FR.02 offline without OfflineTxForUnknownIdEnabled an unknown token is Unknown', async () => {
    const h = harness();
    h.online = false;
    assert.deepEqual(await h.auth.validateToken(rfid('STRANGER')), { idTokenInfo: { status: 'Unknown' } });
    assert.equal(h.authorizeCalls.length, 0);
  });

  for (const [name, error] of [
    ['a timeout', new RpcTimeoutError('Authorize', 'm1', 30000)],
    ['a CALLERROR', new OcppError('InternalError', 'CSMS busy')],
    ['a dropped message', new MessageDroppedError('Authorize', 'offline', 'the connection was lost')],
  ] as const) {
    it(`no answer (${name}) falls back to the offline rules: OfflineTxForUnknownIdEnabled decides, nothing is cached`, async () => {
      const h = harness();
      h.answer = () => error;
      assert.equal((await h.auth.validateToken(rfid('STRANGER'))).idTokenInfo.status, 'Unknown');
      h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
      assert.equal((await h.auth.validateToken(rfid('STRANGER'))).idTokenInfo.status, 'Accepted');
      assert.equal(h.authorizeCalls.length, 2);
      assert.equal(h.cache.usage().entries, 0);
    });
  }

  it('no answer for a cached Accepted token (LocalPreAuthorize false) falls back to LocalAuthorizeOffline', async () => {
    const h = harness();
    h.set(AuthCtrlr.LocalPreAuthorize, false);
    cacheToken(h, rfid('CAFE'), { status: 'Accepted' });
    h.answer = () => new RpcTimeoutError('Authorize', 'm1', 30000);
    assert.equal((await h.auth.validateToken(rfid('CAFE'))).idTokenInfo.status, 'Accepted');
    assert.equal(h.authorizeCalls.length, 1);
  });

  it('an idToken that cannot go on the wire (over 36 characters) is Invalid, and nothing is sent', async () => {
    const h = harness();
    h.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true);
    assert.equal((await h.auth.validateToken(rfid('X'.repeat(37)))).idTokenInfo.status, 'Invalid');
    assert.equal(h.authorizeCalls.length, 0);
  });

  it('a cache that cannot be written does not undo the CSMS answer', async () => {
    const cache = new MemoryAuthCacheStore();
    cache.put = () => {
      throw new Error('disk full');
    };
    const h = harness({ cache });
    assert.equal((await h.auth.validateToken(rfid('A1'))).idTokenInfo.status, 'Accepted');
    h.auth.tokenInfoFromCsms(rfid('A1'), { status: 'Blocked' });
  });

  it('the CSMS answer is returned as it came', async () => {
    const h = harness();
    const info: IdTokenInfoType = { status: 'Accepted', evseId: [2], language1: 'nl', chargingPriority: 3 };
    h.answer = () => info;
    assert.deepEqual(await h.auth.validateToken(rfid('A1')), { idTokenInfo: info });
  });
});

describe('group and master pass tokens (C09, C12.FR.09, C16)', () => {
  it('C09 group tokens come back as the CSMS and the list give them', async () => {
    const h = harness();
    const group = { idToken: 'ACCOUNT-42', type: 'Central' as const };
    listToken(h, rfid('CARD1'), { status: 'Accepted', groupIdToken: group });
    h.answer = () => ({ status: 'Accepted', groupIdToken: group });
    assert.deepEqual((await h.auth.validateToken(rfid('CARD1'))).idTokenInfo.groupIdToken, group);
    assert.deepEqual((await h.auth.validateToken(rfid('CARD2'))).idTokenInfo.groupIdToken, group);
  });

  it('C12.FR.09 / C16.FR.03 a master pass token is returned Accepted but may not start a transaction', async () => {
    const h = harness();
    h.set(AuthCtrlr.MasterPassGroupId, 'Police');
    h.answer = () => ({ status: 'Accepted', groupIdToken: { idToken: 'POLICE', type: 'Central' } });
    const response = await h.auth.validateToken(rfid('OFFICER1'));
    assert.equal(response.idTokenInfo.status, 'Accepted');
    assert.equal(h.auth.isMasterPass(response.idTokenInfo), true);
    assert.equal(h.auth.mayStartTransaction(response.idTokenInfo), false);
    assert.equal(h.auth.mayStartTransaction({ status: 'Accepted', groupIdToken: { idToken: 'FAMILY', type: 'Central' } }), true);
  });

  it('without MasterPassGroupId nobody is a master pass', () => {
    const h = harness();
    assert.equal(h.auth.isMasterPass({ status: 'Accepted', groupIdToken: { idToken: '', type: 'Central' } }), false);
    assert.equal(h.auth.mayStartTransaction({ status: 'Accepted', groupIdToken: { idToken: 'X', type: 'Central' } }), true);
  });

  it('C01.FR.21 mayStartTransaction honours the evseId list, and needs Accepted', () => {
    const h = harness();
    assert.equal(h.auth.mayStartTransaction({ status: 'Accepted', evseId: [1, 3] }, 3), true);
    assert.equal(h.auth.mayStartTransaction({ status: 'Accepted', evseId: [1, 3] }, 2), false);
    assert.equal(h.auth.mayStartTransaction({ status: 'Accepted', evseId: [] }, 2), true);
    assert.equal(h.auth.mayStartTransaction({ status: 'NotAtThisLocation' }, 1), false);
  });
});
