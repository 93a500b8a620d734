// M03 / M04 / M05 over a memory store with certificates made by openssl: the limits and the V2G chain's children,
// hash data compared with openssl's own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deleteCertificate, getInstalledCertificateIds, installCertificate, type CertificateStoreHandlerOptions } from '../../../../src/blocks/certificates/certificate-store-handlers.js';
import { InstalledCertificates } from '../../../../src/blocks/certificates/installed-certificates.js';
import { CERTIFICATE_CAPACITY } from '../../../../src/device-model/standardized/security-ctrlr.js';
import { MemoryCertificateStore } from '../../../../src/storage/memory/memory-certificate-store.js';
import { createOcspPki, type OcspPki } from '../../../support/ocsp-pki.js';
import { createOpensslCa, type OpensslCa } from '../../../support/openssl-ca.js';

let pki: OcspPki;
let other: OpensslCa;
before(async () => {
  [pki, other] = await Promise.all([createOcspPki('Handlers'), createOpensslCa({ days: 30, subject: '/O=Other/CN=Other Root' })]);
});
after(() => pki.cleanUp());

function handlers() {
  const certificates = new InstalledCertificates(new MemoryCertificateStore());
  let changes = 0;
  const options: CertificateStoreHandlerOptions = {
    certificates,
    now: () => new Date(),
    changed: () => changes++,
    isLastCsmsRootInUse: () => false,
    logFailure: () => undefined,
  };
  return { certificates, options, changes: () => changes };
}

const installedAt = new Date().toISOString();

describe('certificate store handlers', () => {
  it(`M05.FR.06 at ${CERTIFICATE_CAPACITY} certificates a new one is Rejected with OutOfStorage; one already there is still replaced`, () => {
    const { certificates, options } = handlers();
    for (let i = 0; i < CERTIFICATE_CAPACITY; i++) certificates.add({ role: 'MORootCertificate', pem: pki.root.cert, state: 'active', installedAt });
    const full = installCertificate(options, { certificateType: 'MORootCertificate', certificate: other.cert });
    assert.equal(full.status, 'Rejected');
    assert.equal(full.statusInfo?.reasonCode, 'OutOfStorage');
    assert.equal(certificates.all().length, CERTIFICATE_CAPACITY);
    assert.deepEqual(installCertificate(options, { certificateType: 'MORootCertificate', certificate: pki.root.cert }), { status: 'Accepted' });
    assert.equal(certificates.all().length, CERTIFICATE_CAPACITY);
  });

  it('M03.FR.05 a V2G chain is reported with its sub-CA as childCertificateHashData, each as openssl computes it', async () => {
    const { certificates, options } = handlers();
    certificates.add({ role: 'V2GRootCertificate', pem: pki.root.cert, state: 'active', installedAt });
    certificates.add({ role: 'V2GCertificate', pem: pki.leaf.cert + pki.subCa.cert, keyId: 'v2g-key', state: 'active', installedAt });
    const answer = await getInstalledCertificateIds(options, { certificateType: ['V2GCertificateChain'] });
    assert.deepEqual(answer, {
      status: 'Accepted',
      certificateHashDataChain: [
        {
          certificateType: 'V2GCertificateChain',
          certificateHashData: await pki.opensslRequestData(pki.leaf.cert, pki.subCa.cert),
          childCertificateHashData: [await pki.opensslRequestData(pki.subCa.cert, pki.root.cert)],
        },
      ],
    });
    // M03.FR.03: a filter that matches nothing.
    assert.deepEqual(await getInstalledCertificateIds(options, { certificateType: ['ManufacturerRootCertificate'] }), { status: 'NotFound' });
  });

  it('M04 a sub-CA inside the V2G chain and the station certificate are not deleted on their own: Failed, nothing removed', async () => {
    const { certificates, options } = handlers();
    certificates.add({ role: 'V2GRootCertificate', pem: pki.root.cert, state: 'active', installedAt });
    certificates.add({ role: 'V2GCertificate', pem: pki.leaf.cert + pki.subCa.cert, keyId: 'v2g-key', state: 'active', installedAt });
    certificates.add({ role: 'ChargingStationCertificate', pem: pki.leaf.cert + pki.subCa.cert, keyId: 'cs-key', state: 'active', installedAt });
    const subCa = await pki.opensslRequestData(pki.subCa.cert, pki.root.cert);
    assert.equal((await deleteCertificate(options, { certificateHashData: subCa as never })).status, 'Failed');
    const leaf = await pki.opensslRequestData(pki.leaf.cert, pki.subCa.cert);
    assert.equal((await deleteCertificate(options, { certificateHashData: leaf as never })).status, 'Failed');
    assert.equal(certificates.all().length, 3);
  });
});
