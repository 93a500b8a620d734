// PEM certificate bundles as the CSMS sends them (CertificateSigned, InstallCertificate): one or more
// "-----BEGIN CERTIFICATE-----" blocks, leaf first. Parsed with node:crypto; anything else in the text, or a
// block that does not parse, is an error that says which block.
import { X509Certificate } from 'node:crypto';
import { OcppStationError } from '../errors.js';

export class CertificateFormatError extends OcppStationError {
  override readonly name = 'CertificateFormatError';
  override readonly code = 'PKI_CERTIFICATE_FORMAT';
}

const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+?)-----END CERTIFICATE-----/g;

/** At most this many certificates in one bundle: a root, a few sub-CAs and a leaf fit easily. */
export const MAX_BUNDLE_CERTIFICATES = 10;

/** The certificate blocks of a PEM text, each re-encoded as a PEM string ending in a newline. */
export function splitPemCertificates(text: string, maxCertificates = MAX_BUNDLE_CERTIFICATES): string[] {
  const blocks: string[] = [];
  let rest = text;
  for (const match of text.matchAll(BLOCK)) {
    blocks.push(match[0]);
    rest = rest.replace(match[0], '');
    if (blocks.length > maxCertificates) {
      throw new CertificateFormatError(`more than ${maxCertificates} certificates in one PEM bundle`);
    }
  }
  if (blocks.length === 0) throw new CertificateFormatError('no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  if (rest.trim() !== '') throw new CertificateFormatError('the PEM text holds something besides certificates');
  return blocks.map((block) => `${block.replace(/\r\n/g, '\n')}\n`);
}

/** Parses a PEM bundle, leaf first; throws CertificateFormatError naming the block that does not parse. */
export function parseCertificates(text: string, maxCertificates = MAX_BUNDLE_CERTIFICATES): X509Certificate[] {
  return splitPemCertificates(text, maxCertificates).map((pem, index) => {
    try {
      return new X509Certificate(pem);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertificateFormatError(`certificate ${index + 1} of the bundle does not parse: ${reason}`);
    }
  });
}

/** The certificates as one PEM text, in the given order. */
export function toPemBundle(certificates: readonly X509Certificate[]): string {
  return certificates.map((certificate) => certificate.toString()).join('');
}
