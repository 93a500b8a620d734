// The connection manager end to end against ocpp-rpc's strict RPCServer on loopback (and, where a CSMS must
// misbehave, a plain ws server): subprotocol, Basic auth, reconnect after a CSMS restart, dead-peer detection
// by ping, and falling back to the next configuration slot. Back-off and ping timers run on a FakeClock.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { silentLogger } from '../../../src/logger.js';
import {
  ConnectionManager,
  type ConnectedInfo,
  type ConnectionFailureInfo,
  type ConnectionSettings,
  type DisconnectedInfo,
} from '../../../src/transport/connection-manager.js';
import { InMemoryNetworkProfiles } from '../../../src/transport/network-profiles.js';
import type { SecurityCredentials } from '../../../src/transport/security-profile.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { waitFor } from '../../support/wait-for.js';

const cleanUps: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

const STATION = 'CS-E2E';
const PASSWORD = 'e2e-password-0123456';

async function startPeer(options: Parameters<typeof CsmsPeer.start>[0] = {}): Promise<CsmsPeer> {
  const peer = await CsmsPeer.start(options);
  cleanUps.push(() => peer.close());
  return peer;
}

/** A port nobody listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface StationOptions {
  slots: Record<number, string>;
  settings?: Partial<ConnectionSettings>;
  credentials?: () => SecurityCredentials;
}

function startStation(options: StationOptions) {
  const clock = new FakeClock(new Date());
  const profiles = new InMemoryNetworkProfiles();
  for (const [slot, url] of Object.entries(options.slots)) {
    profiles.set(Number(slot), {
      ocppCsmsUrl: url,
      securityProfile: 1,
      messageTimeout: 30,
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppInterface: 'Wired0',
    });
  }
  const connected: ConnectedInfo[] = [];
  const disconnected: DisconnectedInfo[] = [];
  const failures: ConnectionFailureInfo[] = [];
  const messages: string[] = [];
  const settings: ConnectionSettings = {
    retryBackOffWaitMinimumSeconds: 3,
    retryBackOffRandomRangeSeconds: 10,
    retryBackOffRepeatTimes: 3,
    webSocketPingIntervalSeconds: 0,
    networkProfileConnectionAttempts: 3,
    networkConfigurationPriority: Object.keys(options.slots).map(Number),
    ...options.settings,
  };
  const manager = new ConnectionManager({
    stationId: STATION,
    clock,
    logger: silentLogger(),
    random: () => 0,
    settings: () => settings,
    profiles,
    credentials: options.credentials ?? (() => ({ basicAuthPassword: PASSWORD })),
    listener: {
      connected: (info) => connected.push(info),
      disconnected: (info) => disconnected.push(info),
      message: (text) => messages.push(text),
      failed: (info) => failures.push(info),
    },
  });
  cleanUps.push(() => manager.disconnect());
  return { clock, manager, connected, disconnected, failures, messages };
}

describe('connecting to a CSMS (Part 4 §3)', () => {
  it('offers and agrees on subprotocol ocpp2.0.1, connects to <url>/<stationId> and carries frames both ways', async () => {
    const peer = await startPeer({ handlers: { Heartbeat: () => ({ currentTime: '2026-01-01T00:00:00.000Z' }) } });
    const station = startStation({ slots: { 1: peer.url } });
    const client = peer.nextClient();
    station.manager.connect();
    const peerClient = await client;
    await waitFor(() => station.manager.isConnected, 'the station to report connected');

    assert.equal(peerClient.protocol, 'ocpp2.0.1');
    assert.equal(peerClient.identity, STATION);
    assert.deepEqual(peer.handshakes[0]?.protocols, ['ocpp2.0.1']);
    assert.deepEqual(station.connected, [{ slot: 1, securityProfile: 1, url: `${peer.url}/${STATION}` }]);
    assert.equal(station.manager.activeSlot, 1);

    station.manager.send('[2,"hb-1","Heartbeat",{}]');
    await waitFor(() => station.messages.length === 1, 'the CALLRESULT');
    assert.deepEqual(JSON.parse(station.messages[0]!), [3, 'hb-1', { currentTime: '2026-01-01T00:00:00.000Z' }]);
  });

  it('refuses a CSMS that offers only another subprotocol with a clear error, and tries again after the back-off', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    let upgrades = 0;
    wss.on('connection', () => upgrades++);
    cleanUps.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const station = startStation({ slots: { 1: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ocpp` } });

    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the first failure');
    assert.equal(station.failures[0]!.kind, 'subprotocol');
    assert.match(station.failures[0]!.message, /^CSMS did not agree to subprotocol ocpp2\.0\.1/);
    assert.equal(station.failures[0]!.retryInMs, 3000);
    await station.clock.advance(3000);
    await waitFor(() => station.failures.length === 2, 'the second failure');
    assert.equal(upgrades, 2, 'the server completed both handshakes');
    assert.equal(station.manager.isConnected, false);
    assert.deepEqual(station.connected, []);
  });
});

describe('security profile 1: HTTP Basic auth (A00.FR.202-207)', () => {
  it('A00.FR.203/204 sends the station identity as user name and BasicAuthPassword as password', async () => {
    const peer = await startPeer({ authorize: (identity, password) => identity === STATION && password === PASSWORD });
    const station = startStation({ slots: { 1: peer.url } });
    station.manager.connect();
    await waitFor(() => station.manager.isConnected, 'the station to connect');
    assert.equal(peer.handshakes.length, 1);
    assert.equal(peer.handshakes[0]!.identity, STATION);
    assert.equal(peer.handshakes[0]!.password, PASSWORD);
  });

  it('A00.FR.207 a refused password (HTTP 401) is retried with back-off; a new password is used at the next attempt', async () => {
    const peer = await startPeer({ authorize: (_identity, password) => password === 'the-right-password-01' });
    let password = 'a-wrong-password-0123';
    const station = startStation({ slots: { 1: peer.url }, credentials: () => ({ basicAuthPassword: password }) });
    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the refusal');
    const { kind, statusCode, retryInMs } = station.failures[0]!;
    assert.deepEqual({ kind, statusCode, retryInMs }, { kind: 'refused', statusCode: 401, retryInMs: 3000 });
    assert.match(station.failures[0]!.message, /HTTP 401/);

    await station.clock.advance(2999);
    assert.equal(peer.handshakes.length, 1, 'no new attempt before the back-off is over');
    await station.clock.advance(1);
    await waitFor(() => station.failures.length === 2, 'the second refusal');
    assert.equal(station.failures[1]!.retryInMs, 6000, 'the back-off doubles');
    assert.equal(peer.clients.length, 0);

    password = 'the-right-password-01';
    await station.clock.advance(6000);
    await waitFor(() => station.manager.isConnected, 'the station to connect with the new password');
    assert.equal(peer.handshakes.length, 3);
  });
});

describe('keeping the connection up (Part 4 §5.3)', () => {
  it('reconnects after the CSMS restarts on the same port, once the back-off has passed', async () => {
    const first = await startPeer();
    const station = startStation({ slots: { 1: first.url } });
    station.manager.connect();
    await waitFor(() => station.manager.isConnected, 'the first connection');

    const port = first.port;
    await first.close();
    await waitFor(() => station.disconnected.length === 1, 'the station to notice');
    assert.equal(station.disconnected[0]!.willReconnect, true);
    assert.equal(station.manager.isConnected, false);

    const second = await startPeer({ port });
    const reconnected = second.nextClient();
    await station.clock.advance(2999);
    assert.equal(second.handshakes.length, 0, 'the station waits RetryBackOffWaitMinimum first');
    await station.clock.advance(1);
    await reconnected;
    await waitFor(() => station.manager.isConnected, 'the station to report connected again');
    assert.equal(station.connected.length, 2);
  });

  it('drops a CSMS that stops answering pings after two intervals, and reconnects', async () => {
    const peer = await startPeer();
    const station = startStation({ slots: { 1: peer.url }, settings: { webSocketPingIntervalSeconds: 20 } });
    const first = peer.nextClient();
    station.manager.connect();
    (await first).freeze();
    await waitFor(() => station.manager.isConnected, 'the first connection');

    await station.clock.advance(20_000);
    assert.equal(station.manager.isConnected, true, 'one unanswered ping is not yet a dead peer');
    const second = peer.nextClient();
    await station.clock.advance(20_000);
    await waitFor(() => station.disconnected.length === 1, 'the station to drop the dead connection');
    assert.deepEqual(station.disconnected[0], { code: 1006, reason: 'no pong from the CSMS', willReconnect: true });

    await station.clock.advance(3000);
    await second;
    await waitFor(() => station.manager.isConnected, 'the station to reconnect');
  });

  it('disconnect() closes with code 1000 and reconnect() connects again at once', async () => {
    const peer = await startPeer();
    const station = startStation({ slots: { 1: peer.url } });
    const first = peer.nextClient();
    station.manager.connect();
    await first;
    await waitFor(() => station.manager.isConnected, 'the first connection');

    const second = peer.nextClient();
    station.manager.reconnect();
    await second;
    await waitFor(() => station.manager.isConnected, 'the second connection');
    assert.deepEqual(station.disconnected, [{ code: 1000, reason: 'reconnecting', willReconnect: true }]);

    await station.manager.disconnect();
    assert.equal(station.manager.isConnected, false);
    const expected: DisconnectedInfo = { code: 1000, reason: 'closed by the station', willReconnect: false };
    assert.deepEqual(station.disconnected.at(-1), expected);
    await station.clock.advance(60_000);
    assert.equal(peer.handshakes.length, 2, 'no reconnect after disconnect()');
  });
});

describe('network configuration slots (B10)', () => {
  it('B10.FR.03 moves to slot 2 after NetworkProfileConnectionAttempts failures on slot 1', async () => {
    const peer = await startPeer();
    const station = startStation({
      slots: { 1: `ws://127.0.0.1:${await closedPort()}/ocpp`, 2: peer.url },
      settings: { networkProfileConnectionAttempts: 2 },
    });
    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the first failure');
    assert.equal(station.failures[0]!.kind, 'network');
    await station.clock.advance(station.failures[0]!.retryInMs);
    await waitFor(() => station.failures.length === 2, 'the second failure');
    assert.deepEqual(station.failures.map((f) => f.slot), [1, 1]);
    assert.equal(peer.handshakes.length, 0);

    await station.clock.advance(station.failures[1]!.retryInMs);
    await waitFor(() => station.manager.isConnected, 'the connection through slot 2');
    assert.equal(station.manager.activeSlot, 2);
    assert.deepEqual(station.connected.map((c) => c.slot), [2]);
  });
});
