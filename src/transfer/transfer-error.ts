// Why a file transfer failed, as one error class with a `kind` a caller can act on (the firmware and log blocks
// turn it into their OCPP status). Messages name the URL without its user info: no password is ever in one.
import { OcppStationError } from '../errors.js';
import type { ErrorCauseOptions } from '../errors.js';

/**
 * - `bad-url`: the URL cannot be parsed, or lacks a host or a path.
 * - `unsupported-scheme`: not http, https, ftp or ftps.
 * - `not-found`: HTTP 404 or 410, FTP 550.
 * - `permission-denied`: HTTP 401 or 403, FTP 530 or 532.
 * - `refused`: no connection: refused, unknown host, unreachable host or network, or a TLS handshake that failed
 *   (an untrusted or expired certificate, a wrong host name: the TLS code is `socketCode` and is in the message).
 * - `timeout`: the whole transfer took longer than `timeoutMs`, or no byte moved for `stallTimeoutMs`.
 * - `too-large`: the download is larger than `maxBytes`.
 * - `server-error`: any other HTTP 4xx or 5xx, an FTP 4xx or 5xx reply, too many redirects, a redirect an
 *   upload cannot follow.
 * - `aborted`: the caller's AbortSignal fired.
 * - `io`: the local file could not be read or written, or the connection broke off in the middle.
 */
export const TRANSFER_FAILURE_KINDS = [
  'bad-url',
  'unsupported-scheme',
  'not-found',
  'permission-denied',
  'refused',
  'timeout',
  'too-large',
  'server-error',
  'aborted',
  'io',
] as const;
export type TransferFailureKind = (typeof TRANSFER_FAILURE_KINDS)[number];

export interface TransferErrorDetails extends ErrorCauseOptions {
  /** The HTTP status or FTP reply code the server answered with. */
  statusCode?: number;
  /** The socket, TLS or file-system error code (ECONNREFUSED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ENOENT, …). */
  socketCode?: string;
}

export class TransferError extends OcppStationError {
  override readonly name = 'TransferError';
  override readonly code = 'TRANSFER_FAILED';
  readonly statusCode?: number;
  readonly socketCode?: string;

  constructor(
    readonly kind: TransferFailureKind,
    message: string,
    details: TransferErrorDetails = {},
  ) {
    super(message, details);
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.socketCode !== undefined) this.socketCode = details.socketCode;
  }
}

const REFUSED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** The codes of Node's TLS errors: certificate verification codes (no common prefix), TLS errors, and EPROTO (no TLS at the other end). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_|ERR_OSSL_|EPROTO$)/;

/** The `code` of a Node error, if it has a string one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `scheme://userinfo@` anywhere in a text. */
const URL_USER_INFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** The text with the user info of any URL in it censored. */
export function censorUserInfo(text: string): string {
  return text.replace(URL_USER_INFO, '$1[redacted]@');
}

/**
 * A TransferError for a socket, TLS or file-system error met while transferring `what` (a redacted URL or a
 * local path). A TransferError passes through as it is.
 */
export function transferErrorFrom(error: unknown, what: string): TransferError {
  if (error instanceof TransferError) return error;
  const code = errorCode(error);
  const text = censorUserInfo(error instanceof Error ? error.message : String(error)).trim();
  const details = { cause: error, ...(code === undefined ? {} : { socketCode: code }) };
  if (code !== undefined && REFUSED_CODES.has(code)) return new TransferError('refused', `${what}: cannot connect (${text})`, details);
  if (code !== undefined && TLS_CODE.test(code)) {
    return new TransferError('refused', `${what}: the TLS handshake failed (${code}: ${text})`, details);
  }
  if (code === 'ETIMEDOUT') return new TransferError('timeout', `${what}: ${text}`, details);
  return new TransferError('io', `${what}: ${text}`, details);
}
