// A05 Upgrade Charging Station Security Profile the way a CSMS does it: SetNetworkProfile for a profile 2 slot,
// SetVariables NetworkConfigurationPriority, Reset. The station restarts on the same SQLite store (as after a
// real reboot), connects over TLS (a server certificate from a CA made in the test) and never goes back, not
// even when its slot 1 option still names the old profile 1 CSMS. Two ocpp-rpc strict RPCServers play the CSMS.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BootReasonEnumType } from '../../../src/messages/types.js';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { acceptingCsms, allAnswered, createTestStation, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';
import { networkProfile } from '../../support/network-profile.js';

const open: Closables = [];
let pki: TestPki;
let dir: string;
let dbCount = 0;

before(async () => {
  pki = await createTestPki();
  dir = await mkdtemp(join(tmpdir(), 'ocpp-a05-reset-'));
});
after(async () => {
  await pki.cleanUp();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});


function setPriority(client: PeerClient, value: string) {
  return client
    .call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: value }],
    })
    .then((response: any) => response.setVariableResult[0]);
}

type Station = Awaited<ReturnType<typeof startAcceptedStation>>['station'];

function securityProfileOf(station: Station): string | undefined {
  return station.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } }])[0]!.attributeValue;
}

/** A station at security profile 1 against `plain`, with the CSMS root certificate `secure` serves a chain of. */
async function atProfileOne(stationId: string) {
  const plain = await CsmsPeer.start({ handlers: acceptingCsms() });
  const secure = await CsmsPeer.start({ handlers: acceptingCsms(), tls: { cert: pki.server.cert, key: pki.server.key } });
  open.push(plain, secure);
  const db = join(dir, `station-${dbCount++}.db`);
  const options = { stationId, certificates: { csmsRootCertificates: [pki.ca.cert] } };
  const first = await startAcceptedStation(plain, open, { ...options, stores: sqliteStationStores(db) });
  /**
   * What a reboot does: the station stops, and a new one starts on the same store, its slot 1 option still the
   * profile 1 CSMS. Resolves once `expected` has accepted it.
   */
  const reboot = async (current: Station, expected: CsmsPeer, reason: BootReasonEnumType = 'RemoteReset') => {
    await current.stop();
    const next = createTestStation(plain, { ...options, stores: sqliteStationStores(db) });
    open.push({ close: () => next.station.stop() });
    const client = expected.nextClient();
    next.station.start(reason);
    const connected = await client;
    await waitFor(() => next.station.registrationStatus === 'Accepted', 'Accepted after the reboot');
    await allAnswered(next);
    return { ...next, client: connected };
  };
  return { plain, secure, first, reboot, db };
}

/** SetNetworkProfile slot 2 (profile 2, wss), NetworkConfigurationPriority "2,1", Reset: the CSMS's part. */
async function orderUpgrade(client: PeerClient, secure: CsmsPeer) {
  const stored = await client.call('SetNetworkProfile', { configurationSlot: 2, connectionData: networkProfile(secure.url, 2) });
  const priority = await setPriority(client, '2,1');
  const reset = await client.call('Reset', { type: 'Immediate' });
  return { stored, priority, reset };
}

/** A station that has gone through the upgrade and rebooted onto profile 2. */
async function upgraded(stationId: string) {
  const setup = await atProfileOne(stationId);
  await orderUpgrade(setup.first.client, setup.secure);
  await waitFor(() => setup.first.resets.length === 1, 'the reset');
  const second = await setup.reboot(setup.first.station, setup.secure);
  await waitFor(() => securityProfileOf(second.station) === '2', 'SecurityProfile 2');
  return { ...setup, second };
}

describe('A05 security profile upgrade through SetNetworkProfile, NetworkConfigurationPriority and Reset', () => {
  it('A05.FR.04 accepts the priority "2,1" once slot 2 holds a profile 2 and a CSMS root certificate is installed', async () => {
    const { first, secure } = await atProfileOne('CS-A05R-04');
    const { stored, priority, reset } = await orderUpgrade(first.client, secure);
    assert.equal(stored.status, 'Accepted');
    assert.equal(priority.attributeStatus, 'Accepted');
    assert.equal(reset.status, 'Accepted');
    await waitFor(() => first.resets.length === 1, 'the reset');
    assert.deepEqual(first.resets, [{ type: 'Immediate' }]);
    // Nothing changes before the reboot: the station is still on slot 1 at profile 1.
    assert.equal(securityProfileOf(first.station), '1');
    assert.deepEqual(first.station.getNetworkConnectionSlots(), [2, 1]);
    assert.equal(secure.handshakes.length, 0);
  });

  it('A05.FR.05 after the reboot the station connects to the first entry of NetworkConfigurationPriority, over TLS', async () => {
    const { first, secure, plain, reboot } = await atProfileOne('CS-A05R-05');
    await orderUpgrade(first.client, secure);
    await waitFor(() => first.resets.length === 1, 'the reset');
    const plainHandshakes = plain.handshakes.length;
    const second = await reboot(first.station, secure);
    assert.equal(second.client.identity, 'CS-A05R-05');
    assert.equal(plain.handshakes.length, plainHandshakes, 'slot 1 is not tried');
    assert.equal(secure.handshakes.at(-1)!.password, 'test-password-000001', 'profile 2 sends Basic auth too');
    const boot = secure.callsOf('BootNotification').at(-1)!;
    assert.equal(boot.payload.reason, 'RemoteReset');
  });

  it('A05.FR.06 connected with profile 2, SecurityProfile becomes 2 and the profile 1 slot leaves slots and priority', async () => {
    const { second } = await upgraded('CS-A05R-06');
    assert.equal(securityProfileOf(second.station), '2');
    await waitFor(() => second.station.getNetworkConnectionSlots().length === 1, 'slot 1 dropped from the priority');
    assert.deepEqual(second.station.getNetworkConnectionSlots(), [2]);
    assert.equal(second.station.getNetworkConnectionProfile(1), undefined);
    assert.equal(second.station.getNetworkConnectionProfile(2)?.securityProfile, 2);
  });

  it('A05.FR.07 a later restart keeps profile 2 and does not write the profile 1 CSMS option back into slot 1', async () => {
    const { second, secure, plain, reboot } = await upgraded('CS-A05R-07');
    await waitFor(() => second.station.getNetworkConnectionProfile(1) === undefined, 'slot 1 removed');
    const plainHandshakes = plain.handshakes.length;
    const third = await reboot(second.station, secure, 'PowerUp');
    assert.equal(securityProfileOf(third.station), '2');
    assert.equal(third.station.getNetworkConnectionProfile(1), undefined, 'slot 1 stays empty');
    assert.deepEqual(third.station.getNetworkConnectionSlots(), [2]);
    assert.equal(plain.handshakes.length, plainHandshakes, 'the profile 1 CSMS is never contacted again');
    // Nor can the CSMS list slot 1 again: it holds nothing.
    assert.equal((await setPriority(third.client, '2,1')).attributeStatus, 'Rejected');
  });

  it('B09.FR.04 at profile 2, a SetNetworkProfile with securityProfile 1 is Rejected and stores nothing', async () => {
    const { second, plain, secure } = await upgraded('CS-A05R-B09');
    const refused = await second.client.call('SetNetworkProfile', { configurationSlot: 3, connectionData: networkProfile(plain.url, 1) });
    assert.equal(refused.status, 'Rejected');
    assert.equal(second.station.getNetworkConnectionProfile(3), undefined);
    const same = await second.client.call('SetNetworkProfile', { configurationSlot: 3, connectionData: networkProfile(secure.url, 2) });
    assert.equal(same.status, 'Accepted', 'the current profile is fine');
  });

  it('A05.FR.10 a priority naming a slot below SecurityCtrlr.SecurityProfile is Rejected', async () => {
    const { second, secure, plain, reboot, db } = await upgraded('CS-A05R-10');
    // A profile 1 left in slot 3 from elsewhere (a store written before the upgrade rules, say).
    await second.station.stop();
    const stores = sqliteStationStores(db);
    stores.networkProfiles.save(3, networkProfile(plain.url, 1));
    stores.close();
    const third = await reboot(second.station, secure);
    const refused = await setPriority(third.client, '2,3');
    assert.deepEqual([refused.attributeStatus, refused.attributeStatusInfo?.reasonCode], ['Rejected', 'InvalidValue']);
    assert.deepEqual(third.station.getNetworkConnectionSlots(), [2]);
  });
});
