// Messages the station sends, end to end against ocpp-rpc's strict RPCServer: registration gating (B02.FR.02),
// transaction-related retries with new message ids (E13), and the offline flag.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OcppLink } from '../../../src/link/ocpp-link.js';
import { OutgoingPayloadError } from '../../../src/rpc/errors.js';
import type { LinkSettings } from '../../../src/link/link-settings.js';
import { CsmsPeer, type PeerHandler } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';
import { createTestLink } from '../../support/test-link.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setUp(handlers: Record<string, PeerHandler>, settings: Partial<LinkSettings> = {}) {
  const peer = await CsmsPeer.start({ handlers });
  open.push(peer);
  const { link, clock } = createTestLink(peer, { stationId: 'CS-OUT', settings });
  open.push(link);
  return { peer, link, clock };
}

async function connect(peer: CsmsPeer, link: OcppLink) {
  const client = peer.nextClient();
  link.connect();
  await client;
  await waitFor(() => link.isConnected, 'the link to report connected');
}

const startedEvent = {
  eventType: 'Started' as const,
  timestamp: '2026-01-01T00:00:00.000Z',
  triggerReason: 'Authorized' as const,
  seqNo: 0,
  transactionInfo: { transactionId: 'tx-1' },
};

describe('outgoing messages over a real socket', () => {
  it('B02.FR.02 sends nothing but BootNotification until registration is Accepted', async () => {
    const { peer, link } = await setUp({
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
      Heartbeat: () => ({ currentTime: new Date().toISOString() }),
    });
    await connect(peer, link);
    const heartbeat = link.send('Heartbeat', {});
    const boot = await link.send('BootNotification', {
      reason: 'PowerUp',
      chargingStation: { model: 'M1', vendorName: 'ocpp-station' },
    });
    assert.equal(boot.status, 'Accepted');
    assert.deepEqual(peer.calls.map((c) => c.action), ['BootNotification']);
    link.setRegistrationStatus('Accepted');
    await heartbeat;
    assert.deepEqual(peer.calls.map((c) => c.action), ['BootNotification', 'Heartbeat']);
  });

  it('throws on an outgoing payload that breaks its schema and never sends it', async () => {
    const { peer, link } = await setUp({});
    await connect(peer, link);
    link.setRegistrationStatus('Accepted');
    assert.throws(() => link.send('Heartbeat', { extra: true } as never), OutgoingPayloadError);
    assert.equal(peer.calls.length, 0);
  });

  it('E13.FR.02/03 resends a TransactionEvent the CSMS failed to process, with a new message id, after interval x sends', async () => {
    let failures = 1;
    const { peer, link, clock } = await setUp(
      {
        TransactionEvent: () => {
          if (failures-- > 0) throw Object.assign(new Error('busy'), { rpcErrorCode: 'InternalError' });
          return {};
        },
      },
      { transactionMessageAttempts: 3, transactionMessageAttemptIntervalSeconds: 10 },
    );
    await connect(peer, link);
    link.setRegistrationStatus('Accepted');
    let errorsReceived = 0;
    link.onFrame((direction, text) => {
      if (direction === 'in' && (JSON.parse(text) as unknown[])[0] === 4) errorsReceived++;
    });
    const delivered = link.send('TransactionEvent', startedEvent);
    await waitFor(() => peer.callsOf('TransactionEvent').length === 1, 'the first attempt');
    // The CALLERROR has reached the station (real I/O), which counts the interval from it, before the FakeClock moves.
    await waitFor(() => errorsReceived === 1, 'the CALLERROR to reach the station');
    await clock.advance(9_000);
    assert.equal(peer.callsOf('TransactionEvent').length, 1, 'no resend before the interval');
    await clock.advance(1_000);
    await waitFor(() => peer.callsOf('TransactionEvent').length === 2, 'the second attempt');
    await delivered;
    const [first, second] = peer.callsOf('TransactionEvent');
    assert.notEqual(first!.messageId, second!.messageId);
    assert.deepEqual(first!.payload, second!.payload);
  });

  it('marks a TransactionEvent queued while offline with offline: true and sends it once connected', async () => {
    const { peer, link } = await setUp({ TransactionEvent: () => ({}) });
    link.setRegistrationStatus('Accepted');
    const delivered = link.send('TransactionEvent', startedEvent);
    await connect(peer, link);
    await delivered;
    assert.equal(peer.callsOf('TransactionEvent')[0]!.payload.offline, true);
  });

  it('drops a normal message while offline unless QueueAllMessages is set', async () => {
    const { peer, link } = await setUp({ Heartbeat: () => ({ currentTime: new Date().toISOString() }) });
    link.setRegistrationStatus('Accepted');
    await assert.rejects(link.send('Heartbeat', {}), /offline/i);
    link.updateSettings({ queueAllMessages: true });
    const queued = link.send('Heartbeat', {});
    await connect(peer, link);
    await queued;
    assert.equal(peer.callsOf('Heartbeat').length, 1);
  });
});
