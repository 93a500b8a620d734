// A throw-away PKI for TLS tests, made with the openssl CLI in a temp folder: a root CA, a server certificate
// for 127.0.0.1 / localhost and a client (charging station) certificate, both signed by that CA.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './openssl-ca.js';


export interface KeyPair {
  /** PEM certificate. */
  readonly cert: string;
  /** PEM private key (unencrypted). */
  readonly key: string;
}

export interface TestPki {
  readonly ca: KeyPair;
  /** CN=localhost, subjectAltName IP:127.0.0.1 and DNS:localhost. */
  readonly server: KeyPair;
  /** CN = the station serial given to createTestPki. */
  readonly client: KeyPair;
  /** Deletes the temp folder. */
  cleanUp(): Promise<void>;
}

/** P-256 keys: quick to generate and accepted by every TLS 1.2/1.3 stack. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export async function createTestPki(options: { organization?: string; stationSerial?: string } = {}): Promise<TestPki> {
  const organization = options.organization ?? 'ocpp-station tests';
  const stationSerial = options.stationSerial ?? 'CS-TLS-0001';
  const dir = await mkdtemp(join(tmpdir(), 'ocpp-station-pki-'));
  const path = (name: string) => join(dir, name);
  try {
    await openssl([
      'req', '-x509', ...NEW_KEY, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '2',
      '-subj', `/O=${organization}/CN=Test Root CA`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await issue(path, 'server', `/O=${organization}/CN=localhost`, [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'keyUsage=critical,digitalSignature,keyAgreement',
      'extendedKeyUsage=serverAuth',
    ]);
    await issue(path, 'client', `/O=${organization}/CN=${stationSerial}`, [
      'keyUsage=critical,digitalSignature,keyAgreement',
      'extendedKeyUsage=clientAuth',
    ]);
    const pair = async (name: string): Promise<KeyPair> => ({
      cert: await readFile(path(`${name}.pem`), 'utf8'),
      key: await readFile(path(`${name}.key`), 'utf8'),
    });
    const [ca, server, client] = await Promise.all([pair('ca'), pair('server'), pair('client')]);
    return { ca, server, client, cleanUp: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A key, a CSR and a certificate signed by the CA in the same folder. */
async function issue(
  path: (name: string) => string,
  name: string,
  subject: string,
  extensions: string[],
): Promise<void> {
  await openssl(['req', ...NEW_KEY, '-keyout', path(`${name}.key`), '-out', path(`${name}.csr`), '-subj', subject]);
  await writeFile(path(`${name}.ext`), extensions.join('\n') + '\n');
  await openssl([
    'x509', '-req', '-in', path(`${name}.csr`), '-CA', path('ca.pem'), '-CAkey', path('ca.key'),
    '-CAcreateserial', '-out', path(`${name}.pem`), '-days', '2', '-sha256', '-extfile', path(`${name}.ext`),
  ]);
}

