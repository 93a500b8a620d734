// The HTTP JSON control API of a running station (what `ocpp-station ctl` and a web dashboard talk to), on
// node:http. It listens on loopback unless the caller names another host. Every answer is JSON; bad input gets
// a 4xx with `{ "error": "…" }` and never reaches the station; anything unexpected is logged and answered 500.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { StationControl } from './station-control.js';
import { CONTROL_ROUTES, isClientError, type ControlRoute, type RouteAnswer } from './routes.js';

/** The largest request body the API reads, in bytes: larger ones are answered 413. */
export const CONTROL_BODY_LIMIT = 64 * 1024;

export interface ControlServerOptions {
  readonly control: StationControl;
  /** Interface to listen on; 127.0.0.1 by default. Anything but a loopback address exposes the API, unauthenticated, to the network. */
  readonly host?: string;
  /** TCP port; 0 (the default) lets the system pick a free one. */
  readonly port?: number;
  readonly logger?: Logger;
  /** Largest request body in bytes; {@link CONTROL_BODY_LIMIT} by default. */
  readonly bodyLimit?: number;
  /** Times the grace period of `close`; the system clock by default. */
  readonly clock?: Clock;
}

export interface ControlServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** Stops listening and closes every connection (requests still running get a second to finish). Idempotent. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** A reply decided before any route ran (404, 405, 413, …), with extra headers. */
class Refusal {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(bare)
  );
}

/** The host name in a Host header (`127.0.0.1:8080`, `[::1]:8080`, `localhost`). */
function hostName(header: string): string {
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end < 0 ? header : header.slice(0, end + 1);
  }
  const colon = header.indexOf(':');
  return colon < 0 ? header : header.slice(0, colon);
}

function urlOf(address: AddressInfo): string {
  // A wildcard address is not one to connect to: name the loopback address of the same family instead.
  const host =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && header.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Reads the body up to `limit` bytes; a Refusal (413) past it. Bodies far past the limit are not read to the end. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new Refusal(413, `the body is ${declared} bytes; the limit is ${limit}`, { connection: 'close' }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new Refusal(413, `the body is larger than the limit of ${limit} bytes`, { connection: 'close' });
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      // Keep draining a moderately oversized body so the client reads the 413 instead of a reset; give up on huge ones.
      else if (size > limit * 16) reject(tooLarge());
    });
    request.once('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    request.once('error', reject);
  });
}

function parseBody(bytes: Buffer): Record<string, unknown> {
  if (bytes.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Refusal(400, 'the body is not UTF-8 text');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Refusal(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Refusal(400, 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { control } = options;
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger();
  const bodyLimit = options.bodyLimit ?? CONTROL_BODY_LIMIT;
  const clock = options.clock ?? systemClock;
  // On loopback, refuse requests whose Host header names another machine: a web page from elsewhere reaching
  // the API through DNS rebinding. (Cross-origin POSTs from a browser are stopped by the JSON content type.)
  const loopbackOnly = isLoopbackHost(host);
  const routesByPath = new Map<string, ControlRoute[]>();
  for (const route of CONTROL_ROUTES) routesByPath.set(route.path, [...(routesByPath.get(route.path) ?? []), route]);
  const knownPaths = [...routesByPath.keys()].join(', ');
  let closing = false;

  async function answer(request: IncomingMessage): Promise<RouteAnswer & { headers?: Readonly<Record<string, string>> }> {
    const hostHeader = request.headers.host;
    if (loopbackOnly && hostHeader !== undefined && !isLoopbackHost(hostName(hostHeader))) {
      throw new Refusal(403, `Host "${hostHeader}" is not a loopback name; this API answers only on loopback`);
    }
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    const path = queryStart < 0 ? target : target.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1));
    const candidates = routesByPath.get(path);
    if (!candidates) throw new Refusal(404, `no route ${path}; the routes are ${knownPaths}`);
    const route = candidates.find((candidate) => candidate.method === request.method);
    if (!route) {
      const allowed = candidates.map((candidate) => candidate.method).join(', ');
      throw new Refusal(405, `${path} answers ${allowed}, not ${request.method}`, { allow: allowed });
    }
    let body: Record<string, unknown> = {};
    if (route.method === 'POST') {
      if (!isJsonContentType(request.headers['content-type'])) {
        throw new Refusal(415, 'send the body as JSON with the header Content-Type: application/json');
      }
      body = parseBody(await readBody(request, bodyLimit));
    }
    return route.handle(control, { body, query });
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let status: number;
    let body: unknown;
    let headers: Readonly<Record<string, string>> = {};
    try {
      ({ status, body } = await answer(request));
    } catch (error) {
      if (error instanceof Refusal) {
        ({ status, headers } = error);
        body = { error: error.error };
      } else if (isClientError(error)) {
        status = 400;
        body = { error: error.message };
      } else if (request.destroyed && !request.complete) {
        return; // the client went away while sending its body: nobody to answer
      } else {
        logger.error({ err: error, method: request.method, url: request.url }, 'control API request failed');
        status = 500;
        body = { error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    let text: string;
    try {
      text = `${JSON.stringify(body)}\n`;
    } catch (error) {
      logger.error({ err: error, method: request.method, url: request.url }, 'control API answer is not JSON');
      status = 500;
      text = `${JSON.stringify({ error: 'internal error: the answer could not be written as JSON' })}\n`;
    }
    logger.debug({ method: request.method, url: request.url, status }, 'control API request');
    if (response.headersSent || response.destroyed) return;
    response.writeHead(status, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(text)), ...headers });
    response.end(text);
  }

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (request, response) => {
    if (closing) response.shouldKeepAlive = false;
    response.once('finish', () => {
      // While closing, a keep-alive connection that has just become idle is closed rather than kept.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    void serve(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'control API could not answer');
      response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'control API server error'));
  const url = urlOf(server.address() as AddressInfo);
  if (!loopbackOnly) {
    logger.warn({ host, url }, 'the control API listens beyond loopback: anyone who can reach it controls the station');
  }

  let closed: Promise<void> | undefined;
  return {
    url,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        // The system clock's timers are unref'd: the grace period never keeps a process alive by itself.
        const force = clock.setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clock.clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
