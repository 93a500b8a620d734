// Keeps the station connected to its CSMS: picks the configuration slot (NetworkConfigurationPriority,
// NetworkProfileConnectionAttempts per slot, B10), refuses profiles below the minimum security profile (A05),
// waits the reconnect back-off between attempts (Part 4 §5.3) and reconnects after a connection is lost.
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import { ConnectionLostError } from '../rpc/errors.js';
import { reconnectDelayMs } from './backoff.js';
import { unsupportedProfileReason, type NetworkProfileSource } from './network-profiles.js';
import { buildConnectionTarget, type ConnectionTarget, type SecurityCredentials } from './security-profile.js';
import type { TransportSettings } from './transport-settings.js';
import {
  ConnectionFailedError,
  openWebSocket,
  type ConnectionFailureKind,
  type OcppSocket,
  type SocketOpener,
} from './websocket-connection.js';

export interface ConnectedInfo {
  readonly slot: number;
  readonly securityProfile: number;
  readonly url: string;
}

export interface DisconnectedInfo {
  readonly code: number;
  readonly reason: string;
  readonly willReconnect: boolean;
}

/** One failed connection attempt: for the logs and for security events such as InvalidCsmsCertificate (A00). */
export interface ConnectionFailureInfo {
  readonly slot: number;
  readonly url: string;
  readonly kind: ConnectionFailureKind;
  readonly message: string;
  /** The HTTP status of a refused handshake. */
  readonly statusCode?: number;
  /** The TLS or socket error code, when there is one. */
  readonly code?: string;
  /** Milliseconds until the next attempt. */
  readonly retryInMs: number;
}

export interface ConnectionListener {
  connected(info: ConnectedInfo): void;
  disconnected(info: DisconnectedInfo): void;
  /** One text frame from the CSMS. */
  message(text: string): void;
  failed?(info: ConnectionFailureInfo): void;
}

/** The settings this class reads, each at its next use. */
export type ConnectionSettings = TransportSettings;

export interface ConnectionManagerOptions {
  stationId: string;
  clock: Clock;
  logger: Logger;
  /** Randomness for the back-off, in [0, 1). */
  random?: () => number;
  settings: () => ConnectionSettings;
  profiles: NetworkProfileSource;
  credentials: () => SecurityCredentials;
  /** Profiles below this security profile are never used (A05: never downgrade). */
  minimumSecurityProfile?: () => number;
  listener: ConnectionListener;
  /** How a socket is opened; the real websocket unless a test replaces it. */
  openSocket?: SocketOpener;
  /** Bound on the opening handshake, so a silent server cannot hold an attempt forever. */
  handshakeTimeoutMs?: number;
}

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
const NORMAL_CLOSURE = 1000;

export class ConnectionManager {
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly minimumSecurityProfile: () => number;
  private readonly openSocket: SocketOpener;
  private readonly handshakeTimeoutMs: number;

  /** connect() was called and disconnect() was not: keep the link up. */
  private running = false;
  private socket: OcppSocket | undefined;
  private connectedSlot: number | undefined;
  private pendingAttempt: AbortController | undefined;
  private retryTimer: TimerHandle | undefined;
  /** The slot attempts currently go to (unless it turns out unusable) and how often it failed in a row. */
  private candidateSlot: number | undefined;
  private failuresOnCandidate = 0;
  /** The slot whose attempts ran out: the next attempt goes to the one after it in the priority list of then. */
  private exhaustedSlot: number | undefined;
  /** A slot asked for by connect(slot): tried even when NetworkConfigurationPriority does not list it. */
  private requestedSlot: number | undefined;
  /** Reconnection attempts since the last successful connection: drives the back-off. */
  private reconnectAttempt = 0;
  /** Bumped whenever the current attempt or connection is abandoned, so late results are ignored. */
  private generation = 0;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.logger = options.logger.child({ component: 'transport' });
    this.random = options.random ?? Math.random;
    this.minimumSecurityProfile = options.minimumSecurityProfile ?? (() => 0);
    this.openSocket = options.openSocket ?? openWebSocket;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  }

  get isConnected(): boolean {
    return this.socket?.isOpen ?? false;
  }

  get activeSlot(): number | undefined {
    return this.connectedSlot;
  }

  /** Starts connecting and keeps the link up. With `slot`, that configuration slot is tried first. */
  connect(slot?: number): void {
    if (this.running) {
      const alreadyThere =
        slot === this.connectedSlot || (this.pendingAttempt !== undefined && slot === this.candidateSlot);
      if (slot === undefined || alreadyThere) return;
      // B10.FR.06: leave the current CSMS before trying the other slot.
      this.restart(slot, 'switching to another configuration slot');
      return;
    }
    this.running = true;
    this.startOver(slot);
    this.attemptNow();
  }

  /** Closes the connection (code 1000) and stops reconnecting until connect() is called again. */
  async disconnect(): Promise<void> {
    this.running = false;
    const socket = this.abandonCurrent();
    if (!socket) return;
    const reason = 'closed by the station';
    this.logger.info('closing the connection to the CSMS');
    this.notify('disconnected', () =>
      this.options.listener.disconnected({ code: NORMAL_CLOSURE, reason, willReconnect: false }),
    );
    await socket.close(NORMAL_CLOSURE, reason);
  }

  /** Drops the connection and connects again at once, to the same slot (e.g. after the password changed). */
  reconnect(): void {
    if (!this.running) {
      this.connect();
      return;
    }
    this.restart(this.connectedSlot ?? this.candidateSlot, 'reconnecting');
  }

  /** Sends one text frame; throws ConnectionLostError when there is no open connection. */
  send(text: string): void {
    const socket = this.socket;
    if (!socket?.isOpen) throw new ConnectionLostError('send', 'the connection to the CSMS is not open');
    socket.send(text);
  }

  private restart(slot: number | undefined, reason: string): void {
    const socket = this.abandonCurrent();
    this.startOver(slot);
    if (!socket) {
      this.attemptNow();
      return;
    }
    this.logger.info({ reason }, 'closing the connection to the CSMS to connect again');
    this.notify('disconnected', () =>
      this.options.listener.disconnected({ code: NORMAL_CLOSURE, reason, willReconnect: true }),
    );
    const generation = this.generation;
    void socket.close(NORMAL_CLOSURE, reason).then(() => {
      if (generation === this.generation && this.running) this.attemptNow();
    });
  }

  private startOver(slot: number | undefined): void {
    this.candidateSlot = slot;
    this.requestedSlot = slot;
    this.exhaustedSlot = undefined;
    this.failuresOnCandidate = 0;
    this.reconnectAttempt = 0;
  }

  /** Cancels any attempt or wait in progress and forgets the open socket (returned, for the caller to close). */
  private abandonCurrent(): OcppSocket | undefined {
    this.generation++;
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.pendingAttempt?.abort();
    this.pendingAttempt = undefined;
    const socket = this.socket;
    this.socket = undefined;
    this.connectedSlot = undefined;
    return socket;
  }

  private attemptNow(): void {
    this.retryTimer = undefined;
    const choice = this.chooseSlot();
    if (!choice) {
      const retryInMs = this.scheduleRetry();
      this.logger.error(
        { priority: this.options.settings().networkConfigurationPriority, retryInMs },
        'no usable network connection profile in NetworkConfigurationPriority; nothing to connect to',
      );
      return;
    }
    const { slot, target } = choice;
    const generation = this.generation;
    const attempt = new AbortController();
    this.pendingAttempt = attempt;
    this.logger.info({ slot, url: target.url, securityProfile: target.securityProfile }, 'connecting to the CSMS');
    this.openSocket(target, {
      clock: this.options.clock,
      logger: this.logger.child({ slot }),
      pingIntervalSeconds: () => this.options.settings().webSocketPingIntervalSeconds,
      handshakeTimeoutMs: this.handshakeTimeoutMs,
      signal: attempt.signal,
    }).then(
      (socket) => {
        if (generation !== this.generation) {
          void socket.close(NORMAL_CLOSURE, 'no longer wanted');
          return;
        }
        this.onOpened(slot, target, socket);
      },
      (error: unknown) => {
        if (generation === this.generation) this.onAttemptFailed(slot, target, error);
      },
    );
  }

  private onOpened(slot: number, target: ConnectionTarget, socket: OcppSocket): void {
    this.pendingAttempt = undefined;
    this.socket = socket;
    this.connectedSlot = slot;
    this.candidateSlot = slot;
    this.exhaustedSlot = undefined;
    this.failuresOnCandidate = 0;
    this.reconnectAttempt = 0;
    this.logger.info({ slot, url: target.url, securityProfile: target.securityProfile }, 'connected to the CSMS');
    this.notify('connected', () =>
      this.options.listener.connected({ slot, securityProfile: target.securityProfile, url: target.url }),
    );
    socket.attach({
      message: (text) => {
        if (socket === this.socket) this.notify('message', () => this.options.listener.message(text));
      },
      closed: (code, reason) => this.onLost(socket, code, reason),
    });
  }

  private onLost(socket: OcppSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.connectedSlot = undefined;
    this.logger.warn({ code, reason }, 'lost the connection to the CSMS; reconnecting after the back-off');
    this.notify('disconnected', () => this.options.listener.disconnected({ code, reason, willReconnect: true }));
    this.scheduleRetry();
  }

  private onAttemptFailed(slot: number, target: ConnectionTarget, error: unknown): void {
    this.pendingAttempt = undefined;
    const failure =
      error instanceof ConnectionFailedError
        ? error
        : new ConnectionFailedError('network', error instanceof Error ? error.message : String(error), undefined, undefined, { cause: error });
    this.failuresOnCandidate++;
    const attemptsPerSlot = Math.max(1, Math.floor(this.options.settings().networkProfileConnectionAttempts) || 1);
    const attemptOnSlot = this.failuresOnCandidate;
    if (this.failuresOnCandidate >= attemptsPerSlot) this.moveToNextSlot(slot);
    const retryInMs = this.scheduleRetry() ?? 0;
    this.logger.error(
      {
        slot,
        url: target.url,
        kind: failure.kind,
        statusCode: failure.statusCode,
        code: failure.socketCode,
        attemptOnSlot,
        attemptsPerSlot,
        retryInMs,
      },
      `connecting to the CSMS failed: ${failure.message}`,
    );
    this.notify('failed', () =>
      this.options.listener.failed?.({
        slot,
        url: target.url,
        kind: failure.kind,
        message: failure.message,
        retryInMs,
        ...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}),
        ...(failure.socketCode !== undefined ? { code: failure.socketCode } : {}),
      }),
    );
  }

  /** The next slot is looked up when the next attempt starts, in NetworkConfigurationPriority as it is then. */
  private moveToNextSlot(slot: number): void {
    this.logger.warn(
      { slot, attempts: this.failuresOnCandidate },
      'NetworkProfileConnectionAttempts reached; trying the next configuration slot',
    );
    this.exhaustedSlot = slot;
    this.candidateSlot = undefined;
    if (this.requestedSlot === slot) this.requestedSlot = undefined;
    this.failuresOnCandidate = 0;
  }

  /** Schedules the next attempt after the back-off; returns the wait, or undefined when not running. */
  private scheduleRetry(): number | undefined {
    if (!this.running) return undefined;
    this.reconnectAttempt++;
    const delayMs = reconnectDelayMs(this.reconnectAttempt, this.options.settings(), this.random);
    this.retryTimer = this.options.clock.setTimeout(() => this.attemptNow(), delayMs);
    return delayMs;
  }

  /**
   * The candidate slot if it is usable, else the next usable one in priority order (wrapping), each slot looked
   * at once. Unusable slots are logged and skipped without waiting.
   */
  private chooseSlot(): { slot: number; target: ConnectionTarget } | undefined {
    let slot = this.firstSlotToLookAt();
    const seen = new Set<number>();
    while (slot !== undefined && !seen.has(slot)) {
      seen.add(slot);
      const target = this.usableTarget(slot);
      if (target) {
        if (slot !== this.candidateSlot) {
          this.candidateSlot = slot;
          this.failuresOnCandidate = 0;
        }
        return { slot, target };
      }
      slot = this.slotAfter(slot);
    }
    return undefined;
  }

  private firstSlotToLookAt(): number | undefined {
    const priority = this.options.settings().networkConfigurationPriority;
    const candidate = this.candidateSlot;
    if (candidate !== undefined && (priority.includes(candidate) || candidate === this.requestedSlot)) return candidate;
    if (candidate === undefined && this.exhaustedSlot !== undefined) return this.slotAfter(this.exhaustedSlot);
    return priority[0];
  }

  /** The slot after `slot` in NetworkConfigurationPriority, wrapping; the first one if `slot` is not listed. */
  private slotAfter(slot: number): number | undefined {
    const priority = this.options.settings().networkConfigurationPriority;
    if (priority.length === 0) return undefined;
    return priority[(priority.indexOf(slot) + 1) % priority.length];
  }

  private usableTarget(slot: number): ConnectionTarget | undefined {
    const profile = this.options.profiles.get(slot);
    if (!profile) {
      this.logger.warn({ slot }, 'configuration slot has no network connection profile; skipped');
      return undefined;
    }
    const minimum = this.minimumSecurityProfile();
    if (profile.securityProfile < minimum) {
      this.logger.error(
        { slot, securityProfile: profile.securityProfile, minimumSecurityProfile: minimum },
        `configuration slot ${slot} uses security profile ${profile.securityProfile}, below the minimum ${minimum}: ` +
          'never downgrading (A05); skipped',
      );
      return undefined;
    }
    const unsupported = unsupportedProfileReason(profile);
    if (unsupported) {
      this.logger.error({ slot }, `configuration slot ${slot} cannot be used: ${unsupported}; skipped`);
      return undefined;
    }
    try {
      const target = buildConnectionTarget(this.options.stationId, profile, this.options.credentials());
      if (target.configuredUrl !== undefined) {
        this.logger.warn(
          { slot, configuredUrl: target.configuredUrl, url: target.url, securityProfile: target.securityProfile },
          'the ocppCsmsUrl scheme does not match the security profile; using the scheme the profile requires',
        );
      }
      if (target.withoutBasicAuth) {
        this.logger.warn({ slot }, 'no BasicAuthPassword set: connecting with security profile 1 without HTTP Basic auth');
      }
      return target;
    } catch (error) {
      // A SecurityProfileError, or credentials that could not be read: either way this slot cannot connect now.
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ slot }, `configuration slot ${slot} cannot be used: ${message}; skipped`);
      return undefined;
    }
  }

  /** A listener that throws must not break the connection logic. */
  private notify(what: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ error: message }, `the ${what} listener threw`);
    }
  }
}
