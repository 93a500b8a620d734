// The routes of the HTTP control API: for each one, which method it answers, which body fields it takes (each
// checked before the station sees it) and what it answers. docs/control-api.md describes them for people.
import { OcppStationError } from '../errors.js';
import type { IdTokenEnumType } from '../messages/types.js';
import { ControlError, type StationControl } from './station-control.js';
import { parseVariablePath } from './variable-path.js';

/** A request the API refuses before the station sees it (missing or ill-typed field, unknown field, …): HTTP 400. */
export class InvalidRequestError extends OcppStationError {
  override readonly name = 'InvalidRequestError';
  override readonly code = 'CONTROL_INVALID_REQUEST';
}

/** What a route handler answers: HTTP status and JSON body. */
export interface RouteAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface RouteRequest {
  /** The JSON body of a POST, always an object (`{}` when the body was empty). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly query: URLSearchParams;
}

export type HttpMethod = 'GET' | 'POST';

export interface ControlRoute {
  readonly method: HttpMethod;
  readonly path: string;
  /** One line for people: what the route does. */
  readonly summary: string;
  handle(control: StationControl, request: RouteRequest): Promise<RouteAnswer>;
}

export const ID_TOKEN_TYPES: readonly IdTokenEnumType[] = [
  'Central',
  'eMAID',
  'ISO14443',
  'ISO15693',
  'KeyCode',
  'Local',
  'MacAddress',
  'NoAuthorization',
];

/** IdTokenType.idToken is at most 36 characters in OCPP 2.0.1. */
const ID_TOKEN_MAX_LENGTH = 36;
/** SetVariableDataType.attributeValue is at most 1000 characters. */
const ATTRIBUTE_VALUE_MAX_LENGTH = 1000;

const OK: RouteAnswer = { status: 200, body: { ok: true } };

// --- body checks -------------------------------------------------------------------------------------------

function onlyFields(body: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const expected = allowed.length > 0 ? `; expected ${allowed.map((key) => `"${key}"`).join(', ')}` : '; this route takes none';
    throw new InvalidRequestError(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}${expected}`);
  }
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function positiveInteger(body: Readonly<Record<string, unknown>>, field: string, what = 'a positive integer'): number {
  const value = body[field];
  if (value === undefined) throw new InvalidRequestError(`"${field}" is required (${what})`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidRequestError(`"${field}" must be ${what}, got ${shown(value)}`);
  }
  return value;
}

function optionalPositiveInteger(body: Readonly<Record<string, unknown>>, field: string): number | undefined {
  return body[field] === undefined ? undefined : positiveInteger(body, field);
}

function string(body: Readonly<Record<string, unknown>>, field: string, maxLength: number): string {
  const value = body[field];
  if (value === undefined) throw new InvalidRequestError(`"${field}" is required (a string)`);
  if (typeof value !== 'string') throw new InvalidRequestError(`"${field}" must be a string, got ${shown(value)}`);
  if (value.length > maxLength) throw new InvalidRequestError(`"${field}" must be at most ${maxLength} characters, got ${value.length}`);
  return value;
}

function variablePath(value: unknown, where: string): string {
  if (value === undefined || value === '') {
    throw new InvalidRequestError(`${where} is required: Component.Variable, e.g. OCPPCommCtrlr.HeartbeatInterval`);
  }
  if (typeof value !== 'string') throw new InvalidRequestError(`${where} must be a string, got ${shown(value)}`);
  parseVariablePath(value); // a ControlError naming the problem when it is not a path
  return value;
}

function evseOrAny(body: Readonly<Record<string, unknown>>): number | 'any' {
  return body.evse === 'any' ? 'any' : positiveInteger(body, 'evse', 'a positive integer or "any"');
}

function idTokenType(body: Readonly<Record<string, unknown>>): IdTokenEnumType | undefined {
  const value = body.type;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !ID_TOKEN_TYPES.includes(value as IdTokenEnumType)) {
    throw new InvalidRequestError(`"type" must be one of ${ID_TOKEN_TYPES.join(', ')}, got ${shown(value)}`);
  }
  return value as IdTokenEnumType;
}

// --- variable results --------------------------------------------------------------------------------------

interface VariableResult {
  readonly attributeStatus: string;
  readonly attributeStatusInfo?: { readonly reasonCode: string; readonly additionalInfo?: string };
}

/** 200 with the result when the station accepted; 400 with a message and the result otherwise. */
function variableAnswer(path: string, result: VariableResult, accepted: readonly string[]): RouteAnswer {
  if (accepted.includes(result.attributeStatus)) return { status: 200, body: result };
  const info = result.attributeStatusInfo;
  const why = info ? ` (${info.reasonCode}${info.additionalInfo ? `: ${info.additionalInfo}` : ''})` : '';
  return { status: 400, body: { error: `${path}: ${result.attributeStatus}${why}`, result } };
}

// --- the table ---------------------------------------------------------------------------------------------

function action(path: string, summary: string, fields: readonly string[], run: (control: StationControl, body: Readonly<Record<string, unknown>>) => unknown): ControlRoute {
  return {
    method: 'POST',
    path,
    summary,
    async handle(control, { body }) {
      onlyFields(body, fields);
      await run(control, body);
      return OK;
    },
  };
}

export const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/status',
    summary: 'registration, connection, each EVSE with its connectors, transaction, limit, energy and EV',
    async handle(control) {
      return { status: 200, body: control.status() };
    },
  },
  action('/plug', "an EV's cable goes into a connector (the EVSE's first one when not given)", ['evse', 'connector'], (control, body) => {
    const evse = positiveInteger(body, 'evse');
    const connector = optionalPositiveInteger(body, 'connector');
    return connector === undefined ? control.plug(evse) : control.plug(evse, connector);
  }),
  action('/unplug', "the EV's cable comes out of the EVSE", ['evse'], (control, body) => control.unplug(positiveInteger(body, 'evse'))),
  {
    method: 'POST',
    path: '/authorize',
    summary: 'a driver presents a token at an EVSE, or at the station ("any")',
    async handle(control, { body }) {
      onlyFields(body, ['evse', 'idToken', 'type']);
      const evse = evseOrAny(body);
      const type = idTokenType(body);
      const idToken = string(body, 'idToken', ID_TOKEN_MAX_LENGTH);
      if (idToken === '' && type !== 'NoAuthorization') {
        throw new InvalidRequestError('"idToken" must not be empty (only a token of type NoAuthorization is empty)');
      }
      const result = type === undefined ? await control.authorize(evse, idToken) : await control.authorize(evse, idToken, type);
      return { status: 200, body: result };
    },
  },
  action('/ev-suspend', 'the EV stops drawing energy for a while (SuspendedEV)', ['evse'], (control, body) =>
    control.evSuspend(positiveInteger(body, 'evse')),
  ),
  action('/ev-resume', 'the EV draws energy again', ['evse'], (control, body) => control.evResume(positiveInteger(body, 'evse'))),
  action('/fault', 'a connector reports a fault (Faulted)', ['evse', 'connector'], (control, body) =>
    control.fault(positiveInteger(body, 'evse'), positiveInteger(body, 'connector')),
  ),
  action('/clear-fault', "a connector's fault is cleared", ['evse', 'connector'], (control, body) =>
    control.clearFault(positiveInteger(body, 'evse'), positiveInteger(body, 'connector')),
  ),
  action('/offline', 'the network link goes down and stays down', [], (control) => control.offline()),
  action('/online', 'the network link comes back', [], (control) => control.online()),
  action('/reboot', 'the station reboots: stops, and starts again from its database', [], (control) => control.reboot()),
  {
    method: 'GET',
    path: '/variables',
    summary: 'reads a device-model variable: ?path=Component.Variable',
    async handle(control, { query }) {
      const paths = query.getAll('path');
      if (paths.length > 1) throw new InvalidRequestError('give one "path" query parameter, not several');
      const path = variablePath(paths[0], 'the "path" query parameter');
      return variableAnswer(path, control.get(path), ['Accepted']);
    },
  },
  {
    method: 'POST',
    path: '/variables',
    summary: 'sets a device-model variable: {path, value}',
    async handle(control, { body }) {
      onlyFields(body, ['path', 'value']);
      const path = variablePath(body.path, '"path"');
      const value = string(body, 'value', ATTRIBUTE_VALUE_MAX_LENGTH);
      return variableAnswer(path, control.set(path, value), ['Accepted', 'RebootRequired']);
    },
  },
  {
    method: 'GET',
    path: '/certificates',
    summary: 'the installed certificates: role, state, subject, issuer, serial number, validity, chain length',
    async handle(control) {
      return { status: 200, body: control.certificates() };
    },
  },
  {
    method: 'GET',
    path: '/logs',
    summary: 'the log upload in progress and the last LogStatusNotification sent',
    async handle(control) {
      return { status: 200, body: control.logs() };
    },
  },
  action('/firmware/pause', 'the firmware download pauses (DownloadPaused), and a new one waits', [], (control) => control.pauseFirmwareDownload(true)),
  action('/firmware/resume', 'the firmware download goes on (Downloading), from its first byte', [], (control) => control.pauseFirmwareDownload(false)),
  {
    method: 'GET',
    path: '/firmware',
    summary: 'the last FirmwareStatusNotification sent and the firmware update in progress',
    async handle(control) {
      return { status: 200, body: control.firmware() };
    },
  },
  {
    method: 'GET',
    path: '/publishing',
    summary: 'the firmware files the station publishes (L03), with their locations, and the download in progress',
    async handle(control) {
      return { status: 200, body: control.publishing() };
    },
  },
];

/** The HTTP status of an error a handler threw: 400 for bad input and refused control requests, 500 otherwise. */
export function isClientError(error: unknown): error is Error {
  return error instanceof InvalidRequestError || error instanceof ControlError;
}
