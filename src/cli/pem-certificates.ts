// Checks, at start, that a --ca file really holds certificates, and that --cert and --key are a certificate and
// its key: a wrong file (a key, a typo'd path to some text) would otherwise only show up as a TLS failure on every
// connection attempt.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
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

/**
 * Throws a UsageError unless `key` is a PEM private key that belongs to the first certificate of `chain` (a
 * --key of another certificate would only show up as a refused TLS handshake at every attempt).
 */
export function checkStationKey(chain: string, key: string, certPath: string, keyPath: string): void {
  checkPemCertificates(chain, '--cert', certPath);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new UsageError(`--key: ${keyPath} holds no readable PEM private key (${(error as Error).message})`);
  }
  const leaf = new X509Certificate(chain.match(PEM_CERTIFICATE)![0]!);
  if (!leaf.checkPrivateKey(privateKey)) throw new UsageError(`--key: ${keyPath} is not the private key of the first certificate in ${certPath}`);
}
