// The outgoing queue with a scripted sender and a FakeClock: order, persistence, E13 retries, the offline
// flag, registration gating, the resume delay and the size threshold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageDroppedError, MessageQueue, type TransactionalOutcome } from '../../../src/queue/message-queue.js';
import { MemoryQueueStore } from '../../../src/storage/memory/memory-queue-store.js';
import { DEFAULT_LINK_SETTINGS, type LinkSettings } from '../../../src/link/link-settings.js';
import { ConnectionLostError, OcppError, OutgoingPayloadError, RpcTimeoutError } from '../../../src/rpc/errors.js';
import { silentLogger } from '../../../src/logger.js';
import type { Action, Request } from '../../../src/messages/types.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';

interface SentCall {
  action: Action;
  payload: any;
  answer(response: unknown): void;
  fail(error: Error): void;
}

function setUp(settings: Partial<LinkSettings> = {}, store = new MemoryQueueStore()) {
  const clock = new FakeClock();
  const sent: SentCall[] = [];
  let current: LinkSettings = { ...DEFAULT_LINK_SETTINGS, ...settings };
  const queue = new MessageQueue({
    store,
    clock,
    logger: silentLogger(),
    settings: () => current,
    send: (action, payload) =>
      new Promise((resolve, reject) => sent.push({ action, payload, answer: resolve, fail: reject })),
  });
  const outcomes: TransactionalOutcome[] = [];
  queue.onTransactionalOutcome((outcome) => outcomes.push(outcome));
  return { clock, sent, queue, store, outcomes, change: (more: Partial<LinkSettings>) => (current = { ...current, ...more }) };
}

function txEvent(seqNo: number, eventType: 'Started' | 'Updated' | 'Ended' = 'Updated'): Request<'TransactionEvent'> {
  return {
    eventType,
    timestamp: '2026-01-01T00:00:00.000Z',
    triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: 'tx-1' },
  };
}

const heartbeatAnswer = { currentTime: '2026-01-01T00:00:00.000Z' };

function online(queue: MessageQueue) {
  queue.setRegistrationStatus('Accepted');
  queue.setOnline(true);
}

describe('MessageQueue: order and persistence', () => {
  it('sends one message at a time, in order, and resolves each with its answer', async () => {
    const { queue, sent } = setUp();
    online(queue);
    const first = queue.enqueue('Heartbeat', {});
    const second = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    assert.equal(sent.length, 1);
    sent[0]!.answer(heartbeatAnswer);
    assert.deepEqual(await first, heartbeatAnswer);
    await flushMicrotasks();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.action, 'TransactionEvent');
    sent[1]!.answer({});
    assert.deepEqual(await second, {});
  });

  it('stores a TransactionEvent when queued and removes it only when answered', async () => {
    const { queue, sent, store, outcomes } = setUp();
    online(queue);
    const delivered = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    assert.equal(store.count(), 1);
    await flushMicrotasks();
    assert.equal(store.count(), 1, 'still stored while in flight');
    sent[0]!.answer({ totalCost: 1 });
    await delivered;
    assert.equal(store.count(), 0);
    assert.deepEqual(outcomes.map((o) => [o.kind, o.restored]), [['delivered', false]]);
  });

  it('stores a SecurityEventNotification too (A04.FR.02) but never a normal message', () => {
    const { queue, store } = setUp({ queueAllMessages: true });
    void queue.enqueue('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: '2026-01-01T00:00:00Z' });
    void queue.enqueue('Heartbeat', {});
    assert.deepEqual(store.loadAll().map((m) => m.action), ['SecurityEventNotification']);
  });

  it('sends what an earlier process left in the store first, in order, and reports them as restored', async () => {
    const store = new MemoryQueueStore();
    store.append('TransactionEvent', txEvent(0, 'Started'), '2026-01-01T00:00:00Z');
    store.append('TransactionEvent', txEvent(1), '2026-01-01T00:00:00Z');
    const { queue, sent, outcomes } = setUp({}, store);
    assert.equal(queue.size, 2);
    online(queue);
    void queue.enqueue('TransactionEvent', txEvent(2));
    await flushMicrotasks();
    for (let i = 0; i < 3; i++) {
      await flushMicrotasks();
      sent[i]!.answer({});
    }
    await flushMicrotasks();
    assert.deepEqual(sent.map((c) => c.payload.seqNo), [0, 1, 2]);
    assert.deepEqual(outcomes.map((o) => o.restored), [true, true, false]);
    assert.equal(store.count(), 0);
  });

  it('throws at once for a payload that breaks its schema, storing nothing', () => {
    const { queue, store } = setUp();
    assert.throws(() => queue.enqueue('TransactionEvent', { seqNo: 0 } as never), OutgoingPayloadError);
    assert.equal(store.count(), 0);
  });
});

describe('MessageQueue: E13 retries of transaction-related messages', () => {
  it('E13.FR.02/03 sends a failed TransactionEvent again after interval x transmissions, keeping the others behind it', async () => {
    const { queue, sent, clock } = setUp({ transactionMessageAttempts: 3, transactionMessageAttemptIntervalSeconds: 10 });
    online(queue);
    const first = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    void queue.enqueue('TransactionEvent', txEvent(1));
    await flushMicrotasks();
    sent[0]!.fail(new OcppError('InternalError', 'busy'));
    await clock.advance(9_999);
    assert.equal(sent.length, 1, 'nothing before 10 s, and seqNo 1 may not overtake');
    await clock.advance(1);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.payload.seqNo, 0);
    sent[1]!.fail(new RpcTimeoutError('TransactionEvent', 'x', 30_000));
    await clock.advance(19_999);
    assert.equal(sent.length, 2, 'second wait is 2 x 10 s');
    await clock.advance(1);
    assert.equal(sent[2]!.payload.seqNo, 0);
    sent[2]!.answer({});
    await first;
    await flushMicrotasks();
    assert.equal(sent[3]!.payload.seqNo, 1);
  });

  it('E13.FR.04 discards the message after its last attempt and goes on with the next', async () => {
    const { queue, sent, clock, store, outcomes } = setUp({
      transactionMessageAttempts: 2,
      transactionMessageAttemptIntervalSeconds: 1,
    });
    online(queue);
    const doomed = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    void queue.enqueue('TransactionEvent', txEvent(1));
    await flushMicrotasks();
    sent[0]!.fail(new OcppError('InternalError'));
    await clock.advance(1_000);
    sent[1]!.fail(new OcppError('InternalError'));
    await assert.rejects(doomed, (error: unknown) => error instanceof MessageDroppedError && error.reason === 'attempts-exhausted');
    await flushMicrotasks();
    assert.equal(sent[2]!.payload.seqNo, 1);
    assert.equal(store.count(), 1);
    assert.equal(outcomes[0]!.kind, 'dropped');
  });

  it('remembers failed attempts in the store across a restart', async () => {
    const store = new MemoryQueueStore();
    const { queue, sent } = setUp({ transactionMessageAttempts: 3 }, store);
    online(queue);
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started')).catch(() => undefined);
    await flushMicrotasks();
    sent[0]!.fail(new OcppError('InternalError'));
    await flushMicrotasks();
    assert.equal(store.loadAll()[0]!.failedAttempts, 1);
    queue.close();
  });

  it('does not count a lost connection as a failed attempt: the message goes again first once back online', async () => {
    const { queue, sent, store } = setUp({ transactionMessageAttempts: 1 });
    online(queue);
    const delivered = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    queue.setOnline(false);
    sent[0]!.fail(new ConnectionLostError('TransactionEvent'));
    await flushMicrotasks();
    assert.equal(store.loadAll()[0]!.failedAttempts, 0);
    queue.setOnline(true);
    assert.equal(sent.length, 2);
    sent[1]!.answer({});
    await delivered;
  });

  it('fails a normal message with the CSMS error, without retrying it', async () => {
    const { queue, sent } = setUp();
    online(queue);
    const heartbeat = queue.enqueue('Heartbeat', {});
    await flushMicrotasks();
    sent[0]!.fail(new OcppError('SecurityError', 'no'));
    await assert.rejects(heartbeat, OcppError);
    await flushMicrotasks();
    assert.equal(sent.length, 1);
  });

  it('drops a message the sender refuses outright (e.g. too large), then goes on', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const queue = new MessageQueue({
      store: new MemoryQueueStore(),
      clock,
      logger: silentLogger(),
      settings: () => DEFAULT_LINK_SETTINGS,
      send: () => {
        if (calls++ === 0) throw new Error('frame too large');
        return Promise.resolve(heartbeatAnswer);
      },
    });
    online(queue);
    const big = queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    const next = queue.enqueue('Heartbeat', {});
    await assert.rejects(big, (error: unknown) => error instanceof MessageDroppedError && error.reason === 'unsendable');
    assert.deepEqual(await next, heartbeatAnswer);
  });
});

describe('MessageQueue: offline', () => {
  it('E12 marks a TransactionEvent queued while offline with offline: true, and one queued online without', async () => {
    const { queue, sent } = setUp();
    queue.setRegistrationStatus('Accepted');
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    queue.setOnline(true);
    void queue.enqueue('TransactionEvent', txEvent(1));
    await flushMicrotasks();
    sent[0]!.answer({});
    await flushMicrotasks();
    assert.equal(sent[0]!.payload.offline, true);
    assert.equal(sent[1]!.payload.offline, undefined);
  });

  it('drops a normal message at once while offline unless QueueAllMessages is true', async () => {
    const { queue, sent, change } = setUp();
    queue.setRegistrationStatus('Accepted');
    await assert.rejects(queue.enqueue('StatusNotification', statusNotification()), (e: unknown) => e instanceof MessageDroppedError && e.reason === 'offline');
    change({ queueAllMessages: true });
    const queued = queue.enqueue('StatusNotification', statusNotification());
    await flushMicrotasks();
    queue.setOnline(true);
    sent[0]!.answer({});
    await queued;
  });

  it('never queues MessageTypesDiscardForQueueing while offline', async () => {
    const { queue } = setUp({ queueAllMessages: true, messageTypesDiscardForQueueing: ['Heartbeat'] });
    await assert.rejects(queue.enqueue('Heartbeat', {}), MessageDroppedError);
  });

  it('drops waiting normal messages when the connection goes, keeping transaction-related ones', async () => {
    const { queue, sent } = setUp();
    queue.setOnline(true);
    const heartbeat = queue.enqueue('Heartbeat', {}); // waits: not Accepted yet
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    queue.setOnline(false);
    await assert.rejects(heartbeat, MessageDroppedError);
    assert.equal(queue.size, 1);
    assert.equal(sent.length, 0);
  });

  it('holds the queue for the resume delay after coming online', async () => {
    const { queue, sent, clock } = setUp({ messageQueueResumeDelaySeconds: 5 });
    queue.setRegistrationStatus('Accepted');
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    await flushMicrotasks();
    queue.setOnline(true);
    await clock.advance(4_999);
    assert.equal(sent.length, 0);
    await clock.advance(1);
    assert.equal(sent.length, 1);
  });
});

describe('MessageQueue: registration', () => {
  it('B02.FR.02 holds everything but BootNotification until Accepted', async () => {
    const { queue, sent } = setUp();
    queue.setOnline(true);
    const heartbeat = queue.enqueue('Heartbeat', {});
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    const boot = queue.enqueue('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } });
    await flushMicrotasks();
    assert.deepEqual(sent.map((c) => c.action), ['BootNotification']);
    sent[0]!.answer({ currentTime: '2026-01-01T00:00:00Z', interval: 60, status: 'Pending' });
    await boot;
    queue.setRegistrationStatus('Pending');
    await flushMicrotasks();
    assert.equal(sent.length, 1);
    queue.setRegistrationStatus('Accepted');
    assert.equal(sent[1]!.action, 'Heartbeat');
    sent[1]!.answer(heartbeatAnswer);
    await heartbeat;
    await flushMicrotasks();
    assert.equal(sent[2]!.action, 'TransactionEvent');
  });

  it('B02.FR.02 lets a message the CSMS asked for go out while Pending, not while Rejected', async () => {
    const { queue, sent } = setUp();
    queue.setOnline(true);
    queue.setRegistrationStatus('Rejected');
    void queue.enqueue('Heartbeat', {}, { requestedByCsms: true });
    await flushMicrotasks();
    assert.equal(sent.length, 0);
    queue.setRegistrationStatus('Pending');
    assert.equal(sent.length, 1);
  });
});

describe('MessageQueue: size threshold', () => {
  it('drops normal messages first, then every second TransactionEvent(Updated), never Started or Ended', async () => {
    const { queue, store } = setUp({ messageQueueSizeThreshold: 4, queueAllMessages: true });
    queue.setRegistrationStatus('Accepted');
    const results: Promise<unknown>[] = [];
    const track = (promise: Promise<unknown>) => results.push(promise.then(() => 'sent', (e: MessageDroppedError) => e.reason));
    track(queue.enqueue('TransactionEvent', txEvent(0, 'Started')));
    track(queue.enqueue('Heartbeat', {}));
    track(queue.enqueue('TransactionEvent', txEvent(1)));
    track(queue.enqueue('TransactionEvent', txEvent(2)));
    track(queue.enqueue('TransactionEvent', txEvent(3))); // 5 > 4: the Heartbeat goes
    track(queue.enqueue('TransactionEvent', txEvent(4, 'Ended'))); // 5 > 4: every second Updated goes (seqNo 2)
    assert.equal(queue.size, 4);
    assert.deepEqual(store.loadAll().map((m) => (m.payload as { seqNo: number }).seqNo), [0, 1, 3, 4]);
    queue.close();
    assert.deepEqual(await Promise.all(results), ['closed', 'queue-full', 'closed', 'queue-full', 'closed', 'closed']);
  });
});

function statusNotification(): Request<'StatusNotification'> {
  return { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 };
}

describe('MessageQueue: pending TransactionEvents (E14)', () => {
  it('counts the unanswered TransactionEvents of a transaction, in flight included', async () => {
    const { queue, sent } = setUp();
    online(queue);
    void queue.enqueue('TransactionEvent', txEvent(0, 'Started'));
    void queue.enqueue('TransactionEvent', { ...txEvent(0, 'Started'), transactionInfo: { transactionId: 'tx-2' } });
    void queue.enqueue('Heartbeat', {});
    await flushMicrotasks();
    assert.equal(queue.pendingTransactionEvents('tx-1'), 1);
    assert.equal(queue.pendingTransactionEvents('tx-2'), 1);
    assert.equal(queue.pendingTransactionEvents(), 2);
    assert.equal(queue.pendingTransactionEvents('tx-3'), 0);
    sent[0]!.answer({});
    await flushMicrotasks();
    assert.equal(queue.pendingTransactionEvents('tx-1'), 0);
  });
});
