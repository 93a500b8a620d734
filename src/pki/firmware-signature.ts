// L01: the firmware's signature, checked against the Firmware Signing certificate the CSMS sends in
// UpdateFirmware. The signature is over the whole file with SHA-256 (L01.FR.04); the algorithm follows the
// certificate's key: RSA-PSS for an RSA key (any salt length, as signers differ), ECDSA for a P-256 or P-384 key
// (DER, as openssl makes it, or the raw r‖s form some signers use). PKCS#1 v1.5 RSA signatures are not accepted:
// L01.FR.04 names RSA-PSS. The file is read as a stream, so a large image is never held in memory.
import { constants, createVerify, type KeyObject, type X509Certificate } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { verifyChain } from './chain-verification.js';
import { CertificateFormatError, parseCertificates } from './pem.js';

/** Why a signing certificate is refused (L01.FR.21/22: UpdateFirmware answers InvalidCertificate). */
export type SigningCertificateVerdict = { readonly valid: true; readonly certificate: X509Certificate } | { readonly valid: false; readonly reason: string };

/**
 * The Firmware Signing certificate (PEM; a chain is allowed, leaf first) is valid now and chains to one of the
 * installed ManufacturerRootCertificates.
 */
export function verifySigningCertificate(pem: string, manufacturerRoots: readonly X509Certificate[], now: Date): SigningCertificateVerdict {
  let chain: X509Certificate[];
  try {
    chain = parseCertificates(pem);
  } catch (error) {
    return { valid: false, reason: error instanceof CertificateFormatError ? error.message : 'the signing certificate does not parse' };
  }
  if (manufacturerRoots.length === 0) return { valid: false, reason: 'no ManufacturerRootCertificate is installed' };
  const verdict = verifyChain(chain, manufacturerRoots, now);
  return verdict.valid ? { valid: true, certificate: chain[0]! } : { valid: false, reason: verdict.reason };
}

/** The signature algorithms a key allows, tried in order (the encodings of one algorithm). */
function verifyOptions(key: KeyObject): { key: KeyObject; padding?: number; saltLength?: number; dsaEncoding?: 'der' | 'ieee-p1363' }[] {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') {
    return [{ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }];
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1' && curve !== 'secp384r1') return [];
    return [
      { key, dsaEncoding: 'der' },
      { key, dsaEncoding: 'ieee-p1363' },
    ];
  }
  return [];
}

/** Whether `signatureBase64` is a valid SHA-256 signature of the file at `filePath` by `certificate`'s key. */
export async function verifyFirmwareSignature(filePath: string, signatureBase64: string, certificate: X509Certificate): Promise<boolean> {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  const options = verifyOptions(certificate.publicKey);
  if (options.length === 0) return false;
  const verifiers = options.map(() => createVerify('sha256'));
  for await (const chunk of createReadStream(filePath)) {
    for (const verifier of verifiers) verifier.update(chunk as Buffer);
  }
  return verifiers.some((verifier, index) => {
    try {
      return verifier.verify(options[index]!, signature);
    } catch {
      return false; // a signature of the wrong shape for this encoding
    }
  });
}
