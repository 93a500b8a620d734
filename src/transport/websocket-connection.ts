// One websocket to the CSMS, from the opening handshake to the close: the OCPP 2.0.1 subprotocol (required),
// keep-alive pings with dead-peer detection, and text frames in and out. Reconnecting is the connection
// manager's job; a WebSocketConnection is used once.
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Clock, TimerHandle } from '../clock.js';
import { OcppStationError, type ErrorCauseOptions } from '../errors.js';
import type { Logger } from '../logger.js';
import { ConnectionLostError } from '../rpc/errors.js';
import type { ConnectionTarget } from './security-profile.js';

export const OCPP_SUBPROTOCOL = 'ocpp2.0.1';

/** Close code for a protocol error (RFC 6455 §7.4.1): used when the CSMS did not agree to ocpp2.0.1. */
const PROTOCOL_ERROR_CLOSE_CODE = 1002;
/** ws reports this code when the socket ended without a close frame. */
const ABNORMAL_CLOSE_CODE = 1006;

export type ConnectionFailureKind = 'refused' | 'subprotocol' | 'tls' | 'timeout' | 'network' | 'cancelled';

/**
 * The opening handshake failed. `kind` says at which stage; `statusCode` is the HTTP answer of a refusal,
 * `socketCode` the TLS or socket error code (ECONNREFUSED, CERT_HAS_EXPIRED, …) and `cause` that error itself.
 */
export class ConnectionFailedError extends OcppStationError {
  override readonly name = 'ConnectionFailedError';
  override readonly code = 'TRANSPORT_CONNECTION_FAILED';
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
    readonly statusCode?: number,
    readonly socketCode?: string,
    options?: ErrorCauseOptions,
  ) {
    super(message, options);
  }
}

/** What an open socket reports. Nothing is reported before `attach`. */
export interface SocketEvents {
  message(text: string): void;
  /** The socket is closed, whoever closed it. Reported once. */
  closed(code: number, reason: string): void;
}

/** An open connection, as the connection manager sees it. */
export interface OcppSocket {
  /** The subprotocol the CSMS selected (always ocpp2.0.1). */
  readonly protocol: string;
  readonly isOpen: boolean;
  /** Starts reporting events; whatever arrived between the handshake and now is reported first. */
  attach(events: SocketEvents): void;
  /** Sends one text frame; throws ConnectionLostError when the socket is not open. */
  send(text: string): void;
  /** Closes with a close frame; resolves once the socket is closed (after `closeTimeoutMs` it is cut). */
  close(code?: number, reason?: string): Promise<void>;
}

export interface OpenSocketOptions {
  clock: Clock;
  logger: Logger;
  /** OCPPCommCtrlr.WebSocketPingInterval in seconds, read before every ping; 0 or less sends no pings. */
  pingIntervalSeconds: () => number;
  /** How long the opening handshake (TCP, TLS and HTTP upgrade) may take. */
  handshakeTimeoutMs: number;
  /** How long a close waits for the CSMS to answer the close frame before the socket is cut. */
  closeTimeoutMs?: number;
  /** Aborting cancels a handshake in progress. */
  signal?: AbortSignal;
}

/** Opens a socket to the target; rejects with ConnectionFailedError. Replaceable in tests of the manager. */
export type SocketOpener = (target: ConnectionTarget, options: OpenSocketOptions) => Promise<OcppSocket>;

const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

export const openWebSocket: SocketOpener = (target, options) =>
  new Promise<OcppSocket>((resolve, reject) => {
    const { clock, signal } = options;
    if (signal?.aborted) {
      reject(new ConnectionFailedError('cancelled', 'the connection attempt was cancelled'));
      return;
    }
    const ws = new WebSocket(target.url, [OCPP_SUBPROTOCOL], {
      ...target.clientOptions,
      perMessageDeflate: false,
      followRedirects: false,
    });
    let settled = false;
    // The upgrade response is seen before ws checks it, so a subprotocol refusal can be named as such.
    let subprotocolRefusal: ConnectionFailedError | undefined;

    const cleanUp = () => {
      clock.clearTimeout(handshakeTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: ConnectionFailedError) => {
      if (settled) return;
      settled = true;
      cleanUp();
      ws.terminate();
      reject(error);
    };
    const timeoutMs = options.handshakeTimeoutMs;
    const handshakeTimer = clock.setTimeout(() => {
      const message = `the CSMS did not complete the websocket handshake within ${timeoutMs} ms`;
      fail(new ConnectionFailedError('timeout', message));
    }, timeoutMs);
    const onAbort = () => fail(new ConnectionFailedError('cancelled', 'the connection attempt was cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });

    ws.on('upgrade', (response: IncomingMessage) => {
      const selected = response.headers['sec-websocket-protocol'];
      if (selected !== OCPP_SUBPROTOCOL) subprotocolRefusal = subprotocolError(selected);
    });
    ws.on('unexpected-response', (_request, response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const statusLine = `HTTP ${status} ${response.statusMessage ?? ''}`.trimEnd();
      const hint = status === 401 || status === 403 ? ' (check the station identity and its credentials)' : '';
      const message = `the CSMS refused the websocket handshake with ${statusLine}${hint}`;
      fail(new ConnectionFailedError('refused', message, status));
    });
    // ws emits 'error' on a failed handshake and may emit more after we gave up; one listener must stay.
    ws.on('error', (error: NodeJS.ErrnoException) => fail(subprotocolRefusal ?? classify(error, target)));
    ws.once('close', () => {
      const message = 'the socket closed during the websocket handshake';
      fail(subprotocolRefusal ?? new ConnectionFailedError('network', message));
    });
    ws.once('open', () => {
      if (settled) return;
      if (ws.protocol !== OCPP_SUBPROTOCOL) {
        // ws refuses a missing or unknown subprotocol itself; this guards against a library that would not.
        settled = true;
        cleanUp();
        ws.close(PROTOCOL_ERROR_CLOSE_CODE, `${OCPP_SUBPROTOCOL} required`);
        reject(subprotocolError(ws.protocol));
        return;
      }
      settled = true;
      cleanUp();
      resolve(new WebSocketConnection(ws, options));
    });
  });

function subprotocolError(selected: string | string[] | undefined): ConnectionFailedError {
  const what = selected ? `selected "${String(selected)}"` : 'selected none';
  return new ConnectionFailedError('subprotocol', `CSMS did not agree to subprotocol ${OCPP_SUBPROTOCOL} (it ${what})`);
}

/**
 * TLS failures carry OpenSSL or X.509 verification codes, or EPROTO when OpenSSL's error surfaced on a write (a
 * TLS alert, e.g. "protocol version", answering the ClientHello while the upgrade request is written); everything
 * else is the network.
 */
function classify(error: NodeJS.ErrnoException, target: ConnectionTarget): ConnectionFailedError {
  const code = error.code;
  const tls = target.securityProfile >= 2 && code !== undefined && /CERT|SSL|TLS|SIGNATURE|ISSUER|ALTNAME|EPROTO/.test(code);
  if (tls) {
    const message = `TLS handshake with the CSMS failed: ${error.message} (${code})`;
    return new ConnectionFailedError('tls', message, undefined, code, { cause: error });
  }
  const suffix = code ? ` (${code})` : '';
  // With TLS 1.3 a CSMS that refuses the client certificate just drops the connection after the handshake.
  const hint =
    target.securityProfile === 3 && code === 'ECONNRESET' ? '; the CSMS may have refused the station certificate' : '';
  const message = `cannot reach the CSMS: ${error.message}${suffix}${hint}`;
  return new ConnectionFailedError('network', message, undefined, code, { cause: error });
}

/** An open websocket. Created by openWebSocket once the CSMS has agreed to ocpp2.0.1. */
export class WebSocketConnection implements OcppSocket {
  private events: SocketEvents | undefined;
  private readonly early: string[] = [];
  private closedWith: { code: number; reason: string } | undefined;
  private pingTimer: TimerHandle | undefined;
  private awaitingPong = false;
  /** Set when we cut the socket ourselves, so the close can say why. */
  private terminationReason: string | undefined;
  private readonly closeWaiters: (() => void)[] = [];
  /** Binary frames received on this connection (only the first is logged). */
  private binaryFrames = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: OpenSocketOptions,
  ) {
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) {
        this.refuseBinaryFrame(data);
        return;
      }
      const text = rawToString(data);
      if (this.events) this.events.message(text);
      else this.early.push(text);
    });
    ws.on('pong', () => {
      this.awaitingPong = false;
    });
    ws.on('error', (error: Error) => {
      options.logger.warn({ error: error.message }, 'websocket error');
    });
    ws.once('close', (code: number, reason: Buffer) => this.onClose(code, reason.toString('utf8')));
    this.schedulePing();
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  attach(events: SocketEvents): void {
    if (this.events) throw new Error('events are already attached');
    this.events = events;
    for (const text of this.early.splice(0)) events.message(text);
    if (this.closedWith) events.closed(this.closedWith.code, this.closedWith.reason);
  }

  send(text: string): void {
    if (!this.isOpen) throw new ConnectionLostError('send', 'the websocket to the CSMS is not open');
    this.ws.send(text);
  }

  close(code = 1000, reason = ''): Promise<void> {
    if (this.closedWith) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    // Our own deadline, on our clock: a CSMS that never answers the close frame must not hold us up.
    const timer = this.options.clock.setTimeout(() => {
      this.terminationReason = 'the CSMS did not answer the close frame';
      this.ws.terminate();
    }, this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    void closed.then(() => this.options.clock.clearTimeout(timer));
    return closed;
  }

  /**
   * OCPP-J messages are UTF-8 JSON text (Part 4 §4.1.2); a binary frame is a message whose id cannot be read, so it
   * is answered as Part 4 §4.2.3 says for those: a CALLERROR with message id "-1". The connection stays up. Logged
   * once per connection, so a CSMS that sends nothing but binary cannot flood the log.
   */
  private refuseBinaryFrame(data: WebSocket.RawData): void {
    this.binaryFrames += 1;
    if (this.binaryFrames === 1) {
      this.options.logger.warn(
        { bytes: rawByteLength(data) },
        'the CSMS sent a binary websocket frame; OCPP-J uses text frames only: answered RpcFrameworkError (logged once per connection)',
      );
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(BINARY_FRAME_ANSWER);
  }

  private schedulePing(): void {
    const intervalSeconds = this.options.pingIntervalSeconds();
    if (!(intervalSeconds > 0)) return;
    this.pingTimer = this.options.clock.setTimeout(() => this.pingDue(), intervalSeconds * 1000);
  }

  /** A ping whose pong has not come back by the time the next one is due means the CSMS (or the path) is gone. */
  private pingDue(): void {
    this.pingTimer = undefined;
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.awaitingPong) {
      this.options.logger.warn('no pong from the CSMS since the last websocket ping; dropping the connection');
      this.terminationReason = 'no pong from the CSMS';
      this.ws.terminate();
      return;
    }
    this.awaitingPong = true;
    this.ws.ping();
    this.schedulePing();
  }

  private onClose(code: number, reason: string): void {
    if (this.pingTimer) this.options.clock.clearTimeout(this.pingTimer);
    this.pingTimer = undefined;
    this.closedWith =
      this.terminationReason !== undefined && code === ABNORMAL_CLOSE_CODE
        ? { code, reason: this.terminationReason }
        : { code, reason };
    for (const resolve of this.closeWaiters.splice(0)) resolve();
    this.events?.closed(this.closedWith.code, this.closedWith.reason);
  }
}

const BINARY_FRAME_ANSWER = JSON.stringify([
  4,
  '-1',
  'RpcFrameworkError',
  'binary websocket frames are not OCPP-J messages: send JSON as text frames',
  {},
]);

function rawByteLength(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
