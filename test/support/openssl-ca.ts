// A certificate authority made by openssl for a test, independent of the code under test, and what the
// certificate tests do with it: sign the station's CSR, read a certificate's serial number.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

/** Runs openssl with `args`: its stdout; a failure names the command and carries openssl's stderr. */
export async function openssl(args: string[]): Promise<string> {
  try {
    return (await run(OPENSSL, args)).stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (error as Error).message}`);
  }
}

export interface OpensslCa {
  /** PEM. */
  readonly cert: string;
  readonly key: string;
}

/** Runs `work` with a temporary folder of its own, removed afterwards. */
async function inTemporaryFolder<T>(work: (path: (name: string) => string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ocpp-station-openssl-'));
  try {
    return await work((name) => join(dir, name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A self-signed ECDSA P-256 root CA valid for `days`. */
export function createOpensslCa(options: { days: number; subject: string }): Promise<OpensslCa> {
  return inTemporaryFolder(async (path) => {
    await openssl([
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path('ca.key'),
      '-out', path('ca.pem'), '-days', `${options.days}`, '-subj', options.subject,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { cert: await readFile(path('ca.pem'), 'utf8'), key: await readFile(path('ca.key'), 'utf8') };
  });
}

/** `ca` signs the PKCS#10 `csr` (PEM) for `days`: the certificate, PEM. */
export function signCsr(csr: string, ca: OpensslCa, days = 1): Promise<string> {
  return inTemporaryFolder(async (path) => {
    await Promise.all([writeFile(path('request.csr'), csr), writeFile(path('ca.pem'), ca.cert), writeFile(path('ca.key'), ca.key)]);
    await openssl(['x509', '-req', '-in', path('request.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-days', `${days}`, '-out', path('signed.pem')]);
    return readFile(path('signed.pem'), 'utf8');
  });
}

/** A serial number as hex without leading zeros, for comparing what openssl, node and a TLS server print. */
export function hexSerial(serial: string): string {
  return serial.replace(/^0+/, '').toUpperCase();
}

/** The serial number of a PEM certificate, as openssl reads it (hexSerial form). */
export function serialOf(pem: string): Promise<string> {
  return inTemporaryFolder(async (path) => {
    await writeFile(path('certificate.pem'), pem);
    const stdout = await openssl(['x509', '-in', path('certificate.pem'), '-noout', '-serial']);
    return hexSerial(stdout.trim().replace(/^serial=/, ''));
  });
}
