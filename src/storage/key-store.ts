// The KeyStore port: where the station's private keys live (A02.FR.05: they never leave the station). The
// certificate block asks for a key by the id it stored it under, when it builds a CSR or a TLS connection. The
// default keeps PEM files with mode 0600 in the station's state directory (file-key-store.ts); an integrator
// with an HSM or TPM implements this interface over sealed storage. Synchronous: read at each connection.

export interface KeyStore {
  /** Stores a PKCS#8 PEM private key under `keyId` (letters, digits, '-' and '_'), replacing one there. */
  save(keyId: string, privateKeyPem: string): void;
  /** The PEM private key, or undefined when there is none under that id. */
  load(keyId: string): string | undefined;
  remove(keyId: string): void;
  /** The ids of every stored key. */
  keyIds(): string[];
}

/** Key ids are file names in the default store: a safe alphabet only. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
