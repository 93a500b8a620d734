// The pure rules of the outgoing queue.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attemptsExhausted,
  isTransactional,
  mayWaitWhileOffline,
  maySendInRegistrationState,
  retryWaitSeconds,
  selectDropsOverThreshold,
  hasRoomForPromises,
  type QueuedMessageSummary,
} from '../../../src/queue/queue-policy.js';

const offlineSettings = (queueAllMessages: boolean, discard: string[] = []) =>
  ({ queueAllMessages, messageTypesDiscardForQueueing: discard }) as Parameters<typeof mayWaitWhileOffline>[1];

describe('queue policy', () => {
  it('persists TransactionEvent and SecurityEventNotification (E13, A04.FR.02), nothing else', () => {
    assert.equal(isTransactional('TransactionEvent'), true);
    assert.equal(isTransactional('SecurityEventNotification'), true);
    assert.equal(isTransactional('StatusNotification'), false);
    assert.equal(isTransactional('BootNotification'), false);
  });

  it('lets transaction-related messages wait offline always, others only with QueueAllMessages', () => {
    assert.equal(mayWaitWhileOffline('TransactionEvent', offlineSettings(false)), true);
    assert.equal(mayWaitWhileOffline('StatusNotification', offlineSettings(false)), false);
    assert.equal(mayWaitWhileOffline('StatusNotification', offlineSettings(true)), true);
  });

  it('never lets MessageTypesDiscardForQueueing wait offline, except transaction-related ones', () => {
    assert.equal(mayWaitWhileOffline('Heartbeat', offlineSettings(true, ['Heartbeat'])), false);
    assert.equal(mayWaitWhileOffline('MeterValues', offlineSettings(true, ['Heartbeat'])), true);
    assert.equal(mayWaitWhileOffline('TransactionEvent', offlineSettings(true, ['TransactionEvent'])), true);
  });

  it('B02.FR.02 before Accepted sends only BootNotification and what the CSMS asked for', () => {
    for (const status of ['Unknown', 'Pending'] as const) {
      assert.equal(maySendInRegistrationState(status, 'BootNotification', false), true);
      assert.equal(maySendInRegistrationState(status, 'Heartbeat', false), false);
      assert.equal(maySendInRegistrationState(status, 'TransactionEvent', false), false);
      assert.equal(maySendInRegistrationState(status, 'NotifyReport', true), true);
    }
  });

  it('B03.FR.02 while Rejected sends nothing but BootNotification, asked for or not', () => {
    assert.equal(maySendInRegistrationState('Rejected', 'BootNotification', false), true);
    assert.equal(maySendInRegistrationState('Rejected', 'NotifyReport', true), false);
  });

  it('sends everything once Accepted', () => {
    assert.equal(maySendInRegistrationState('Accepted', 'Heartbeat', false), true);
  });

  it('E13.FR.03 waits the interval multiplied by the transmissions so far', () => {
    assert.equal(retryWaitSeconds(1, 10), 10);
    assert.equal(retryWaitSeconds(2, 10), 20);
    assert.equal(retryWaitSeconds(3, 0), 0);
  });

  it('E13.FR.02/04 gives up after MessageAttempts failures (at least one attempt is always made)', () => {
    assert.equal(attemptsExhausted(2, 3), false);
    assert.equal(attemptsExhausted(3, 3), true);
    assert.equal(attemptsExhausted(1, 0), true);
  });
});

describe('queue policy: size threshold', () => {
  const tx = (eventType: string, inFlight = false): QueuedMessageSummary => ({ action: 'TransactionEvent', eventType, inFlight });
  const normal = (action: 'Heartbeat' | 'StatusNotification' = 'Heartbeat', inFlight = false): QueuedMessageSummary => ({
    action,
    inFlight,
  });

  it('drops nothing at or under the threshold', () => {
    assert.deepEqual(selectDropsOverThreshold([tx('Updated'), normal()], 2), []);
  });

  it('drops the oldest normal messages first', () => {
    const queue = [tx('Started'), normal(), tx('Updated'), normal('StatusNotification'), normal()];
    assert.deepEqual(selectDropsOverThreshold(queue, 3), [1, 3]);
  });

  it('then drops every second TransactionEvent(Updated), never Started or Ended', () => {
    const queue = [tx('Started'), tx('Updated'), tx('Updated'), tx('Updated'), tx('Updated'), tx('Ended')];
    assert.deepEqual(selectDropsOverThreshold(queue, 5), [2, 4]);
  });

  it('F06.FR.10 never drops a message promised to the CSMS (triggered, report pages); the unpromised go first', () => {
    const promised = (action: 'Heartbeat' | 'NotifyReport'): QueuedMessageSummary => ({ action, inFlight: false, promised: true });
    const queue = [promised('Heartbeat'), normal(), promised('NotifyReport'), normal('StatusNotification'), promised('Heartbeat')];
    assert.deepEqual(selectDropsOverThreshold(queue, 2), [1, 3]);
    assert.deepEqual(selectDropsOverThreshold([promised('Heartbeat'), promised('NotifyReport')], 1), []);
  });

  it('promises are made only under the threshold', () => {
    assert.equal(hasRoomForPromises(4, 5), true);
    assert.equal(hasRoomForPromises(5, 5), false);
  });

  it('never drops SecurityEventNotification nor the message in flight', () => {
    const queue: QueuedMessageSummary[] = [
      normal('Heartbeat', true),
      { action: 'SecurityEventNotification', inFlight: false },
      tx('Started'),
      tx('Ended'),
    ];
    assert.deepEqual(selectDropsOverThreshold(queue, 1), []);
  });
});
