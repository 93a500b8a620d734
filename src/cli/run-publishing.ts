// The firmware publishing of `ocpp-station run` (L03/L04: the simulated station acting as a Local Controller):
// published files and their state in `<db name>-published/` beside the database, served over HTTP on
// --publish-host:--publish-port (127.0.0.1 and any free port by default), the locations naming
// --publish-advertised-host when given. The server listens only while something is published; a port that turns
// out to be taken then makes that PublishFirmware end in PublishFailed.
import { isIP } from 'node:net';
import type { FirmwarePublishingOptions } from '../blocks/publishing/publishing-block.js';
import { defaultPublishFolder } from '../station/station-stores.js';
import type { RunOptions } from './run-options.js';

/** A host name (RFC 1123 labels) or an IPv4 or IPv6 address. */
function isHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  return value.length <= 253 && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(value);
}

/** What is wrong with the publishing options, a line each. */
export function publishingProblems(options: Pick<RunOptions, 'publishHost' | 'publishPort' | 'publishAdvertisedHost' | 'controlPort'>): string[] {
  const lines: string[] = [];
  if (!isHost(options.publishHost)) lines.push(`--publish-host must be an IP address or a host name, got "${options.publishHost}"`);
  if (!Number.isInteger(options.publishPort) || options.publishPort < 0 || options.publishPort > 65535) {
    lines.push(`--publish-port must be 0 to 65535, got ${options.publishPort}`);
  } else if (options.publishPort !== 0 && options.publishPort === options.controlPort) {
    lines.push(`--publish-port and --control-port cannot both be ${options.publishPort}`);
  }
  if (options.publishAdvertisedHost !== undefined && !isHost(options.publishAdvertisedHost)) {
    lines.push(`--publish-advertised-host must be an IP address or a host name, got "${options.publishAdvertisedHost}"`);
  }
  return lines;
}

/** The station's firmwarePublishing option for a run on the database at `databasePath`. */
export function runPublishing(databasePath: string, options: Pick<RunOptions, 'publishHost' | 'publishPort' | 'publishAdvertisedHost'>): FirmwarePublishingOptions {
  return {
    directory: defaultPublishFolder(databasePath),
    host: options.publishHost,
    port: options.publishPort,
    ...(options.publishAdvertisedHost !== undefined ? { advertisedHost: options.publishAdvertisedHost } : {}),
  };
}
