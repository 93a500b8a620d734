// A throw-away PKI with OCSP for the M06 and C07 tests, made with the openssl CLI in a temp folder: a root CA, a
// sub-CA it signs and a leaf the sub-CA signs, each non-root naming an OCSP responder in its Authority Information
// Access. `ocspResponse` answers for a certificate as an OCSP responder would (openssl ocsp in responder mode over
// an index file, no network); `opensslRequestData` is what openssl itself puts in an OCSP request.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './openssl-ca.js';

const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export interface Pair {
  readonly cert: string;
  readonly key: string;
}

export interface OcspPki {
  readonly root: Pair;
  readonly subCa: Pair;
  readonly leaf: Pair;
  /** Signs a CSR (PEM) with `issuer`, as a leaf naming the OCSP responder. */
  signCsr(csr: string, issuer: Pair): Promise<string>;
  /** A base64 DER OCSPResponse for `cert` from its issuer, saying `status`. */
  ocspResponse(cert: string, issuer: Pair, status?: 'good' | 'revoked'): Promise<string>;
  /** The OCSPRequestDataType fields openssl puts in a SHA-256 request for `cert` (responderURL aside). */
  opensslRequestData(cert: string, issuer: string): Promise<{ hashAlgorithm: string; issuerNameHash: string; issuerKeyHash: string; serialNumber: string }>;
  cleanUp(): Promise<void>;
}

export const OCSP_URL = 'http://ocsp.example.test/';

export async function createOcspPki(name = 'Test'): Promise<OcspPki> {
  const dir = await mkdtemp(join(tmpdir(), 'ocpp-station-ocsp-'));
  let count = 0;
  const path = (file: string) => join(dir, file);
  const temp = async (text: string) => {
    const file = path(`t${count++}.pem`);
    await writeFile(file, text);
    return file;
  };
  const pair = async (base: string): Promise<Pair> => ({ cert: await readFile(path(`${base}.pem`), 'utf8'), key: await readFile(path(`${base}.key`), 'utf8') });
  const sign = async (csrFile: string, issuer: Pair, extensions: string[], out: string) => {
    const ext = path(`e${count++}.ext`);
    await writeFile(ext, [...extensions, `authorityInfoAccess=OCSP;URI:${OCSP_URL}`].join('\n') + '\n');
    await openssl(['x509', '-req', '-in', csrFile, '-CA', await temp(issuer.cert), '-CAkey', await temp(issuer.key), '-set_serial', `0x${serial()}`,
      '-days', '30', '-sha256', '-extfile', ext, '-out', out]);
  };
  await openssl(['req', '-x509', ...NEW_KEY, '-keyout', path('root.key'), '-out', path('root.pem'), '-days', '30', '-subj', `/O=${name}/CN=${name} V2G Root`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
  const root = await pair('root');
  await openssl(['req', ...NEW_KEY, '-keyout', path('sub.key'), '-out', path('sub.csr'), '-subj', `/O=${name}/CN=${name} Sub-CA`]);
  await sign(path('sub.csr'), root, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'], path('sub.pem'));
  const subCa = await pair('sub');
  await openssl(['req', ...NEW_KEY, '-keyout', path('leaf.key'), '-out', path('leaf.csr'), '-subj', `/O=${name}/CN=${name} Leaf`]);
  await sign(path('leaf.csr'), subCa, ['keyUsage=critical,digitalSignature,keyAgreement'], path('leaf.pem'));
  const leaf = await pair('leaf');

  return {
    root,
    subCa,
    leaf,
    async signCsr(csr, issuer) {
      const out = path(`signed${count++}.pem`);
      await sign(await temp(csr), issuer, ['keyUsage=critical,digitalSignature,keyAgreement'], out);
      return readFile(out, 'utf8');
    },
    async ocspResponse(cert, issuer, status = 'good') {
      const request = path(`req${count++}.der`);
      const response = path(`resp${count++}.der`);
      const index = path(`index${count++}.txt`);
      const issuerFile = await temp(issuer.cert);
      await openssl(['ocsp', '-issuer', issuerFile, '-sha256', '-cert', await temp(cert), '-no_nonce', '-reqout', request]);
      const x509 = new X509Certificate(cert);
      const expiry = '491231235959Z';
      const line = status === 'good' ? ['V', expiry, ''] : ['R', expiry, '260101000000Z'];
      await writeFile(index, `${[...line, x509.serialNumber.toUpperCase(), 'unknown', '/CN=x'].join('\t')}\n`);
      await openssl(['ocsp', '-index', index, '-rsigner', issuerFile, '-rkey', await temp(issuer.key), '-CA', issuerFile, '-reqin', request,
        '-respout', response, '-ndays', '30']);
      return (await readFile(response)).toString('base64');
    },
    async opensslRequestData(cert, issuer) {
      const request = path(`req${count++}.der`);
      await openssl(['ocsp', '-issuer', await temp(issuer), '-sha256', '-cert', await temp(cert), '-no_nonce', '-reqout', request]);
      const stdout = await openssl(['ocsp', '-reqin', request, '-req_text']);
      const field = (label: string) => new RegExp(`${label}: ([0-9A-F]+)`).exec(stdout)![1]!.toLowerCase();
      return {
        hashAlgorithm: 'SHA256',
        issuerNameHash: field('Issuer Name Hash'),
        issuerKeyHash: field('Issuer Key Hash'),
        serialNumber: field('Serial Number').replace(/^0+/, ''),
      };
    },
    cleanUp: () => rm(dir, { recursive: true, force: true }),
  };
}

let serials = 0;
function serial(): string {
  return `1${Date.now().toString(16)}${(serials++).toString(16).padStart(4, "0")}`;
}

