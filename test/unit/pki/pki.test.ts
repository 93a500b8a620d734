// The PKI helpers with certificates made by openssl (test/support/tls-certificates.ts): PEM bundles, chain
// verification (A02.FR.06, M05.FR.07), key pairs and CSRs (A02.FR.02/03), and the key and certificate stores.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertificates, CertificateFormatError, MAX_BUNDLE_CERTIFICATES } from '../../../src/pki/pem.js';
import { verifyChain } from '../../../src/pki/chain-verification.js';
import { generatePemKeyPair, keyMatches } from '../../../src/pki/key-pairs.js';
import { createCsr } from '../../../src/pki/csr.js';
import { FileKeyStore, KeyStoreError } from '../../../src/storage/file-key-store.js';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';

let pki: TestPki;
let other: TestPki;
let dir: string;
before(async () => {
  [pki, other] = await Promise.all([createTestPki(), createTestPki()]);
  dir = await mkdtemp(join(tmpdir(), 'ocpp-station-pki-unit-'));
});
after(async () => {
  await Promise.all([pki.cleanUp(), other.cleanUp(), rm(dir, { recursive: true, force: true })]);
});

describe('PEM bundles', () => {
  it('parses a leaf-first bundle and refuses garbage, extra text and more than the limit', () => {
    assert.equal(parseCertificates(pki.client.cert + pki.ca.cert).length, 2);
    assert.throws(() => parseCertificates('garbage'), CertificateFormatError);
    assert.throws(() => parseCertificates(`${pki.ca.cert}trailing text`), /besides certificates/);
    assert.throws(() => parseCertificates(pki.ca.cert.repeat(MAX_BUNDLE_CERTIFICATES + 1)), /more than/);
    assert.throws(() => parseCertificates(pki.ca.cert.repeat(100)), /more than/);
  });
});

describe('chain verification', () => {
  it('accepts a leaf signed by the root, and names why it refuses another CA, an expired time or no root', () => {
    const now = new Date(Date.parse(new X509Certificate(pki.client.cert).validFrom) + 60_000);
    const leaf = new X509Certificate(pki.client.cert);
    const root = new X509Certificate(pki.ca.cert);
    assert.equal(verifyChain([leaf], [root], now).valid, true);
    assert.equal(verifyChain([leaf, root], [root], now).valid, true);
    const stranger = verifyChain([leaf], [new X509Certificate(other.ca.cert)], now);
    assert.equal(stranger.valid, false);
    const expired = verifyChain([leaf], [root], new Date(now.getTime() + 10 * 86_400_000));
    assert.match(expired.valid ? '' : expired.reason, /not valid at/);
    assert.equal(verifyChain([], [root], now).valid, false);
  });
});

describe('key pairs and CSRs', () => {
  it('A02.FR.02 makes ECDSA P-256 and RSA 2048 keys whose CSRs carry the subject', async () => {
    for (const algorithm of ['ecdsa-p256', 'rsa-2048'] as const) {
      const keys = await generatePemKeyPair(algorithm);
      const csr = await createCsr(keys, { organization: 'Operator', commonName: 'CS-1' });
      assert.match(csr, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
    }
    const keys = await generatePemKeyPair();
    assert.equal(keyMatches(new X509Certificate(pki.client.cert).publicKey, keys.privateKey), false);
    assert.equal(keyMatches(new X509Certificate(pki.client.cert).publicKey, pki.client.key), true);
  });
});

describe('key and certificate stores', () => {
  it('keeps keys as files with mode 0600 in a 0700 folder, and refuses ids that are not file names', async () => {
    const folder = join(dir, 'keys');
    const store = new FileKeyStore(folder);
    assert.deepEqual(store.keyIds(), []);
    store.save('cs-1', pki.client.key);
    assert.equal(store.load('cs-1'), pki.client.key);
    assert.equal((await stat(join(folder, 'cs-1.key.pem'))).mode & 0o777, 0o600);
    assert.equal((await stat(folder)).mode & 0o777, 0o700);
    assert.throws(() => store.save('../escape', 'x'), KeyStoreError);
    store.remove('cs-1');
    assert.equal(store.load('cs-1'), undefined);
  });

  it('certificates, signing requests and OCSP responses survive a reopen of the SQLite file', () => {
    const path = join(dir, 'station.db');
    const first = sqliteStationStores(path);
    const stored = first.certificates.add({ role: 'V2GRootCertificate', pem: pki.ca.cert, state: 'active', installedAt: '2026-01-01T00:00:00.000Z' });
    first.certificates.putSigningRequest({ use: 'ChargingStationCertificate', keyId: 'k1', csr: 'csr', createdAt: '2026-01-01T00:00:00.000Z' });
    first.certificates.putOcspResponse({ key: 'a', response: 'AAAA', fetchedAt: '2026-01-01T00:00:00.000Z' });
    first.close();
    const second = sqliteStationStores(path);
    assert.deepEqual(second.certificates.list(), [stored]);
    assert.equal(second.certificates.signingRequests()[0]!.keyId, 'k1');
    assert.equal(second.certificates.ocspResponses()[0]!.response, 'AAAA');
    assert.equal(second.certificates.remove(stored.id), true);
    second.close();
  });
});
