// Certificate chain checks with node:crypto: every certificate within its validity period at the given time,
// each signed by the next one, the last one signed by (or being) one of the trusted roots, and every issuer a
// CA. What the spec asks of a CertificateSigned chain (A02.FR.06, errata) and of InstallCertificate (M05.FR.07).
import type { X509Certificate } from 'node:crypto';

export type ChainVerdict =
  | { readonly valid: true; /** The trusted root the chain ends in. */ readonly root: X509Certificate }
  | { readonly valid: false; readonly reason: string };

/** Whether `certificate` is valid at `time` (notBefore <= time <= notAfter). */
export function validAt(certificate: X509Certificate, time: Date): boolean {
  const t = time.getTime();
  return Date.parse(certificate.validFrom) <= t && t <= Date.parse(certificate.validTo);
}

/** Whether `issuer` issued `certificate`: names match and the signature verifies with the issuer's key. */
export function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Whether the certificate signs itself (a root). */
export function isSelfSigned(certificate: X509Certificate): boolean {
  return issuedBy(certificate, certificate);
}

/**
 * Verifies `chain` (leaf first, sub-CAs after it, the root optional) against `roots` at `time`. The reason of
 * an invalid verdict names the certificate by position and subject, for the security event's techInfo.
 */
export function verifyChain(chain: readonly X509Certificate[], roots: readonly X509Certificate[], time: Date): ChainVerdict {
  if (chain.length === 0) return { valid: false, reason: 'the chain is empty' };
  for (const [index, certificate] of chain.entries()) {
    if (!validAt(certificate, time)) {
      return { valid: false, reason: `certificate ${index + 1} (${oneLine(certificate.subject)}) is not valid at ${time.toISOString()}` };
    }
  }
  for (let index = 0; index + 1 < chain.length; index++) {
    const issuer = chain[index + 1]!;
    if (!issuedBy(chain[index]!, issuer)) {
      return { valid: false, reason: `certificate ${index + 1} is not signed by certificate ${index + 2} of the chain` };
    }
    if (!issuer.ca) return { valid: false, reason: `certificate ${index + 2} signs another but is not a CA` };
  }
  const top = chain[chain.length - 1]!;
  const root = roots.find((candidate) => candidate.fingerprint256 === top.fingerprint256 || issuedBy(top, candidate));
  if (root === undefined) return { valid: false, reason: 'the chain does not lead to an installed root certificate' };
  if (!validAt(root, time)) return { valid: false, reason: `the root (${oneLine(root.subject)}) is not valid at ${time.toISOString()}` };
  if (root.fingerprint256 !== top.fingerprint256 && !root.ca) return { valid: false, reason: 'the root certificate is not a CA' };
  return { valid: true, root };
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
