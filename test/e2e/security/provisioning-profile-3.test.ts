// Issue 11: a station at security profile 3 that holds only the CSMS root, over real TLS on loopback. It connects
// without a client certificate; the CSMS provisions one (A02: TriggerMessage → SignCertificate with a CSR, signed
// here by the test CA with openssl → CertificateSigned) and the station reconnects presenting it (A02.FR.08). A CSMS
// that insists on a client certificate refuses the handshake: the station retries with its back-off.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer, type PeerTlsOptions } from '../../support/csms-peer.js';
import { signCsr } from '../../support/openssl-ca.js';
import { acceptingCsms, createTestStation, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';
import type { ConnectionStatus } from '../../../src/blocks/shared/station-events.js';

const open: Closables = [];
let pki: TestPki;

before(async () => {
  pki = await createTestPki({ organization: 'Test Operator' });
});
after(async () => {
  await pki.cleanUp();
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function tlsPeer(tls: Partial<PeerTlsOptions>) {
  const peer = await CsmsPeer.start({
    tls: { cert: pki.server.cert, key: pki.server.key, ca: [pki.ca.cert], ...tls },
    handlers: { ...acceptingCsms(), SignCertificate: () => ({ status: 'Accepted' }) },
  });
  open.push(peer);
  return peer;
}

describe('A02 provisioning at security profile 3 from only a CSMS root (issue 11)', () => {
  it('A02.FR.08 connects over TLS without a client certificate, and after CertificateSigned reconnects presenting it', async () => {
    const stationId = 'CS-A02-P3';
    // The CSMS asks for a client certificate but accepts a station without one, to provision it.
    const peer = await tlsPeer({ requestClientCertificate: true });
    const { client, station, clock } = await startAcceptedStation(peer, open, {
      stationId,
      securityProfile: 3,
      certificates: { csmsRootCertificates: [pki.ca.cert] },
    });
    assert.equal(peer.handshakes.length, 1);
    assert.equal(peer.handshakes[0]!.clientCertificateCN, undefined, 'no client certificate yet');
    assert.equal(peer.handshakes[0]!.authorization, undefined, 'no Basic auth at profile 3');
    assert.equal(station.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } }])[0]!.attributeValue, '3');

    // A02.FR.02/03: the trigger makes a key pair and a CSR with CN = the station id.
    // A05.FR.03 is about raising the profile: already at 3, the station may name its own slot without a certificate.
    const priority = await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '1' }],
    });
    assert.equal(priority.setVariableResult[0].attributeStatus, 'Accepted');
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('SignCertificate').length === 1, 'the SignCertificateRequest');
    const request = peer.callsOf('SignCertificate')[0]!.payload;
    assert.equal(request.certificateType, 'ChargingStationCertificate');
    const signed = await signCsr(request.csr, pki.ca);

    // The certificate starts at the second openssl signed it; the station's clock is a little behind (errata A02.FR.06).
    await clock.advance(2000);
    const reconnected = peer.nextClient();
    const answer = await client.call('CertificateSigned', { certificateChain: signed, certificateType: 'ChargingStationCertificate' });
    assert.deepEqual(answer, { status: 'Accepted' });
    // A02.FR.08: the station closes the link and connects again, now with the new certificate.
    const second = await reconnected;
    assert.equal(second.identity, stationId);
    assert.equal(peer.handshakes.length, 2);
    assert.equal(peer.handshakes[1]!.clientCertificateCN, stationId);
    assert.equal(peer.handshakes[1]!.clientCertificateTrusted, true, 'the certificate chains to the CSMS root');
    await waitFor(() => station.isConnected, 'the link to be up again');
    assert.equal(station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 1);
  });

  it('a CSMS that requires a client certificate refuses the handshake; the station waits its back-off and tries again', async () => {
    const peer = await tlsPeer({ requireClientCertificate: true });
    const test = createTestStation(peer, { stationId: 'CS-P3-REFUSED', securityProfile: 3, certificates: { csmsRootCertificates: [pki.ca.cert] } });
    open.push({ close: () => test.station.stop() });
    const changes: ConnectionStatus[] = [];
    test.station.events.on('connectionChanged', (change) => changes.push(change));
    const securityEvents: string[] = [];
    test.station.events.on('securityEvent', (event) => securityEvents.push(event.type));
    const failures = () => changes.filter((change) => change.state === 'failed');
    const attempts = () => changes.filter((change) => change.state === 'connecting').length;
    test.station.start();
    await waitFor(() => failures().length === 1 && changes.at(-1)?.state === 'reconnecting', 'the refused handshake');
    assert.equal(test.station.isConnected, false);
    assert.equal(peer.handshakes.length, 0, 'the websocket handshake never reached the CSMS');
    const { retryInMs } = failures()[0]!;
    assert.ok(retryInMs > 0, `a back-off before the next attempt, got ${retryInMs}`);

    // No new attempt before the back-off has passed on the station's clock (no spinning)...
    await test.clock.advance(retryInMs - 1);
    assert.equal(attempts(), 1);
    // ...and the next one once it has.
    await test.clock.advance(1);
    await waitFor(() => failures().length === 2, 'the second refused attempt');
    assert.equal(attempts(), 2);
    // The CSMS refused the station: its own certificate was fine, so no InvalidCsmsCertificate (A00.FR.413).
    assert.deepEqual(securityEvents, ['StartupOfTheDevice']);
  });
});
