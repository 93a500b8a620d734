// OCSP (RFC 6960) as OCPP uses it: the station computes the request data for a certificate itself
// (OCSPRequestDataType: the CertID fields and the responder URL from the certificate's Authority Information
// Access, M06, C07.FR.02), and reads the DER OCSPResponse the CSMS fetched for it (GetCertificateStatus,
// M06.FR.08/09): that it answers for this certificate, is signed by the issuer or its delegated responder, and
// what it says. Encoding and decoding are pkijs's.
import type { X509Certificate } from 'node:crypto';
import { BasicOCSPResponse, OCSPResponse } from 'pkijs';
import { OcppStationError } from '../errors.js';
import type { OCSPRequestDataType } from '../messages/types.js';
import { certificateHashData, toPkijsCertificate } from './certificate-hash.js';
import { pkiEngine } from './pki-engine.js';

export class OcspResponseError extends OcppStationError {
  override readonly name = 'OcspResponseError';
  override readonly code = 'PKI_OCSP_RESPONSE';
}

/** OCSPRequestDataType.responderURL is string[0..512]. */
const MAX_RESPONDER_URL = 512;

/** The OCSP responder URL of a certificate's Authority Information Access, if it names one. */
export function ocspResponderUrl(certificate: X509Certificate): string | undefined {
  const line = (certificate.infoAccess ?? '').split('\n').find((entry) => entry.startsWith('OCSP - URI:'));
  const url = line?.slice('OCSP - URI:'.length).trim();
  return url && url.length <= MAX_RESPONDER_URL ? url : undefined;
}

/** The request data for `certificate` issued by `issuer`; undefined without a responder URL (M06 remark: required). */
export async function ocspRequestData(certificate: X509Certificate, issuer: X509Certificate): Promise<OCSPRequestDataType | undefined> {
  const responderURL = ocspResponderUrl(certificate);
  if (responderURL === undefined) return undefined;
  return { ...(await certificateHashData(certificate, issuer)), responderURL };
}

export interface OcspAnswer {
  readonly certificateStatus: 'good' | 'revoked' | 'unknown';
  readonly thisUpdate: Date;
  /** When the responder will have newer information; absent means "any time". */
  readonly nextUpdate?: Date;
}

const CERT_STATUS = ['good', 'revoked', 'unknown'] as const;

/**
 * Reads a base64 DER OCSPResponse for `certificate` issued by `issuer`. Throws OcspResponseError when it is not
 * one, is not "successful", does not answer for this certificate, or its signature does not verify.
 */
export async function readOcspResponse(base64: string, certificate: X509Certificate, issuer: X509Certificate): Promise<OcspAnswer> {
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) throw new OcspResponseError('the OCSP response is not base64');
  let basic: BasicOCSPResponse;
  try {
    const response = OCSPResponse.fromBER(new Uint8Array(Buffer.from(base64, 'base64')));
    if (response.responseStatus.valueBlock.valueDec !== 0) {
      throw new OcspResponseError(`the OCSP responder answered status ${response.responseStatus.valueBlock.valueDec}, not successful`);
    }
    if (response.responseBytes?.responseType !== '1.3.6.1.5.5.7.48.1.1') throw new OcspResponseError('not a basic OCSP response');
    basic = BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  } catch (error) {
    if (error instanceof OcspResponseError) throw error;
    throw new OcspResponseError(`the OCSP response does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const pkiCertificate = toPkijsCertificate(certificate);
  const pkiIssuer = toPkijsCertificate(issuer);
  const status = await basic.getCertificateStatus(pkiCertificate, pkiIssuer, pkiEngine);
  if (!status.isForCertificate) throw new OcspResponseError('the OCSP response does not answer for this certificate');
  let signed = false;
  try {
    // The issuer itself is a trusted responder (no chain to build above it: it may be a sub-CA, RFC 6960
    // §4.2.2.2); a delegated responder is one it issued for OCSP signing.
    signed = await basic.verify({ trustedCerts: [pkiIssuer], trustedResponders: [pkiIssuer] }, pkiEngine);
  } catch {
    signed = false;
  }
  if (!signed) throw new OcspResponseError('the OCSP response is not signed by the issuer or a responder it authorized');
  const single = basic.tbsResponseData.responses.find((entry) => entry.certID.serialNumber.isEqual(pkiCertificate.serialNumber));
  return {
    certificateStatus: CERT_STATUS[status.status] ?? 'unknown',
    thisUpdate: single?.thisUpdate ?? new Date(0),
    ...(single?.nextUpdate !== undefined ? { nextUpdate: single.nextUpdate } : {}),
  };
}
