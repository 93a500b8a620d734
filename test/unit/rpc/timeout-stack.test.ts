// A CALL that times out rejects with an RpcTimeoutError whose stack shows where the caller made the call, not
// the timer that noticed the timeout: through RpcEndpoint.call, and through MessageQueue.enqueue even when the
// message goes out much later, from another stack.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RpcEndpoint } from '../../../src/rpc/rpc-endpoint.js';
import { HandlerRouter } from '../../../src/rpc/handler-router.js';
import { RpcTimeoutError } from '../../../src/rpc/errors.js';
import { captureCallSite } from '../../../src/rpc/call-site.js';
import { MessageDroppedError, MessageQueue } from '../../../src/queue/message-queue.js';
import { MemoryQueueStore } from '../../../src/storage/memory/memory-queue-store.js';
import { DEFAULT_LINK_SETTINGS } from '../../../src/link/link-settings.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeClock } from '../../fakes/fake-clock.js';

function wire() {
  const clock = new FakeClock();
  let nextId = 0;
  const endpoint = new RpcEndpoint({
    clock,
    logger: silentLogger(),
    router: new HandlerRouter(),
    transmit: () => {},
    messageTimeoutSeconds: () => 30,
    maxFrameBytes: () => 65536,
    newMessageId: () => `id-${nextId++}`,
  });
  const queue = new MessageQueue({
    store: new MemoryQueueStore(),
    clock,
    logger: silentLogger(),
    settings: () => ({ ...DEFAULT_LINK_SETTINGS, queueAllMessages: true, transactionMessageAttempts: 1 }),
    send: (action, payload, alreadyValidated, callSite) => endpoint.call(action, payload as never, { alreadyValidated, callSite }),
  });
  return { clock, endpoint, queue };
}

function assertCallerStack(error: unknown, caller: string, action = 'Heartbeat'): true {
  assert.ok(error instanceof RpcTimeoutError, `expected RpcTimeoutError, got ${String(error)}`);
  const stack = error.stack ?? '';
  assert.match(stack, new RegExp(`^RpcTimeoutError: ${action} \\(message id-0\\) got no response within 30000 ms\\n    at `));
  assert.match(stack, new RegExp(`\\b${caller}\\b`), `the stack names the caller:\n${stack}`);
  assert.doesNotMatch(stack, /fake-clock/, 'not the timer that fired');
  return true;
}

describe('RpcTimeoutError carries the stack of the caller', () => {
  it('RpcEndpoint.call', async () => {
    const { clock, endpoint } = wire();
    function askForTheTimeFromNamedCaller() {
      return endpoint.call('Heartbeat', {});
    }
    const rejected = assert.rejects(askForTheTimeFromNamedCaller(), (error) => assertCallerStack(error, 'askForTheTimeFromNamedCaller'));
    await clock.advance(30_000);
    await rejected;
  });

  it('MessageQueue.enqueue, though the message goes out later from another stack', async () => {
    const { clock, queue } = wire();
    function queueHeartbeatFromNamedCaller() {
      return queue.enqueue('Heartbeat', {});
    }
    const rejected = assert.rejects(queueHeartbeatFromNamedCaller(), (error) => {
      assertCallerStack(error, 'queueHeartbeatFromNamedCaller');
      assert.doesNotMatch((error as Error).stack!, /comeOnlineLater/, 'not whoever brought the link up');
      return true;
    });
    function comeOnlineLater() {
      queue.setRegistrationStatus('Accepted');
      queue.setOnline(true);
    }
    await clock.advance(5_000);
    comeOnlineLater();
    await clock.advance(30_000);
    await rejected;
  });

  it('the cause of a transaction-related message dropped after its last attempt', async () => {
    const { clock, queue } = wire();
    queue.setRegistrationStatus('Accepted');
    queue.setOnline(true);
    function reportStartFromNamedCaller() {
      return queue.enqueue('TransactionEvent', {
        eventType: 'Started',
        timestamp: '2026-01-01T00:00:00.000Z',
        triggerReason: 'Authorized',
        seqNo: 0,
        transactionInfo: { transactionId: 'tx-1' },
      });
    }
    const rejected = assert.rejects(reportStartFromNamedCaller(), (error: unknown) => {
      assert.ok(error instanceof MessageDroppedError);
      assert.equal(error.reason, 'attempts-exhausted');
      return assertCallerStack(error.cause, 'reportStartFromNamedCaller', 'TransactionEvent');
    });
    await clock.advance(30_000);
    await rejected;
  });

  it('captures nothing when the process wants no stacks (Error.stackTraceLimit = 0)', async () => {
    const { clock, endpoint } = wire();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let call: Promise<unknown>;
    try {
      call = endpoint.call('Heartbeat', {});
    } finally {
      Error.stackTraceLimit = limit;
    }
    const rejected = assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof RpcTimeoutError);
      assert.match(error.stack ?? '', /fake-clock/, 'the stack is where the error was made: the timer');
      return true;
    });
    Error.stackTraceLimit = 0;
    try {
      assert.equal(captureCallSite(wire).stack, undefined);
    } finally {
      Error.stackTraceLimit = limit;
    }
    await clock.advance(30_000);
    await rejected;
  });
});
