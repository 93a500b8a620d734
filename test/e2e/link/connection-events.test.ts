// What the link tells its owner about the connection, end to end against ocpp-rpc's strict RPCServer:
// connected, disconnected (with whether it reconnects) and failed attempts (e.g. a refused password), and
// calls waiting in the queue while the link is down.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionFailureInfo, DisconnectedInfo } from '../../../src/link/ocpp-link.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';
import { createTestLink } from '../../support/test-link.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function linkTo(peer: CsmsPeer, password: string) {
  const { link, clock } = createTestLink(peer, {
    stationId: 'CS-EVENTS',
    password,
    settings: { retryBackOffWaitMinimumSeconds: 3 },
  });
  open.push(link);
  return { link, clock };
}

describe('link connection events', () => {
  it('reports a refused handshake (HTTP 401) as a failed attempt and retries after the back-off', async () => {
    const peer = await CsmsPeer.start({ authorize: (_id, password) => password === 'right-password-00001' });
    open.push(peer);
    const { link, clock } = linkTo(peer, 'wrong-password-00001');
    const failures: ConnectionFailureInfo[] = [];
    link.onConnectionFailed((info) => failures.push(info));
    link.connect();
    await waitFor(() => failures.length === 1, 'the first refusal');
    assert.deepEqual([failures[0]!.kind, failures[0]!.statusCode, failures[0]!.retryInMs], ['refused', 401, 3000]);
    assert.equal(link.isConnected, false);
    await clock.advance(3000);
    await waitFor(() => failures.length === 2, 'the second refusal');
  });

  it('reports connected and, when the CSMS drops the link, disconnected with willReconnect; a TransactionEvent waits and goes after', async () => {
    const peer = await CsmsPeer.start({ handlers: { TransactionEvent: () => ({}) } });
    open.push(peer);
    const { link, clock } = linkTo(peer, 'right-password-00001');
    const disconnects: DisconnectedInfo[] = [];
    link.onDisconnected((info) => disconnects.push(info));
    link.setRegistrationStatus('Accepted');
    const connected = new Promise((resolve) => link.onConnected(resolve));
    const firstClient = peer.nextClient();
    link.connect();
    assert.deepEqual(await connected, { slot: 1, securityProfile: 1, url: `${peer.url}/CS-EVENTS` });
    await (await firstClient).close({ code: 1001, force: true });
    await waitFor(() => disconnects.length === 1, 'the disconnect');
    assert.equal(disconnects[0]!.willReconnect, true);

    const delivered = link.send('TransactionEvent', {
      eventType: 'Started',
      timestamp: '2026-01-01T00:00:00.000Z',
      triggerReason: 'CablePluggedIn',
      seqNo: 0,
      transactionInfo: { transactionId: 'tx-events' },
    });
    assert.equal(link.queuedMessages, 1);
    const secondClient = peer.nextClient();
    await clock.advance(3000);
    await secondClient;
    await delivered;
    assert.equal(peer.callsOf('TransactionEvent')[0]!.payload.offline, true);
    await link.disconnect();
    assert.equal(disconnects.at(-1)!.willReconnect, false);
  });
});

describe('link frames', () => {
  it('shows every frame in and out, as on the wire', async () => {
    const peer = await CsmsPeer.start({ handlers: { Heartbeat: () => ({ currentTime: '2026-01-01T00:00:00.000Z' }) } });
    open.push(peer);
    const { link } = createTestLink(peer, { stationId: 'CS-FRAMES' });
    open.push(link);
    const frames: [string, unknown[]][] = [];
    link.onFrame((direction, text) => frames.push([direction, JSON.parse(text) as unknown[]]));
    link.setRegistrationStatus('Accepted');
    const connected = peer.nextClient();
    link.connect();
    await connected;
    await waitFor(() => link.isConnected, 'connected');
    await link.send('Heartbeat', {});
    assert.deepEqual(frames.map(([direction, frame]) => [direction, frame[0]]), [['out', 2], ['in', 3]]);
    assert.equal(frames[0]![1][2], 'Heartbeat');
  });
});
