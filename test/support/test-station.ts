// A ChargingStation aimed at a test CSMS peer: FakeClock, fixed back-off randomness, no pings, memory stores
// unless given, a host that records resets.
import { ChargingStation, type ChargingStationOptions } from '../../src/station/charging-station.js';
import { memoryStationStores, type StationStores } from '../../src/station/station-stores.js';
import { parseStationConfig, type StationConfig } from '../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../src/station/default-station-config.js';
import type { ChargingProfileType, ResetEnumType } from '../../src/messages/types.js';
import type { EffectiveLimit } from '../../src/blocks/smart-charging/charging-limits.js';
import type { StationHost } from '../../src/station/host.js';
import { FakeClock } from '../fakes/fake-clock.js';
import type { CsmsPeer } from './csms-peer.js';
import { waitFor } from './wait-for.js';

export interface TestStationOptions {
  stationId: string;
  /** Merged over the default configuration (top-level keys replaced). */
  config?: Record<string, unknown>;
  stores?: StationStores;
  clock?: FakeClock;
  password?: string;
  /** Of configuration slot 1 (the peer); 1 by default. */
  securityProfile?: number;
  supportsEvseReset?: boolean;
  resetAllowed?: boolean;
  certificates?: ChargingStationOptions['certificates'];
  transactionsOnBoot?: ChargingStationOptions['transactionsOnBoot'];
  /** What UnlockConnector achieves (default: unlocked). */
  unlocks?: boolean;
  linkSettings?: ChargingStationOptions['linkSettings'];
  /** Where the station logs (e.g. a pino logger writing into the test); silent by default. */
  logger?: ChargingStationOptions['logger'];
  /** The host's log uploader (N01); none by default. */
  logUploader?: StationHost['logUploader'];
  logDirectory?: string;
  /** Where downloaded firmware images go (the system's temporary folder by default). */
  firmwareDirectory?: string;
  /** The host's firmware updater (L01); none by default. */
  firmware?: StationHost['firmware'];
  /** Firmware publishing (L03/L04); none by default. */
  firmwarePublishing?: ChargingStationOptions['firmwarePublishing'];
}

export interface TestStation {
  station: ChargingStation;
  clock: FakeClock;
  resets: { type: ResetEnumType; evseId?: number }[];
  /** The boot reason each reset asked for, in order. */
  bootReasons: string[];
  /** Every setEnergyTransferAllowed call, in order. */
  energy: [number, boolean][];
  /** Every setChargingLimit call, in order. */
  limits: [number, EffectiveLimit][];
  /** Every ISO 15118 renegotiation the station asked for. */
  renegotiations: [number, ChargingProfileType][];
  config: StationConfig;
  /** Message ids of the calls the station sent that have no CALLRESULT or CALLERROR yet. */
  unanswered: Set<string>;
}

export function createTestStation(peer: CsmsPeer, options: TestStationOptions): TestStation {
  const clock = options.clock ?? new FakeClock(new Date());
  const resets: TestStation['resets'] = [];
  const bootReasons: string[] = [];
  const energy: TestStation['energy'] = [];
  const limits: TestStation['limits'] = [];
  const renegotiations: TestStation['renegotiations'] = [];
  const host: StationHost = {
    evse: {
      setEnergyTransferAllowed: (evseId, allowed) => energy.push([evseId, allowed]),
      unlockConnector: () => options.unlocks ?? true,
      setChargingLimit: (evseId, limit) => limits.push([evseId, limit]),
    },
    iso15118: { renegotiate: (evseId, profile) => renegotiations.push([evseId, profile]) },
    reset: {
      supportsEvseReset: options.supportsEvseReset ?? false,
      isResetAllowed: () => options.resetAllowed ?? true,
      reset: (type, evseId, bootReason) => {
        resets.push({ type, ...(evseId !== undefined ? { evseId } : {}) });
        bootReasons.push(bootReason ?? 'RemoteReset');
      },
    },
    ...(options.logUploader ? { logUploader: options.logUploader } : {}),
    ...(options.firmware ? { firmware: options.firmware } : {}),
  };
  const config = parseStationConfig({ ...DEFAULT_STATION_CONFIG_JSON, ...options.config });
  const station = new ChargingStation({
    stationId: options.stationId,
    config,
    stores: options.stores ?? memoryStationStores(),
    host,
    csms: { url: peer.url, ...(options.securityProfile !== undefined ? { securityProfile: options.securityProfile } : {}) },
    basicAuthPassword: options.password ?? 'test-password-000001',
    linkSettings: options.linkSettings ?? {},
    ...(options.certificates ? { certificates: options.certificates } : {}),
    ...(options.transactionsOnBoot ? { transactionsOnBoot: options.transactionsOnBoot } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logDirectory ? { logDirectory: options.logDirectory } : {}),
    ...(options.firmwareDirectory ? { firmwareDirectory: options.firmwareDirectory } : {}),
    ...(options.firmwarePublishing ? { firmwarePublishing: options.firmwarePublishing } : {}),
    clock,
    random: () => 0,
  });
  // No websocket pings in tests: the FakeClock would otherwise have to answer for them.
  station.setVariables([
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, attributeValue: '0' },
  ]);
  // The station's own calls that have no answer yet; a call cut off by a disconnect goes again with a new id.
  const unanswered = new Set<string>();
  station.events.on('frame', ({ direction, text }) => {
    let frame: unknown[];
    try {
      frame = JSON.parse(text) as unknown[];
    } catch {
      return; // Not JSON: neither a call nor an answer.
    }
    if (typeof frame[1] !== 'string') return;
    if (direction === 'out' && frame[0] === 2) unanswered.add(frame[1]);
    if (direction === 'in' && (frame[0] === 3 || frame[0] === 4)) unanswered.delete(frame[1]);
  });
  station.events.on('connectionChanged', (connection) => {
    if (connection.state === 'closed') unanswered.clear();
  });
  return { station, clock, resets, bootReasons, energy, limits, renegotiations, config, unanswered };
}

/**
 * Waits until the station has the answer to every call it sent, so that nothing is in flight: the CSMS having a
 * call does not mean the station has its answer yet (a link cut before that resends it; a FakeClock moved past
 * the message timeout fails it).
 */
export async function allAnswered(test: Pick<TestStation, 'unanswered'>): Promise<void> {
  await waitFor(() => test.unanswered.size === 0, 'the station to have the answers to all its calls');
}

/** CSMS handlers that accept a station and answer what it sends at boot. */
export function acceptingCsms(interval = 300) {
  return {
    BootNotification: () => ({ currentTime: new Date().toISOString(), interval, status: 'Accepted' }),
    StatusNotification: () => ({}),
    Heartbeat: () => ({ currentTime: new Date().toISOString() }),
    SecurityEventNotification: () => ({}),
    NotifyReport: () => ({}),
    NotifyEvent: () => ({}),
    LogStatusNotification: () => ({}),
    FirmwareStatusNotification: () => ({}),
  };
}

/** Things a test closes when it ends, newest first. */
export type Closables = { close(): Promise<void> }[];

/**
 * Starts a test station against `peer` and waits until the CSMS has accepted it; station and peer go on
 * `open` for the test to close.
 */
export async function startAcceptedStation(peer: CsmsPeer, open: Closables, options: TestStationOptions) {
  const test = createTestStation(peer, options);
  open.push({ close: () => test.station.stop() });
  const client = peer.nextClient();
  test.station.start();
  const connected = await client;
  await waitFor(() => test.station.registrationStatus === 'Accepted', 'Accepted');
  // Let the boot-time messages (a StatusNotification per connector, StartupOfTheDevice) arrive first, so a
  // test sees only what it causes itself.
  const connectors = test.config.evses.reduce((count, evse) => count + evse.connectors.length, 0);
  const mine = (action: string) => peer.callsOf(action).filter((call) => call.identity === options.stationId).length;
  await waitFor(() => mine('StatusNotification') >= connectors && mine('SecurityEventNotification') >= 1, 'the boot messages');
  // ...and their answers reach the station: nothing is in flight when the test moves the FakeClock or cuts the link.
  await allAnswered(test);
  return { peer, client: connected, ...test };
}
