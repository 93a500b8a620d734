// L01.FR.04 / L01.FR.21: the firmware signature and the signing certificate, against keys, certificates and
// signatures made by openssl (RSA-PSS, ECDSA P-256 and P-384 over SHA-256).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyFirmwareSignature, verifySigningCertificate } from '../../../src/pki/firmware-signature.js';
import { createOpensslCa, openssl, type OpensslCa } from '../../support/openssl-ca.js';

let dir: string;
let root: OpensslCa;
let stranger: OpensslCa;
const firmware = () => join(dir, 'firmware.bin');

/** A signing key of `keyArgs` and its certificate from `root`; the signature of the firmware file with `signArgs`. */
async function signer(name: string, keyArgs: string[], signArgs: string[] = []) {
  const path = (file: string) => join(dir, `${name}.${file}`);
  await writeFile(path('root.pem'), root.cert);
  await writeFile(path('root.key'), root.key);
  await openssl(['req', '-new', '-newkey', ...keyArgs, '-nodes', '-keyout', path('key'), '-out', path('csr'), '-subj', `/O=Maker/CN=${name}`]);
  await openssl(['x509', '-req', '-in', path('csr'), '-CA', path('root.pem'), '-CAkey', path('root.key'), '-days', '2', '-out', path('pem')]);
  await openssl(['dgst', '-sha256', '-sign', path('key'), ...signArgs, '-out', path('sig'), firmware()]);
  return { certificate: await readFile(path('pem'), 'utf8'), signature: (await readFile(path('sig'))).toString('base64') };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-station-fw-sig-'));
  [root, stranger] = await Promise.all([
    createOpensslCa({ days: 30, subject: '/O=Maker/CN=Manufacturer Root' }),
    createOpensslCa({ days: 30, subject: '/O=Other/CN=Other Root' }),
  ]);
  await writeFile(firmware(), Buffer.alloc(300_000, 7));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('firmware signature', () => {
  for (const [name, keyArgs, signArgs] of [
    ['rsa-pss', ['rsa:2048'], ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']],
    ['rsa-pss-max-salt', ['rsa:2048'], ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:max']],
    ['ecdsa-p256', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], []],
    ['ecdsa-p384', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], []],
  ] as const) {
    it(`L01.FR.04 ${name}: the signature over the whole file verifies; one byte changed does not`, async () => {
      const made = await signer(name, [...keyArgs], [...signArgs]);
      const certificate = new X509Certificate(made.certificate);
      assert.equal(await verifyFirmwareSignature(firmware(), made.signature, certificate), true);
      const tampered = join(dir, `${name}.tampered`);
      const bytes = await readFile(firmware());
      bytes[1000] = 8;
      await writeFile(tampered, bytes);
      assert.equal(await verifyFirmwareSignature(tampered, made.signature, certificate), false);
    });
  }

  it('L01.FR.04 a PKCS#1 v1.5 RSA signature, garbage and an empty signature are refused', async () => {
    const made = await signer('rsa-pkcs1', ['rsa:2048']);
    const certificate = new X509Certificate(made.certificate);
    assert.equal(await verifyFirmwareSignature(firmware(), made.signature, certificate), false);
    assert.equal(await verifyFirmwareSignature(firmware(), 'bm90IGEgc2lnbmF0dXJl', certificate), false);
    assert.equal(await verifyFirmwareSignature(firmware(), '', certificate), false);
  });

  it('L01.FR.21/22 the signing certificate must chain to an installed ManufacturerRootCertificate and be valid now', async () => {
    const made = await signer('cert-check', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const manufacturer = [new X509Certificate(root.cert)];
    assert.equal(verifySigningCertificate(made.certificate, manufacturer, new Date()).valid, true);
    assert.match(reason(verifySigningCertificate(made.certificate, [new X509Certificate(stranger.cert)], new Date())), /installed root/);
    assert.match(reason(verifySigningCertificate(made.certificate, [], new Date())), /no ManufacturerRootCertificate/);
    assert.match(reason(verifySigningCertificate(made.certificate, manufacturer, new Date(Date.now() + 10 * 24 * 3600_000))), /not valid at/);
    assert.equal(verifySigningCertificate('garbage', manufacturer, new Date()).valid, false);
  });
});

function reason(verdict: ReturnType<typeof verifySigningCertificate>): string {
  assert.equal(verdict.valid, false);
  return verdict.valid ? '' : verdict.reason;
}
