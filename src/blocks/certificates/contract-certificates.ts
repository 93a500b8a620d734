// C07: what the station can tell of an EV's contract certificate chain (PEM, leaf first, as the ISO 15118 stack
// got it from the EV). The OCSP request data of each certificate in it, so that an Authorize lets the CSMS check
// the chain's status (C07.FR.02), and a local check of the chain against the installed MO and V2G roots, for
// deciding while offline (C07.FR.08). The authorization block reaches it through the `contractCertificates` port.
import type { X509Certificate } from 'node:crypto';
import type { OCSPRequestDataType } from '../../messages/types.js';
import { issuedBy, isSelfSigned, verifyChain } from '../../pki/chain-verification.js';
import { ocspRequestData } from '../../pki/ocsp.js';
import { parseCertificates } from '../../pki/pem.js';
import type { InstalledCertificates } from './installed-certificates.js';

/** AuthorizeRequest.iso15118CertificateHashData holds at most four entries. */
export const MAX_CONTRACT_HASH_DATA = 4;

export type ContractVerdict =
  | { readonly valid: true }
  | { readonly valid: false; /** A certificate of the chain is outside its validity period. */ readonly expired: boolean; readonly reason: string };

export interface ContractCertificates {
  /**
   * The OCSP request data of the certificates of `pem` (leaf first; a root in it is left out), at most four. A
   * certificate is left out when its issuer is neither the next one of the chain nor an installed MO or V2G root,
   * or when it names no OCSP responder. Empty when `pem` is not a certificate chain.
   */
  ocspRequestDataFor(pem: string): Promise<OCSPRequestDataType[]>;
  /** Whether the chain of `pem` is valid now and leads to an installed MO or V2G root. */
  verify(pem: string): ContractVerdict;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    contractCertificates: ContractCertificates;
  }
}

const CONTRACT_ROOTS = ['MORootCertificate', 'V2GRootCertificate'] as const;

export function contractCertificates(certificates: InstalledCertificates, now: () => Date): ContractCertificates {
  const roots = () => CONTRACT_ROOTS.flatMap((role) => certificates.roots(role));
  const parse = (pem: string): X509Certificate[] | undefined => {
    try {
      return parseCertificates(pem);
    } catch {
      return undefined;
    }
  };
  return {
    async ocspRequestDataFor(pem) {
      const chain = parse(pem) ?? [];
      const data: OCSPRequestDataType[] = [];
      for (const [index, certificate] of chain.entries()) {
        if (data.length === MAX_CONTRACT_HASH_DATA) break;
        if (isSelfSigned(certificate)) continue;
        const next = chain[index + 1];
        const issuer = next !== undefined && issuedBy(certificate, next) ? next : roots().find((root) => issuedBy(certificate, root));
        if (issuer === undefined) continue;
        const entry = await ocspRequestData(certificate, issuer);
        if (entry !== undefined) data.push(entry);
      }
      return data;
    },
    verify(pem) {
      const chain = parse(pem);
      if (chain === undefined) return { valid: false, expired: false, reason: 'the contract certificate chain does not parse' };
      const verdict = verifyChain(chain, roots(), now());
      if (verdict.valid) return { valid: true };
      const time = now().getTime();
      return { valid: false, expired: chain.some((certificate) => Date.parse(certificate.validTo) < time), reason: verdict.reason };
    },
  };
}
