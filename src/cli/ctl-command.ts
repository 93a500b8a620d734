// `ocpp-station ctl`: drives a running station through its HTTP control API (docs/control-api.md), one verb per
// call. Exit codes: 0 done, 1 the station refused or could not be reached, 2 usage error (with the usage).
import type { Command } from 'commander';
import type { IdTokenEnumType } from '../messages/types.js';
import { ControlApiError, ControlClient, ControlUnreachableError, parseControlUrl } from '../control/control-client.js';
import { showPublishing } from './ctl-publishing.js';
import { controlUrlFile, readControlUrl } from '../control/control-url-file.js';
import { ID_TOKEN_TYPES } from '../control/routes.js';
import { parseVariablePath } from '../control/variable-path.js';
import { UsageError } from './usage-error.js';
import { OcppStationError } from '../errors.js';

export interface CtlOptions {
  /** The API's URL. */
  api?: string;
  /** The station's database: the URL is read from the file next to it. */
  db?: string;
  /** Print every answer as JSON. */
  json?: boolean;
}

export interface CtlIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The environment variable naming the API's URL when neither --api nor --db is given. */
export const CONTROL_API_ENV = 'OCPP_STATION_API';

export const CTL_USAGE = `Usage: ocpp-station ctl [--api <url> | --db <file>] [--json] <verb> [args...]

Drives a running station (ocpp-station run) through its control API.

Verbs:
  status                                 the station as JSON: registration, connection, EVSEs and connectors,
                                         transactions, effective limits, EVs
  firmware [pause|resume]                the last firmware status sent and the update in progress; or pause
                                         the firmware download (DownloadPaused) and let it go on
  publishing                             the firmware files published for other stations, and the download
  logs                                   the log upload in progress and the last log status sent
  certificates                           the installed certificates: role, state, subject, issuer, serial,
                                         validity (keys never leave the station)
  plug <evse> [connector]                an EV's cable goes in (the EVSE's first connector by default)
  unplug <evse>                          the cable comes out
  authorize <evse|any> <idToken> [type]  a driver presents a token at an EVSE or at the station; type is one of
                                         ${ID_TOKEN_TYPES.join(', ')}
  ev-suspend <evse>                      the EV stops drawing energy for a while (SuspendedEV)
  ev-resume <evse>                       the EV draws energy again
  fault <evse> <connector>               the connector reports a fault
  clear-fault <evse> <connector>         the connector's fault is cleared
  offline                                the network link goes down (and stays down)
  online                                 the network link comes back
  reboot                                 the station reboots from its database
  set <Component.Variable> <value>       sets a device-model variable, e.g. OCPPCommCtrlr.HeartbeatInterval 60
  get <Component.Variable>               prints a variable's value, e.g. EVSE#1.Power/MaxSet

Options:
  --api <url>    the control API, e.g. http://127.0.0.1:8180
  --db <file>    the station's database: the URL is read from <file>.control-url, which run writes
  --json         print every answer as JSON
  -h, --help     this help

Without --api or --db, the URL is read from $${CONTROL_API_ENV}. A value starting with "-" goes after "--":
  ocpp-station ctl set Vendor.Offset -- -x
Exit codes: 0 done, 1 the station refused or could not be reached, 2 usage error.
`;

/** What a verb prints: `json` with --json (and for status), `line` otherwise. */
interface Printed {
  readonly json: unknown;
  readonly line?: string;
}

/** A call to make, its arguments already checked. */
type Call = (client: ControlClient) => Promise<Printed>;

interface Verb {
  readonly args: string;
  readonly min: number;
  readonly max: number;
  /** Checks the arguments (a UsageError when they are wrong) before anything is sent. */
  prepare(args: readonly string[]): Call;
}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${what} must be a positive integer, got "${text}"`);
  }
  return value;
}

const evse = (text: string) => positiveInteger(text, '<evse>');
const connector = (text: string) => positiveInteger(text, '<connector>');

function variablePath(text: string): string {
  try {
    parseVariablePath(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return text;
}

const OK = { ok: true };

/** `ctl firmware`: the last status and the update in progress, as a line. */
const showFirmware = async (client: ControlClient) => {
  const firmware = await client.firmware();
  const last = `last status ${firmware.lastStatus}${firmware.lastRequestId !== undefined ? ` (request ${firmware.lastRequestId})` : ''}`;
  const update = firmware.update
    ? `; update ${firmware.update.requestId} ${firmware.update.phase} from ${firmware.update.location}` +
      (firmware.update.failedAttempts > 0 ? ` after ${firmware.update.failedAttempts} failed attempt(s)` : '')
    : '; no update in progress';
  return { json: firmware, line: last + update };
};

const VERBS: Readonly<Record<string, Verb>> = {
  status: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => ({ json: await client.status() }),
  },
  plug: {
    args: '<evse> [connector]',
    min: 1,
    max: 2,
    prepare([evseText, connectorText]) {
      const id = evse(evseText!);
      const connectorId = connectorText === undefined ? undefined : connector(connectorText);
      return async (client) => {
        await client.plug(id, connectorId);
        return { json: OK, line: `plugged in at EVSE ${id}${connectorId === undefined ? '' : `, connector ${connectorId}`}` };
      };
    },
  },
  unplug: {
    args: '<evse>',
    min: 1,
    max: 1,
    prepare([evseText]) {
      const id = evse(evseText!);
      return async (client) => {
        await client.unplug(id);
        return { json: OK, line: `unplugged at EVSE ${id}` };
      };
    },
  },
  authorize: {
    args: '<evse|any> <idToken> [type]',
    min: 2,
    max: 3,
    prepare([evseText, idToken, type]) {
      const where = evseText === 'any' ? 'any' : positiveInteger(evseText!, '<evse|any>');
      if (type !== undefined && !ID_TOKEN_TYPES.includes(type as IdTokenEnumType)) {
        throw new UsageError(`[type] must be one of ${ID_TOKEN_TYPES.join(', ')}, got "${type}"`);
      }
      return async (client) => {
        const result = await client.authorize(where, idToken!, type as IdTokenEnumType | undefined);
        const at = result.evseId === undefined ? '' : ` at EVSE ${result.evseId}`;
        return { json: result, line: `${result.result}${at}${result.status === undefined ? '' : ` (${result.status})`}` };
      };
    },
  },
  'ev-suspend': {
    args: '<evse>',
    min: 1,
    max: 1,
    prepare([evseText]) {
      const id = evse(evseText!);
      return async (client) => {
        await client.evSuspend(id);
        return { json: OK, line: `EV suspended at EVSE ${id}` };
      };
    },
  },
  'ev-resume': {
    args: '<evse>',
    min: 1,
    max: 1,
    prepare([evseText]) {
      const id = evse(evseText!);
      return async (client) => {
        await client.evResume(id);
        return { json: OK, line: `EV resumed at EVSE ${id}` };
      };
    },
  },
  fault: {
    args: '<evse> <connector>',
    min: 2,
    max: 2,
    prepare([evseText, connectorText]) {
      const [id, connectorId] = [evse(evseText!), connector(connectorText!)];
      return async (client) => {
        await client.fault(id, connectorId);
        return { json: OK, line: `fault at EVSE ${id}, connector ${connectorId}` };
      };
    },
  },
  'clear-fault': {
    args: '<evse> <connector>',
    min: 2,
    max: 2,
    prepare([evseText, connectorText]) {
      const [id, connectorId] = [evse(evseText!), connector(connectorText!)];
      return async (client) => {
        await client.clearFault(id, connectorId);
        return { json: OK, line: `fault cleared at EVSE ${id}, connector ${connectorId}` };
      };
    },
  },
  offline: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => {
      await client.offline();
      return { json: OK, line: 'offline: the network link is down' };
    },
  },
  online: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => {
      await client.online();
      return { json: OK, line: 'online: the network link is back; the station reconnects' };
    },
  },
  reboot: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => {
      await client.reboot();
      return { json: OK, line: 'rebooted' };
    },
  },
  set: {
    args: '<Component.Variable> <value>',
    min: 2,
    max: 2,
    prepare([pathText, value]) {
      const path = variablePath(pathText!);
      return async (client) => {
        const result = await client.set(path, value!);
        const note = result.attributeStatus === 'RebootRequired' ? ': takes effect after a reboot' : '';
        return { json: result, line: `${path} = ${value} (${result.attributeStatus}${note})` };
      };
    },
  },
  get: {
    args: '<Component.Variable>',
    min: 1,
    max: 1,
    prepare([pathText]) {
      const path = variablePath(pathText!);
      return async (client) => {
        const result = await client.get(path);
        return { json: result, line: result.attributeValue ?? '' };
      };
    },
  },
  logs: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => {
      const logs = await client.logs();
      const uploading = logs.uploading !== undefined ? `uploading (request ${logs.uploading})` : 'no upload in progress';
      const last = logs.lastStatus !== undefined ? `; last status ${logs.lastStatus} (request ${logs.lastRequestId})` : '';
      return { json: logs, line: uploading + last };
    },
  },
  firmware: {
    args: '[pause|resume]',
    min: 0,
    max: 1,
    prepare([action]) {
      if (action === 'pause' || action === 'resume') {
        return async (client) => {
          await client.pauseFirmwareDownload(action === 'pause');
          return { json: OK, line: action === 'pause' ? 'firmware download paused' : 'firmware download resumed' };
        };
      }
      if (action !== undefined) throw new UsageError(`ctl firmware: "${action}" is not pause or resume`);
      return showFirmware;
    },
  },
  publishing: { args: '', min: 0, max: 0, prepare: () => showPublishing },
  certificates: {
    args: '',
    min: 0,
    max: 0,
    prepare: () => async (client) => {
      const certificates = await client.certificates();
      const lines = certificates.map(
        (entry) =>
          `${entry.role} (${entry.state}): ${entry.subject}; issuer ${entry.issuer}; serial ${entry.serialNumber}; ` +
          `valid ${entry.validFrom} to ${entry.validTo}${entry.chainLength > 1 ? `; chain of ${entry.chainLength}` : ''}`,
      );
      return { json: certificates, line: lines.length === 0 ? 'no certificates installed' : lines.join('\n') };
    },
  },
};

/** A failure to report in one line with exit code 1. */
class CtlFailure extends OcppStationError {
  override readonly code = 'CLI_CTL_FAILED';
}

/** Where the API is, and how to say where the URL came from when it does not answer. */
interface ApiLocation {
  readonly url: string;
  readonly hint?: string;
}

function locateApi(options: CtlOptions, env: CtlIo['env']): ApiLocation {
  let location: ApiLocation;
  let flag: string;
  if (options.api !== undefined) {
    location = { url: options.api };
    flag = '--api';
  } else if (options.db !== undefined) {
    const file = controlUrlFile(options.db);
    const url = readControlUrl(options.db);
    if (url === undefined) {
      throw new CtlFailure(`no control API URL: ${file} does not exist; is "ocpp-station run --db ${options.db}" running?`);
    }
    location = { url, hint: `the URL is from ${file}; is "ocpp-station run --db ${options.db}" still running?` };
    flag = file;
  } else if (env[CONTROL_API_ENV]) {
    location = { url: env[CONTROL_API_ENV]! };
    flag = `$${CONTROL_API_ENV}`;
  } else {
    throw new UsageError(`where is the station? Pass --api <url> or --db <file>, or set ${CONTROL_API_ENV}`);
  }
  try {
    parseControlUrl(location.url);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
  return location;
}

/** Runs one `ctl` call; resolves to the process exit code. Everything it prints goes through `io`. */
export async function runCtl(verbName: string | undefined, args: readonly string[], options: CtlOptions, io: CtlIo): Promise<number> {
  const fail = (message: string, code: number, usage = false) => {
    io.err(`ocpp-station ctl: ${message}\n${usage ? `\n${CTL_USAGE}` : ''}`);
    return code;
  };
  try {
    if (verbName === undefined) throw new UsageError('which verb? e.g. ocpp-station ctl status');
    const verb = Object.hasOwn(VERBS, verbName) ? VERBS[verbName] : undefined;
    if (!verb) throw new UsageError(`unknown verb "${verbName}"; the verbs are ${Object.keys(VERBS).join(', ')}`);
    if (args.length < verb.min || args.length > verb.max) {
      const expected = verb.args === '' ? 'no arguments' : verb.args;
      throw new UsageError(`${verbName} takes ${expected}; got ${args.length === 0 ? 'none' : args.map((arg) => `"${arg}"`).join(' ')}`);
    }
    const call = verb.prepare(args);
    const location = locateApi(options, io.env);
    try {
      const printed = await call(new ControlClient(location.url));
      const text = options.json || printed.line === undefined ? JSON.stringify(printed.json, null, 2) : printed.line;
      io.out(`${text}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ControlUnreachableError && location.hint) return fail(`${error.message} (${location.hint})`, 1);
      throw error;
    }
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, 2, true);
    if (error instanceof ControlApiError) return fail(`${verbName}: ${error.message}`, 1);
    if (error instanceof ControlUnreachableError || error instanceof CtlFailure) return fail(error.message, 1);
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
}

/** Adds the `ctl` subcommand to the `ocpp-station` program: it prints through `io` and reports its exit code to `exit`. */
export function registerCtlCommand(program: Command, { io, exit }: { io: CtlIo; exit: (code: number) => void }): Command {
  return program
    .command('ctl')
    .description('drive a running station through its control API: status, plug, authorize, set, get, … (ctl --help)')
    .argument('[verb]')
    .argument('[args...]')
    .option('--api <url>')
    .option('--db <file>')
    .option('--json')
    .configureHelp({ formatHelp: () => CTL_USAGE })
    .showHelpAfterError()
    .action(async (verb: string | undefined, args: string[] | undefined, options: CtlOptions) => {
      exit(await runCtl(verb, args ?? [], options, io));
    });
}
