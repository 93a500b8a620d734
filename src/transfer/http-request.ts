// One HTTP(S) exchange of a transfer, redirects followed: node:http and node:https (so that extra CA
// certificates can be trusted), a fresh connection per request (no agent: nothing stays open afterwards), and
// the status of the final answer classified.
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { TransferError } from './transfer-error.js';
import type { TransferCommonOptions } from './transfer-options.js';
import { redactUrl } from './transfer-url.js';
import type { TransferWatch } from './transfer-watch.js';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Redirects that keep the method and the body: the only ones an upload follows (it is never turned into a GET). */
const BODY_REDIRECTS: ReadonlySet<number> = new Set([307, 308]);

/** The request and response of the exchange in flight: what the watch destroys when the transfer fails. */
export class HttpInFlight {
  request: ClientRequest | undefined;
  response: IncomingMessage | undefined;

  destroy(error?: Error): void {
    this.response?.destroy(error);
    this.request?.destroy(error);
  }
}

export interface HttpExchange {
  /** A method and headers; `body` writes the request body and ends the request (no body: it is ended at once). */
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly headers: OutgoingHttpHeaders;
  readonly body?: (request: ClientRequest) => Promise<void>;
}

export interface HttpAnswer {
  /** A 2xx response, its body not read yet. */
  readonly response: IncomingMessage;
  /** The URL that answered (after redirects), redacted. */
  readonly redacted: string;
  /** Settles once the request body is written (at once without a body). */
  readonly bodySent: Promise<void>;
}

/** Sends the exchange to `url`, follows up to MAX_REDIRECTS redirects, and resolves with a 2xx answer. */
export async function exchange(
  start: URL,
  exchangeSpec: HttpExchange,
  options: TransferCommonOptions,
  watch: TransferWatch,
  inFlight: HttpInFlight,
): Promise<HttpAnswer> {
  let url = start;
  for (let redirects = 0; ; redirects += 1) {
    watch.check();
    const redacted = redactUrl(url);
    const { response, bodySent } = await requestOnce(url, exchangeSpec, options, watch, inFlight);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location !== undefined) {
      response.resume();
      bodySent.catch(() => undefined);
      if (exchangeSpec.body !== undefined && !BODY_REDIRECTS.has(status)) {
        throw new TransferError('server-error', `${redacted}: HTTP ${status} redirect, which an upload does not follow`, {
          statusCode: status,
        });
      }
      if (redirects === MAX_REDIRECTS) {
        throw new TransferError('server-error', `${redacted}: more than ${MAX_REDIRECTS} redirects`, { statusCode: status });
      }
      url = redirectTarget(url, location, redacted);
      continue;
    }
    if (status >= 200 && status < 300) return { response, redacted, bodySent };
    response.destroy();
    bodySent.catch(() => undefined);
    throw statusError(redacted, status, response.statusMessage);
  }
}

/** The TransferError for an HTTP status that is not a success. */
export function statusError(redacted: string, status: number, statusMessage?: string): TransferError {
  const text = `${redacted}: HTTP ${status}${statusMessage ? ` ${statusMessage}` : ''}`;
  const details = { statusCode: status };
  if (status === 404 || status === 410) return new TransferError('not-found', text, details);
  if (status === 401 || status === 403) return new TransferError('permission-denied', text, details);
  return new TransferError('server-error', text, details);
}

function redirectTarget(from: URL, location: string, redacted: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new TransferError('server-error', `${redacted}: a redirect to an invalid URL`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new TransferError('unsupported-scheme', `${redacted}: a redirect to ${next.protocol} URL, which is not followed`);
  }
  // The credentials go along only to the same origin, never to another host.
  if (next.origin === from.origin && next.username === '' && next.password === '') {
    next.username = from.username;
    next.password = from.password;
  }
  return next;
}

function requestOnce(
  url: URL,
  spec: HttpExchange,
  options: TransferCommonOptions,
  watch: TransferWatch,
  inFlight: HttpInFlight,
): Promise<{ response: IncomingMessage; bodySent: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const tls = secure && options.ca !== undefined && options.ca.length > 0 ? { ca: [...rootCertificates, ...options.ca] } : {};
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, { method: spec.method, headers: spec.headers, agent: false, ...tls });
    inFlight.request = request;
    inFlight.response = undefined;
    request.once('error', reject);
    request.once('response', (response) => {
      inFlight.response = response;
      watch.moved();
      resolve({ response, bodySent });
    });
    let bodySent = Promise.resolve();
    if (spec.body === undefined) request.end();
    else {
      bodySent = spec.body(request).catch((error: unknown) => {
        // A body that cannot be read (the local file) fails the request with that error.
        reject(error);
        request.destroy();
        throw error;
      });
      bodySent.catch(() => undefined);
    }
  });
}
