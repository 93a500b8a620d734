// Blocks A and M end to end against ocpp-rpc's strict RPCServer, with a PKI made by openssl in the test:
// the certificate store (M03 GetInstalledCertificateIds, M04 DeleteCertificate, M05 InstallCertificate), the
// station certificate (A02: TriggerMessage → SignCertificate with a CSR → CertificateSigned), and the EV
// certificate forwarding (M01/M02). Hash data is computed independently with `openssl ocsp`.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CsmsPeer } from '../../support/csms-peer.js';
import { signCsr } from '../../support/openssl-ca.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';

const run = promisify(execFile);
const open: Closables = [];
let pki: TestPki;
let work: string;

before(async () => {
  pki = await createTestPki({ organization: 'Test Operator' });
  work = await mkdtemp(join(tmpdir(), 'ocpp-station-certs-'));
});
after(async () => {
  await pki.cleanUp();
  await rm(work, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

let fileCount = 0;
async function file(text: string): Promise<string> {
  const path = join(work, `f${fileCount++}.pem`);
  await writeFile(path, text);
  return path;
}

/** CertificateHashData of `cert` issued by `issuer`, as openssl's OCSP request puts it. */
async function opensslHashData(cert: string, issuer: string) {
  const request = join(work, `req${fileCount++}.der`);
  await run('openssl', ['ocsp', '-issuer', await file(issuer), '-sha256', '-cert', await file(cert), '-no_nonce', '-reqout', request]);
  const { stdout } = await run('openssl', ['ocsp', '-reqin', request, '-req_text']);
  const field = (name: string) => new RegExp(`${name}: ([0-9A-F]+)`).exec(stdout)![1]!.toLowerCase();
  return {
    hashAlgorithm: 'SHA256',
    issuerNameHash: field('Issuer Name Hash'),
    issuerKeyHash: field('Issuer Key Hash'),
    serialNumber: field('Serial Number').replace(/^0+/, ''),
  };
}

async function station(stationId: string) {
  const peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(), SignCertificate: () => ({ status: 'Accepted' }) } });
  open.push(peer);
  return startAcceptedStation(peer, open, { stationId, certificates: { csmsRootCertificates: [pki.ca.cert] } });
}

describe('M05 / M03 / M04 the certificate store', () => {
  it('M05.FR.02 installs a root, M03.FR.04 reports its hash data, M04.FR.02 deletes it, M04.FR.04 then NotFound', async () => {
    const { client, station: cs } = await station('CS-CERTS-1');
    assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'V2GRootCertificate', certificate: pki.ca.cert }), { status: 'Accepted' });
    const expected = await opensslHashData(pki.ca.cert, pki.ca.cert);
    const listed = await client.call('GetInstalledCertificateIds', { certificateType: ['V2GRootCertificate'] });
    assert.deepEqual(listed, { status: 'Accepted', certificateHashDataChain: [{ certificateType: 'V2GRootCertificate', certificateHashData: expected }] });
    // The CSMS root seeded from the options is there too, without a filter.
    const all = await client.call('GetInstalledCertificateIds', {});
    assert.deepEqual(all.certificateHashDataChain.map((entry: any) => entry.certificateType).sort(), ['CSMSRootCertificate', 'V2GRootCertificate']);
    assert.equal(cs.installedCertificates().length, 2);

    // The same CA is installed as CSMS root and as V2G root: the hash names it, both go.
    assert.deepEqual(await client.call('DeleteCertificate', { certificateHashData: expected }), { status: 'Accepted' });
    assert.deepEqual(await client.call('GetInstalledCertificateIds', {}), { status: 'NotFound' });
    assert.equal(cs.installedCertificates().length, 0);
    const unknown = { ...expected, serialNumber: '1234abcd' };
    assert.deepEqual(await client.call('DeleteCertificate', { certificateHashData: unknown }), { status: 'NotFound' });
  });

  it('M05.FR.07 rejects garbage, a bundle of two and a certificate that is not a CA, and stores nothing', async () => {
    const { client, station: cs } = await station('CS-CERTS-2');
    const before = cs.installedCertificates().length;
    for (const certificate of ['not a certificate', pki.ca.cert + pki.ca.cert, pki.server.cert, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n']) {
      const answer = await client.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate });
      assert.equal(answer.status, 'Rejected');
      assert.equal(answer.statusInfo.reasonCode, 'InvalidCertificate');
    }
    assert.equal(cs.installedCertificates().length, before);
  });

  it('M05.FR.17 installing the same root again replaces it; M04.FR.03 the last CSMS root is not deleted while in use at profile 2', async () => {
    const { client, station: cs } = await station('CS-CERTS-3');
    await client.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate: pki.ca.cert });
    await client.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate: pki.ca.cert });
    assert.equal(cs.installedCertificates().filter((entry) => entry.role === 'MORootCertificate').length, 1);
    // At profile 1 the CSMS root may go (nothing depends on it).
    const csmsRoot = (await client.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).certificateHashDataChain[0].certificateHashData;
    assert.deepEqual(await client.call('DeleteCertificate', { certificateHashData: csmsRoot }), { status: 'Accepted' });
  });
});

describe('A02 update the station certificate by request of the CSMS', () => {
  it('A02.FR.02/03 a trigger makes a CSR with O and CN; A02.FR.06/08 a chain signed by the CSMS root is Accepted and stored', async () => {
    const { client, peer, station: cs, clock } = await station('CS-A02-1');
    // Separate CSMS and V2G certificates: a combined one is not made (F06.FR.08).
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignCombinedCertificate' }), { status: 'NotImplemented' });
    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('SignCertificate').length === 1, 'the SignCertificateRequest');
    const request = peer.callsOf('SignCertificate')[0]!.payload;
    assert.equal(request.certificateType, 'ChargingStationCertificate');
    const csrFile = await file(request.csr);
    const { stdout, stderr } = await run('openssl', ['req', '-in', csrFile, '-noout', '-verify', '-subject']);
    assert.match(stdout + stderr, /verify OK/);
    assert.match(stdout, /O = .+, CN = CS-A02-1/);

    const signed = await signCsr(request.csr, pki.ca);
    // The certificate starts at the second openssl signed it; the station's clock is a little behind (errata A02.FR.06).
    await clock.advance(2000);
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: signed, certificateType: 'ChargingStationCertificate' }), { status: 'Accepted' });
    assert.equal(cs.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 1);
    // A second CertificateSigned for the same CSR finds no waiting request.
    assert.equal((await client.call('CertificateSigned', { certificateChain: signed })).status, 'Rejected');
  });

  it('A02.FR.07 a certificate for another key, garbage and a chain from another CA are Rejected with InvalidChargingStationCertificate', async () => {
    const { client, peer, station: cs } = await station('CS-A02-2');
    await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await waitFor(() => peer.callsOf('SignCertificate').length === 1, 'the SignCertificateRequest');
    const stranger = await createTestPki({ stationSerial: 'CS-A02-2' });
    try {
      for (const certificateChain of [pki.client.cert, 'garbage', stranger.client.cert]) {
        const answer = await client.call('CertificateSigned', { certificateChain, certificateType: 'ChargingStationCertificate' });
        assert.equal(answer.status, 'Rejected', certificateChain.slice(0, 20));
      }
    } finally {
      await stranger.cleanUp();
    }
    await waitFor(
      () => peer.callsOf('SecurityEventNotification').filter((call) => call.payload.type === 'InvalidChargingStationCertificate').length === 3,
      'three InvalidChargingStationCertificate events',
    );
    assert.equal(cs.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 0);
  });
});

describe('M01 / M02 EV certificates', () => {
  it('M01.FR.01 forwards the EV request to the CSMS and returns its answer; offline it is Failed at once', async () => {
    const { peer, station: cs } = await station('CS-M01');
    peer.handlers['Get15118EVCertificate'] = (payload: any) => ({ status: 'Accepted', exiResponse: `answer-to-${payload.exiRequest}` });
    const request = { iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef', action: 'Install' as const, exiRequest: 'AAAA' };
    assert.deepEqual(await cs.onGet15118EvCertificateRequest(request), { status: 'Accepted', exiResponse: 'answer-to-AAAA' });
    await cs.disconnectWebsocket();
    assert.deepEqual(await cs.onGet15118EvCertificateRequest(request), { status: 'Failed', exiResponse: '' });
  });
});
