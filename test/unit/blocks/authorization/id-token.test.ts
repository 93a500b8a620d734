// The idToken comparisons the authorization and transaction blocks share.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowedAtEvse, isMasterPass, sameGroup, sameIdToken, tokenKey } from '../../../../src/blocks/authorization/id-token.js';

describe('idToken identity', () => {
  it('C01.FR.25 equal means same type and same idToken, case-insensitively; additionalInfo is ignored', () => {
    assert.equal(sameIdToken({ idToken: 'ABcd01', type: 'ISO14443' }, { idToken: 'abCD01', type: 'ISO14443' }), true);
    assert.equal(sameIdToken({ idToken: 'ABCD01', type: 'ISO14443' }, { idToken: 'ABCD01', type: 'ISO15693' }), false);
    assert.equal(sameIdToken({ idToken: 'ABCD01', type: 'ISO14443' }, { idToken: 'ABCD02', type: 'ISO14443' }), false);
    const withInfo = { idToken: 'k', type: 'KeyCode' as const, additionalInfo: [{ additionalIdToken: 'x', type: 'pin' }] };
    assert.equal(sameIdToken(withInfo, { idToken: 'K', type: 'KeyCode' }), true);
    assert.equal(tokenKey(withInfo), tokenKey({ idToken: 'K', type: 'KeyCode' }));
  });

  it('C09.FR.03 tokens are in the same group when both carry the same, non-empty groupIdToken', () => {
    const group = (idToken: string) => ({ status: 'Accepted' as const, groupIdToken: { idToken, type: 'Central' as const } });
    assert.equal(sameGroup(group('Family-1'), group('FAMILY-1')), true);
    assert.equal(sameGroup(group('Family-1'), group('Family-2')), false);
    assert.equal(sameGroup(group(''), group('')), false);
    assert.equal(sameGroup({ status: 'Accepted' }, { status: 'Accepted' }), false);
    assert.equal(sameGroup(undefined, group('x')), false);
  });

  it('C16.FR.03 master pass: the groupIdToken equals MasterPassGroupId, case-insensitively', () => {
    const info = { status: 'Accepted' as const, groupIdToken: { idToken: 'LawEnforcement', type: 'Central' as const } };
    assert.equal(isMasterPass(info, 'LAWENFORCEMENT'), true);
    assert.equal(isMasterPass(info, 'Other'), false);
    assert.equal(isMasterPass(info, ''), false);
    assert.equal(isMasterPass(info, undefined), false);
    assert.equal(isMasterPass({ status: 'Accepted' }, 'LawEnforcement'), false);
  });

  it('C01.FR.19-21 no evseId list means every EVSE; a list names the allowed ones', () => {
    assert.equal(allowedAtEvse({ status: 'Accepted' }, 4), true);
    assert.equal(allowedAtEvse({ status: 'Accepted', evseId: [] }, 4), true);
    assert.equal(allowedAtEvse({ status: 'Accepted', evseId: [1, 2] }, 2), true);
    assert.equal(allowedAtEvse({ status: 'Accepted', evseId: [1, 2] }, 3), false);
  });
});
