// M05 InstallCertificate, M03 GetInstalledCertificateIds and M04 DeleteCertificate over the installed
// certificates. AdditionalRootCertificateCheck is false in this station (a constant), so M05.FR.09-16 do not
// apply: CSMS roots are added side by side.
import type { X509Certificate } from 'node:crypto';
import type {
  CertificateHashDataChainType,
  CertificateHashDataType,
  GetCertificateIdUseEnumType,
  Request,
  Response,
} from '../../messages/types.js';
import { sameCertificateHash } from '../../pki/certificate-hash.js';
import { validAt } from '../../pki/chain-verification.js';
import { CertificateFormatError, parseCertificates } from '../../pki/pem.js';
import type { CertificateRole } from '../../storage/certificate-store.js';
import { CERTIFICATE_CAPACITY } from '../../device-model/standardized/security-ctrlr.js';
import type { InstalledCertificate, InstalledCertificates } from './installed-certificates.js';

export interface CertificateStoreHandlerOptions {
  readonly certificates: InstalledCertificates;
  readonly now: () => Date;
  /** After any change: CertificateEntries and the TLS trust follow. */
  readonly changed: () => void;
  /** Whether `id` is the CSMS root the current connection depends on (the last one, with TLS in use). */
  readonly isLastCsmsRootInUse: (entry: InstalledCertificate) => boolean;
  readonly logFailure: (error: unknown, action: string) => void;
}

/** MAX of childCertificateHashData in CertificateHashDataChainType. */
const MAX_CHILDREN = 4;

export function installCertificate(options: CertificateStoreHandlerOptions, request: Request<'InstallCertificate'>): Response<'InstallCertificate'> {
  let certificate: X509Certificate;
  try {
    const parsed = parseCertificates(request.certificate, 1);
    certificate = parsed[0]!;
  } catch (error) {
    const detail = error instanceof CertificateFormatError ? error.message : 'the certificate does not parse';
    return rejected('InvalidCertificate', detail);
  }
  // M05.FR.07: an invalid certificate is refused: expired or not yet valid, or not a CA (a root signs others).
  if (!validAt(certificate, options.now())) return rejected('InvalidCertificate', `not valid now (valid ${certificate.validFrom} to ${certificate.validTo})`);
  if (!certificate.ca) return rejected('InvalidCertificate', 'not a CA certificate');

  const role: CertificateRole = request.certificateType;
  const same = options.certificates.ofRole(role).find((entry) => entry.chain[0]!.fingerprint256 === certificate.fingerprint256);
  // M05.FR.06: the store is full (a replacement of a present one does not count).
  if (same === undefined && options.certificates.all().length >= CERTIFICATE_CAPACITY) {
    return rejected('OutOfStorage', `at most ${CERTIFICATE_CAPACITY} certificates can be installed`);
  }
  try {
    // M05.FR.17: one already present is replaced.
    if (same !== undefined) options.certificates.remove(same.stored.id);
    options.certificates.add({ role, pem: certificate.toString(), state: 'active', installedAt: options.now().toISOString() });
  } catch (error) {
    options.logFailure(error, 'InstallCertificate');
    return { status: 'Failed', statusInfo: { reasonCode: 'InternalError' } }; // M05.FR.03
  } finally {
    options.changed();
  }
  return { status: 'Accepted' };
}

export async function getInstalledCertificateIds(
  options: CertificateStoreHandlerOptions,
  request: Request<'GetInstalledCertificateIds'>,
): Promise<Response<'GetInstalledCertificateIds'>> {
  const wanted = request.certificateType;
  const chains: CertificateHashDataChainType[] = [];
  for (const type of CERTIFICATE_ID_USES) {
    if (wanted !== undefined && wanted.length > 0 && !wanted.includes(type)) continue;
    for (const entry of entriesOf(options.certificates, type)) chains.push(await dataChain(options.certificates, type, entry));
  }
  // M03.FR.02 / M03.FR.03
  if (chains.length === 0) return { status: 'NotFound' };
  return { status: 'Accepted', certificateHashDataChain: chains };
}

export async function deleteCertificate(
  options: CertificateStoreHandlerOptions,
  request: Request<'DeleteCertificate'>,
): Promise<Response<'DeleteCertificate'>> {
  const wanted = request.certificateHashData;
  // The hash data names a certificate, which may be installed under more than one use: each of them goes.
  const matches: { entry: InstalledCertificate; index: number }[] = [];
  for (const entry of options.certificates.all()) {
    for (let index = 0; index < entry.chain.length; index++) {
      if (sameCertificateHash(await options.certificates.hashOf(entry.chain, index, wanted.hashAlgorithm), wanted)) matches.push({ entry, index });
    }
  }
  if (matches.length === 0) return { status: 'NotFound' }; // M04.FR.04
  for (const { entry, index } of matches) {
    // M04.FR.06: the Charging Station Certificate is never deleted this way; nor a sub-CA inside a chain.
    if (entry.stored.role === 'ChargingStationCertificate') return failed('the Charging Station Certificate cannot be deleted (M04.FR.06)');
    if (index > 0) return failed('a sub-CA of an installed chain cannot be deleted on its own');
    // M04.FR.03: refused when the connection depends on it.
    if (options.isLastCsmsRootInUse(entry)) return failed('the last CSMS root certificate is in use by the TLS connection');
  }
  try {
    for (const { entry } of matches) options.certificates.remove(entry.stored.id);
  } catch (error) {
    options.logFailure(error, 'DeleteCertificate');
    return failed('the certificate could not be deleted');
  } finally {
    options.changed();
  }
  return { status: 'Accepted' }; // M04.FR.02
}

const CERTIFICATE_ID_USES: readonly GetCertificateIdUseEnumType[] = [
  'V2GRootCertificate',
  'MORootCertificate',
  'CSMSRootCertificate',
  'V2GCertificateChain',
  'ManufacturerRootCertificate',
];

function entriesOf(certificates: InstalledCertificates, type: GetCertificateIdUseEnumType): InstalledCertificate[] {
  if (type === 'V2GCertificateChain') return certificates.ofRole('V2GCertificate', ['active']);
  return certificates.ofRole(type, ['active', 'fallback']);
}

/** M03.FR.05: a V2G chain's sub-CAs go under its leaf as children. */
async function dataChain(
  certificates: InstalledCertificates,
  type: GetCertificateIdUseEnumType,
  entry: InstalledCertificate,
): Promise<CertificateHashDataChainType> {
  const certificateHashData: CertificateHashDataType = await certificates.hashOf(entry.chain, 0);
  const children: CertificateHashDataType[] = [];
  for (let index = 1; index < entry.chain.length && children.length < MAX_CHILDREN; index++) {
    children.push(await certificates.hashOf(entry.chain, index));
  }
  return { certificateType: type, certificateHashData, ...(children.length > 0 ? { childCertificateHashData: children } : {}) };
}

function rejected(reasonCode: string, additionalInfo: string): Response<'InstallCertificate'> {
  return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo: additionalInfo.slice(0, 512) } };
}

function failed(additionalInfo: string): Response<'DeleteCertificate'> {
  return { status: 'Failed', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo } };
}
