// `ocpp-station demo`: a whole charging session in one command, with nothing to configure. An embedded CSMS
// (ocpp-rpc's strict RPCServer) on loopback and one simulated station with its database in a temporary folder;
// the script acts the driver, the EV and the CSMS operator step by step, and every OCPP message is printed.
// Simulated time runs fast (--speed), so that minutes of charging pass in seconds.
import { DEFAULT_DEMO_SPEED } from './demo-defaults.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger } from '../logger.js';
import { OcppStationError } from '../errors.js';
import { ChargingStation } from '../station/charging-station.js';
import { sqliteStationStores } from '../station/station-stores.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../station/default-station-config.js';
import { parseStationConfig } from '../device-model/station-config.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../simulator/index.js';
import { openMessageLog } from '../console/message-log.js';
import { StationConsole } from '../console/station-console.js';
import { startDemoCsms, type DemoCsms } from './demo-csms.js';

export interface DemoOptions {
  /** How many times faster than real time the session runs; DEFAULT_DEMO_SPEED when not given. */
  speed?: number;
  /** Every frame as a JSON line in this file. */
  logMessages?: string;
  out?: NodeJS.WritableStream;
}

export { DEFAULT_DEMO_SPEED };

const STATION_ID = 'DEMO-STATION-1';
const ID_TOKEN = 'DEMO-RFID-0001';
/** The limit the CSMS's TxDefaultProfile sets, below what the EV could draw (32 A). */
const LIMIT_A = 10;
/** Simulated seconds between two meter values during the transaction. */
const TX_UPDATED_INTERVAL_S = 60;
/** Meter values shown at each limit before the session moves on. */
const SAMPLES_PER_STEP = 3;
/** Real time any one step may take before the demo gives up with an error naming it. */
const STEP_TIMEOUT_MS = 30_000;

export class DemoStepError extends OcppStationError {
  override readonly name = 'DemoStepError';
  override readonly code = 'DEMO_STEP_FAILED';
}

/** Plays the session; resolves once it has ended and everything is closed, rejects naming the step that failed. */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const speed = options.speed ?? DEFAULT_DEMO_SPEED;
  const clock = new ScaledClock(systemClock, speed);
  const out = options.out ?? process.stdout;
  const messageLog = options.logMessages ? openMessageLog(options.logMessages, { report: (line) => void out.write(`* ${line}\n`) }) : undefined;
  const view = new StationConsole({ out, clock, ...(messageLog ? { messageLog } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-station-demo-'));
  const csms = await startDemoCsms({ clock, heartbeatIntervalSeconds: 60 });
  const simulator = demoStation(csms, clock, join(dir, `${STATION_ID}.db`), view);
  try {
    view.say(`* demo: an embedded CSMS at ${csms.url}, station ${STATION_ID} (database in ${dir}), time ${speed}x real time`);
    await playSession(csms, simulator, view);
  } finally {
    await simulator.stop();
    await csms.close();
    view.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function demoStation(csms: DemoCsms, clock: Clock, db: string, view: StationConsole): SimulatedStation {
  // No websocket pings: the CSMS is in this process on loopback, and at the demo's speed a 30 s interval would be a
  // quarter of a real second for each pong to come back in, which a busy machine can miss (and drop the link).
  const config = parseStationConfig(
    { ...DEFAULT_STATION_CONFIG_JSON, variables: { OCPPCommCtrlr: { WebSocketPingInterval: 0 } } },
    'the demo configuration',
  );
  return new SimulatedStation({
    stationId: STATION_ID,
    clock,
    layout: simulatorLayoutOf(config),
    meterIntervalSeconds: 10,
    createStation: (host) => {
      const station = new ChargingStation({
        stationId: STATION_ID,
        config,
        stores: sqliteStationStores(db),
        host,
        csms: { url: csms.url, securityProfile: 1 },
        basicAuthPassword: 'demo-password-0123456',
        clock,
        // Network timeouts on real time: at --speed 1000 a 30 s MessageTimeout would be 30 real ms.
        networkClock: systemClock,
        logger: silentLogger(),
      });
      view.attach(station);
      return station;
    },
  });
}

async function playSession(csms: DemoCsms, simulator: SimulatedStation, view: StationConsole): Promise<void> {
  const step = async <T>(title: string, work: () => Promise<T>): Promise<T> => {
    await settle();
    view.say(`\n== ${title}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DemoStepError(`the step "${title}" did not finish within ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  const meterValues = (count: number) => {
    let seen = 0;
    return csms.nextCall('TransactionEvent', (event) => event.eventType === 'Updated' && event.meterValue !== undefined && ++seen === count);
  };
  const evse = () => simulator.status().evses[0]!;

  await step('The station powers up, boots and reports its connector', async () => {
    const booted = csms.nextCall('BootNotification');
    const available = csms.nextCall('StatusNotification', (status) => status.connectorStatus === 'Available');
    simulator.start('PowerUp');
    await booted;
    await available;
  });

  await step('A minute later: the first heartbeat', () => csms.nextCall('Heartbeat'));

  await step(`The CSMS asks for a meter value every ${TX_UPDATED_INTERVAL_S} s during transactions`, async () => {
    const response = await csms.call('SetVariables', {
      setVariableData: [
        { component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, attributeValue: String(TX_UPDATED_INTERVAL_S) },
      ],
    });
    expectStatus('SetVariables', response.setVariableResult[0].attributeStatus, 'Accepted');
  });

  await step('A driver plugs an EV into EVSE 1', async () => {
    const occupied = csms.nextCall('StatusNotification', (status) => status.connectorStatus === 'Occupied');
    simulator.plug(1);
    await occupied;
  });

  await step(`The driver presents the RFID card ${ID_TOKEN}: the transaction starts, the EV charges as fast as it can`, async () => {
    const started = csms.nextCall('TransactionEvent', (event) => event.eventType === 'Started');
    const charging = csms.nextCall('TransactionEvent', (event) => event.transactionInfo.chargingState === 'Charging');
    const result = await simulator.authorize(1, ID_TOKEN);
    if (result.result !== 'authorized') throw new DemoStepError(`the token was not accepted: ${JSON.stringify(result)}`);
    await started;
    await charging;
    await meterValues(SAMPLES_PER_STEP);
    await settle();
    view.say(`* EVSE 1 draws ${evse().ev?.currentA ?? 0} A`);
  });

  await step(`The CSMS limits every transaction to ${LIMIT_A} A with a TxDefaultProfile`, async () => {
    const response = await csms.call('SetChargingProfile', {
      evseId: 0,
      chargingProfile: {
        id: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: [{ id: 1, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: LIMIT_A }] }],
      },
    });
    expectStatus('SetChargingProfile', response.status, 'Accepted');
    await meterValues(SAMPLES_PER_STEP);
    await settle();
    view.say(`* EVSE 1 draws ${evse().ev?.currentA ?? 0} A (limit ${evse().limit?.amps ?? '-'} A)`);
  });

  await step('The driver unplugs; the transaction ends', async () => {
    const ended = csms.nextCall('TransactionEvent', (event) => event.eventType === 'Ended');
    const available = csms.nextCall('StatusNotification', (status) => status.connectorStatus === 'Available');
    simulator.unplug(1);
    // The console prints the transaction's end, with the energy delivered (src/console/transaction-lines.ts).
    await ended;
    await available;
    await settle();
  });

  view.say('\n* demo complete');
}

/**
 * The CSMS has answered the station's last message, but the answer is still on its way: a moment of real time lets
 * it arrive and be printed before the next line, so that the output reads in order.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

function expectStatus(action: string, status: string, expected: string): void {
  if (status !== expected) throw new DemoStepError(`${action} answered ${status}, expected ${expected}`);
}
