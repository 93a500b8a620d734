// A charging station process for the flooding-CSMS test (test/reliability/flooding-csms.test.ts):
//   node --import tsx flood-station.ts <csmsUrl> <dbFile>
// It boots and then only answers. Every 100 ms, it prints its resident memory
// and the event-loop delay since it was accepted (perf_hooks), so the test sees how it fares under the flood.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';

const [csmsUrl, dbFile] = process.argv.slice(2);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let maxRss = 0;

const station = new ChargingStation({
  stationId: 'CS-FLOOD',
  config: parseStationConfig({ ...DEFAULT_STATION_CONFIG_JSON, variables: { OCPPCommCtrlr: { WebSocketPingInterval: 0 } } }),
  stores: sqliteStationStores(dbFile!),
  host: {
    reset: { supportsEvseReset: false, isResetAllowed: () => false, reset: () => undefined },
    evse: { setEnergyTransferAllowed: () => undefined, unlockConnector: () => true },
  },
  csms: { url: csmsUrl! },
  basicAuthPassword: 'flood-test-password-1',
});

function report(): void {
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
  const ms = (ns: number) => Math.round(ns / 1e6);
  process.stdout.write(`stats rss=${maxRss} elmax=${ms(delay.max)} elp99=${ms(delay.percentile(99))}\n`);
}
setInterval(report, 100).unref();
station.events.on('registrationChanged', ({ status }) => {
  if (status !== 'Accepted') return;
  // Start-up (loading and compiling modules) is not the flood's doing.
  delay.reset();
  process.stdout.write('accepted\n');
});
station.start('PowerUp');
