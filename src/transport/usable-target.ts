// Whether a configuration slot can be connected to now, and to what: the slot needs a network connection
// profile, at or above the minimum security profile (A05: never downgrade), that this stack supports and that
// the credentials complete. Each reason to skip a slot is logged.
import type { Logger } from '../logger.js';
import { unsupportedProfileReason, type NetworkProfileSource } from './network-profiles.js';
import { buildConnectionTarget, type ConnectionTarget, type SecurityCredentials } from './security-profile.js';

/** Where the profiles and credentials come from (the connection manager's options). */
export interface TargetSource {
  readonly stationId: string;
  readonly profiles: NetworkProfileSource;
  readonly credentials: () => SecurityCredentials;
}

/** The target to connect to for `slot`, or undefined (logged) when the slot cannot be used now. */
export function usableTarget(
  slot: number,
  source: TargetSource,
  minimumSecurityProfile: () => number,
  logger: Logger,
): ConnectionTarget | undefined {
  const profile = source.profiles.get(slot);
  if (!profile) {
    logger.warn({ slot }, 'configuration slot has no network connection profile; skipped');
    return undefined;
  }
  const minimum = minimumSecurityProfile();
  if (profile.securityProfile < minimum) {
    logger.error(
      { slot, securityProfile: profile.securityProfile, minimumSecurityProfile: minimum },
      `configuration slot ${slot} uses security profile ${profile.securityProfile}, below the minimum ${minimum}: ` +
        'never downgrading (A05); skipped',
    );
    return undefined;
  }
  const unsupported = unsupportedProfileReason(profile);
  if (unsupported) {
    logger.error({ slot }, `configuration slot ${slot} cannot be used: ${unsupported}; skipped`);
    return undefined;
  }
  try {
    const target = buildConnectionTarget(source.stationId, profile, source.credentials());
    if (target.configuredUrl !== undefined) {
      logger.warn(
        { slot, configuredUrl: target.configuredUrl, url: target.url, securityProfile: target.securityProfile },
        'the ocppCsmsUrl scheme does not match the security profile; using the scheme the profile requires',
      );
    }
    if (target.withoutBasicAuth) {
      logger.warn({ slot }, 'no BasicAuthPassword set: connecting with security profile 1 without HTTP Basic auth');
    }
    if (target.withoutClientCertificate) {
      logger.warn(
        { slot },
        'no charging station certificate installed yet: connecting with security profile 3 without a client certificate, ' +
          'for the CSMS to provision one (A02)',
      );
    }
    return target;
  } catch (error) {
    // A SecurityProfileError, or credentials that could not be read: either way this slot cannot connect now.
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ slot }, `configuration slot ${slot} cannot be used: ${message}; skipped`);
    return undefined;
  }
}
