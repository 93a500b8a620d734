// A small StationControl for testing the control API without a station: two EVSEs (EVSE 2 with two connectors),
// a handful of variables, and a record of every call. Unknown EVSEs and connectors are ControlErrors, like the
// simulator's.
import type { GetVariableResultType, IdTokenEnumType, SetVariableResultType } from '../../../src/messages/types.js';
import {
  ControlError,
  type AuthorizeResult,
  type StationControl,
  type StationStatus,
} from '../../../src/control/station-control.js';
import { parseVariablePath } from '../../../src/control/variable-path.js';
import type { CertificateSummary } from '../../../src/blocks/certificates/certificates-block.js';
import type { FirmwareSummary } from '../../../src/blocks/firmware/firmware-block.js';
import type { PublishingSummary } from '../../../src/blocks/publishing/publishing-block.js';
import type { LogSummary } from '../../../src/blocks/logs/logs-block.js';

export interface RecordedCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

const CONNECTORS: ReadonlyMap<number, readonly number[]> = new Map([
  [1, [1]],
  [2, [1, 2]],
]);

export class FakeStationControl implements StationControl {
  readonly calls: RecordedCall[] = [];
  /** Thrown by the next call whatever it is (once), to see how the API copes with the unexpected. */
  failNext: unknown;
  readonly variables = new Map<string, string>([
    ['OCPPCommCtrlr.HeartbeatInterval', '300'],
    ['EVSE#1.Power/MaxSet', '11000'],
    ['VendorCtrlr.Mode', 'Eco'],
  ]);
  private connected = true;
  private rebootHeld: Promise<void> | undefined;

  /** What certificates() answers. */
  installed: CertificateSummary[] = [
    {
      role: 'CSMSRootCertificate',
      state: 'active',
      subject: 'O=Fake Operator, CN=Fake Root',
      issuer: 'O=Fake Operator, CN=Fake Root',
      serialNumber: '01AB',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
      chainLength: 1,
    },
  ];

  /** What firmware() answers. */
  firmwareSummary: FirmwareSummary = {
    lastStatus: 'Downloading',
    lastRequestId: 5,
    update: { requestId: 5, phase: 'downloading', location: 'https://firmware.example/v2.bin', failedAttempts: 1 },
  };

  logs(): LogSummary {
    this.record('logs', []);
    return { uploading: 8, lastStatus: 'Uploading', lastRequestId: 8 };
  }

  pauseFirmwareDownload(paused: boolean): void {
    this.record('pauseFirmwareDownload', [paused]);
  }

  firmware(): FirmwareSummary {
    this.record('firmware', []);
    return this.firmwareSummary;
  }

  publishing(): PublishingSummary {
    this.record('publishing', []);
    return {
      published: [{ checksum: 'ab'.repeat(16), fileName: 'fw.bin', size: 42, locations: ['http://127.0.0.1:8070/firmware/abababababababababababababababab/fw.bin'] }],
      download: { requestId: 9, checksum: 'cd'.repeat(16), location: 'https://firmware.example/v3.bin', phase: 'retry-scheduled', failedAttempts: 1 },
      lastStatus: 'DownloadScheduled',
      lastRequestId: 9,
    };
  }

  certificates(): CertificateSummary[] {
    this.record('certificates', []);
    return this.installed;
  }

  status(): StationStatus {
    this.record('status', []);
    return {
      stationId: 'CS-FAKE',
      registration: 'Accepted',
      connected: this.connected,
      evses: [
        {
          id: 1,
          connectors: [{ id: 1, status: 'Occupied' }],
          transactionId: 'tx-1',
          chargingState: 'Charging',
          limit: { amps: 16, watts: 11040 },
          energyWh: 1234.5,
          ev: { connectorId: 1, suspended: false, soc: 42, powerW: 11000, currentA: 16 },
        },
        { id: 2, connectors: [{ id: 1, status: 'Available' }, { id: 2, status: 'Faulted' }], energyWh: 0 },
      ],
    };
  }

  plug(evseId: number, connectorId?: number): void {
    this.record('plug', connectorId === undefined ? [evseId] : [evseId, connectorId]);
    this.connector(evseId, connectorId ?? 1);
  }

  unplug(evseId: number): void {
    this.record('unplug', [evseId]);
    this.evse(evseId);
  }

  async authorize(evseId: number | 'any', idToken: string, type?: IdTokenEnumType): Promise<AuthorizeResult> {
    this.record('authorize', type === undefined ? [evseId, idToken] : [evseId, idToken, type]);
    if (evseId !== 'any') this.evse(evseId);
    await new Promise((resolve) => setImmediate(resolve));
    if (idToken.startsWith('BAD')) return { result: 'rejected', status: 'Invalid' };
    return { result: 'authorized', evseId: evseId === 'any' ? 1 : evseId, status: 'Accepted' };
  }

  evSuspend(evseId: number): void {
    this.record('evSuspend', [evseId]);
    this.evse(evseId);
  }

  evResume(evseId: number): void {
    this.record('evResume', [evseId]);
    this.evse(evseId);
  }

  fault(evseId: number, connectorId: number): void {
    this.record('fault', [evseId, connectorId]);
    this.connector(evseId, connectorId);
  }

  clearFault(evseId: number, connectorId: number): void {
    this.record('clearFault', [evseId, connectorId]);
    this.connector(evseId, connectorId);
  }

  async offline(): Promise<void> {
    this.record('offline', []);
    await new Promise((resolve) => setImmediate(resolve));
    this.connected = false;
  }

  online(): void {
    this.record('online', []);
    this.connected = true;
  }

  async reboot(): Promise<void> {
    this.record('reboot', []);
    await (this.rebootHeld ?? new Promise((resolve) => setImmediate(resolve)));
  }

  /** Reboots from now on do not finish until the function returned is called: a request that is still running. */
  holdReboot(): () => void {
    let release: () => void = () => undefined;
    this.rebootHeld = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.rebootHeld = undefined;
      release();
    };
  }

  set(path: string, value: string): SetVariableResultType {
    this.record('set', [path, value]);
    const { component, variable, attributeType } = parseVariablePath(path);
    const base = { component, variable, ...(attributeType ? { attributeType } : {}) };
    const known = this.known(path);
    if (known) return { ...base, attributeStatus: known };
    if (path === 'OCPPCommCtrlr.HeartbeatInterval' && !/^\d+$/.test(value)) {
      return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'not an integer' } };
    }
    this.variables.set(path, value);
    return { ...base, attributeStatus: path.startsWith('VendorCtrlr.') ? 'RebootRequired' : 'Accepted' };
  }

  get(path: string): GetVariableResultType {
    this.record('get', [path]);
    const { component, variable, attributeType } = parseVariablePath(path);
    const base = { component, variable, ...(attributeType ? { attributeType } : {}) };
    const known = this.known(path);
    if (known) return { ...base, attributeStatus: known };
    return { ...base, attributeStatus: 'Accepted', attributeValue: this.variables.get(path)! };
  }

  /** The calls of one method, as argument lists. */
  callsOf(method: string): (readonly unknown[])[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  private known(path: string): 'UnknownComponent' | 'UnknownVariable' | undefined {
    if (this.variables.has(path)) return undefined;
    const component = path.slice(0, path.indexOf('.'));
    return [...this.variables.keys()].some((key) => key.startsWith(`${component}.`)) ? 'UnknownVariable' : 'UnknownComponent';
  }

  private record(method: string, args: readonly unknown[]): void {
    this.calls.push({ method, args });
    if (this.failNext !== undefined) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
  }

  private evse(evseId: number): readonly number[] {
    const connectors = CONNECTORS.get(evseId);
    if (!connectors) throw new ControlError(`EVSE ${evseId} does not exist; this station has EVSEs 1 and 2`);
    return connectors;
  }

  private connector(evseId: number, connectorId: number): void {
    if (!this.evse(evseId).includes(connectorId)) throw new ControlError(`EVSE ${evseId} has no connector ${connectorId}`);
  }
}
