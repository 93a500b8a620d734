// Blocks A and M, the certificate part: the certificate store the CSMS manages (M03 GetInstalledCertificateIds,
// M04 DeleteCertificate, M05 InstallCertificate), the station's own certificates (A02: TriggerMessage →
// SignCertificate → CertificateSigned), the TLS credentials the link reads at every connection (CSMS roots for
// profiles 2 and 3, the client certificate for 3), and ISO 15118 EV certificates forwarded to the CSMS (M01/M02).
// Certificate operations are served over every security profile: upgrading from 1 to 2 or 3 (A05) needs the
// CSMS root and the station certificate installed over the connection that exists before the upgrade.
import { X509Certificate } from 'node:crypto';
import type { Request, Response } from '../../messages/types.js';
import { DEFAULT_KEY_ALGORITHM, type KeyAlgorithm } from '../../pki/key-pairs.js';
import type { CertificateStore, CertificateRole } from '../../storage/certificate-store.js';
import type { KeyStore } from '../../storage/key-store.js';
import type { SecurityCredentials } from '../../transport/security-profile.js';
import { ISO15118Ctrlr, SecurityCtrlr } from '../../device-model/standardized/index.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { isOnline } from '../shared/link-port.js';
import { deleteCertificate, getInstalledCertificateIds, installCertificate, type CertificateStoreHandlerOptions } from './certificate-store-handlers.js';
import { contractCertificates } from './contract-certificates.js';
import { InstalledCertificates } from './installed-certificates.js';
import { ocspStatusOf, type V2gOcspStatus } from './ocsp-status.js';
import { ownCertificates } from './own-certificates.js';

/** What the TLS client trusts and presents, read at every connection attempt. */
export interface TlsCredentials {
  csmsRootCertificates(): string[];
  clientCertificate(): SecurityCredentials['clientCertificate'];
}

/** The installed roots of a kind, for blocks that verify with them (firmware: ManufacturerRootCertificate, L01). */
export interface TrustedRoots {
  roots(role: CertificateRole): X509Certificate[];
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    tlsCredentials: TlsCredentials;
    trustedRoots: TrustedRoots;
  }
}

/** One installed certificate as `certificates()` lists it. */
export interface CertificateSummary {
  readonly role: CertificateRole;
  readonly state: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Certificates in the stored chain (1 for a root). */
  readonly chainLength: number;
}

export interface CertificatesApi {
  /** The seed's on_get_15118_ev_certificate_request (M01/M02): forwarded to the CSMS; Failed when offline or unanswered. */
  onGet15118EvCertificateRequest(request: Request<'Get15118EVCertificate'>): Promise<Response<'Get15118EVCertificate'>>;
  /** What is installed, for tools (`ctl certificates`). */
  installedCertificates(): CertificateSummary[];
  /** M06: the cached OCSP status of each certificate of the V2G chain, leaf first (for an ISO 15118 stack). */
  v2gOcspResponses(): Promise<V2gOcspStatus[]>;
}

export interface CertificatesContext extends BlockContext {
  readonly stores: { readonly certificates: CertificateStore; readonly keys: KeyStore };
  readonly options: {
    /** Seeds the store when it holds none of the kind yet (e.g. from --ca, --cert, --key). */
    readonly certificates?: Pick<SecurityCredentials, 'csmsRootCertificates' | 'clientCertificate'>;
    readonly keyAlgorithm?: KeyAlgorithm;
  };
}

export const certificatesBlock: BlockDefinition<CertificatesContext, CertificatesApi> = {
  name: 'certificates',
  create(context) {
    const { model, logger, clock, link } = context;
    const certificates = new InstalledCertificates(context.stores.certificates);
    const now = () => clock.now();
    const updateEntries = () => {
      model.set(SecurityCtrlr.CertificateEntries, certificates.all().length, 'station');
    };
    const securityEvent = (type: string, techInfo: string) => context.ports.find('securityEvents')?.report(type, techInfo);
    const ocsp = ocspStatusOf(context, certificates, context.stores.certificates);
    const own = ownCertificates(context, {
      certificates,
      keyAlgorithm: context.options.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM,
      changed: updateEntries,
      securityEvent,
      installed: (use) => {
        if (use === 'V2GCertificate') ocsp.certificateChanged(); // M06.FR.07
      },
    });
    const handlerOptions: CertificateStoreHandlerOptions = {
      certificates,
      now,
      changed: updateEntries,
      isLastCsmsRootInUse: (entry) =>
        entry.stored.role === 'CSMSRootCertificate' &&
        model.value(SecurityCtrlr.SecurityProfile) >= 2 &&
        certificates.ofRole('CSMSRootCertificate', ['active', 'fallback']).length === 1,
      logFailure: (error, action) => logger.error({ err: error, action }, 'the certificate store failed'),
    };
    return {
      handlers: {
        InstallCertificate: (request) => installCertificate(handlerOptions, request),
        GetInstalledCertificateIds: (request) => getInstalledCertificateIds(handlerOptions, request),
        DeleteCertificate: (request) => deleteCertificate(handlerOptions, request),
        CertificateSigned: (request) => own.certificateSigned(request),
      },
      triggers: own.triggers,
      ports: {
        tlsCredentials: {
          csmsRootCertificates: () => certificates.roots('CSMSRootCertificate').map((root) => root.toString()),
          clientCertificate: () => own.clientCertificate(),
        },
        trustedRoots: { roots: (role) => certificates.roots(role) },
        v2gOcspCache: ocsp,
        contractCertificates: contractCertificates(certificates, now),
      },
      api: {
        async onGet15118EvCertificateRequest(request) {
          const failed: Response<'Get15118EVCertificate'> = { status: 'Failed', exiResponse: '' };
          if (model.value(ISO15118Ctrlr.ContractCertificateInstallationEnabled) === false || !isOnline(link)) return failed;
          try {
            return await context.send('Get15118EVCertificate', request);
          } catch (error) {
            logger.warn({ error: error instanceof Error ? error.name : typeof error }, 'Get15118EVCertificate got no answer');
            return failed;
          }
        },
        installedCertificates: () =>
          certificates.all().map(({ stored, chain }) => ({
            role: stored.role,
            state: stored.state,
            subject: chain[0]!.subject.split('\n').join(', '),
            issuer: chain[0]!.issuer.split('\n').join(', '),
            serialNumber: chain[0]!.serialNumber,
            validFrom: new Date(chain[0]!.validFrom).toISOString(),
            validTo: new Date(chain[0]!.validTo).toISOString(),
            chainLength: chain.length,
          })),
        v2gOcspResponses: () => ocsp.v2gOcspResponses(),
      },
      start() {
        seed(context, certificates);
        updateEntries();
        ocsp.start();
      },
      registrationAccepted: () => {
        own.registrationAccepted();
        ocsp.online();
      },
      linkUp: (info) => {
        own.linkUp(info.securityProfile);
        ocsp.online();
      },
      stop: () => {
        own.stop();
        ocsp.stop();
      },
    };
  },
};

/** Seeds the store from the station's options when it holds none of the kind yet, so the CSMS's changes last. */
function seed(context: CertificatesContext, certificates: InstalledCertificates): void {
  const given = context.options.certificates;
  const installedAt = context.clock.now().toISOString();
  if (given?.csmsRootCertificates?.length && certificates.ofRole('CSMSRootCertificate').length === 0) {
    for (const text of given.csmsRootCertificates) {
      for (const pem of text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
        certificates.add({ role: 'CSMSRootCertificate', pem: `${new X509Certificate(pem).toString()}`, state: 'active', installedAt });
      }
    }
  }
  const client = given?.clientCertificate;
  if (client && certificates.ofRole('ChargingStationCertificate').length === 0) {
    const keyId = 'seeded-station-key';
    context.stores.keys.save(keyId, client.privateKey);
    certificates.add({ role: 'ChargingStationCertificate', pem: client.certificateChain, keyId, state: 'active', installedAt });
  }
}
