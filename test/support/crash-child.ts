// A station process for the crash test: `node --import tsx crash-child.ts <csmsUrl> <dbFile> <eventCount>`.
// It queues <eventCount> TransactionEvents in its SQLite database (printing "queued" once they are all
// stored), connects, and sends whatever its queue holds — including what an earlier, killed run left.
import { OcppLink } from '../../src/link/ocpp-link.js';
import { openStationDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteQueueStore } from '../../src/storage/sqlite/sqlite-queue-store.js';
import { InMemoryNetworkProfiles } from '../../src/transport/network-profiles.js';

const [csmsUrl, dbFile, countText] = process.argv.slice(2);
const database = openStationDatabase(dbFile!);
const profiles = InMemoryNetworkProfiles.forCsms(csmsUrl!);
const link = new OcppLink({
  stationId: 'CS-CRASH',
  store: new SqliteQueueStore(database),
  profiles,
  credentials: () => ({ basicAuthPassword: 'crash-test-password' }),
  settings: { retryBackOffWaitMinimumSeconds: 0, retryBackOffRandomRangeSeconds: 0 },
});
link.setRegistrationStatus('Accepted');

for (let seqNo = 0; seqNo < Number(countText); seqNo++) {
  // Fire and forget: the queue owns delivery; a killed process has no caller left anyway.
  link
    .send('TransactionEvent', {
      eventType: seqNo === 0 ? 'Started' : 'Updated',
      timestamp: new Date().toISOString(),
      triggerReason: seqNo === 0 ? 'Authorized' : 'MeterValuePeriodic',
      seqNo,
      transactionInfo: { transactionId: 'tx-crash' },
    })
    .catch(() => undefined);
}
process.stdout.write(`queued ${link.queuedMessages}\n`);
link.connect();
