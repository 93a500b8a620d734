// A02 (and the signing half of A03): the station's own certificates. A TriggerMessage for
// SignChargingStationCertificate / SignV2GCertificate makes a new key pair (A02.FR.02) and sends its CSR in
// SignCertificateRequest (A02.FR.03); CertificateSigned is checked for real (A02.FR.06: parse, chain to an
// installed root of the right hierarchy, validity now, the key of the pending CSR, the requested subject, the
// size limit A02.FR.16) and stored, or Rejected with an InvalidChargingStationCertificate security event
// (A02.FR.07). Which certificate the TLS client presents is client-certificate-trial.ts's; resending an
// unanswered CSR is signing-retries.ts's.
import { randomUUID } from 'node:crypto';
import type { CertificateSigningUseEnumType, Request, Response } from '../../messages/types.js';
import { verifyChain } from '../../pki/chain-verification.js';
import { createCsr, type CsrSubject } from '../../pki/csr.js';
import { generatePemKeyPair, keyMatches, type KeyAlgorithm } from '../../pki/key-pairs.js';
import { CertificateFormatError, parseCertificates } from '../../pki/pem.js';
import type { CertificateStore, SigningRequestRecord, SigningUse } from '../../storage/certificate-store.js';
import type { KeyStore } from '../../storage/key-store.js';
import type { InstalledCertificate, InstalledCertificates } from './installed-certificates.js';

/** What came of a SignCertificateRequest. */
export type SigningOutcome = 'Accepted' | 'Rejected' | 'NoAnswer';

export interface StationCertificatesOptions {
  readonly certificates: InstalledCertificates;
  readonly store: CertificateStore;
  readonly keys: KeyStore;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly now: () => Date;
  readonly subject: (use: SigningUse) => CsrSubject | undefined;
  /** SecurityCtrlr.MaxCertificateChainSize, when set. */
  readonly maxChainSize: () => number | undefined;
  readonly sendSignCertificate: (request: Request<'SignCertificate'>) => Promise<Response<'SignCertificate'>>;
  readonly securityEvent: (type: string, techInfo: string) => void;
  /**
   * Whether the previous certificate of `use` stays as a fallback until a connection proves the new one
   * (A02.FR.10/28: a client certificate in use at security profile 3), rather than being replaced at once.
   */
  readonly keepPrevious: (use: SigningUse) => boolean;
  /** A new station certificate was stored: reconnect when it is the one the connection uses. */
  readonly installed: (use: SigningUse) => void;
  readonly logger: { warn(fields: object, message: string): void; info(fields: object, message: string): void };
}

export class StationCertificates {
  constructor(private readonly options: StationCertificatesOptions) {}

  /** Whether a CSR can be made for `use` (the subject's organization is known; A03 prerequisite). */
  canSign(use: SigningUse): boolean {
    return this.options.subject(use) !== undefined;
  }

  /** A CSR of `use` waits for its certificate. */
  isWaiting(use: SigningUse): boolean {
    return this.pending(use) !== undefined;
  }

  /** Makes a key pair and a CSR for `use`, remembers them, and sends SignCertificateRequest. */
  async requestSigning(use: SigningUse): Promise<SigningOutcome> {
    const subject = this.options.subject(use);
    if (subject === undefined) return 'Rejected';
    const keys = await generatePemKeyPair(this.options.keyAlgorithm);
    const csr = await createCsr(keys, subject);
    const keyId = `${use === 'ChargingStationCertificate' ? 'cs' : 'v2g'}-${randomUUID()}`;
    const previous = this.pending(use);
    this.options.keys.save(keyId, keys.privateKey);
    this.options.store.putSigningRequest({ use, keyId, csr, createdAt: this.options.now().toISOString() });
    if (previous !== undefined) this.options.keys.remove(previous.keyId);
    return this.send(use, csr);
  }

  /** Sends the CSR of `use` that still waits for its certificate again (A02.FR.17), if there is one. */
  async resend(use: SigningUse): Promise<SigningOutcome | undefined> {
    const pending = this.pending(use);
    return pending === undefined ? undefined : this.send(use, pending.csr);
  }

  private async send(use: SigningUse, csr: string): Promise<SigningOutcome> {
    try {
      const response = await this.options.sendSignCertificate({ csr, certificateType: use });
      this.options.logger.info({ use, status: response.status }, 'SignCertificate answered');
      return response.status;
    } catch (error) {
      this.options.logger.warn({ use, error: error instanceof Error ? error.name : typeof error }, 'SignCertificate got no answer');
      return 'NoAnswer';
    }
  }

  certificateSigned(request: Request<'CertificateSigned'>): Response<'CertificateSigned'> {
    const use: SigningUse = request.certificateType ?? 'ChargingStationCertificate';
    const maxSize = this.options.maxChainSize();
    if (maxSize !== undefined && request.certificateChain.length > maxSize) {
      return this.reject('TooLargeElement', `the chain has ${request.certificateChain.length} characters, more than MaxCertificateChainSize ${maxSize}`, use);
    }
    let chain;
    try {
      chain = parseCertificates(request.certificateChain);
    } catch (error) {
      return this.reject('InvalidCertificate', error instanceof CertificateFormatError ? error.message : 'the chain does not parse', use);
    }
    const pending = this.pending(use);
    const privateKey = pending === undefined ? undefined : this.options.keys.load(pending.keyId);
    if (pending === undefined || privateKey === undefined) {
      return this.reject('InvalidCertificate', `no signing request of ${use} is waiting for a certificate`, use);
    }
    const leaf = chain[0]!;
    if (!keyMatches(leaf.publicKey, privateKey)) return this.reject('InvalidCertificate', 'the certificate is not for the key of the signing request', use);
    const subject = this.options.subject(use);
    if (subject !== undefined && !leaf.subject.split('\n').includes(`CN=${subject.commonName}`)) {
      return this.reject('InvalidCertificate', `the certificate's CN is not ${subject.commonName}`, use);
    }
    const rootRole = use === 'ChargingStationCertificate' ? 'CSMSRootCertificate' : 'V2GRootCertificate';
    const verdict = verifyChain(chain, this.options.certificates.roots(rootRole), this.options.now());
    if (!verdict.valid) return this.reject('InvalidCertificate', verdict.reason, use);

    const pem = chain.filter((certificate) => certificate.fingerprint256 !== verdict.root.fingerprint256).map((c) => c.toString()).join('');
    const previous = this.options.certificates.ofRole(use);
    this.options.certificates.add({ role: use, pem, keyId: pending.keyId, state: 'active', installedAt: this.options.now().toISOString() });
    this.options.store.removeSigningRequest(use);
    this.retire(use, previous);
    this.options.installed(use);
    return { status: 'Accepted' };
  }

  /** The CSR of `use` that waits for its certificate, if any. */
  private pending(use: SigningUse): SigningRequestRecord | undefined {
    return this.options.store.signingRequests().find((request) => request.use === use);
  }

  /**
   * One certificate per use, or two while a renewed client certificate is on trial: the one known to work stays
   * as the fallback (the running trial's fallback, else the certificate in use until now), the others go.
   */
  private retire(use: SigningUse, previous: readonly InstalledCertificate[]): void {
    const fallback = !this.options.keepPrevious(use)
      ? undefined
      : (previous.find((entry) => entry.stored.state === 'fallback') ?? previous.find((entry) => entry.stored.state === 'active'));
    for (const old of previous) {
      if (old === fallback) {
        if (old.stored.state !== 'fallback') this.options.certificates.setState(old.stored.id, 'fallback');
        continue;
      }
      this.options.certificates.remove(old.stored.id);
      if (old.stored.keyId !== undefined && old.stored.keyId !== fallback?.stored.keyId) this.options.keys.remove(old.stored.keyId);
    }
  }

  private reject(reasonCode: string, reason: string, use: CertificateSigningUseEnumType): Response<'CertificateSigned'> {
    this.options.securityEvent('InvalidChargingStationCertificate', `${use}: ${reason}`.slice(0, 255));
    return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo: reason.slice(0, 512) } };
  }
}
