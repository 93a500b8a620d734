// CertificateHashDataType (Part 2 §2.6) of a certificate: SHA-256 over the DER issuer name and over the
// issuer's public key bits, and the serial number in hex. pkijs's CertID computes the same three values an
// OCSP request carries (RFC 6960 §4.1.1), so both uses share one computation.
import type { X509Certificate } from 'node:crypto';
import { Certificate, CertID } from 'pkijs';
import type { CertificateHashDataType, HashAlgorithmEnumType } from '../messages/types.js';
import { pkiEngine } from './pki-engine.js';

/** The hash algorithm this station reports and matches (the spec recommends SHA-256, A00.FR.506). */
export const HASH_ALGORITHM = 'SHA256' as const;

const WEBCRYPTO_HASH: Record<HashAlgorithmEnumType, string> = { SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' };

/** pkijs's view of a node:crypto certificate (same DER). */
export function toPkijsCertificate(certificate: X509Certificate): Certificate {
  return Certificate.fromBER(new Uint8Array(certificate.raw));
}

/**
 * The hash data of `certificate`, whose issuer is `issuer` (the certificate itself when it is self-signed).
 * Lower-case hex, as libocpp and most CSMSs send it; matching ignores case (see sameCertificateHash).
 */
export async function certificateHashData(
  certificate: X509Certificate,
  issuer: X509Certificate,
  algorithm: HashAlgorithmEnumType = HASH_ALGORITHM,
): Promise<CertificateHashDataType> {
  const id = await CertID.create(
    toPkijsCertificate(certificate),
    { hashAlgorithm: WEBCRYPTO_HASH[algorithm], issuerCertificate: toPkijsCertificate(issuer) },
    pkiEngine,
  );
  return {
    hashAlgorithm: algorithm,
    issuerNameHash: hex(id.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: hex(id.issuerKeyHash.valueBlock.valueHexView),
    serialNumber: serialNumberHex(certificate),
  };
}

/** The serial number as the spec writes it: hexadecimal, no "0x", no leading zeroes. */
export function serialNumberHex(certificate: X509Certificate): string {
  return certificate.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
}

/** Whether two hash data name the same certificate: same algorithm, hashes equal ignoring case, serials equal as numbers. */
export function sameCertificateHash(a: CertificateHashDataType, b: CertificateHashDataType): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.issuerNameHash.toLowerCase() === b.issuerNameHash.toLowerCase() &&
    a.issuerKeyHash.toLowerCase() === b.issuerKeyHash.toLowerCase() &&
    a.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === b.serialNumber.toLowerCase().replace(/^0+(?=.)/, '')
  );
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
