// The three OCPP security profiles (Part 2, A00) turned into what the websocket client needs: the connection
// URL, the Basic-auth header and the TLS settings. Pure: the caller logs what it reports and keeps secrets out
// of its logs.
//   1: ws://  + HTTP Basic auth (stationId:BasicAuthPassword)
//   2: wss:// + HTTP Basic auth, the CSMS certificate verified against the installed CSMS root certificates
//   3: wss:// + a client certificate (mutual TLS), no password. Before the station holds a certificate, TLS
//      without one: the CSMS may accept the station to provision it (A02 by request of the CSMS) or refuse the
//      handshake, which is then a failed attempt like any other.
import type { ClientOptions } from 'ws';
import { OcppStationError } from '../errors.js';
import type { NetworkConnectionProfile } from './network-profiles.js';

export type SecurityProfile = 1 | 2 | 3;

/** Secrets the station holds; read afresh at every connection attempt so that a change takes effect. */
export interface SecurityCredentials {
  /** SecurityCtrlr.BasicAuthPassword, for profiles 1 and 2. Sent as UTF-8. */
  basicAuthPassword?: string;
  /** CSMS root certificates (PEM) that the CSMS server certificate must chain to, for profiles 2 and 3. */
  csmsRootCertificates?: string[];
  /** The ChargingStationCertificate with its chain and private key (PEM), for profile 3. */
  clientCertificate?: { certificateChain: string; privateKey: string; passphrase?: string };
}

/** A profile and credentials that cannot make a connection. The message says what to fix; it holds no secret. */
export class SecurityProfileError extends OcppStationError {
  override readonly name = 'SecurityProfileError';
  override readonly code = 'TRANSPORT_SECURITY_PROFILE';
}

export interface ConnectionTarget {
  /** `<ocppCsmsUrl>/<stationId>`, the identity percent-encoded, the scheme matching the security profile. */
  readonly url: string;
  readonly securityProfile: SecurityProfile;
  /** Authorization header and TLS settings. Holds secrets: never log it. */
  readonly clientOptions: ClientOptions;
  /** The URL as configured, when its scheme had to be changed to match the security profile (worth a warning). */
  readonly configuredUrl?: string;
  /** Profile 1 without a password: the handshake carries no Authorization header (worth a warning). */
  readonly withoutBasicAuth?: boolean;
  /** Profile 3 before a charging station certificate is installed: TLS without a client certificate (worth a warning). */
  readonly withoutClientCertificate?: boolean;
}

/** OCPP-J Part 4 §3.1.1: at most 48 characters. */
const MAX_STATION_ID_LENGTH = 48;

export function buildConnectionTarget(
  stationId: string,
  profile: Pick<NetworkConnectionProfile, 'ocppCsmsUrl' | 'securityProfile'>,
  credentials: SecurityCredentials,
): ConnectionTarget {
  const securityProfile = checkSecurityProfile(profile.securityProfile);
  checkStationId(stationId);
  const { url, rewritten } = connectionUrl(profile.ocppCsmsUrl, stationId, securityProfile);

  const clientOptions: ClientOptions = {};
  // Profile 1 without a password still connects, without Basic auth: test and lab CSMSs often ask for none,
  // and profile 1 is unencrypted anyway. Profile 2 always needs one.
  const withoutBasicAuth = securityProfile === 1 && !credentials.basicAuthPassword;
  if ((securityProfile === 1 && !withoutBasicAuth) || securityProfile === 2) {
    clientOptions.headers = { Authorization: basicAuthorization(stationId, credentials, securityProfile) };
  }
  if (securityProfile === 2 || securityProfile === 3) {
    Object.assign(clientOptions, tlsOptions(credentials, securityProfile));
  }
  const withoutClientCertificate = securityProfile === 3 && credentials.clientCertificate === undefined;
  return {
    url,
    securityProfile,
    clientOptions,
    ...(rewritten ? { configuredUrl: profile.ocppCsmsUrl } : {}),
    ...(withoutBasicAuth ? { withoutBasicAuth } : {}),
    ...(withoutClientCertificate ? { withoutClientCertificate } : {}),
  };
}

function checkSecurityProfile(value: number): SecurityProfile {
  if (value === 1 || value === 2 || value === 3) return value;
  throw new SecurityProfileError(`securityProfile must be 1, 2 or 3 in OCPP 2.0.1, got ${value}`);
}

function checkStationId(stationId: string): void {
  if (stationId.length === 0) throw new SecurityProfileError('the station identity is empty');
  if (stationId.length > MAX_STATION_ID_LENGTH) {
    throw new SecurityProfileError(`the station identity is longer than ${MAX_STATION_ID_LENGTH} characters`);
  }
  // The identity is also the Basic-auth user name, where ':' separates user from password.
  if (stationId.includes(':')) throw new SecurityProfileError(`the station identity "${stationId}" contains ":"`);
}

/**
 * Appends the identity to the endpoint URL and makes the scheme follow the security profile. Profiles 2 and 3
 * always get wss:// (a ws:// URL is upgraded). A wss:// URL with profile 1 is refused: dropping to ws:// would
 * be a downgrade, and keeping TLS without a CSMS root is not one of the three profiles.
 */
function connectionUrl(
  endpoint: string,
  stationId: string,
  securityProfile: SecurityProfile,
): { url: string; rewritten: boolean } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SecurityProfileError(`ocppCsmsUrl "${endpoint}" is not a valid URL`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new SecurityProfileError(`ocppCsmsUrl "${endpoint}" must use ws:// or wss://`);
  }
  const wanted = securityProfile === 1 ? 'ws:' : 'wss:';
  const rewritten = url.protocol !== wanted;
  if (rewritten && wanted === 'ws:') {
    throw new SecurityProfileError(
      `ocppCsmsUrl "${endpoint}" asks for TLS but securityProfile is 1; ` +
        'configure securityProfile 2 or 3 instead of dropping TLS',
    );
  }
  url.protocol = wanted;
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(stationId)}`;
  return { url: url.toString(), rewritten };
}

function basicAuthorization(
  stationId: string,
  credentials: SecurityCredentials,
  securityProfile: SecurityProfile,
): string {
  const password = credentials.basicAuthPassword;
  if (!password) throw new SecurityProfileError(`security profile ${securityProfile} needs a BasicAuthPassword`);
  return `Basic ${Buffer.from(`${stationId}:${password}`, 'utf8').toString('base64')}`;
}

function tlsOptions(credentials: SecurityCredentials, securityProfile: SecurityProfile): ClientOptions {
  const roots = credentials.csmsRootCertificates ?? [];
  if (roots.length === 0) {
    throw new SecurityProfileError(`security profile ${securityProfile} needs at least one CSMS root certificate`);
  }
  const options: ClientOptions = {
    // Only the CSMS roots are trusted, not the system store: the CSMS certificate must chain to one of them.
    ca: roots,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
  const client = credentials.clientCertificate;
  // No certificate yet at profile 3: TLS without one, so the CSMS can provision the station. Half of one (a chain
  // without its key, or a key without its chain) is a mistake, not a missing certificate.
  if (securityProfile === 3 && client !== undefined) {
    if (!client.certificateChain || !client.privateKey) {
      throw new SecurityProfileError('security profile 3: the charging station certificate needs both its chain and its private key');
    }
    options.cert = client.certificateChain;
    options.key = client.privateKey;
    if (client.passphrase !== undefined) options.passphrase = client.passphrase;
  }
  return options;
}
