// A test station with the simulator's FirmwareHost (real downloads through src/transfer, installs on the
// FakeClock) against a CsmsPeer, for the firmware end-to-end tests (L01/L02): what the CSMS got as
// FirmwareStatusNotification, the versions "installed", and the update in progress as the station sees it.
import { SimulatedFirmwareHost, type SimulatedFirmwareOptions } from '../../src/simulator/simulated-firmware.js';
import { sqliteStationStores } from '../../src/station/station-stores.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { CsmsPeer } from './csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from './test-station.js';
import { waitFor } from './wait-for.js';

export interface FirmwareStationOptions {
  /** Of the SimulatedFirmwareHost, over small test defaults. */
  readonly host?: Partial<Omit<SimulatedFirmwareOptions, 'clock' | 'installVersion'>>;
  readonly database?: string;
  readonly clock?: FakeClock;
  /** Another test's peer (a restart); a new one, closed with `open`, otherwise. */
  readonly peer?: CsmsPeer;
  readonly firmwareDirectory?: string;
}

export async function firmwareStation(stationId: string, open: Closables, options: FirmwareStationOptions = {}) {
  const peer = options.peer ?? (await CsmsPeer.start({ handlers: acceptingCsms(24 * 3600) }));
  if (options.peer === undefined) open.push(peer);
  const versions: string[] = [];
  const clock = options.clock ?? new FakeClock(new Date());
  const firmware = new SimulatedFirmwareHost({
    maxBytes: 1024 * 1024,
    downloadTimeoutMs: 10_000,
    stallTimeoutMs: 2000,
    installSeconds: 20,
    ...options.host,
    clock,
    installVersion: (version) => versions.push(version),
  });
  const test = await startAcceptedStation(peer, open, {
    stationId,
    clock,
    firmware,
    ...(options.database ? { stores: sqliteStationStores(options.database) } : {}),
    ...(options.firmwareDirectory ? { firmwareDirectory: options.firmwareDirectory } : {}),
  });
  /** Every FirmwareStatusNotification of this station, as "status:requestId". */
  const statuses = () =>
    peer
      .callsOf('FirmwareStatusNotification')
      .filter((call) => call.identity === stationId)
      .map((call) => `${call.payload.status}:${call.payload.requestId ?? '-'}`);
  /** Waits until the failed download attempt number `attempts` is booked and the next one waits on the clock. */
  const failedAttempts = (attempts: number) =>
    waitFor(() => {
      const update = test.station.firmwareStatus().update;
      return update?.phase === 'download-scheduled' && update.failedAttempts === attempts;
    }, `failed download attempt ${attempts}`);
  return { ...test, firmware, versions, statuses, failedAttempts };
}
