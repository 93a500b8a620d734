// The link from a charging station to its CSMS: the websocket connection (kept up across failures), the
// RPC endpoint on top of it, and the persistent outgoing queue that feeds it. Functional blocks send through
// `send` and answer the CSMS through handler tables registered on `router`.
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Action, Request, Response } from '../messages/types.js';
import { MessageQueue, type EnqueueOptions, type RegistrationStatus, type TransactionalOutcome } from '../queue/message-queue.js';
import type { OcppError } from '../rpc/errors.js';
import { HandlerRouter, type HandlerTable } from '../rpc/handler-router.js';
import type { FrameDirection } from '../rpc/frame-codec.js';
import { RpcEndpoint, type InvalidMessageReport } from '../rpc/rpc-endpoint.js';
import type { QueueStore } from '../queue/queue-store.js';
import {
  ConnectionManager,
  type ConnectedInfo,
  type ConnectingInfo,
  type ConnectionFailureInfo,
  type DisconnectedInfo,
  type WaitingInfo,
} from '../transport/connection-manager.js';
import type { NetworkProfileSource } from '../transport/network-profiles.js';
import type { SecurityCredentials } from '../transport/security-profile.js';
import { DEFAULT_LINK_SETTINGS, type LinkSettings } from './link-settings.js';
import { admitWhileNotAccepted } from './registration-gate.js';

export interface OcppLinkOptions {
  /** The charging station identity: the last segment of the connection URL and the Basic-auth user. */
  stationId: string;
  /** Where transaction-related messages wait until the CSMS has them. */
  store: QueueStore;
  /** Network connection profiles by configuration slot. */
  profiles: NetworkProfileSource;
  /** Password and certificates, read at each connection attempt. */
  credentials: () => SecurityCredentials;
  /** The lowest security profile the station may connect with (A05: never downgrade). */
  minimumSecurityProfile?: () => number;
  settings?: Partial<LinkSettings>;
  clock?: Clock;
  /**
   * Real time for the network: handshake, MessageTimeout, ping/pong and reconnect back-off. `clock` by default; a
   * simulated station that runs faster than real time passes the real clock here, so a CSMS is given real seconds.
   */
  networkClock?: Clock;
  /** The queue's waits are measured on this one (see MessageQueueOptions.waitClock); `clock` by default. */
  waitClock?: Clock;
  logger?: Logger;
  /** Source of randomness for the reconnect back-off (tests pass a fixed one). */
  random?: () => number;
}

export type { ConnectedInfo, ConnectingInfo, ConnectionFailureInfo, DisconnectedInfo, WaitingInfo } from '../transport/connection-manager.js';

/** Hears one kind of link event. */
export type LinkListener<T> = (value: T) => void;


export class OcppLink {
  /** Register each block's handlers for CSMS-initiated calls here. */
  readonly router = new HandlerRouter();
  private settingsValue: LinkSettings;
  private registration: RegistrationStatus = 'Unknown';
  private readonly connection: ConnectionManager;
  private readonly endpoint: RpcEndpoint;
  private readonly queue: MessageQueue;
  private readonly connectingListeners = new Set<LinkListener<ConnectingInfo>>();
  private readonly waitingListeners = new Set<LinkListener<WaitingInfo>>();
  private readonly connectedListeners = new Set<LinkListener<ConnectedInfo>>();
  private readonly disconnectedListeners = new Set<LinkListener<DisconnectedInfo>>();
  private readonly connectionFailedListeners = new Set<LinkListener<ConnectionFailureInfo>>();
  private readonly invalidMessageListeners = new Set<LinkListener<InvalidMessageReport>>();
  private readonly frameListeners = new Set<(direction: FrameDirection, text: string) => void>();
  private closed = false;

  constructor(options: OcppLinkOptions) {
    const clock = options.clock ?? systemClock;
    const networkClock = options.networkClock ?? clock;
    const logger = (options.logger ?? silentLogger()).child({ stationId: options.stationId });
    this.settingsValue = { ...DEFAULT_LINK_SETTINGS, ...options.settings };
    const settings = () => this.settingsValue;

    this.connection = new ConnectionManager({
      stationId: options.stationId,
      clock: networkClock,
      logger,
      random: options.random,
      settings,
      profiles: options.profiles,
      credentials: options.credentials,
      minimumSecurityProfile: options.minimumSecurityProfile,
      listener: {
        connecting: (info) => {
          for (const listener of this.connectingListeners) listener(info);
        },
        waiting: (info) => {
          for (const listener of this.waitingListeners) listener(info);
        },
        connected: (info) => {
          this.queue.setOnline(true);
          for (const listener of this.connectedListeners) listener(info);
        },
        disconnected: (info) => {
          this.endpoint.connectionClosed();
          this.queue.setOnline(false);
          for (const listener of this.disconnectedListeners) listener(info);
        },
        message: (text) => {
          this.tapFrame('in', text);
          this.endpoint.receive(text);
        },
        failed: (info) => {
          for (const listener of this.connectionFailedListeners) listener(info);
        },
      },
    });

    this.endpoint = new RpcEndpoint({
      clock: networkClock,
      logger,
      router: this.router,
      transmit: (text) => {
        this.connection.send(text);
        this.tapFrame('out', text);
      },
      messageTimeoutSeconds: () => this.settingsValue.messageTimeoutSeconds,
      maxFrameBytes: () => this.settingsValue.maxFrameBytes,
      admitCall: (action) => this.admitCall(action),
      onInvalidMessage: (report) => {
        for (const listener of this.invalidMessageListeners) listener(report);
      },
    });

    this.queue = new MessageQueue({
      store: options.store,
      clock,
      ...(options.waitClock ? { waitClock: options.waitClock } : {}),
      logger,
      settings,
      send: (action, payload, alreadyValidated, callSite) => this.endpoint.call(action, payload as never, { alreadyValidated, callSite }),
    });
  }

  /** Starts connecting (and keeps the link up) — with `slot`, that configuration slot is tried first. */
  connect(slot?: number): void {
    if (this.closed) throw new Error('this link is closed');
    this.connection.connect(slot);
  }

  /** Closes the connection and stops reconnecting until `connect` is called again. */
  async disconnect(): Promise<void> {
    await this.connection.disconnect();
  }

  /** Drops the connection and connects again at once (e.g. after the password changed). */
  reconnect(): void {
    this.connection.reconnect();
  }

  get isConnected(): boolean {
    return this.connection.isConnected;
  }

  get activeSlot(): number | undefined {
    return this.connection.activeSlot;
  }

  /**
   * Queues a CALL to the CSMS. Resolves with the response; TransactionEvent and SecurityEventNotification
   * are persisted until the CSMS has answered them. A payload that breaks its schema throws at once. The stack of
   * an RpcTimeoutError shows the caller of send.
   */
  send<A extends Action>(action: A, payload: Request<A>, options?: EnqueueOptions): Promise<Response<A>> {
    return this.queue.enqueue(action, payload, options);
  }

  /** What came of each transaction-related message, including those restored after a restart. */
  onTransactionalOutcome(listener: (outcome: TransactionalOutcome) => void): () => void {
    return this.queue.onTransactionalOutcome(listener);
  }

  /** Each connection attempt as it starts. */
  onConnecting(listener: LinkListener<ConnectingInfo>): () => void {
    this.connectingListeners.add(listener);
    return () => this.connectingListeners.delete(listener);
  }

  /** Each back-off wait before the next connection attempt. */
  onWaiting(listener: LinkListener<WaitingInfo>): () => void {
    this.waitingListeners.add(listener);
    return () => this.waitingListeners.delete(listener);
  }

  onConnected(listener: LinkListener<ConnectedInfo>): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  onDisconnected(listener: LinkListener<DisconnectedInfo>): () => void {
    this.disconnectedListeners.add(listener);
    return () => this.disconnectedListeners.delete(listener);
  }

  /** Each failed connection attempt (refused, TLS failure, no subprotocol, …): e.g. for InvalidCsmsCertificate (A00). */
  onConnectionFailed(listener: LinkListener<ConnectionFailureInfo>): () => void {
    this.connectionFailedListeners.add(listener);
    return () => this.connectionFailedListeners.delete(listener);
  }

  /** Every text frame that went out or came in, as it was on the wire (for consoles and message logs). */
  onFrame(listener: (direction: FrameDirection, text: string) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Incoming messages refused as invalid (for the InvalidMessages security event). */
  onInvalidMessage(listener: LinkListener<InvalidMessageReport>): () => void {
    this.invalidMessageListeners.add(listener);
    return () => this.invalidMessageListeners.delete(listener);
  }

  registerHandlers(owner: string, table: HandlerTable): void {
    this.router.register(owner, table);
  }

  /** The registration state from the latest BootNotificationResponse: it gates what may be sent and answered. */
  setRegistrationStatus(status: RegistrationStatus): void {
    this.registration = status;
    this.queue.setRegistrationStatus(status);
  }

  get registrationStatus(): RegistrationStatus {
    return this.registration;
  }

  /** Changes settings; each takes effect at its next use. */
  updateSettings(changes: Partial<LinkSettings>): void {
    this.settingsValue = { ...this.settingsValue, ...changes };
  }

  get settings(): Readonly<LinkSettings> {
    return this.settingsValue;
  }

  /** Seconds the queue holds back after a reconnect before it sends again. */
  setMessageQueueResumeDelay(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`resume delay must be >= 0 seconds, got ${seconds}`);
    this.updateSettings({ messageQueueResumeDelaySeconds: seconds });
  }

  get queuedMessages(): number {
    return this.queue.size;
  }

  /** The outgoing queue is under its size threshold (see MessageQueue.hasRoomForPromises). */
  get hasRoomForPromises(): boolean {
    return this.queue.hasRoomForPromises;
  }

  /** TransactionEvents the CSMS has not answered yet, of one transaction or of all. */
  pendingTransactionEvents(transactionId?: string): number {
    return this.queue.pendingTransactionEvents(transactionId);
  }

  /** Stops the queue and closes the connection; stored messages stay for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.close();
    await this.connection.disconnect();
  }

  private tapFrame(direction: FrameDirection, text: string): void {
    for (const listener of this.frameListeners) {
      try {
        listener(direction, text);
      } catch {
        // A console or log that fails must not break the link.
      }
    }
  }

  private admitCall(action: Action): OcppError | undefined {
    return admitWhileNotAccepted(this.registration, action);
  }
}
