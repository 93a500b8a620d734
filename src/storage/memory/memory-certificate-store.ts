// CertificateStore in memory: nothing survives the process.
import type {
  CachedOcspResponse,
  CertificateStore,
  NewStoredCertificate,
  SigningRequestRecord,
  SigningUse,
  StoredCertificate,
  StoredCertificateState,
} from '../certificate-store.js';

export class MemoryCertificateStore implements CertificateStore {
  private certificates: StoredCertificate[] = [];
  private nextId = 1;
  private readonly requests = new Map<SigningUse, SigningRequestRecord>();
  private readonly ocsp = new Map<string, CachedOcspResponse>();

  list(): StoredCertificate[] {
    return [...this.certificates];
  }

  add(certificate: NewStoredCertificate): StoredCertificate {
    const stored = { ...certificate, id: this.nextId++ };
    this.certificates.push(stored);
    return stored;
  }

  setState(id: number, state: StoredCertificateState): void {
    this.certificates = this.certificates.map((entry) => (entry.id === id ? { ...entry, state } : entry));
  }

  remove(id: number): boolean {
    const before = this.certificates.length;
    this.certificates = this.certificates.filter((entry) => entry.id !== id);
    return this.certificates.length < before;
  }

  signingRequests(): SigningRequestRecord[] {
    return [...this.requests.values()];
  }

  putSigningRequest(request: SigningRequestRecord): void {
    this.requests.set(request.use, request);
  }

  removeSigningRequest(use: SigningUse): void {
    this.requests.delete(use);
  }

  ocspResponses(): CachedOcspResponse[] {
    return [...this.ocsp.values()];
  }

  putOcspResponse(response: CachedOcspResponse): void {
    this.ocsp.set(response.key, response);
  }

  removeOcspResponse(key: string): void {
    this.ocsp.delete(key);
  }
}
