// What a ChargingStation is made of: its identity and configuration, where it keeps its state, the
// integrator's host, and the few settings that come from outside the device model.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { LinkSettings } from '../link/link-settings.js';
import type { StationConfig } from '../device-model/station-config.js';
import type { SecurityCredentials } from '../transport/security-profile.js';
import type { TransactionsOnBoot } from '../blocks/transactions/transactions.js';
import type { KeyAlgorithm } from '../pki/key-pairs.js';
import type { FirmwarePublishingOptions } from '../blocks/publishing/publishing-block.js';
import type { StationHost } from './host.js';
import type { StationStores } from './station-stores.js';

export interface ChargingStationOptions {
  /** The identity: last segment of the connection URL and the Basic-auth user. */
  stationId: string;
  /** The station configuration file, parsed (identity, layout, initial values, custom components, blocks). */
  config: StationConfig;
  /** Where the station keeps its state; closed by stop(). */
  stores: StationStores;
  host: StationHost;
  /**
   * The CSMS to use in configuration slot 1 (e.g. from the command line). Written at every start, except when
   * its security profile is below SecurityCtrlr.SecurityProfile: once the station has been upgraded (A05), a
   * lower profile never comes back, and slot 1 stays as the upgrade left it (removed, or as the CSMS set it).
   * Profiles the CSMS put in other slots stay.
   */
  csms?: { url: string; securityProfile?: number };
  /**
   * SecurityCtrlr.BasicAuthPassword to start with (e.g. from the command line). A password the CSMS has set
   * since (SetVariables) is kept instead.
   */
  basicAuthPassword?: string;
  /**
   * CSMS root certificates and the station certificate for security profiles 2 and 3. They seed the station's
   * certificate store when it holds none of the kind yet; from then on the store (which the CSMS manages with
   * InstallCertificate, DeleteCertificate and CertificateSigned) is what the TLS client uses. At profile 3 the
   * station certificate may be left out: until the CSMS has provisioned one (A02), TLS goes without it.
   */
  certificates?: Pick<SecurityCredentials, 'csmsRootCertificates' | 'clientCertificate'>;
  /** The key pair made for each certificate signing request (A02.FR.02); ECDSA P-256 by default. */
  keyAlgorithm?: KeyAlgorithm;
  /** Link settings the device model does not hold (frame size limit, queue threshold). */
  linkSettings?: Partial<LinkSettings>;
  /**
   * Transactions still open from the previous run: 'end' them at start (stoppedReason PowerLoss or Reboot, the
   * default) or 'resume' them (for hardware that keeps charging through a restart of the software).
   */
  transactionsOnBoot?: TransactionsOnBoot;
  /** Where log files are built for GetLog (N01) before their upload; the operating system's temporary folder by default. */
  logDirectory?: string;
  /** Where firmware images are downloaded to (L01); the operating system's temporary folder by default. */
  firmwareDirectory?: string;
  /**
   * PublishFirmware / UnpublishFirmware (L03/L04, a Local Controller's use cases): the folder the published files
   * are kept in and the HTTP server they are served from. Without it PublishFirmware is Rejected.
   */
  firmwarePublishing?: FirmwarePublishingOptions;
  clock?: Clock;
  /** Real time for the network (handshake, MessageTimeout, pings, back-off); `clock` by default. See OcppLinkOptions. */
  networkClock?: Clock;
  logger?: Logger;
  /** Randomness of the reconnect back-off. */
  random?: () => number;
}
