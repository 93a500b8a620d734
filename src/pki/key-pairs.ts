// Key pairs for the station's certificates (A02.FR.02, A00.FR.501-503): made with node:crypto, kept as PEM
// (PKCS#8 private, SPKI public). ECDSA P-256 by default: small, fast, and what ISO 15118 asks of an SECC key.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { OcppStationError } from '../errors.js';

export const KEY_ALGORITHMS = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'ecdsa-p256';

export interface PemKeyPair {
  /** PKCS#8 PEM. Secret: never logged, never sent (A02.FR.05). */
  readonly privateKey: string;
  /** SPKI PEM. */
  readonly publicKey: string;
}

export class KeyAlgorithmError extends OcppStationError {
  override readonly name = 'KeyAlgorithmError';
  override readonly code = 'PKI_KEY_ALGORITHM';
}

/** node:crypto's generateKeyPair for PEM output, as a Promise (util.promisify loses the PEM overloads). */
function generate(type: 'ec' | 'rsa', options: { namedCurve?: string; modulusLength?: number }): Promise<PemKeyPair> {
  return new Promise((resolve, reject) => {
    const callback = (error: Error | null, publicKey: string, privateKey: string) =>
      error ? reject(error) : resolve({ publicKey, privateKey });
    const encoding = { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;
    if (type === 'ec') generateKeyPair('ec', { namedCurve: options.namedCurve!, ...encoding }, callback);
    else generateKeyPair('rsa', { modulusLength: options.modulusLength!, ...encoding }, callback);
  });
}

export function isKeyAlgorithm(value: string): value is KeyAlgorithm {
  return (KEY_ALGORITHMS as readonly string[]).includes(value);
}

export async function generatePemKeyPair(algorithm: KeyAlgorithm = DEFAULT_KEY_ALGORITHM): Promise<PemKeyPair> {
  switch (algorithm) {
    case 'ecdsa-p256':
      return generate('ec', { namedCurve: 'P-256' });
    case 'ecdsa-p384':
      return generate('ec', { namedCurve: 'P-384' });
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096':
      return generate('rsa', { modulusLength: Number(algorithm.slice(4)) });
    default:
      throw new KeyAlgorithmError(`unknown key algorithm "${String(algorithm)}"; one of ${KEY_ALGORITHMS.join(', ')}`);
  }
}

/** Whether the public key `publicKey` belongs to the private key `privateKeyPem`. */
export function keyMatches(publicKey: KeyObject, privateKeyPem: string): boolean {
  try {
    const fromPrivate = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
    return fromPrivate.equals(publicKey.export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}
