// A charging station process for the mid-transaction crash test:
//   node --import tsx session-crash-child.ts <csmsUrl> <dbFile> <mode>
// mode "charge": boots, plugs in, presents a token and reports charging (printing "charging <transactionId>"
// once the events are queued), then waits to be killed. mode "restart": boots on the same database, which ends
// the transaction the killed run left open, and prints "restarted".
import { ChargingStation } from '../../src/station/charging-station.js';
import { sqliteStationStores } from '../../src/station/station-stores.js';
import { parseStationConfig } from '../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../src/station/default-station-config.js';

const [csmsUrl, dbFile, mode] = process.argv.slice(2);
const station = new ChargingStation({
  stationId: 'CS-TXCRASH',
  config: parseStationConfig({ ...DEFAULT_STATION_CONFIG_JSON, variables: { OCPPCommCtrlr: { WebSocketPingInterval: 0 } } }),
  stores: sqliteStationStores(dbFile!),
  host: {
    reset: { supportsEvseReset: false, isResetAllowed: () => true, reset: () => undefined },
    evse: { setEnergyTransferAllowed: () => undefined, unlockConnector: () => true },
  },
  csms: { url: csmsUrl! },
  basicAuthPassword: 'crash-test-password-1',
});

station.events.on('registrationChanged', ({ status }) => {
  if (status !== 'Accepted') return;
  if (mode === 'charge') {
    station.onSessionStarted(1, 1);
    void station.presentToken({ idToken: 'CRASH-TAG', type: 'ISO14443' }, 1).then(() => {
      station.onChargingStateChanged(1, 'Charging');
      process.stdout.write(`charging ${station.getEvseTransactionId(1)}\n`);
    });
  } else {
    process.stdout.write('restarted\n');
  }
});
station.start(mode === 'charge' ? 'PowerUp' : 'PowerUp');
