// Bad input to the certificate handlers end to end against ocpp-rpc's strict RPCServer: a chain of 100
// certificates, a 1 MB certificate field, malformed PEM, an expired certificate. Each gets the specified status or
// CALLERROR and changes nothing stored. And what is stored survives a restart on the same SQLite file, keys
// included (files of mode 0600 beside the database).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { createOpensslCa, signCsr, type OpensslCa } from '../../support/openssl-ca.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
let work: string;
let ca: OpensslCa;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'ocpp-station-cert-input-'));
  ca = await createOpensslCa({ days: 30, subject: '/O=Test Operator/CN=Input Root CA' });
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const signWithCa = (csr: string, days: number) => signCsr(csr, ca, days);

/** No heartbeats: their answer would set the station's clock back to the CSMS's while a test moves it by days. */
const QUIET_INTERVAL = 1000 * 24 * 3600;

async function csms(): Promise<CsmsPeer> {
  const peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(QUIET_INTERVAL), SignCertificate: () => ({ status: 'Accepted' }) } });
  open.push(peer);
  return peer;
}

async function start(stationId: string, extra: Partial<Parameters<typeof startAcceptedStation>[2]> = {}) {
  return startAcceptedStation(await csms(), open, { stationId, certificates: { csmsRootCertificates: [ca.cert] }, ...extra });
}

/** A CALL the station must refuse with a CALLERROR: the error's code. */
async function callError(client: { call(action: string, payload: unknown): Promise<any> }, action: string, payload: unknown): Promise<string> {
  try {
    await client.call(action, payload);
  } catch (error) {
    return (error as { rpcErrorCode?: string; code?: string }).rpcErrorCode ?? String((error as Error).name);
  }
  assert.fail(`${action} was answered, a CALLERROR was expected`);
}

async function pendingCsr(test: Awaited<ReturnType<typeof start>>): Promise<string> {
  await test.client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
  await waitFor(() => test.peer.callsOf('SignCertificate').length === 1, 'the SignCertificate');
  return test.peer.callsOf('SignCertificate')[0]!.payload.csr;
}

describe('bad certificate input changes nothing', () => {
  it('M05 a chain of 100 certificates, a 1 MB certificate and malformed PEM: CALLERROR or Rejected, nothing stored', async () => {
    const test = await start('CS-BAD-1');
    const { client, station } = test;
    const before = station.installedCertificates();
    const hundred = ca.cert.repeat(100);
    // InstallCertificate.certificate is string[5500]: the schema refuses both before any handler runs.
    assert.match(await callError(client, 'InstallCertificate', { certificateType: 'MORootCertificate', certificate: hundred }), /Occurrence|Format|Constraint/);
    const huge = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(1024 * 1024)}\n-----END CERTIFICATE-----\n`;
    assert.match(await callError(client, 'InstallCertificate', { certificateType: 'MORootCertificate', certificate: huge }), /Occurrence|Format|Constraint/);
    for (const certificate of ['-----BEGIN CERTIFICATE-----\n', ca.cert.slice(0, 300), ca.cert.replace(/[A-Za-z]{20}/, '!!!!')]) {
      const answer = await client.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate });
      assert.equal(answer.status, 'Rejected');
    }
    assert.deepEqual(station.installedCertificates(), before);
    // The connection is still up and answers.
    assert.deepEqual(await client.call('GetInstalledCertificateIds', { certificateType: ['MORootCertificate'] }), { status: 'NotFound' });
  });

  it('A02.FR.16 / A02.FR.07 a CertificateSigned of 100 certificates or 1 MB is refused; one within the size but past MaxCertificateChainSize is Rejected', async () => {
    const test = await start('CS-BAD-2');
    const { client, station } = test;
    const csr = await pendingCsr(test);
    // certificateChain is string[10000]: 100 certificates and a 1 MB field are CALLERRORs.
    assert.match(await callError(client, 'CertificateSigned', { certificateChain: ca.cert.repeat(100) }), /Occurrence|Format|Constraint/);
    assert.match(await callError(client, 'CertificateSigned', { certificateChain: 'A'.repeat(1024 * 1024) }), /Occurrence|Format|Constraint/);
    station.setVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'MaxCertificateChainSize' }, attributeValue: '500' }]);
    const signed = await signWithCa(csr, 10);
    const tooLarge = await client.call('CertificateSigned', { certificateChain: signed });
    assert.equal(tooLarge.status, 'Rejected');
    assert.equal(tooLarge.statusInfo.reasonCode, 'TooLargeElement');
    assert.equal(station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 0);
  });

  it('A02.FR.06/07 an expired certificate is Rejected with InvalidChargingStationCertificate, and the CSR still waits for a good one', async () => {
    const test = await start('CS-BAD-3');
    const { client, peer, station, clock } = test;
    const csr = await pendingCsr(test);
    const shortLived = await signWithCa(csr, 1);
    await clock.advance(2 * 24 * 3600 * 1000); // a day past its notAfter on the station's clock
    const answer = await client.call('CertificateSigned', { certificateChain: shortLived });
    assert.equal(answer.status, 'Rejected');
    assert.equal(answer.statusInfo.reasonCode, 'InvalidCertificate');
    await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.payload.type === 'InvalidChargingStationCertificate'), 'the security event');
    assert.equal(station.installedCertificates().filter((entry) => entry.role === 'ChargingStationCertificate').length, 0);
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: await signWithCa(csr, 10) }), { status: 'Accepted' });
  });
});

describe('the certificate store across a restart', () => {
  it('M05 / A02 roots, the station certificate and its key survive a restart on the same SQLite file; the key file is 0600', async () => {
    const database = join(work, 'restart.db');
    const first = await start('CS-RESTART', { stores: sqliteStationStores(database) });
    assert.deepEqual(await first.client.call('InstallCertificate', { certificateType: 'V2GRootCertificate', certificate: ca.cert }), { status: 'Accepted' });
    const csr = await pendingCsr(first);
    const signed = await signWithCa(csr, 10);
    await first.clock.advance(2000);
    assert.deepEqual(await first.client.call('CertificateSigned', { certificateChain: signed }), { status: 'Accepted' });
    const listed = first.station.installedCertificates();
    await first.station.stop();

    const keyFolder = join(work, 'restart-keys');
    const keyFiles = await readdir(keyFolder);
    assert.equal(keyFiles.length, 1);
    assert.equal((await stat(join(keyFolder, keyFiles[0]!))).mode & 0o777, 0o600);
    assert.equal((await stat(keyFolder)).mode & 0o777, 0o700);

    // Restarted against a CSMS that has not seen it yet (its clock a little ahead of the CSMS's, as after a reboot).
    const second = await start('CS-RESTART', { stores: sqliteStationStores(database), clock: new FakeClock(first.clock.now()) });
    assert.deepEqual(second.station.installedCertificates(), listed);
    const ids = await second.client.call('GetInstalledCertificateIds', {});
    assert.deepEqual(ids.certificateHashDataChain.map((entry: any) => entry.certificateType).sort(), ['CSMSRootCertificate', 'V2GRootCertificate']);
  });
});
