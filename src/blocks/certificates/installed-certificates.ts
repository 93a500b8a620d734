// The station's certificates as the block works with them: the stored rows parsed once (node:crypto), with the
// issuer of each certificate found for the hash data (the next one of its chain, an installed root, or itself).
import type { X509Certificate } from 'node:crypto';
import type { CertificateHashDataType, HashAlgorithmEnumType } from '../../messages/types.js';
import { certificateHashData } from '../../pki/certificate-hash.js';
import { issuedBy } from '../../pki/chain-verification.js';
import { parseCertificates } from '../../pki/pem.js';
import type { CertificateRole, CertificateStore, NewStoredCertificate, StoredCertificate } from '../../storage/certificate-store.js';

export interface InstalledCertificate {
  readonly stored: StoredCertificate;
  /** The chain, leaf first (one certificate for a root). */
  readonly chain: readonly X509Certificate[];
}

export const ROOT_ROLES: readonly CertificateRole[] = ['CSMSRootCertificate', 'ManufacturerRootCertificate', 'V2GRootCertificate', 'MORootCertificate'];

export class InstalledCertificates {
  private cache: InstalledCertificate[] | undefined;

  constructor(private readonly store: CertificateStore) {}

  all(): readonly InstalledCertificate[] {
    this.cache ??= this.store.list().flatMap((stored) => {
      try {
        return [{ stored, chain: parseCertificates(stored.pem) }];
      } catch {
        return []; // a row that no longer parses (written by hand?) is left out rather than failing every use
      }
    });
    return this.cache;
  }

  ofRole(role: CertificateRole, states: readonly StoredCertificate['state'][] = ['active', 'fallback', 'pending']): InstalledCertificate[] {
    return this.all().filter((entry) => entry.stored.role === role && states.includes(entry.stored.state));
  }

  /** The roots' certificates of a role (active and fallback). */
  roots(role: CertificateRole): X509Certificate[] {
    return this.ofRole(role, ['active', 'fallback']).map((entry) => entry.chain[0]!);
  }

  add(certificate: NewStoredCertificate): StoredCertificate {
    this.cache = undefined;
    return this.store.add(certificate);
  }

  remove(id: number): boolean {
    this.cache = undefined;
    return this.store.remove(id);
  }

  setState(id: number, state: StoredCertificate['state']): void {
    this.cache = undefined;
    this.store.setState(id, state);
  }

  /** The issuer of chain[index]: the next certificate of the chain, an installed root that signed it, or itself. */
  issuerOf(chain: readonly X509Certificate[], index: number): X509Certificate {
    const certificate = chain[index]!;
    const next = chain[index + 1];
    if (next !== undefined) return next;
    const root = this.all()
      .filter((entry) => ROOT_ROLES.includes(entry.stored.role))
      .map((entry) => entry.chain[0]!)
      .find((candidate) => candidate.fingerprint256 !== certificate.fingerprint256 && issuedBy(certificate, candidate));
    return root ?? certificate;
  }

  hashOf(chain: readonly X509Certificate[], index: number, algorithm: HashAlgorithmEnumType = 'SHA256'): Promise<CertificateHashDataType> {
    return certificateHashData(chain[index]!, this.issuerOf(chain, index), algorithm);
  }
}
