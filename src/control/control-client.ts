// A client of the HTTP control API (docs/control-api.md) on fetch: what `ocpp-station ctl` uses, and what a test
// or a tool in TypeScript can use to drive a running station.
import type { CertificateSummary } from '../blocks/certificates/certificates-block.js';
import type { FirmwareSummary } from '../blocks/firmware/firmware-block.js';
import type { PublishingSummary } from '../blocks/publishing/publishing-block.js';
import type { LogSummary } from '../blocks/logs/logs-block.js';
import { OcppStationError, type ErrorCauseOptions } from '../errors.js';
import type { GetVariableResultType, IdTokenEnumType, SetVariableResultType } from '../messages/types.js';
import type { AuthorizeResult, StationStatus, VariablePath } from './station-control.js';

/** The station's API answered, with an error status: `message` is its `error`, `body` the whole answer. */
export class ControlApiError extends OcppStationError {
  override readonly name = 'ControlApiError';
  override readonly code = 'CONTROL_API_ERROR';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
    options?: ErrorCauseOptions,
  ) {
    super(message, options);
  }
}

/** Nothing answered at the API's URL (refused, unknown host, no answer in time, connection lost). */
export class ControlUnreachableError extends OcppStationError {
  override readonly name = 'ControlUnreachableError';
  override readonly code = 'CONTROL_UNREACHABLE';
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: ErrorCauseOptions,
  ) {
    super(`cannot reach the control API at ${url}: ${reason}`, options);
  }
}

export interface ControlClientOptions {
  /** How long to wait for an answer, ms (reboot and authorize can take a few seconds); 60 s by default. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Checks an API URL as a person typed it: http:// or https://, with a host. Throws an Error saying what is wrong. */
export function parseControlUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`"${text}" is not a URL; expected e.g. http://127.0.0.1:8180`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${text}" is not an http:// or https:// URL`);
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // fetch reports network failures as TypeError('fetch failed') with the socket error as its cause.
  const cause = error instanceof Error ? (error.cause as { message?: unknown; code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.message === 'string' && cause.message !== '') {
    // The fetch standard forbids some ports (e.g. 1, 6000, 6665-6669, 10080) and reports them as "bad port".
    return cause.message === 'bad port' ? 'bad port: fetch refuses to connect to this port; use another one' : cause.message;
  }
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

export class ControlClient {
  /** The API's base URL, as given (without a trailing slash). */
  readonly url: string;
  private readonly base: URL;
  private readonly timeoutMs: number;

  /** @throws Error when `url` is not an http:// or https:// URL. */
  constructor(url: string, options: ControlClientOptions = {}) {
    this.base = parseControlUrl(url);
    this.url = url.trim().replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  status(): Promise<StationStatus> {
    return this.request('GET', 'status') as Promise<StationStatus>;
  }

  logs(): Promise<LogSummary> {
    return this.request('GET', 'logs') as Promise<LogSummary>;
  }

  firmware(): Promise<FirmwareSummary> {
    return this.request('GET', 'firmware') as Promise<FirmwareSummary>;
  }

  async pauseFirmwareDownload(paused: boolean): Promise<void> {
    await this.request('POST', paused ? 'firmware/pause' : 'firmware/resume', {});
  }

  publishing(): Promise<PublishingSummary> {
    return this.request('GET', 'publishing') as Promise<PublishingSummary>;
  }

  certificates(): Promise<CertificateSummary[]> {
    return this.request('GET', 'certificates') as Promise<CertificateSummary[]>;
  }

  async plug(evseId: number, connectorId?: number): Promise<void> {
    await this.request('POST', 'plug', connectorId === undefined ? { evse: evseId } : { evse: evseId, connector: connectorId });
  }

  async unplug(evseId: number): Promise<void> {
    await this.request('POST', 'unplug', { evse: evseId });
  }

  authorize(evseId: number | 'any', idToken: string, type?: IdTokenEnumType): Promise<AuthorizeResult> {
    const body = type === undefined ? { evse: evseId, idToken } : { evse: evseId, idToken, type };
    return this.request('POST', 'authorize', body) as Promise<AuthorizeResult>;
  }

  async evSuspend(evseId: number): Promise<void> {
    await this.request('POST', 'ev-suspend', { evse: evseId });
  }

  async evResume(evseId: number): Promise<void> {
    await this.request('POST', 'ev-resume', { evse: evseId });
  }

  async fault(evseId: number, connectorId: number): Promise<void> {
    await this.request('POST', 'fault', { evse: evseId, connector: connectorId });
  }

  async clearFault(evseId: number, connectorId: number): Promise<void> {
    await this.request('POST', 'clear-fault', { evse: evseId, connector: connectorId });
  }

  async offline(): Promise<void> {
    await this.request('POST', 'offline', {});
  }

  async online(): Promise<void> {
    await this.request('POST', 'online', {});
  }

  async reboot(): Promise<void> {
    await this.request('POST', 'reboot', {});
  }

  /** Sets a variable; a result other than Accepted or RebootRequired is a ControlApiError whose body has `result`. */
  set(path: VariablePath, value: string): Promise<SetVariableResultType> {
    return this.request('POST', 'variables', { path, value }) as Promise<SetVariableResultType>;
  }

  /** Reads a variable; a result other than Accepted is a ControlApiError whose body has `result`. */
  get(path: VariablePath): Promise<GetVariableResultType> {
    return this.request('GET', `variables?${new URLSearchParams({ path }).toString()}`) as Promise<GetVariableResultType>;
  }

  /** One request: the answer's JSON on a 2xx status; ControlApiError on another; ControlUnreachableError when nothing answers. */
  async request(method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
    const target = new URL(route.replace(/^\/+/, ''), this.base);
    let status: number;
    let text: string;
    try {
      const response = await fetch(target, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new ControlUnreachableError(this.url, reasonOf(error, this.timeoutMs), { cause: error });
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch (error) {
      throw new ControlApiError(`${this.url} answered HTTP ${status} with something other than JSON; is it a station's control API?`, status, text, {
        cause: error,
      });
    }
    if (status < 200 || status > 299) {
      const error = (answer as { error?: unknown } | null)?.error;
      throw new ControlApiError(typeof error === 'string' ? error : `HTTP ${status}`, status, answer);
    }
    return answer;
  }
}
