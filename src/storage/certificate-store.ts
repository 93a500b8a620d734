// The storage port of the station's certificates (blocks A and M): the roots the CSMS installs (M05), the
// station's own certificates with their chains (A02/A03), the signing requests still waiting for a
// CertificateSigned, and the cached OCSP responses (M06). Synchronous like the other ports: stored when the call
// returns. Private keys are not here: they are in the KeyStore (key-store.ts), referenced by keyId.

/** What a stored certificate is for: InstallCertificateUseEnumType plus the station's own certificates. */
export type CertificateRole =
  | 'CSMSRootCertificate'
  | 'ManufacturerRootCertificate'
  | 'V2GRootCertificate'
  | 'MORootCertificate'
  | 'ChargingStationCertificate'
  | 'V2GCertificate';

/**
 * 'active': in use. 'fallback': kept while a replacement is being tried (an old CSMS root, M05.FR.12; the
 * previous station certificate, A02.FR.28). 'pending': a new station certificate not yet proven by a connection.
 */
export type StoredCertificateState = 'active' | 'fallback' | 'pending';

export interface StoredCertificate {
  readonly id: number;
  readonly role: CertificateRole;
  /** PEM: one certificate for a root; the chain, leaf first, for the station's own certificates. */
  readonly pem: string;
  /** The KeyStore id of the private key (station certificates only). */
  readonly keyId?: string;
  readonly state: StoredCertificateState;
  /** ISO 8601. */
  readonly installedAt: string;
}

export type NewStoredCertificate = Omit<StoredCertificate, 'id'>;

/** The certificate uses the station signs requests for (CertificateSigningUseEnumType). */
export type SigningUse = 'ChargingStationCertificate' | 'V2GCertificate';

/** A CSR sent (or to be sent) and not yet answered by a CertificateSigned: one per use. */
export interface SigningRequestRecord {
  readonly use: SigningUse;
  readonly keyId: string;
  /** PEM PKCS#10. */
  readonly csr: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A cached OCSP response, by the certificate it is for (the hash data's key, see ocspKey in the block). */
export interface CachedOcspResponse {
  readonly key: string;
  /** Base64 DER OCSPResponse, as GetCertificateStatus returned it. */
  readonly response: string;
  /** ISO 8601. */
  readonly fetchedAt: string;
  /** ISO 8601; the responder's nextUpdate, when it gave one. */
  readonly nextUpdate?: string;
}

export interface CertificateStore {
  /** Every stored certificate, oldest first. */
  list(): StoredCertificate[];
  add(certificate: NewStoredCertificate): StoredCertificate;
  setState(id: number, state: StoredCertificateState): void;
  /** False when there was no such certificate. */
  remove(id: number): boolean;

  signingRequests(): SigningRequestRecord[];
  /** Inserts or replaces the request of its use. */
  putSigningRequest(request: SigningRequestRecord): void;
  removeSigningRequest(use: SigningUse): void;

  ocspResponses(): CachedOcspResponse[];
  /** Inserts or replaces the response of its key. */
  putOcspResponse(response: CachedOcspResponse): void;
  removeOcspResponse(key: string): void;
}
