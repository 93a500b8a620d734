// C07: the contract certificate port of the certificates block (OCSP request data of a contract chain, the local
// check against MO and V2G roots) and the authorization block's use of it (contract-authorization.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contractStep } from '../../../../src/blocks/authorization/contract-authorization.js';
import { contractCertificates, MAX_CONTRACT_HASH_DATA } from '../../../../src/blocks/certificates/contract-certificates.js';
import { InstalledCertificates } from '../../../../src/blocks/certificates/installed-certificates.js';
import type { DeviceModel } from '../../../../src/device-model/device-model.js';
import { silentLogger } from '../../../../src/logger.js';
import type { OCSPRequestDataType } from '../../../../src/messages/types.js';
import { MemoryCertificateStore } from '../../../../src/storage/memory/memory-certificate-store.js';
import { createOcspPki, OCSP_URL, type OcspPki } from '../../../support/ocsp-pki.js';

let pki: OcspPki;
let stranger: OcspPki;
before(async () => {
  [pki, stranger] = await Promise.all([createOcspPki('Contract'), createOcspPki('Stranger')]);
});
after(() => Promise.all([pki.cleanUp(), stranger.cleanUp()]));

function port(options: { root?: 'MORootCertificate' | 'V2GRootCertificate' | 'none'; now?: Date } = {}) {
  const certificates = new InstalledCertificates(new MemoryCertificateStore());
  const role = options.root ?? 'MORootCertificate';
  if (role !== 'none') certificates.add({ role, pem: pki.root.cert, state: 'active', installedAt: new Date().toISOString() });
  return contractCertificates(certificates, () => options.now ?? new Date());
}

describe('C07 the contract certificate port', () => {
  it('C07.FR.02 computes the request data of the leaf and the sub-CA as openssl does, the sub-CA issued by an installed MO or V2G root', async () => {
    const expected = [
      { ...(await pki.opensslRequestData(pki.leaf.cert, pki.subCa.cert)), responderURL: OCSP_URL },
      { ...(await pki.opensslRequestData(pki.subCa.cert, pki.root.cert)), responderURL: OCSP_URL },
    ];
    assert.deepEqual(await port().ocspRequestDataFor(pki.leaf.cert + pki.subCa.cert), expected);
    assert.deepEqual(await port({ root: 'V2GRootCertificate' }).ocspRequestDataFor(pki.leaf.cert + pki.subCa.cert), expected);
    // A root in the chain is not asked about; it is the issuer of the sub-CA all the same.
    assert.deepEqual(await port({ root: 'none' }).ocspRequestDataFor(pki.leaf.cert + pki.subCa.cert + pki.root.cert), expected);
    // Without the root the sub-CA's issuer key is unknown: only the leaf.
    assert.deepEqual(await port({ root: 'none' }).ocspRequestDataFor(pki.leaf.cert + pki.subCa.cert), [expected[0]]);
  });

  it('C07.FR.02 sends at most four entries, and none for what is not a certificate chain', async () => {
    const long = (pki.leaf.cert + pki.subCa.cert).repeat(3);
    assert.equal((await port().ocspRequestDataFor(long)).length, MAX_CONTRACT_HASH_DATA);
    assert.deepEqual(await port().ocspRequestDataFor('garbage'), []);
  });

  it('C07.FR.08 checks the chain against the installed roots: valid, from another PKI, expired', () => {
    assert.deepEqual(port().verify(pki.leaf.cert + pki.subCa.cert), { valid: true });
    const other = port().verify(stranger.leaf.cert + stranger.subCa.cert);
    assert.equal(other.valid, false);
    assert.equal(other.valid === false && other.expired, false);
    const late = port({ now: new Date(Date.now() + 60 * 86_400_000) }).verify(pki.leaf.cert + pki.subCa.cert);
    assert.equal(late.valid === false && late.expired, true);
    assert.equal(port({ root: 'none' }).verify(pki.leaf.cert + pki.subCa.cert).valid, false);
  });
});

describe('C07 contract authorization step', () => {
  const model = (contractValidationOffline: string) => ({ text: () => contractValidationOffline }) as unknown as DeviceModel;
  const options = (online: boolean, offlineValidation = 'true', contracts = port()) => ({
    model: model(offlineValidation),
    isOnline: () => online,
    contracts: () => contracts,
    logger: silentLogger(),
  });
  const chain = () => pki.leaf.cert + pki.subCa.cert;

  it('C07.FR.02 online: the request data is computed for a certificate without it, and kept when given', async () => {
    const computed = await contractStep(options(true), chain(), undefined);
    assert.ok('ocspRequestData' in computed && computed.ocspRequestData?.length === 2);
    const given: OCSPRequestDataType[] = [{ hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '1', responderURL: OCSP_URL }];
    assert.deepEqual(await contractStep(options(true), chain(), given), { ocspRequestData: given });
    assert.deepEqual(await contractStep(options(true), undefined, undefined), {});
  });

  it('C07.FR.07 offline with ContractValidationOffline false: no charging', async () => {
    assert.deepEqual(await contractStep(options(false, 'false'), chain(), undefined), { answer: { idTokenInfo: { status: 'Unknown' } } });
  });

  it('C07.FR.08 offline with ContractValidationOffline true: a valid chain goes on, an invalid or expired one is refused', async () => {
    assert.deepEqual(await contractStep(options(false), chain(), undefined), {});
    assert.deepEqual(await contractStep(options(false), stranger.leaf.cert + stranger.subCa.cert, undefined), {
      answer: { idTokenInfo: { status: 'Invalid' }, certificateStatus: 'CertChainError' },
    });
    const late = port({ now: new Date(Date.now() + 60 * 86_400_000) });
    assert.deepEqual(await contractStep(options(false, 'true', late), chain(), undefined), {
      answer: { idTokenInfo: { status: 'Expired' }, certificateStatus: 'CertificateExpired' },
    });
  });
});
