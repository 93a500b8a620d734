// CertificateStore in the station's SQLite database (tables certificates, certificate_signing_requests and
// ocsp_responses, migration 11).
import type { Database, Statement } from 'better-sqlite3';
import type {
  CachedOcspResponse,
  CertificateRole,
  CertificateStore,
  NewStoredCertificate,
  SigningRequestRecord,
  SigningUse,
  StoredCertificate,
  StoredCertificateState,
} from '../certificate-store.js';

interface CertificateRow {
  id: number;
  role: string;
  pem: string;
  key_id: string | null;
  state: string;
  installed_at: string;
}

export class SqliteCertificateStore implements CertificateStore {
  private readonly selectAll: Statement<[], CertificateRow>;
  private readonly insert: Statement<[string, string, string | null, string, string]>;
  private readonly updateState: Statement<[string, number]>;
  private readonly deleteOne: Statement<[number]>;
  private readonly selectRequests: Statement<[], { use: string; key_id: string; csr: string; created_at: string }>;
  private readonly upsertRequest: Statement<[string, string, string, string]>;
  private readonly deleteRequest: Statement<[string]>;
  private readonly selectOcsp: Statement<[], { key: string; response: string; fetched_at: string; next_update: string | null }>;
  private readonly upsertOcsp: Statement<[string, string, string, string | null]>;
  private readonly deleteOcsp: Statement<[string]>;

  constructor(database: Database) {
    this.selectAll = database.prepare('SELECT id, role, pem, key_id, state, installed_at FROM certificates ORDER BY id');
    this.insert = database.prepare('INSERT INTO certificates (role, pem, key_id, state, installed_at) VALUES (?, ?, ?, ?, ?)');
    this.updateState = database.prepare('UPDATE certificates SET state = ? WHERE id = ?');
    this.deleteOne = database.prepare('DELETE FROM certificates WHERE id = ?');
    this.selectRequests = database.prepare('SELECT use, key_id, csr, created_at FROM certificate_signing_requests');
    this.upsertRequest = database.prepare(
      `INSERT INTO certificate_signing_requests (use, key_id, csr, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (use) DO UPDATE SET key_id = excluded.key_id, csr = excluded.csr, created_at = excluded.created_at`,
    );
    this.deleteRequest = database.prepare('DELETE FROM certificate_signing_requests WHERE use = ?');
    this.selectOcsp = database.prepare('SELECT key, response, fetched_at, next_update FROM ocsp_responses');
    this.upsertOcsp = database.prepare(
      `INSERT INTO ocsp_responses (key, response, fetched_at, next_update) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET response = excluded.response, fetched_at = excluded.fetched_at, next_update = excluded.next_update`,
    );
    this.deleteOcsp = database.prepare('DELETE FROM ocsp_responses WHERE key = ?');
  }

  list(): StoredCertificate[] {
    return this.selectAll.all().map((row) => ({
      id: row.id,
      role: row.role as CertificateRole,
      pem: row.pem,
      ...(row.key_id !== null ? { keyId: row.key_id } : {}),
      state: row.state as StoredCertificateState,
      installedAt: row.installed_at,
    }));
  }

  add(certificate: NewStoredCertificate): StoredCertificate {
    const result = this.insert.run(certificate.role, certificate.pem, certificate.keyId ?? null, certificate.state, certificate.installedAt);
    return { ...certificate, id: Number(result.lastInsertRowid) };
  }

  setState(id: number, state: StoredCertificateState): void {
    this.updateState.run(state, id);
  }

  remove(id: number): boolean {
    return this.deleteOne.run(id).changes > 0;
  }

  signingRequests(): SigningRequestRecord[] {
    return this.selectRequests.all().map((row) => ({ use: row.use as SigningUse, keyId: row.key_id, csr: row.csr, createdAt: row.created_at }));
  }

  putSigningRequest(request: SigningRequestRecord): void {
    this.upsertRequest.run(request.use, request.keyId, request.csr, request.createdAt);
  }

  removeSigningRequest(use: SigningUse): void {
    this.deleteRequest.run(use);
  }

  ocspResponses(): CachedOcspResponse[] {
    return this.selectOcsp.all().map((row) => ({
      key: row.key,
      response: row.response,
      fetchedAt: row.fetched_at,
      ...(row.next_update !== null ? { nextUpdate: row.next_update } : {}),
    }));
  }

  putOcspResponse(response: CachedOcspResponse): void {
    this.upsertOcsp.run(response.key, response.response, response.fetchedAt, response.nextUpdate ?? null);
  }

  removeOcspResponse(key: string): void {
    this.deleteOcsp.run(key);
  }
}
