// The authorization block over a real socket against ocpp-rpc's strict RPCServer: the CSMS installs and
// updates the local list (D01) and reads its version (D02), clears the cache (C11), and the station decides
// idTokens with Authorize while online and from its list and cache while offline.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Authorization } from '../../../src/blocks/authorization/authorization.js';
import { declarationsOf } from '../../../src/device-model/declare.js';
import { DeviceModel } from '../../../src/device-model/device-model.js';
import { AuthCacheCtrlr, AuthCtrlr, LocalAuthListCtrlr } from '../../../src/device-model/standardized/index.js';
import type { OcppLink } from '../../../src/link/ocpp-link.js';
import { silentLogger } from '../../../src/logger.js';
import { MemoryAuthCacheStore } from '../../../src/storage/memory/memory-auth-cache-store.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { MemoryLocalAuthListStore } from '../../../src/storage/memory/memory-local-auth-list-store.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { createTestLink } from '../../support/test-link.js';
import { waitFor } from '../../support/wait-for.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** The CSMS's view of idTokens it is asked about. */
const CSMS_KNOWS: Record<string, string> = { 'CARD-C': 'Accepted', 'CARD-X': 'Blocked' };

async function connect(peer: CsmsPeer, link: OcppLink): Promise<PeerClient> {
  const client = peer.nextClient();
  link.connect();
  const connected = await client;
  await waitFor(() => link.isConnected, 'the link to report connected');
  return connected;
}

async function setUp() {
  const peer = await CsmsPeer.start({
    handlers: {
      Authorize: (payload: { idToken: { idToken: string } }) => ({
        idTokenInfo: { status: CSMS_KNOWS[payload.idToken.idToken.toUpperCase()] ?? 'Unknown' },
      }),
    },
  });
  open.push(peer);
  const { link, clock } = createTestLink(peer, { stationId: 'CS-AUTH' });
  open.push(link);
  link.setRegistrationStatus('Accepted');
  const model = DeviceModel.load({
    declarations: [...declarationsOf(AuthCtrlr), ...declarationsOf(AuthCacheCtrlr), ...declarationsOf(LocalAuthListCtrlr)],
    store: new MemoryDeviceModelStore(),
    clock,
    supportedBlocks: ['Authorization', 'AuthCache', 'LocalAuthList'],
  });
  const auth = new Authorization({
    model,
    send: link.send.bind(link),
    isOnline: () => link.isConnected,
    clock,
    logger: silentLogger(),
    cache: new MemoryAuthCacheStore(),
    localList: new MemoryLocalAuthListStore(),
  });
  link.registerHandlers('authorization', auth.handlers());
  const client = await connect(peer, link);
  return { peer, link, clock, model, auth, client };
}

const rfid = (idToken: string) => ({ idToken, type: 'ISO14443' as const });

describe('authorization end to end', () => {
  it('D01 / D02: SendLocalList Full, then Differential, then GetLocalListVersion; the list decides without Authorize', async () => {
    const { peer, model, auth, client } = await setUp();
    const full = await client.call('SendLocalList', {
      versionNumber: 1,
      updateType: 'Full',
      localAuthorizationList: [
        { idToken: rfid('CARD-A'), idTokenInfo: { status: 'Accepted' } },
        { idToken: rfid('CARD-B'), idTokenInfo: { status: 'Accepted' } },
      ],
    });
    assert.deepEqual(full, { status: 'Accepted' });
    const differential = await client.call('SendLocalList', {
      versionNumber: 2,
      updateType: 'Differential',
      localAuthorizationList: [{ idToken: rfid('CARD-B') }, { idToken: rfid('CARD-D'), idTokenInfo: { status: 'Blocked' } }],
    });
    assert.deepEqual(differential, { status: 'Accepted' });
    assert.deepEqual(await client.call('GetLocalListVersion', {}), { versionNumber: 2 });
    assert.equal(model.value(LocalAuthListCtrlr.Entries), 2);

    const stale = await client.call('SendLocalList', { versionNumber: 2, updateType: 'Differential' });
    assert.equal(stale.status, 'VersionMismatch');

    assert.equal((await auth.validateToken(rfid('card-a'))).idTokenInfo.status, 'Accepted');
    assert.equal(peer.callsOf('Authorize').length, 0, 'C14.FR.02: a listed Accepted token needs no Authorize');
    // C14.FR.03: the listed Blocked token is asked about; the CSMS does not know it.
    assert.equal((await auth.validateToken(rfid('CARD-D'))).idTokenInfo.status, 'Unknown');
    assert.deepEqual(peer.callsOf('Authorize').map((call) => call.payload), [{ idToken: rfid('CARD-D') }]);
  });

  it('D01.FR.11: a SendLocalList over ItemsPerMessage is answered with CALLERROR OccurrenceConstraintViolation', async () => {
    const { model, client } = await setUp();
    const limit = model.value(LocalAuthListCtrlr.ItemsPerMessage);
    const tooMany = Array.from({ length: limit + 1 }, (_, index) => ({ idToken: rfid(`T${index}`), idTokenInfo: { status: 'Accepted' } }));
    await assert.rejects(
      client.call('SendLocalList', { versionNumber: 1, updateType: 'Full', localAuthorizationList: tooMany }),
      (error: any) => error.rpcErrorCode === 'OccurrenceConstraintViolation',
    );
    assert.deepEqual(await client.call('GetLocalListVersion', {}), { versionNumber: 0 });
  });

  it('C01 / C10 / C13 / C15: Authorize while online and cached; offline the list and the cache decide, unknown tokens per OfflineTxForUnknownIdEnabled', async () => {
    const { peer, link, model, auth, client } = await setUp();
    await client.call('SendLocalList', {
      versionNumber: 5,
      updateType: 'Full',
      localAuthorizationList: [{ idToken: rfid('CARD-A'), idTokenInfo: { status: 'Accepted' } }],
    });
    assert.equal((await auth.validateToken(rfid('CARD-C'))).idTokenInfo.status, 'Accepted');
    assert.equal((await auth.validateToken(rfid('CARD-X'))).idTokenInfo.status, 'Blocked');
    assert.equal(peer.callsOf('Authorize').length, 2);

    await link.disconnect();
    await waitFor(() => !link.isConnected, 'the link to report disconnected');
    assert.equal((await auth.validateToken(rfid('CARD-A'))).idTokenInfo.status, 'Accepted', 'C13: listed');
    assert.equal((await auth.validateToken(rfid('card-c'))).idTokenInfo.status, 'Accepted', 'C12 / LocalAuthorizeOffline: cached');
    assert.equal((await auth.validateToken(rfid('CARD-X'))).idTokenInfo.status, 'Blocked', 'cached, not Accepted');
    assert.equal((await auth.validateToken(rfid('STRANGER'))).idTokenInfo.status, 'Unknown');
    model.set(AuthCtrlr.OfflineTxForUnknownIdEnabled, true, 'integrator');
    assert.equal((await auth.validateToken(rfid('STRANGER'))).idTokenInfo.status, 'Accepted', 'C15.FR.08');
    assert.equal(peer.callsOf('Authorize').length, 2, 'nothing was sent while offline');
    assert.equal(auth.cache.usage().entries, 2, 'C15.FR.01: the offline acceptance was not cached');
  });

  it('C11: ClearCache empties the cache, and Rejected (NotEnabled) while the cache is disabled', async () => {
    const { peer, model, auth, client } = await setUp();
    await auth.validateToken(rfid('CARD-C'));
    assert.equal(auth.cache.usage().entries, 1);
    assert.deepEqual(await client.call('ClearCache', {}), { status: 'Accepted' });
    assert.equal(auth.cache.usage().entries, 0);
    await auth.validateToken(rfid('CARD-C'));
    assert.equal(peer.callsOf('Authorize').length, 2, 'after ClearCache the token is asked about again');

    model.set(AuthCacheCtrlr.Enabled, false, 'integrator');
    const rejected = await client.call('ClearCache', {});
    assert.equal(rejected.status, 'Rejected');
    assert.equal(rejected.statusInfo.reasonCode, 'NotEnabled');
  });
});
