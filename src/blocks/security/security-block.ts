// Block A as far as it goes today: the security log and SecurityEventNotification (A04), the security profile
// rules (A05), reconnecting with a new Basic-auth password (A01), and the security events the link's failures
// stand for (InvalidCsmsCertificate, FailedToAuthenticationAtCsms, InvalidMessages). Certificates (A02/A03, M)
// will join this folder.
import type { BootReasonEnumType } from '../../messages/types.js';
import type { SecurityLogEntry, SecurityLogStore } from '../../storage/security-log-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { SecurityEvents } from './security-events.js';
import { adoptSecurityProfile, guardNetworkConfigurationPriority, type SecurityProfileRulesOptions } from './security-profile-rules.js';

/** Records a security event: always in the security log, and sent to the CSMS when critical (A04). */
export interface SecurityEventReporter {
  /** `critical` overrides the specification's list; `timestamp` defaults to now. */
  report(type: string, techInfo?: string, critical?: boolean, timestamp?: Date): void;
}

/** The security log as it is stored (e.g. for a GetLog upload, N01.FR.03). */
export interface SecurityLogReader {
  /** Every entry, oldest first. */
  entries(): SecurityLogEntry[];
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    securityEvents: SecurityEventReporter;
    securityLog: SecurityLogReader;
  }
}

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** A security event was recorded (and, when critical, queued for the CSMS). */
    securityEvent: SecurityLogEntry;
  }
}

/** The seed's security methods. */
export interface SecurityApi {
  /** The seed's on_security_event: always logged; critical ones (by the spec's list unless given) go to the CSMS. */
  onSecurityEvent(type: string, techInfo?: string, critical?: boolean, timestamp?: Date): void;
}

export interface SecurityContext extends BlockContext {
  readonly stores: { readonly securityLog: SecurityLogStore };
}

/** Boot reasons that mean the station was reset rather than powered up. */
const RESET_REASONS: ReadonlySet<BootReasonEnumType> = new Set<BootReasonEnumType>([
  'ApplicationReset',
  'LocalReset',
  'RemoteReset',
  'ScheduledReset',
  'Watchdog',
]);

export const securityBlock: BlockDefinition<SecurityContext, SecurityApi> = {
  name: 'security',
  controllers: ['SecurityCtrlr'],
  create(context) {
    const { model, link, logger } = context;
    const events = new SecurityEvents({
      send: context.send,
      store: context.stores.securityLog,
      clock: context.clock,
      logger,
      recorded: (entry) => context.events.emit('securityEvent', entry),
    });
    const report = (type: string, techInfo?: string) => events.report(type, techInfo);
    const rules: SecurityProfileRulesOptions = {
      model,
      profiles: context.networkProfiles,
      logger,
      // The certificates block's store, as the TLS client would use it now.
      certificates: () => {
        const tls = context.ports.find('tlsCredentials');
        return { csmsRoot: (tls?.csmsRootCertificates().length ?? 0) > 0, station: tls?.clientCertificate() !== undefined };
      },
      securityEvent: report,
    };
    let stopped = false;
    const subscriptions = [
      guardNetworkConfigurationPriority(rules),
      model.onChange((change) => {
        if (change.component.name !== 'SecurityCtrlr' || change.variable.name !== 'BasicAuthPassword') return;
        // A01.FR.11: the change goes into the security log; A01.FR.12: who changed it, never the value.
        report('ReconfigurationOfSecurityParameters', `BasicAuthPassword changed by ${change.source}`);
        // A01: connect again with the new password, after the SetVariablesResponse has gone out on the old link.
        setImmediate(() => {
          if (!stopped && link.isConnected) link.reconnect();
        });
      }),
      link.onInvalidMessage((invalid) => report('InvalidMessages', `${invalid.errorCode}: ${invalid.description}`.slice(0, 255))),
      link.onConnectionFailed((failure) => {
        // A TLS alert from the CSMS (e.g. "certificate required" at profile 3 before the station holds one) is
        // the CSMS refusing the station, not a CSMS certificate the station found invalid (A00.FR.413).
        if (failure.kind === 'tls' && !/_ALERT_/.test(failure.code ?? '')) report('InvalidCsmsCertificate', failure.message.slice(0, 255));
        if (failure.statusCode === 401) report('FailedToAuthenticationAtCsms', `HTTP ${failure.statusCode}`);
      }),
    ];
    return {
      ports: {
        securityEvents: { report: (type, techInfo, critical, timestamp) => events.report(type, techInfo, critical, timestamp) },
        securityLog: { entries: () => events.log() },
      },
      api: {
        onSecurityEvent: (type, techInfo, critical, timestamp) => events.report(type, techInfo, critical, timestamp),
      },
      start(boot) {
        report(RESET_REASONS.has(boot.reason) ? 'ResetOrReboot' : 'StartupOfTheDevice', `boot reason ${boot.reason}`);
      },
      // A05.FR.06: a connection with a higher security profile than configured raises it for good.
      linkUp: (info) => adoptSecurityProfile(rules, info.securityProfile),
      stop() {
        stopped = true;
        for (const unsubscribe of subscriptions) unsubscribe();
      },
    };
  },
};
