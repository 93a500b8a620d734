// The station's own certificates as the block runs them (A02/A03): signing on a TriggerMessage, resending an
// unanswered CSR (signing-retries.ts), renewing a month before expiry (certificate-renewal.ts), and the client
// certificate the TLS client presents while a renewed one is on trial (client-certificate-trial.ts).
import type { Request, Response } from '../../messages/types.js';
import type { KeyAlgorithm } from '../../pki/key-pairs.js';
import type { CertificateStore, SigningUse } from '../../storage/certificate-store.js';
import type { KeyStore } from '../../storage/key-store.js';
import { ISO15118Ctrlr, OCPPCommCtrlr, SecurityCtrlr } from '../../device-model/standardized/index.js';
import type { BlockContext } from '../shared/block-contract.js';
import type { Trigger } from '../shared/trigger.js';
import { CertificateRenewal } from './certificate-renewal.js';
import { ClientCertificateTrial, type ClientCertificate } from './client-certificate-trial.js';
import type { InstalledCertificates } from './installed-certificates.js';
import { SigningRetries } from './signing-retries.js';
import { StationCertificates, type SigningOutcome } from './station-certificates.js';

export interface OwnCertificates {
  readonly triggers: Record<'SignChargingStationCertificate' | 'SignV2GCertificate', Trigger>;
  certificateSigned(request: Request<'CertificateSigned'>): Response<'CertificateSigned'>;
  clientCertificate(): ClientCertificate | undefined;
  registrationAccepted(): void;
  linkUp(securityProfile: number): void;
  stop(): void;
}

export interface OwnCertificatesContext extends BlockContext {
  readonly stores: { readonly certificates: CertificateStore; readonly keys: KeyStore };
}

export interface OwnCertificatesOptions {
  readonly certificates: InstalledCertificates;
  readonly keyAlgorithm: KeyAlgorithm;
  /** CertificateEntries changed. */
  readonly changed: () => void;
  readonly securityEvent: (type: string, techInfo: string) => void;
  /** A new certificate of `use` was stored (after CertificateEntries is updated). */
  readonly installed?: (use: SigningUse) => void;
}

export function ownCertificates(context: OwnCertificatesContext, options: OwnCertificatesOptions): OwnCertificates {
  const { model, logger, clock, link } = context;
  const { certificates } = options;
  let stopped = false;
  const atProfile3 = () => model.value(SecurityCtrlr.SecurityProfile) === 3;
  const trial = new ClientCertificateTrial({
    certificates,
    keys: context.stores.keys,
    roundLength: () => Math.max(1, model.value(OCPPCommCtrlr.NetworkConfigurationPriority).length) * Math.max(1, link.settings.networkProfileConnectionAttempts),
    securityEvent: options.securityEvent,
    logger,
  });
  // A02.FR.28: a failed attempt counts towards the round after which the other client certificate is tried.
  const stopListening = link.onConnectionFailed(() => trial.attemptFailed());
  const station = new StationCertificates({
    certificates,
    store: context.stores.certificates,
    keys: context.stores.keys,
    keyAlgorithm: options.keyAlgorithm,
    now: () => clock.now(),
    subject: (use) => subjectFor(context, use),
    maxChainSize: () => model.value(SecurityCtrlr.MaxCertificateChainSize),
    sendSignCertificate: (request) => context.send('SignCertificate', request, { requestedByCsms: true }),
    securityEvent: options.securityEvent,
    keepPrevious: (use) => use === 'ChargingStationCertificate' && atProfile3(),
    installed: (use) => {
      options.changed();
      options.installed?.(use);
      if (use !== 'ChargingStationCertificate' || !atProfile3()) return;
      trial.begin();
      // A02.FR.08: switch to the new certificate by reconnecting, after the CertificateSignedResponse is out.
      setImmediate(() => {
        if (!stopped && link.isConnected) link.reconnect();
      });
    },
    logger,
  });
  const afterSending = (use: SigningUse, outcome: SigningOutcome | undefined) => {
    // A02.FR.17 asks for resends of a CSR the CSMS accepted; one that got no answer may have been lost the same way.
    // A CertificateSigned may have come (or been rejected, A02.FR.20) before the SignCertificateResponse.
    const waiting = station.isWaiting(use) && !retries.isWaitingForTrigger(use) && !retries.isRunning(use);
    if (!stopped && outcome !== undefined && outcome !== 'Rejected' && waiting) retries.start(use);
  };
  const retries: SigningRetries = new SigningRetries({
    clock,
    waitMinimumSeconds: () => model.value(SecurityCtrlr.CertSigningWaitMinimum) ?? 30,
    repeatTimes: () => model.value(SecurityCtrlr.CertSigningRepeatTimes) ?? 3,
    resend: (use) => {
      if (!station.isWaiting(use)) return retries.received(use);
      logger.info({ use }, 'no CertificateSigned yet: sending the CSR again');
      void station.resend(use).catch((error: unknown) => logger.error({ err: error, use }, 'resending the CSR failed'));
    },
  });
  /** Uses whose CSR is being made or sent right now (its answer not in yet). */
  const signing = new Set<SigningUse>();
  const sign = (use: SigningUse) => {
    signing.add(use);
    return station
      .requestSigning(use)
      .then(
        (outcome) => afterSending(use, outcome),
        (error: unknown) => logger.error({ err: error, use }, 'making the signing request failed'),
      )
      .finally(() => signing.delete(use));
  };
  const signingAllowed = (use: SigningUse) =>
    use === 'ChargingStationCertificate' || model.value(ISO15118Ctrlr.V2GCertificateInstallationEnabled) !== false;
  const renewal = new CertificateRenewal({
    clock,
    uses: () => ['ChargingStationCertificate', 'V2GCertificate'],
    expiry: (use) => {
      const inService = certificates.ofRole(use, ['active']).map((entry) => entry.chain[0]!.validTo);
      return inService.length === 0 ? undefined : new Date(Math.max(...inService.map((text) => Date.parse(text))));
    },
    mayRenew: (use) =>
      station.canSign(use) &&
      signingAllowed(use) &&
      link.hasRoomForPromises &&
      !signing.has(use) &&
      !retries.isRunning(use) &&
      !retries.isWaitingForTrigger(use) &&
      !(use === 'ChargingStationCertificate' && trial.inTrial),
    renew: (use) => {
      logger.info({ use }, 'the certificate expires within a month: asking for a new one (A03)');
      retries.triggered(use);
      void sign(use);
    },
  });
  const signTrigger =
    (use: SigningUse): Trigger =>
    () => {
      if (!station.canSign(use) || !link.hasRoomForPromises || !signingAllowed(use)) return { status: 'Rejected' };
      return {
        status: 'Accepted',
        send: () => {
          retries.triggered(use);
          void sign(use);
        },
      };
    };
  return {
    triggers: { SignChargingStationCertificate: signTrigger('ChargingStationCertificate'), SignV2GCertificate: signTrigger('V2GCertificate') },
    certificateSigned(request) {
      const use: SigningUse = request.certificateType ?? 'ChargingStationCertificate';
      const response = station.certificateSigned(request);
      if (response.status === 'Accepted') retries.received(use);
      else retries.rejected(use);
      return response;
    },
    clientCertificate: () => trial.clientCertificate(),
    registrationAccepted: () => renewal.start(),
    linkUp: (securityProfile) => trial.connected(securityProfile),
    stop() {
      stopped = true;
      stopListening();
      retries.stop();
      renewal.stop();
    },
  };
}

/** The subject of a CSR (A00.FR.509/511): O from the organization name, CN the identity (or the SECC id). */
function subjectFor(context: OwnCertificatesContext, use: SigningUse) {
  const { model } = context;
  if (use === 'ChargingStationCertificate') {
    const organization = model.value(SecurityCtrlr.OrganizationName);
    return organization ? { organization, commonName: context.stationId } : undefined;
  }
  const organization = model.value(ISO15118Ctrlr.OrganizationName) ?? model.value(SecurityCtrlr.OrganizationName);
  const country = model.value(ISO15118Ctrlr.CountryName);
  if (!organization) return undefined;
  return { organization, commonName: model.value(ISO15118Ctrlr.SeccId) ?? context.stationId, ...(country ? { country } : {}) };
}
