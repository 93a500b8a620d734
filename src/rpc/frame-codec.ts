// The OCPP-J frame codec (Part 4 §4): text to frame and frame to text, nothing else. Pure functions; a
// frame that cannot be decoded comes back as a fault saying which CALLERROR it deserves, if any.
import type { OcppError, RpcErrorCode } from './errors.js';

/** messageId is string[36] (Part 4 §4.1.3). */
export const MAX_MESSAGE_ID_LENGTH = 36;

export type Frame =
  | { readonly type: 'call'; readonly messageId: string; readonly action: string; readonly payload: unknown }
  | { readonly type: 'callResult'; readonly messageId: string; readonly payload: unknown }
  | {
      readonly type: 'callError';
      readonly messageId: string;
      readonly errorCode: string;
      readonly errorDescription: string;
      readonly errorDetails: unknown;
    };

/** Why a frame could not be decoded. */
export interface FrameFault {
  /** The message id, or "-1" when none could be read. */
  readonly messageId: string;
  readonly errorCode: RpcErrorCode;
  readonly description: string;
  /**
   * Whether to answer with a CALLERROR. Only what is (or may be) a CALL gets one: a broken answer to one of
   * our calls is dropped, since a CALLERROR is only ever sent in reply to a CALL.
   */
  readonly reply: boolean;
}

export type DecodeResult = { readonly ok: true; readonly frame: Frame } | { readonly ok: false; readonly fault: FrameFault };

const UNKNOWN_ID = '-1';

function fault(messageId: string, errorCode: RpcErrorCode, description: string, reply = true): DecodeResult {
  return { ok: false, fault: { messageId, errorCode, description, reply } };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes one text frame. Never throws. */
export function decodeFrame(text: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fault(UNKNOWN_ID, 'RpcFrameworkError', 'message is not valid JSON');
  }
  if (!Array.isArray(parsed)) return fault(UNKNOWN_ID, 'RpcFrameworkError', 'message is not a JSON array');

  const [type, messageId] = parsed as unknown[];
  // An answer to one of our calls is never answered back, however broken it is.
  const mayBeCall = type !== 3 && type !== 4;
  if (typeof messageId !== 'string' || messageId.length === 0) {
    return fault(UNKNOWN_ID, 'RpcFrameworkError', 'message id must be a non-empty string', mayBeCall);
  }
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) {
    return fault(messageId, 'RpcFrameworkError', `message id is longer than ${MAX_MESSAGE_ID_LENGTH} characters`, mayBeCall);
  }
  if (typeof type !== 'number') return fault(messageId, 'RpcFrameworkError', 'message type must be a number');

  switch (type) {
    case 2:
      return decodeCall(parsed, messageId);
    case 3:
      return decodeCallResult(parsed, messageId);
    case 4:
      return decodeCallError(parsed, messageId);
    default:
      return fault(messageId, 'MessageTypeNotSupported', `message type ${type} is not supported`);
  }
}

function decodeCall(parts: unknown[], messageId: string): DecodeResult {
  if (parts.length !== 4) return fault(messageId, 'RpcFrameworkError', `a CALL has 4 elements, got ${parts.length}`);
  const [, , action, payload] = parts;
  if (typeof action !== 'string' || action.length === 0) {
    return fault(messageId, 'RpcFrameworkError', 'the action of a CALL must be a non-empty string');
  }
  if (!isObject(payload)) return fault(messageId, 'FormatViolation', `the payload of ${action} must be a JSON object`);
  return { ok: true, frame: { type: 'call', messageId, action, payload } };
}

function decodeCallResult(parts: unknown[], messageId: string): DecodeResult {
  if (parts.length !== 3 || !isObject(parts[2])) {
    return fault(messageId, 'RpcFrameworkError', 'a CALLRESULT has 3 elements, the last a JSON object', false);
  }
  return { ok: true, frame: { type: 'callResult', messageId, payload: parts[2] } };
}

function decodeCallError(parts: unknown[], messageId: string): DecodeResult {
  const [, , errorCode, errorDescription, errorDetails] = parts;
  if (parts.length !== 5 || typeof errorCode !== 'string' || typeof errorDescription !== 'string' || !isObject(errorDetails)) {
    return fault(
      messageId,
      'RpcFrameworkError',
      'a CALLERROR has 5 elements: type, id, code, description and a details object',
      false,
    );
  }
  return { ok: true, frame: { type: 'callError', messageId, errorCode, errorDescription, errorDetails } };
}

export function encodeCall(messageId: string, action: string, payload: unknown): string {
  return JSON.stringify([2, messageId, action, payload]);
}

export function encodeCallResult(messageId: string, payload: unknown): string {
  return JSON.stringify([3, messageId, payload]);
}

/** errorDescription at most 255 characters, errorDetails always an object (`{}` when there are none). */
export function encodeCallError(messageId: string, error: OcppError): string {
  return JSON.stringify([4, messageId, error.code, error.wireDescription(), error.details]);
}

/** Which way a frame went: 'out' the station sent it, 'in' the CSMS did. */
export type FrameDirection = 'in' | 'out';
