// The URL of a transfer: parsed once, its scheme checked, and a redacted form (no user info) for every message.
import { TransferError } from './transfer-error.js';

export type TransferScheme = 'http' | 'https' | 'ftp' | 'ftps';

const SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ftp', 'ftps']);

export interface TransferUrl {
  readonly url: URL;
  readonly scheme: TransferScheme;
  /** The URL as messages show it: `ftp://[redacted]@host/path` when it has a user or a password. */
  readonly redacted: string;
}

/** The URL without its user info. */
export function redactUrl(url: URL): string {
  const userInfo = url.username !== '' || url.password !== '' ? '[redacted]@' : '';
  return `${url.protocol}//${userInfo}${url.host}${url.pathname}${url.search}`;
}

/** Parses `text`; throws TransferError 'bad-url' or 'unsupported-scheme'. The message never repeats user info. */
export function parseTransferUrl(text: string): TransferUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text itself may hold a password: only its scheme, if any, is named.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
    throw new TransferError('bad-url', `not a valid URL${scheme === undefined ? '' : ` (scheme ${scheme})`}`);
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const redacted = redactUrl(url);
  if (!SCHEMES.has(scheme)) {
    throw new TransferError('unsupported-scheme', `${redacted}: the scheme ${scheme} is not supported (http, https, ftp, ftps)`);
  }
  if (url.hostname === '') throw new TransferError('bad-url', `${redacted}: the URL has no host`);
  return { url, scheme: scheme as TransferScheme, redacted };
}
