// KeyStore as files: `<folder>/<keyId>.key.pem`, the folder mode 0700 and each file 0600, written to a
// temporary file, synced and renamed so that a crash leaves the old key or the new one, never half of one.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { OcppStationError } from '../errors.js';
import { KEY_ID_PATTERN, type KeyStore } from './key-store.js';

export class KeyStoreError extends OcppStationError {
  override readonly name = 'KeyStoreError';
  override readonly code = 'STORAGE_KEY_STORE';
}

const SUFFIX = '.key.pem';

export class FileKeyStore implements KeyStore {
  /** The folder is made (mode 0700) with the first key, so a station that never has one leaves no trace. */
  constructor(private readonly folder: string) {}

  save(keyId: string, privateKeyPem: string): void {
    const path = this.pathOf(keyId);
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    chmodSync(this.folder, 0o700);
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, privateKeyPem);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }

  load(keyId: string): string | undefined {
    try {
      return readFileSync(this.pathOf(keyId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  remove(keyId: string): void {
    rmSync(this.pathOf(keyId), { force: true });
  }

  keyIds(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => name.slice(0, -SUFFIX.length))
      .filter((id) => KEY_ID_PATTERN.test(id));
  }

  private pathOf(keyId: string): string {
    if (!KEY_ID_PATTERN.test(keyId)) throw new KeyStoreError(`"${keyId}" is not a valid key id`);
    return join(this.folder, `${keyId}${SUFFIX}`);
  }
}
