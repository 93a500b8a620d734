// C and D through the station: the CSMS installs a local authorization list, the station authorizes from it
// without asking (C14.FR.02), keeps its version (D02), refuses an outdated differential update (D01.FR.19),
// and clears its cache on request (C11).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const LISTED = { idToken: 'LISTED-01', type: 'ISO14443' as const };
const UNKNOWN = { idToken: 'STRANGER-9', type: 'ISO14443' as const };

describe('local authorization through the station', () => {
  it('C14.FR.02 / D01 / D02 authorizes from the local list, keeps its version, refuses an old differential', async () => {
    const peer = await CsmsPeer.start({
      handlers: { ...acceptingCsms(), Authorize: () => ({ idTokenInfo: { status: 'Invalid' } }), TransactionEvent: () => ({}) },
    });
    open.push(peer);
    const { client, station } = await startAcceptedStation(peer, open, { stationId: 'CS-LOCAL' });

    assert.deepEqual(await client.call('GetLocalListVersion', {}), { versionNumber: 0 });
    const full = await client.call('SendLocalList', {
      versionNumber: 3,
      updateType: 'Full',
      localAuthorizationList: [{ idToken: LISTED, idTokenInfo: { status: 'Accepted' } }],
    });
    assert.equal(full.status, 'Accepted');
    assert.deepEqual(await client.call('GetLocalListVersion', {}), { versionNumber: 3 });

    const listed = await station.validateToken(LISTED);
    assert.equal(listed.idTokenInfo.status, 'Accepted');
    assert.equal(peer.callsOf('Authorize').length, 0, 'no Authorize for a listed token');
    const stranger = await station.validateToken(UNKNOWN);
    assert.equal(stranger.idTokenInfo.status, 'Invalid');
    assert.equal(peer.callsOf('Authorize').length, 1);

    const stale = await client.call('SendLocalList', { versionNumber: 3, updateType: 'Differential', localAuthorizationList: [{ idToken: UNKNOWN }] });
    assert.equal(stale.status, 'VersionMismatch');
    assert.deepEqual(await client.call('ClearCache', {}), { status: 'Accepted' });
  });
});
