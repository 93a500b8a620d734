// Keeps the station connected to its CSMS: picks the configuration slot (NetworkConfigurationPriority,
// NetworkProfileConnectionAttempts per slot, B10; slot-selection.ts), refuses profiles below the minimum
// security profile (A05; usable-target.ts), waits the reconnect back-off between attempts (Part 4 §5.3) and
// reconnects after a connection is lost.
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import { ConnectionLostError } from '../rpc/errors.js';
import { reconnectDelayMs } from './backoff.js';
import type { ConnectionListener } from './connection-events.js';
import type { NetworkProfileSource } from './network-profiles.js';
import type { ConnectionTarget, SecurityCredentials } from './security-profile.js';
import { SlotSelection } from './slot-selection.js';
import { usableTarget } from './usable-target.js';
import { ConnectionFailedError, openWebSocket, type OcppSocket, type SocketOpener } from './websocket-connection.js';
import type { TransportSettings } from './transport-settings.js';

export type {
  ConnectedInfo,
  ConnectingInfo,
  ConnectionFailureInfo,
  ConnectionListener,
  DisconnectedInfo,
  WaitingInfo,
} from './connection-events.js';

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
  private readonly slots: SlotSelection;
  /** Reconnection attempts since the last successful connection: drives the back-off. */
  private reconnectAttempt = 0;
  /** Attempts started since connect() or the last successful connection: what listeners are told. */
  private attemptsSinceConnected = 0;
  /** Bumped whenever the current attempt or connection is abandoned, so late results are ignored. */
  private generation = 0;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.logger = options.logger.child({ component: 'transport' });
    this.random = options.random ?? Math.random;
    this.minimumSecurityProfile = options.minimumSecurityProfile ?? (() => 0);
    this.openSocket = options.openSocket ?? openWebSocket;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.slots = new SlotSelection(
      () => this.options.settings(),
      (slot) => usableTarget(slot, this.options, () => this.minimumSecurityProfile(), this.logger),
      this.logger,
    );
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
        slot === this.connectedSlot || (this.pendingAttempt !== undefined && slot === this.slots.candidate);
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
    this.restart(this.connectedSlot ?? this.slots.candidate, 'reconnecting');
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
    this.slots.startOver(slot);
    this.reconnectAttempt = 0;
    this.attemptsSinceConnected = 0;
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
    const choice = this.slots.choose();
    if (!choice) {
      const retryInMs = this.scheduleRetry();
      this.logger.error(
        { priority: this.options.settings().networkConfigurationPriority, retryInMs },
        'no usable network connection profile in NetworkConfigurationPriority; nothing to connect to',
      );
      this.announceWait(retryInMs);
      return;
    }
    const { slot, target } = choice;
    const generation = this.generation;
    const attempt = new AbortController();
    this.pendingAttempt = attempt;
    this.logger.info({ slot, url: target.url, securityProfile: target.securityProfile }, 'connecting to the CSMS');
    const attemptNumber = ++this.attemptsSinceConnected;
    this.notify('connecting', () => this.options.listener.connecting?.({ slot, url: target.url, attempt: attemptNumber }));
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
    this.slots.connected(slot);
    this.reconnectAttempt = 0;
    this.attemptsSinceConnected = 0;
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
    this.announceWait(this.scheduleRetry());
  }

  private onAttemptFailed(slot: number, target: ConnectionTarget, error: unknown): void {
    this.pendingAttempt = undefined;
    const failure =
      error instanceof ConnectionFailedError
        ? error
        : new ConnectionFailedError('network', error instanceof Error ? error.message : String(error), undefined, undefined, { cause: error });
    const { attemptOnSlot, attemptsPerSlot } = this.slots.attemptFailed(slot);
    const wait = this.scheduleRetry();
    const retryInMs = wait ?? 0;
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
    this.announceWait(wait);
  }

  /** Schedules the next attempt after the back-off; returns the wait, or undefined when not running. */
  private scheduleRetry(): number | undefined {
    if (!this.running) return undefined;
    this.reconnectAttempt++;
    const delayMs = reconnectDelayMs(this.reconnectAttempt, this.options.settings(), this.random);
    this.retryTimer = this.options.clock.setTimeout(() => this.attemptNow(), delayMs);
    return delayMs;
  }

  /** Tells the listener about the wait scheduleRetry started (after what caused it has been told). */
  private announceWait(delayMs: number | undefined): void {
    if (delayMs === undefined) return;
    const attempt = this.attemptsSinceConnected + 1;
    this.notify('waiting', () => this.options.listener.waiting?.({ attempt, delayMs }));
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
