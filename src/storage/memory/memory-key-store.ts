// KeyStore in memory: the keys are gone with the process (tests, and stations without a state directory).
import { KEY_ID_PATTERN, type KeyStore } from '../key-store.js';
import { KeyStoreError } from '../file-key-store.js';

export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, string>();

  save(keyId: string, privateKeyPem: string): void {
    if (!KEY_ID_PATTERN.test(keyId)) throw new KeyStoreError(`"${keyId}" is not a valid key id`);
    this.keys.set(keyId, privateKeyPem);
  }

  load(keyId: string): string | undefined {
    return this.keys.get(keyId);
  }

  remove(keyId: string): void {
    this.keys.delete(keyId);
  }

  keyIds(): string[] {
    return [...this.keys.keys()];
  }
}
