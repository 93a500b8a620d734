// A01 Update Charging Station Password for HTTP Basic Authentication, end to end against ocpp-rpc's strict
// RPCServer: the new password is used for the next connection, its change is in the security log, and it is
// written nowhere: not in the pino log, not on the console, not in the message log.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openMessageLog } from '../../../src/console/message-log.js';
import { StationConsole } from '../../../src/console/station-console.js';
import { createLogger } from '../../../src/logger.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const OLD_PASSWORD = 'first-password-A01-0001';
const NEW_PASSWORD = 'Second-Password-A01-0002';

const open: Closables = [];
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-a01-'));
});
after(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function setPassword(client: PeerClient, value: string) {
  return client
    .call('SetVariables', {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: value }],
    })
    .then((response: any) => response.setVariableResult[0]);
}

async function accepted(stationId: string, extra: { logger?: ReturnType<typeof createLogger> } = {}) {
  const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
  open.push(peer);
  const stores = memoryStationStores();
  const test = await startAcceptedStation(peer, open, { stationId, stores, password: OLD_PASSWORD, ...extra });
  return { ...test, stores };
}

const passwordChanges = (stores: ReturnType<typeof memoryStationStores>) =>
  stores.securityLog.loadAll().filter((entry) => entry.type === 'ReconfigurationOfSecurityParameters');

describe('A01 BasicAuthPassword', () => {
  it('A01.FR.03 a new password is Accepted, then the station connects again with it in the Basic auth header', async () => {
    const { client, peer } = await accepted('CS-A01-1');
    assert.equal(peer.handshakes.at(-1)!.password, OLD_PASSWORD);
    const reconnected = peer.nextClient();
    const result = await setPassword(client, NEW_PASSWORD);
    assert.equal(result.attributeStatus, 'Accepted');
    assert.equal((await reconnected).identity, 'CS-A01-1');
    const handshake = peer.handshakes.at(-1)!;
    assert.equal(handshake.password, NEW_PASSWORD);
    assert.equal(handshake.authorization, `Basic ${Buffer.from(`CS-A01-1:${NEW_PASSWORD}`, 'utf8').toString('base64')}`);
  });

  it('A01.FR.11 the change is in the security log as ReconfigurationOfSecurityParameters, which is not critical', async () => {
    const { client, peer, stores, station } = await accepted('CS-A01-2');
    const heard: string[] = [];
    station.events.on('securityEvent', (entry) => heard.push(entry.type));
    const reconnected = peer.nextClient();
    assert.equal((await setPassword(client, NEW_PASSWORD)).attributeStatus, 'Accepted');
    await reconnected;
    const [entry, ...more] = passwordChanges(stores);
    assert.equal(more.length, 0);
    assert.equal(entry!.critical, false);
    assert.match(entry!.techInfo ?? '', /BasicAuthPassword/);
    assert.equal(entry!.techInfo!.includes(NEW_PASSWORD), false);
    assert.deepEqual(heard, ['ReconfigurationOfSecurityParameters']);
    // Not critical (Part 2 appendices, Security Events): the CSMS is not told.
    const notified = peer.callsOf('SecurityEventNotification').map((call) => call.payload.type);
    assert.equal(notified.includes('ReconfigurationOfSecurityParameters'), false);
  });

  it('A01.FR.12 neither password appears in the pino log, on the console or in the message log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line) => void lines.push(line) } });
    const { client, peer, station, clock } = await accepted('CS-A01-3', { logger });
    let shown = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        shown += chunk.toString('utf8');
        done();
      },
    });
    const messageLogPath = join(dir, 'frames.jsonl');
    const stationConsole = new StationConsole({ out, clock, messageLog: openMessageLog(messageLogPath) });
    open.push({ close: async () => stationConsole.close() });
    stationConsole.attach(station);

    const reconnected = peer.nextClient();
    assert.equal((await setPassword(client, NEW_PASSWORD)).attributeStatus, 'Accepted');
    const fresh = await reconnected;
    await waitFor(() => shown.includes('* connected to'), 'the console to show the new connection');
    // A refused one (too short) goes through the same frames and logs.
    assert.equal((await setPassword(fresh, 'short-pw-15char')).attributeStatus, 'Rejected');

    const messageLog = await readFile(messageLogPath, 'utf8');
    const pino = lines.join('');
    assert.match(shown, /SetVariables/, 'the console shows the call');
    assert.match(messageLog, /"SetVariables"/, 'the message log has the call');
    assert.match(messageLog, /\[redacted\]/);
    assert.match(pino, /connecting to the CSMS/, 'the pino log was captured');
    for (const [where, text] of [['pino log', pino], ['console', shown], ['message log', messageLog]] as const) {
      for (const secret of [OLD_PASSWORD, NEW_PASSWORD, 'short-pw-15char']) {
        assert.equal(text.includes(secret), false, `${where} holds ${secret}`);
      }
    }
  });

  it('A00.FR.205 a password of fewer than 16 or more than 40 characters is Rejected and changes nothing', async () => {
    const { client, peer, stores } = await accepted('CS-A01-4');
    const handshakes = peer.handshakes.length;
    const short = await setPassword(client, 'x'.repeat(15));
    assert.deepEqual([short.attributeStatus, short.attributeStatusInfo?.reasonCode], ['Rejected', 'InvalidValue']);
    const long = await setPassword(client, 'x'.repeat(41));
    assert.deepEqual([long.attributeStatus, long.attributeStatusInfo?.reasonCode], ['Rejected', 'TooLargeElement']);
    assert.equal(peer.handshakes.length, handshakes, 'no new connection after a refused password');
    // 40 and 16 characters are fine: each time the station connects again with it.
    let current = client;
    for (const value of ['y'.repeat(40), 'z'.repeat(16)]) {
      const reconnected = peer.nextClient();
      assert.equal((await setPassword(current, value)).attributeStatus, 'Accepted');
      current = await reconnected;
      assert.equal(peer.handshakes.at(-1)!.password, value);
    }
    assert.equal(passwordChanges(stores).length, 2, 'only the accepted changes are in the security log');
  });
});
