// PKCS#10 certificate signing requests (RFC 2986), PEM encoded, as SignCertificateRequest carries them
// (A02.FR.03): subject O = organization, CN = the station's identity (A00.FR.509/511), optionally C, signed with
// the new key (SHA-256, A00.FR.506). Built with pkijs; the subject's RDNs go one per SET so that each attribute
// is its own RDN, as CAs expect.
import { createPrivateKey, webcrypto } from 'node:crypto';
import { PrintableString, Sequence, Set as Asn1Set, Utf8String } from 'asn1js';
import { AttributeTypeAndValue, CertificationRequest, RelativeDistinguishedNames } from 'pkijs';
import { pkiEngine } from './pki-engine.js';
import type { PemKeyPair } from './key-pairs.js';

export interface CsrSubject {
  /** O (organizationName), SecurityCtrlr.OrganizationName or ISO15118Ctrlr.OrganizationName. */
  readonly organization: string;
  /** CN (commonName): the station's identity (serial number) or the SECC id. */
  readonly commonName: string;
  /** C (countryName), two letters, for V2G certificates (ISO15118Ctrlr.CountryName). */
  readonly country?: string;
}

const OID = { country: '2.5.4.6', organization: '2.5.4.10', commonName: '2.5.4.3' } as const;

export async function createCsr(keys: PemKeyPair, subject: CsrSubject): Promise<string> {
  const { publicKey, privateKey } = await toCryptoKeys(keys);
  const request = new CertificationRequest();
  request.subject = subjectName(subject);
  // pkijs types its keys with the DOM's CryptoKey, which Node's webcrypto keys are at run time.
  await request.subjectPublicKeyInfo.importKey(publicKey as never, pkiEngine);
  await request.sign(privateKey as never, 'SHA-256', pkiEngine);
  const der = Buffer.from(request.toSchema().toBER(false));
  return pem('CERTIFICATE REQUEST', der);
}

function subjectName(subject: CsrSubject): RelativeDistinguishedNames {
  const attributes: [string, Utf8String | PrintableString][] = [];
  if (subject.country !== undefined) attributes.push([OID.country, new PrintableString({ value: subject.country })]);
  attributes.push([OID.organization, new Utf8String({ value: subject.organization })]);
  attributes.push([OID.commonName, new Utf8String({ value: subject.commonName })]);
  const rdns = new Sequence({
    value: attributes.map(([type, value]) => new Asn1Set({ value: [new AttributeTypeAndValue({ type, value }).toSchema()] })),
  });
  return RelativeDistinguishedNames.fromBER(rdns.toBER(false));
}

async function toCryptoKeys(keys: PemKeyPair) {
  const key = createPrivateKey(keys.privateKey);
  const algorithm =
    key.asymmetricKeyType === 'ec'
      ? { name: 'ECDSA', namedCurve: key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const spki = webcrypto.subtle.importKey('spki', pemBody(keys.publicKey), algorithm, true, ['verify']);
  const privateKey = webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  return { publicKey: await spki, privateKey: await privateKey };
}

function pemBody(text: string): Buffer {
  return Buffer.from(text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
