// C07, the station's part of authorizing with an ISO 15118 contract certificate, before the usual decision
// (authorization.ts) runs:
//   - online, with a certificate chain but no OCSP request data from the caller: the station computes the request
//     data of the chain itself, through the certificates block's `contractCertificates` port, so that the
//     Authorize carries iso15118CertificateHashData (C07.FR.02). The certificate goes along as given (C07.FR.06).
//   - offline with ISO15118Ctrlr.ContractValidationOffline false: no charging (C07.FR.07): Unknown.
//   - offline with it true: the chain is checked against the installed MO and V2G roots (C07.FR.08). An invalid
//     chain is Invalid (Expired for an expired one) with the certificate status; a valid one goes on to the offline
//     rules of the list, the cache and unknown tokens (C07.FR.09-12).
import type { DeviceModel } from '../../device-model/device-model.js';
import { ISO15118Ctrlr } from '../../device-model/standardized/index.js';
import type { Logger } from '../../logger.js';
import type { OCSPRequestDataType, Response } from '../../messages/types.js';
import type { BlockPorts } from '../shared/block-ports.js';
import { readVariable } from '../shared/model-reads.js';

export interface ContractAuthorizationOptions {
  readonly model: DeviceModel;
  readonly isOnline: () => boolean;
  /** The certificates block's port; undefined when the station has no such block. */
  readonly contracts: () => BlockPorts['contractCertificates'] | undefined;
  readonly logger: Logger;
}

/** Either the final answer, or the OCSP request data the Authorize is to carry. */
export type ContractStep = { readonly answer: Response<'Authorize'> } | { readonly ocspRequestData?: OCSPRequestDataType[] };

export async function contractStep(
  options: ContractAuthorizationOptions,
  certificate: string | undefined,
  ocspRequestData: OCSPRequestDataType[] | undefined,
): Promise<ContractStep> {
  const given = ocspRequestData !== undefined ? { ocspRequestData } : {};
  if (certificate === undefined) return given;
  const contracts = options.contracts();
  if (!options.isOnline()) {
    if (readVariable(options.model, ISO15118Ctrlr.ContractValidationOffline) !== true) {
      options.logger.info('offline, and contract certificates are not validated offline (ISO15118Ctrlr.ContractValidationOffline)');
      return { answer: { idTokenInfo: { status: 'Unknown' } } };
    }
    const verdict = contracts?.verify(certificate) ?? { valid: false, expired: false, reason: 'no certificate store to check it with' };
    if (verdict.valid) return given;
    options.logger.info({ reason: verdict.reason }, 'the contract certificate chain is not valid');
    return verdict.expired
      ? { answer: { idTokenInfo: { status: 'Expired' }, certificateStatus: 'CertificateExpired' } }
      : { answer: { idTokenInfo: { status: 'Invalid' }, certificateStatus: 'CertChainError' } };
  }
  if (ocspRequestData !== undefined && ocspRequestData.length > 0) return given;
  if (contracts === undefined) return given;
  try {
    return { ocspRequestData: await contracts.ocspRequestDataFor(certificate) };
  } catch (error) {
    options.logger.warn({ err: error }, 'the OCSP request data of the contract certificate could not be computed');
    return given;
  }
}
