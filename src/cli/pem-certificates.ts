// Checks, at start, that a --ca file really holds certificates: a wrong file (a key, a typo'd path to some text)
// would otherwise only show up as a TLS failure on every connection attempt.
import { X509Certificate } from 'node:crypto';
import { UsageError } from './usage-error.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Throws a UsageError naming `flag` and `path` unless `pem` holds one or more valid X.509 certificates. */
export function checkPemCertificates(pem: string, flag: string, path: string): void {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new UsageError(`${flag}: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new UsageError(`${flag}: ${path}: certificate ${index + 1} is not a valid X.509 certificate (${(error as Error).message})`);
    }
  });
}
