// The life of the station's own certificate end to end against ocpp-rpc's strict RPCServer, on the fake clock:
// SignCertificate resent with a doubling back-off (A02.FR.17-20), renewal a month before expiry (A03.FR.02), and
// over real mutual TLS the switch to a renewed client certificate with its fallback (A02.FR.08/10/28/29 as the
// 2025 errata have them). Certificates are made and signed by openssl in the test.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { createOpensslCa, hexSerial, serialOf, signCsr, type OpensslCa } from '../../support/openssl-ca.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';
import type { FakeClock } from '../../fakes/fake-clock.js';

const open: Closables = [];
const DAY = 24 * 3600 * 1000;
/** No heartbeats while the tests move the clock by days. */
const QUIET_INTERVAL = 1000 * 24 * 3600;
/** A CA that lives a year, for certificates that outlive the renewal lead. */
let longCa: OpensslCa;

before(async () => {
  longCa = await createOpensslCa({ days: 365, subject: '/O=Test Operator/CN=Long Root CA' });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const hex = (serial: string | undefined) => (serial === undefined ? undefined : hexSerial(serial));

async function plainStation(stationId: string, root = longCa.cert) {
  const peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(QUIET_INTERVAL), SignCertificate: () => ({ status: 'Accepted' }) } });
  open.push(peer);
  return startAcceptedStation(peer, open, { stationId, certificates: { csmsRootCertificates: [root] } });
}

const signRequests = (peer: CsmsPeer, stationId: string) => peer.callsOf('SignCertificate').filter((call) => call.identity === stationId);

describe('A02.FR.17-20 SignCertificate resent when no certificate comes', () => {
  it('A02.FR.17/18/19 resends the CSR after 30, 60 and 120 s, then waits for a TriggerMessage', async () => {
    const id = 'CS-RETRY-1';
    const { client, peer, clock } = await plainStation(id);
    await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await waitFor(() => signRequests(peer, id).length === 1, 'the first SignCertificate');
    const csr = signRequests(peer, id)[0]!.payload.csr;
    for (const [waitMs, count] of [[29_000, 1], [1000, 2], [60_000, 3], [120_000, 4], [240_000 * 4, 4]] as const) {
      await clock.advance(waitMs);
      await waitFor(() => signRequests(peer, id).length === count, `${count} SignCertificate requests`);
    }
    // The same CSR each time (A02.FR.17 allows a new one but does not ask for it).
    assert.deepEqual(new Set(signRequests(peer, id).map((call) => call.payload.csr)), new Set([csr]));

    // A02.FR.19: a TriggerMessage starts over, with a new key pair.
    await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await waitFor(() => signRequests(peer, id).length === 5, 'the triggered SignCertificate');
    assert.notEqual(signRequests(peer, id)[4]!.payload.csr, csr);
    await clock.advance(30_000);
    await waitFor(() => signRequests(peer, id).length === 6, 'its first resend');
  });

  it('A02.FR.20 after a rejected CertificateSigned nothing is resent until a TriggerMessage', async () => {
    const id = 'CS-RETRY-2';
    const { client, peer, clock, station } = await plainStation(id);
    await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await waitFor(() => signRequests(peer, id).length === 1, 'the SignCertificate');
    assert.equal((await client.call('CertificateSigned', { certificateChain: 'garbage' })).status, 'Rejected');
    await clock.advance(3600_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a resend would be on the wire by now
    assert.equal(signRequests(peer, id).length, 1);
    assert.equal(station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 0);
  });
});

describe('A03 the station renews its certificate by itself', () => {
  it('A03.FR.02/03 sends a CSR once its certificate expires within a month, and only once', async () => {
    const id = 'CS-RENEW-1';
    const { client, peer, clock, station } = await plainStation(id);
    await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await waitFor(() => signRequests(peer, id).length === 1, 'the SignCertificate');
    const signed = await signCsr(signRequests(peer, id)[0]!.payload.csr, longCa, 40);
    await clock.advance(2000);
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: signed }), { status: 'Accepted' });
    await advanceDays(clock, 9);
    assert.equal(signRequests(peer, id).length, 1, 'no renewal 31 days before expiry');
    await advanceDays(clock, 2);
    await waitFor(() => signRequests(peer, id).length >= 2, 'the renewal CSR');
    const renewal = signRequests(peer, id)[1]!.payload;
    // One renewal CSR: anything after it is that CSR resent (the clock moved past its message timeout).
    assert.deepEqual(new Set(signRequests(peer, id).slice(1).map((call) => call.payload.csr)), new Set([renewal.csr]));
    assert.equal(renewal.certificateType, 'ChargingStationCertificate');
    assert.notEqual(renewal.csr, signRequests(peer, id)[0]!.payload.csr);
    // Its certificate arrives: the renewed one replaces the old one (profile 1: no client certificate in use).
    const renewed = await signCsr(renewal.csr, longCa, 40);
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: renewed }), { status: 'Accepted' });
    const installed = station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate');
    assert.deepEqual(installed.map((entry) => hex(entry.serialNumber)), [await serialOf(renewed)]);
  });
});

/** Moves the fake clock by whole days, one at a time, letting the station's daily check run. */
async function advanceDays(clock: FakeClock, days: number): Promise<void> {
  for (let day = 0; day < days; day++) await clock.advance(DAY);
}

describe('A02.FR.08/10/28/29 switching to a renewed client certificate over mutual TLS', () => {
  let pki: TestPki;
  let stranger: TestPki;
  const id = 'CS-MTLS-RENEW';
  before(async () => {
    [pki, stranger] = await Promise.all([createTestPki({ stationSerial: id, organization: 'Test Operator' }), createTestPki({ stationSerial: id })]);
  });
  after(async () => {
    await pki.cleanUp();
    await stranger.cleanUp();
  });

  async function mutualTlsStation() {
    const peer = await CsmsPeer.start({
      handlers: { ...acceptingCsms(QUIET_INTERVAL), SignCertificate: () => ({ status: 'Accepted' }) },
      tls: { cert: pki.server.cert, key: pki.server.key, ca: [pki.ca.cert], requireClientCertificate: true },
    });
    open.push(peer);
    const test = await startAcceptedStation(peer, open, {
      stationId: id,
      securityProfile: 3,
      certificates: { csmsRootCertificates: [pki.ca.cert], clientCertificate: { certificateChain: pki.client.cert, privateKey: pki.client.key } },
    });
    return test;
  }

  /** The seeded certificate expires in two days: the station asks for a new one as soon as it is accepted (A03.FR.02). */
  async function provision(test: Awaited<ReturnType<typeof mutualTlsStation>>, ca: OpensslCa) {
    const { client, peer, clock } = test;
    await waitFor(() => signRequests(peer, id).length === 1, 'the renewal SignCertificate');
    const signed = await signCsr(signRequests(peer, id)[0]!.payload.csr, ca, 1);
    await clock.advance(2000);
    const next = peer.nextClient();
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: signed }), { status: 'Accepted' });
    return { signed, next };
  }

  it('A03.FR.02/08/10 renews a certificate about to expire, reconnects with the renewed certificate, which the TLS server sees, and discards the old one', async () => {
    const test = await mutualTlsStation();
    const { peer, station } = test;
    const { signed, next } = await provision(test, pki.ca);
    await next;
    await waitFor(() => peer.handshakes.length === 2, 'the second handshake');
    assert.equal(peer.handshakes[1]!.clientCertificateCN, id);
    assert.equal(hex(peer.handshakes[1]!.clientCertificateSerial), await serialOf(signed));
    assert.notEqual(peer.handshakes[0]!.clientCertificateSerial, peer.handshakes[1]!.clientCertificateSerial);
    await waitFor(() => station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length === 1, 'the old one gone');
    const [left] = station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate');
    assert.equal(hex(left!.serialNumber), await serialOf(signed));
  });

  it('A02.FR.28/29 falls back to the old certificate when the renewed one cannot connect, and tells the CSMS', async () => {
    const test = await mutualTlsStation();
    const { client, peer, clock, station } = test;
    // The station trusts the stranger CA as a CSMS root, the TLS server does not trust certificates it signs.
    assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: stranger.ca.cert }), { status: 'Accepted' });
    const { next } = await provision(test, stranger.ca);
    // Each refused attempt waits its back-off on the fake clock; after a round the old certificate connects. Small
    // steps, so that the connection's first calls are answered before the clock passes their timeout.
    for (let step = 0; step < 400 && peer.handshakes.length < 2; step++) {
      await clock.advance(5_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await next;
    assert.equal(peer.handshakes[1]!.clientCertificateSerial, peer.handshakes[0]!.clientCertificateSerial);
    await waitFor(
      () => peer.callsOf('SecurityEventNotification').some((call) => call.payload.type === 'DiscardedRenewedClientCertificate'),
      'DiscardedRenewedClientCertificate',
    );
    const left = station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate');
    assert.deepEqual(left.map((entry) => entry.state), ['active']);
    assert.equal(hex(left[0]!.serialNumber), await serialOf(pki.client.cert));
  });
});
