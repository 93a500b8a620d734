// A05 Upgrade Charging Station Security Profile, end to end: from security profile 1 (ws) to 2 (wss with a
// server certificate signed by a CA made in the test), against two ocpp-rpc strict RPCServers.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';
import { networkProfile } from '../../support/network-profile.js';

const open: Closables = [];
let pki: TestPki;

before(async () => {
  pki = await createTestPki();
});
after(() => pki.cleanUp());
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});


function setPriority(client: { call: (a: string, p: unknown) => Promise<any> }, value: string) {
  return client
    .call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: value }],
    })
    .then((response: any) => response.setVariableResult[0]);
}

describe('A05 security profile upgrade', () => {
  it('A05.FR.02 refuses a priority naming a profile 2 slot without a CSMS root certificate, or an empty slot', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, { stationId: 'CS-A05-NOROOT' });
    const stored = await client.call('SetNetworkProfile', { configurationSlot: 2, connectionData: networkProfile('wss://127.0.0.1:1/ocpp', 2) });
    assert.equal(stored.status, 'Accepted');
    const noRoot = await setPriority(client, '2,1');
    assert.deepEqual([noRoot.attributeStatus, noRoot.attributeStatusInfo.reasonCode], ['Rejected', 'InvalidValue']);
    assert.equal((await setPriority(client, '3,1')).attributeStatus, 'Rejected');
  });

  it('A05.FR.03 refuses a priority raising to a profile 3 slot without a station certificate, accepts it once one is installed', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, {
      stationId: 'CS-A05-NOCERT',
      certificates: { csmsRootCertificates: [pki.ca.cert] },
    });
    assert.equal((await client.call('SetNetworkProfile', { configurationSlot: 2, connectionData: networkProfile('wss://127.0.0.1:1/ocpp', 3) })).status, 'Accepted');
    const noCertificate = await setPriority(client, '2,1');
    assert.deepEqual([noCertificate.attributeStatus, noCertificate.attributeStatusInfo.additionalInfo], [
      'Rejected',
      'slot 2 needs a charging station certificate (security profile 3)',
    ]);

    const withCertificate = await startAcceptedStation(peer, open, {
      stationId: 'CS-A05-CERT',
      certificates: { csmsRootCertificates: [pki.ca.cert], clientCertificate: { certificateChain: pki.client.cert, privateKey: pki.client.key } },
    });
    const slot = { configurationSlot: 2, connectionData: networkProfile('wss://127.0.0.1:1/ocpp', 3) };
    assert.equal((await withCertificate.client.call('SetNetworkProfile', slot)).status, 'Accepted');
    assert.equal((await setPriority(withCertificate.client, '2,1')).attributeStatus, 'Accepted');
  });

  it('A05.FR.04/06 connects with profile 2, then raises SecurityProfile and drops the profile 1 slot for good', async () => {
    const plain = await CsmsPeer.start({ handlers: acceptingCsms() });
    const secure = await CsmsPeer.start({ handlers: acceptingCsms(), tls: { cert: pki.server.cert, key: pki.server.key } });
    open.push(plain, secure);
    const { client, station, peer } = await startAcceptedStation(plain, open, {
      stationId: 'CS-A05',
      certificates: { csmsRootCertificates: [pki.ca.cert] },
    });
    assert.equal(peer, plain);
    const stored = await client.call('SetNetworkProfile', { configurationSlot: 2, connectionData: networkProfile(secure.url, 2) });
    assert.equal(stored.status, 'Accepted');
    assert.equal((await setPriority(client, '2,1')).attributeStatus, 'Accepted');

    const upgraded = secure.nextClient();
    station.connectWebsocket(2);
    assert.equal((await upgraded).identity, 'CS-A05');
    await waitFor(() => station.getNetworkConnectionSlots().length === 1, 'slot 1 dropped');
    const [securityProfile] = station.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } }]);
    assert.equal(securityProfile!.attributeValue, '2');
    assert.deepEqual(station.getNetworkConnectionSlots(), [2]);
    assert.equal(station.getNetworkConnectionProfile(1), undefined);
    const handshake = secure.handshakes.at(-1)!;
    assert.equal(handshake.password, 'test-password-000001', 'profile 2 still sends Basic auth');
  });
});
