// A04 security events: every one goes into the security log (A04.FR.04); the critical ones are also sent to the
// CSMS as SecurityEventNotification (A04.FR.01), queued with guaranteed delivery (A04.FR.02). Which events are
// critical follows the specification's list (Part 2 appendices, Security Events); others default to not.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import type { SecurityLogEntry, SecurityLogStore } from '../../storage/security-log-store.js';

const CRITICAL_EVENTS: ReadonlySet<string> = new Set([
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
  'InvalidFirmwareSignature',
  'InvalidFirmwareSigningCertificate',
  'InvalidCsmsCertificate',
  'InvalidChargingStationCertificate',
  'InvalidTLSVersion',
  'InvalidTLSCipherSuite',
  // Not in the appendix list: the 2025 errata add it with A02.FR.29/A03.FR.25, which ask for it to be sent.
  'DiscardedRenewedClientCertificate',
]);

/** The security log keeps at most this many entries, dropping the oldest. */
export const SECURITY_LOG_MAX_ENTRIES = 10_000;

/** SecurityEventNotification.type is string[50], techInfo string[255]. */
const MAX_TYPE_LENGTH = 50;
const MAX_TECH_INFO_LENGTH = 255;

export function isCriticalSecurityEvent(type: string): boolean {
  return CRITICAL_EVENTS.has(type);
}

export interface SecurityEventsOptions {
  send: Send;
  store: SecurityLogStore;
  clock: Clock;
  logger: Logger;
  /** Hears each event once it is in the log. */
  recorded?: (event: SecurityLogEntry) => void;
}

export class SecurityEvents {
  constructor(private readonly options: SecurityEventsOptions) {}

  /**
   * Records a security event (the seed's on_security_event). `critical` overrides the specification's list;
   * `timestamp` defaults to now.
   */
  report(type: string, techInfo?: string, critical?: boolean, timestamp?: Date): void {
    if (type.length === 0 || type.length > MAX_TYPE_LENGTH) {
      throw new RangeError(`a security event type has 1 to ${MAX_TYPE_LENGTH} characters, got "${type}"`);
    }
    const info = techInfo !== undefined && techInfo.length > MAX_TECH_INFO_LENGTH ? techInfo.slice(0, MAX_TECH_INFO_LENGTH) : techInfo;
    const isCritical = critical ?? isCriticalSecurityEvent(type);
    const at = (timestamp ?? this.options.clock.now()).toISOString();
    const record: SecurityLogEntry = { type, timestamp: at, critical: isCritical, ...(info !== undefined ? { techInfo: info } : {}) };
    this.options.store.append(record, SECURITY_LOG_MAX_ENTRIES);
    this.options.logger.info({ type, critical: isCritical }, 'security event');
    this.options.recorded?.(record);
    if (!isCritical) return;
    this.options
      .send('SecurityEventNotification', { type, timestamp: at, ...(info !== undefined ? { techInfo: info } : {}) })
      .catch((error: unknown) => logNotDelivered(this.options.logger, error, { type }, 'SecurityEventNotification not delivered'));
  }

  /** The security log, oldest first. */
  log() {
    return this.options.store.loadAll();
  }
}
