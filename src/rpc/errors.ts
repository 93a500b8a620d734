// Errors of the RPC layer. OcppError is the one class that maps to and from a CALLERROR; failures on
// our side of the wire (timeouts, a lost connection, a frame too large) have classes of their own.
import { OcppStationError, type ErrorCauseOptions } from '../errors.js';
import { callSiteFrames, type CallSite } from './call-site.js';

/** The error codes OCPP-J 2.0.1 allows in a CALLERROR (Part 4, table "Valid Error Codes"). */
export const RPC_ERROR_CODES = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
] as const;

export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

const codeSet: ReadonlySet<string> = new Set(RPC_ERROR_CODES);

export function isRpcErrorCode(code: unknown): code is RpcErrorCode {
  return typeof code === 'string' && codeSet.has(code);
}

/** The errorDescription field is string[255]. */
const MAX_DESCRIPTION_LENGTH = 255;

/**
 * An OCPP-J error: thrown by a handler to answer with that CALLERROR, and raised for a CALLERROR the
 * peer sent us.
 */
export class OcppError extends OcppStationError {
  override readonly name = 'OcppError';

  constructor(
    /** The OCPP-J error code: also this error's stable code. */
    override readonly code: RpcErrorCode,
    readonly description: string = '',
    readonly details: Record<string, unknown> = {},
    options?: ErrorCauseOptions,
  ) {
    super(description ? `${code}: ${description}` : code, options);
  }

  /** The description as it may go on the wire (at most 255 characters). */
  wireDescription(): string {
    return this.description.length > MAX_DESCRIPTION_LENGTH
      ? this.description.slice(0, MAX_DESCRIPTION_LENGTH)
      : this.description;
  }
}

/** A CALL we sent got neither CALLRESULT nor CALLERROR within MessageTimeout. */
export class RpcTimeoutError extends OcppStationError {
  override readonly name = 'RpcTimeoutError';
  override readonly code = 'RPC_TIMEOUT';
  constructor(
    readonly action: string,
    readonly messageId: string,
    readonly timeoutMs: number,
    /** Where the call was made: the stack then shows the caller instead of the timer that noticed the timeout. */
    callSite?: CallSite,
  ) {
    super(`${action} (message ${messageId}) got no response within ${timeoutMs} ms`);
    const frames = callSite ? callSiteFrames(callSite) : '';
    if (frames) this.stack = `${this.name}: ${this.message}\n${frames}`;
  }
}

/** The connection closed, or was not open, while a CALL waited to be sent or answered. */
export class ConnectionLostError extends OcppStationError {
  override readonly name = 'ConnectionLostError';
  override readonly code = 'RPC_CONNECTION_LOST';
  constructor(readonly action: string, detail = 'the connection to the CSMS is not open', options?: ErrorCauseOptions) {
    super(`${action}: ${detail}`, options);
  }
}

/** An outgoing payload broke its schema: a programming error, never sent. */
export class OutgoingPayloadError extends OcppStationError {
  override readonly name = 'OutgoingPayloadError';
  override readonly code = 'RPC_INVALID_OUTGOING_PAYLOAD';
  constructor(
    readonly action: string,
    readonly kind: 'Request' | 'Response',
    /** JSON pointer of the offending field, e.g. `/chargingStation/model`. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${action}${kind} is invalid at ${path || '/'}: ${reason}`);
  }
}

/** A frame larger than the configured limit: refused, never sent or parsed. */
export class FrameTooLargeError extends OcppStationError {
  override readonly name = 'FrameTooLargeError';
  override readonly code = 'RPC_FRAME_TOO_LARGE';
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
    readonly direction: 'incoming' | 'outgoing',
  ) {
    super(`${direction} frame of ${sizeBytes} bytes exceeds the limit of ${limitBytes} bytes`);
  }
}
