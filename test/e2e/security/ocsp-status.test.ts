// M06 and the OCSP part of C07 end to end against ocpp-rpc's strict RPCServer, with a PKI and OCSP responses made
// by openssl (test/support/ocsp-pki.ts: root, sub-CA, and leaves naming an OCSP responder). The station gets a V2G
// certificate through A02 (TriggerMessage → SignCertificate → CertificateSigned, chain leaf + sub-CA), then asks
// for the OCSP status of both with GetCertificateStatus; the CSMS answers with real OCSP responses. Request data
// is compared with what openssl puts in an OCSP request.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCSP_REFRESH_MS } from '../../../src/blocks/certificates/ocsp-status.js';
import { createLogger } from '../../../src/logger.js';
import type { Request } from '../../../src/messages/types.js';
import { sqliteStationStores, type StationStores } from '../../../src/station/station-stores.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { createOcspPki, OCSP_URL, type OcspPki } from '../../support/ocsp-pki.js';
import { acceptingCsms, allAnswered, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let pki: OcspPki;
let dir: string;
before(async () => {
  pki = await createOcspPki('E2E');
  dir = await mkdtemp(join(tmpdir(), 'ocpp-station-ocsp-e2e-'));
});
after(async () => {
  await pki.cleanUp();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const serialOf = (pem: string) => new X509Certificate(pem).serialNumber.toLowerCase().replace(/^0+/, '');

/** A CSMS that answers GetCertificateStatus from `responses` (base64 by serial), or with `garbage`. */
async function csms(responses: Map<string, string>, options: { garbage?: boolean } = {}) {
  const peer = await CsmsPeer.start({
    handlers: {
      // A heartbeat interval of 30 days: moving the FakeClock a week fires no heartbeats.
      ...acceptingCsms(30 * 86_400),
      SignCertificate: () => ({ status: 'Accepted' }),
      GetCertificateStatus: (payload: Request<'GetCertificateStatus'>) => {
        if (options.garbage) return { status: 'Accepted', ocspResult: Buffer.from('not an OCSP response').toString('base64') };
        const ocspResult = responses.get(payload.ocspRequestData.serialNumber);
        return ocspResult ? { status: 'Accepted', ocspResult } : { status: 'Failed' };
      },
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' }, certificateStatus: 'Accepted' }),
    },
  });
  open.push(peer);
  return peer;
}

/** A02 for the V2G certificate: the CSR signed by the sub-CA; the chain leaf + sub-CA; OCSP answers prepared for both. */
async function installV2gCertificate(test: Awaited<ReturnType<typeof startAcceptedStation>>, responses: Map<string, string>) {
  const { client, peer, clock } = test;
  assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'V2GRootCertificate', certificate: pki.root.cert }), { status: 'Accepted' });
  assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignV2GCertificate' }), { status: 'Accepted' });
  await waitFor(() => peer.callsOf('SignCertificate').length === 1, 'the SignCertificateRequest');
  const leaf = await pki.signCsr(peer.callsOf('SignCertificate')[0]!.payload.csr, pki.subCa);
  responses.set(serialOf(leaf), await pki.ocspResponse(leaf, pki.subCa));
  responses.set(serialOf(pki.subCa.cert), await pki.ocspResponse(pki.subCa.cert, pki.root));
  await allAnswered(test);
  await clock.advance(2000); // openssl's notBefore is the second it signed; the station's clock is a little behind
  const answer = await client.call('CertificateSigned', { certificateChain: leaf + pki.subCa.cert, certificateType: 'V2GCertificate' });
  assert.deepEqual(answer, { status: 'Accepted' });
  return leaf;
}

describe('M06 OCSP status of the V2G certificates', () => {
  it('M06.FR.07 after a V2G certificate is installed the station asks for the leaf and the sub-CA with openssl\'s request data, M06.FR.06 caches the answers across a restart, M06.FR.10 refreshes after a week', async () => {
    const responses = new Map<string, string>();
    const peer = await csms(responses);
    const database = join(dir, 'm06.db');
    let stores: StationStores = sqliteStationStores(database);
    const first = await startAcceptedStation(peer, open, { stationId: 'CS-M06-1', stores });
    const leaf = await installV2gCertificate(first, responses);

    await waitFor(() => peer.callsOf('GetCertificateStatus').length === 2, 'GetCertificateStatus for the leaf and the sub-CA');
    const requested = peer.callsOf('GetCertificateStatus').map((call) => call.payload.ocspRequestData);
    assert.deepEqual(requested, [
      { ...(await pki.opensslRequestData(leaf, pki.subCa.cert)), responderURL: OCSP_URL },
      { ...(await pki.opensslRequestData(pki.subCa.cert, pki.root.cert)), responderURL: OCSP_URL },
    ]);
    await waitFor(() => stores.certificates.ocspResponses().length === 2, 'both answers cached');
    const cached = await first.station.v2gOcspResponses();
    assert.deepEqual(cached.map((entry) => entry.cached?.response), [responses.get(serialOf(leaf)), responses.get(serialOf(pki.subCa.cert))]);
    assert.deepEqual(cached.map((entry) => entry.ocspRequestData), requested);

    // A restart with the same SQLite file: the answers are there, and fresh ones are not asked for again.
    await first.station.stop();
    stores = sqliteStationStores(database);
    const clock = new FakeClock(first.clock.now());
    const second = await startAcceptedStation(peer, open, { stationId: 'CS-M06-1', stores, clock });
    assert.deepEqual((await second.station.v2gOcspResponses()).map((entry) => entry.cached?.response), cached.map((entry) => entry.cached?.response));
    await allAnswered(second);
    assert.equal(peer.callsOf('GetCertificateStatus').length, 2);

    // A week later both are asked for again (a minute more: the station's time is the CSMS's, a little ahead).
    await clock.advance(OCSP_REFRESH_MS + 60_000);
    await waitFor(() => peer.callsOf('GetCertificateStatus').length === 4, 'the weekly refresh');
    assert.deepEqual(peer.callsOf('GetCertificateStatus').slice(2).map((call) => call.payload.ocspRequestData), requested);
    await allAnswered(second);
    // The station's clock follows the CSMS's time (an offset over the FakeClock): a week after the first answers.
    const firstFetch = Date.parse(cached[0]!.cached!.fetchedAt);
    await waitFor(
      () => stores.certificates.ocspResponses().every((entry) => Date.parse(entry.fetchedAt) - firstFetch >= OCSP_REFRESH_MS - 60_000),
      'the cache refreshed',
    );
  });

  it('M06.FR.06 an ocspResult that is not an OCSP response is not cached', async () => {
    const responses = new Map<string, string>();
    const peer = await csms(responses, { garbage: true });
    const stores = sqliteStationStores(join(dir, 'm06-garbage.db'));
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => lines.push(line) } });
    const test = await startAcceptedStation(peer, open, { stationId: 'CS-M06-2', stores, logger });
    await installV2gCertificate(test, responses);
    await waitFor(() => peer.callsOf('GetCertificateStatus').length === 2, 'GetCertificateStatus for the leaf and the sub-CA');
    await waitFor(() => lines.filter((line) => line.includes('is not usable; it is not cached')).length === 2, 'both answers refused and logged');
    assert.deepEqual(stores.certificates.ocspResponses(), []);
    assert.deepEqual((await test.station.v2gOcspResponses()).map((entry) => entry.cached), [undefined, undefined]);
  });
});

describe('C07 authorization with a contract certificate', () => {
  it('C07.FR.02 Authorize carries the OCSP request data of the contract chain, computed by the station; C07.FR.07/08 the offline rules', async () => {
    const peer = await csms(new Map());
    const test = await startAcceptedStation(peer, open, { stationId: 'CS-C07-1' });
    const { client, station } = test;
    assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate: pki.root.cert }), { status: 'Accepted' });
    const idToken = { idToken: 'DEABC1234567890', type: 'eMAID' as const };
    const chain = pki.leaf.cert + pki.subCa.cert;
    await test.clock.advance(2000);

    const answer = await station.validateToken(idToken, chain);
    assert.equal(answer.idTokenInfo.status, 'Accepted');
    const request = peer.callsOf('Authorize').at(-1)!.payload;
    assert.equal(request.certificate, chain);
    assert.deepEqual(request.iso15118CertificateHashData, [
      { ...(await pki.opensslRequestData(pki.leaf.cert, pki.subCa.cert)), responderURL: OCSP_URL },
      { ...(await pki.opensslRequestData(pki.subCa.cert, pki.root.cert)), responderURL: OCSP_URL },
    ]);
    // A certificate longer than Authorize allows (string[5500]) cannot be sent: Invalid, nothing on the wire.
    const tooLong = await station.validateToken({ ...idToken, idToken: 'DEABC0000000009' }, 'A'.repeat(5501));
    assert.equal(tooLong.idTokenInfo.status, 'Invalid');
    assert.equal(peer.callsOf('Authorize').length, 1);
    // Request data the caller gives is sent as it is.
    const given = [{ ...request.iso15118CertificateHashData[1] }];
    await station.validateToken({ ...idToken, idToken: 'DEABC0000000003' }, chain, given);
    assert.equal(peer.callsOf('Authorize').length, 2);
    assert.deepEqual(peer.callsOf('Authorize').at(-1)!.payload.iso15118CertificateHashData, given);

    await station.disconnectWebsocket();
    const set = (value: string) =>
      station.setVariables([{ component: { name: 'ISO15118Ctrlr' }, variable: { name: 'ContractValidationOffline' }, attributeValue: value }]);
    set('false');
    assert.deepEqual(await station.validateToken({ ...idToken, idToken: 'DEABC0000000001' }, chain), { idTokenInfo: { status: 'Unknown' } });
    set('true');
    const stranger = await createOcspPki('Stranger');
    try {
      const refused = await station.validateToken({ ...idToken, idToken: 'DEABC0000000002' }, stranger.leaf.cert + stranger.subCa.cert);
      assert.deepEqual(refused, { idTokenInfo: { status: 'Invalid' }, certificateStatus: 'CertChainError' });
    } finally {
      await stranger.cleanUp();
    }
    // A valid chain goes on to the offline rules: the token was cached Accepted by the Authorize above.
    station.setVariables([{ component: { name: 'AuthCtrlr' }, variable: { name: 'LocalAuthorizeOffline' }, attributeValue: 'true' }]);
    assert.equal((await station.validateToken(idToken, chain)).idTokenInfo.status, 'Accepted');
  });
});
