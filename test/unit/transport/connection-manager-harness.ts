// A scripted network in place of real sockets for the connection manager tests: hosts that accept, hang or
// refuse, sockets the test closes or feeds, network profiles and settings, and a manager set up on them.
import { pino } from 'pino';
import {
  ConnectionManager,
  type ConnectedInfo,
  type ConnectionFailureInfo,
  type ConnectionSettings,
  type DisconnectedInfo,
} from '../../../src/transport/connection-manager.js';
import { InMemoryNetworkProfiles, type NetworkConnectionProfile } from '../../../src/transport/network-profiles.js';
import type { ConnectionTarget, SecurityCredentials } from '../../../src/transport/security-profile.js';
import {
  ConnectionFailedError,
  type OcppSocket,
  type OpenSocketOptions,
  type SocketEvents,
  type SocketOpener,
} from '../../../src/transport/websocket-connection.js';
import { FakeClock } from '../../fakes/fake-clock.js';

/** An open socket on the scripted network. */
export class ScriptedSocket implements OcppSocket {
  readonly protocol = 'ocpp2.0.1';
  isOpen = true;
  readonly sent: string[] = [];
  closedWith: { code: number; reason: string } | undefined;
  private events: SocketEvents | undefined;

  attach(events: SocketEvents): void {
    this.events = events;
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(code = 1000, reason = ''): Promise<void> {
    this.end(code, reason);
    return Promise.resolve();
  }

  /** The CSMS sends a text frame. */
  receive(text: string): void {
    this.events?.message(text);
  }

  /** The connection ends without us asking. */
  end(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closedWith = { code, reason };
    this.events?.closed(code, reason);
  }
}

export type HostBehaviour = 'accept' | 'hang' | ConnectionFailedError;

/** Answers each connection attempt by the host of its URL; records every attempt. */
export class ScriptedNetwork {
  readonly attempts: { target: ConnectionTarget; options: OpenSocketOptions }[] = [];
  readonly sockets: ScriptedSocket[] = [];
  private readonly hosts = new Map<string, HostBehaviour>();

  set(host: string, behaviour: HostBehaviour): void {
    this.hosts.set(host, behaviour);
  }

  readonly open: SocketOpener = (target, options) => {
    this.attempts.push({ target, options });
    const behaviour = this.hosts.get(new URL(target.url).host) ?? nobodyListening();
    return new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new ConnectionFailedError('cancelled', 'cancelled')));
      if (behaviour === 'hang') return;
      if (behaviour === 'accept') {
        const socket = new ScriptedSocket();
        this.sockets.push(socket);
        resolve(socket);
      } else reject(behaviour);
    });
  };

  /** The slot (host "slotN") of every attempt so far. */
  get attemptedHosts(): string[] {
    return this.attempts.map((a) => new URL(a.target.url).host);
  }
}

export function nobodyListening(): ConnectionFailedError {
  return new ConnectionFailedError('network', 'connect ECONNREFUSED', undefined, 'ECONNREFUSED');
}

export function profile(host: string, securityProfile = 1): NetworkConnectionProfile {
  return {
    ocppCsmsUrl: `${securityProfile === 1 ? 'ws' : 'wss'}://${host}/ocpp`,
    securityProfile,
    messageTimeout: 30,
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppInterface: 'Wired0',
  };
}

export const baseSettings: ConnectionSettings = {
  retryBackOffWaitMinimumSeconds: 3,
  retryBackOffRandomRangeSeconds: 10,
  retryBackOffRepeatTimes: 2,
  webSocketPingIntervalSeconds: 0,
  networkProfileConnectionAttempts: 2,
  networkConfigurationPriority: [1, 2],
};

export interface SetUpOptions {
  settings?: Partial<ConnectionSettings>;
  minimum?: number;
  credentials?: SecurityCredentials;
}

export function setUp(options: SetUpOptions = {}) {
  const clock = new FakeClock();
  const network = new ScriptedNetwork();
  const profiles = new InMemoryNetworkProfiles();
  const logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  let settings: ConnectionSettings = { ...baseSettings, ...options.settings };
  let credentials: SecurityCredentials = options.credentials ?? {
    basicAuthPassword: 'first-password-0123',
    csmsRootCertificates: ['-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n'],
  };
  const events: (['connected', ConnectedInfo] | ['disconnected', DisconnectedInfo] | ['message', string])[] = [];
  const failures: ConnectionFailureInfo[] = [];
  const manager = new ConnectionManager({
    stationId: 'CS-UNIT',
    clock,
    logger,
    random: () => 0,
    settings: () => settings,
    profiles,
    credentials: () => credentials,
    minimumSecurityProfile: () => options.minimum ?? 1,
    openSocket: network.open,
    listener: {
      connected: (info) => events.push(['connected', info]),
      disconnected: (info) => events.push(['disconnected', info]),
      message: (text) => events.push(['message', text]),
      failed: (info) => failures.push(info),
    },
  });
  return {
    clock,
    network,
    profiles,
    manager,
    events,
    failures,
    logs,
    changeSettings: (changes: Partial<ConnectionSettings>) => (settings = { ...settings, ...changes }),
    changeCredentials: (next: SecurityCredentials) => (credentials = next),
  };
}

export function refused(status: number): ConnectionFailedError {
  return new ConnectionFailedError('refused', `the CSMS refused the websocket handshake with HTTP ${status}`, status);
}

/** One slot only, retried many times: isolates the back-off from slot switching. */
export const oneSlot = { networkConfigurationPriority: [1], networkProfileConnectionAttempts: 10 };
