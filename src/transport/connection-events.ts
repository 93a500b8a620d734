// What the connection manager tells its listener: connected, disconnected, one text frame, a failed attempt.
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

export interface ConnectionListener {
  connected(info: ConnectedInfo): void;
  disconnected(info: DisconnectedInfo): void;
  /** One text frame from the CSMS. */
  message(text: string): void;
  failed?(info: ConnectionFailureInfo): void;
}
