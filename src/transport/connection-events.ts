// What the connection manager tells its listener: an attempt starting, connected, disconnected, one text frame, a
// failed attempt, the wait before the next one.
import type { ConnectionFailureKind } from './websocket-connection.js';

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

/** An attempt to open the websocket starts. */
export interface ConnectingInfo {
  readonly slot: number;
  readonly url: string;
  /** Attempts since the station started connecting or was last connected, this one included (1 = the first). */
  readonly attempt: number;
}

/** The back-off wait before the next attempt starts. */
export interface WaitingInfo {
  /** The number the next attempt will have (as ConnectingInfo.attempt). */
  readonly attempt: number;
  readonly delayMs: number;
}

export interface ConnectionListener {
  connecting?(info: ConnectingInfo): void;
  /** The connection manager waits `delayMs` before its next attempt (after a failure or a lost connection). */
  waiting?(info: WaitingInfo): void;
  connected(info: ConnectedInfo): void;
  disconnected(info: DisconnectedInfo): void;
  /** One text frame from the CSMS. */
  message(text: string): void;
  failed?(info: ConnectionFailureInfo): void;
}
