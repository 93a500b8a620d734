// The RPC endpoint with a fake wire and a FakeClock: call sequencing, timeouts, answer matching and the
// refusal of payloads that break their schema.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOLD_LIMIT_MS, RpcEndpoint } from '../../../src/rpc/rpc-endpoint.js';
import { HandlerRouter } from '../../../src/rpc/handler-router.js';
import {
  ConnectionLostError,
  FrameTooLargeError,
  OcppError,
  OutgoingPayloadError,
  RpcTimeoutError,
} from '../../../src/rpc/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';

function setUp(options: { open?: boolean; maxFrameBytes?: number } = {}) {
  const clock = new FakeClock();
  const router = new HandlerRouter();
  const sent: unknown[][] = [];
  let open = options.open ?? true;
  let nextId = 0;
  const endpoint = new RpcEndpoint({
    clock,
    logger: silentLogger(),
    router,
    transmit: (text) => {
      if (!open) throw new ConnectionLostError('transmit');
      sent.push(JSON.parse(text) as unknown[]);
    },
    messageTimeoutSeconds: () => 30,
    maxFrameBytes: () => options.maxFrameBytes ?? 65536,
    newMessageId: () => `id-${nextId++}`,
  });
  return { clock, router, sent, endpoint, setOpen: (value: boolean) => (open = value) };
}

describe('RpcEndpoint: outgoing calls', () => {
  it('keeps at most one CALL outstanding; the next goes when the first is answered (Part 4 §4.1.1)', async () => {
    const { endpoint, sent } = setUp();
    const first = endpoint.call('Heartbeat', {});
    const second = endpoint.call('Heartbeat', {});
    assert.equal(sent.length, 1);
    endpoint.receive('[3, "id-0", {"currentTime": "2026-01-01T00:00:00Z"}]');
    assert.deepEqual(await first, { currentTime: '2026-01-01T00:00:00Z' });
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1], [2, 'id-1', 'Heartbeat', {}]);
    endpoint.receive('[3, "id-1", {"currentTime": "2026-01-01T00:00:01Z"}]');
    await second;
  });

  it('fails a call with RpcTimeoutError after MessageTimeout and moves on', async () => {
    const { endpoint, sent, clock } = setUp();
    const first = assert.rejects(endpoint.call('Heartbeat', {}), RpcTimeoutError);
    const second = endpoint.call('Heartbeat', {});
    await clock.advance(29_999);
    assert.equal(sent.length, 1);
    await clock.advance(1);
    await first;
    assert.equal(sent.length, 2);
    endpoint.receive('[3, "id-0", {"currentTime": "2026-01-01T00:00:00Z"}]'); // too late: dropped
    endpoint.receive('[3, "id-1", {"currentTime": "2026-01-01T00:00:00Z"}]');
    await second;
  });

  it('turns a CALLERROR into an OcppError with code, description and details', async () => {
    const { endpoint } = setUp();
    const call = endpoint.call('Heartbeat', {});
    endpoint.receive('[4, "id-0", "SecurityError", "not yet", {"why": "pending"}]');
    await assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof OcppError);
      assert.equal(error.code, 'SecurityError');
      assert.equal(error.description, 'not yet');
      assert.deepEqual(error.details, { why: 'pending' });
      return true;
    });
  });

  it('rejects a CALLRESULT whose payload breaks the response schema', async () => {
    const { endpoint } = setUp();
    const call = endpoint.call('Heartbeat', {});
    endpoint.receive('[3, "id-0", {}]');
    await assert.rejects(call, (error: unknown) => error instanceof OcppError && error.code === 'OccurrenceConstraintViolation');
  });

  it('throws OutgoingPayloadError naming the bad field and sends nothing', () => {
    const { endpoint, sent } = setUp();
    assert.throws(
      () => endpoint.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'V' } } as never),
      (error: unknown) => error instanceof OutgoingPayloadError && error.message.includes('chargingStation'),
    );
    assert.equal(sent.length, 0);
  });

  it('throws FrameTooLargeError for an outgoing frame over the limit', () => {
    const { endpoint, sent } = setUp({ maxFrameBytes: 200 });
    assert.throws(
      () => endpoint.call('DataTransfer', { vendorId: 'v', data: 'x'.repeat(500) }),
      FrameTooLargeError,
    );
    assert.equal(sent.length, 0);
  });

  it('fails the outstanding and waiting calls with ConnectionLostError when the connection closes', async () => {
    const { endpoint } = setUp();
    const first = endpoint.call('Heartbeat', {});
    const second = endpoint.call('Heartbeat', {});
    endpoint.connectionClosed();
    await assert.rejects(first, ConnectionLostError);
    await assert.rejects(second, ConnectionLostError);
    assert.equal(endpoint.hasCallInFlight, false);
  });

  it('fails a call at once when there is no connection', async () => {
    const { endpoint } = setUp({ open: false });
    await assert.rejects(endpoint.call('Heartbeat', {}), ConnectionLostError);
  });
});

describe('RpcEndpoint: incoming calls', () => {
  it('answers calls in arrival order even when an earlier handler is slower', async () => {
    const { endpoint, router, sent } = setUp();
    let release: () => void = () => undefined;
    router.register('test', {
      ClearCache: () => new Promise((resolve) => (release = () => resolve({ status: 'Accepted' }))),
      GetLocalListVersion: () => ({ versionNumber: 3 }),
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    endpoint.receive('[2, "b", "GetLocalListVersion", {}]');
    await flushMicrotasks();
    assert.equal(sent.length, 0);
    release();
    await flushMicrotasks();
    assert.deepEqual(sent, [
      [3, 'a', { status: 'Accepted' }],
      [3, 'b', { versionNumber: 3 }],
    ]);
  });

  it('answers with the OcppError a handler throws', async () => {
    const { endpoint, router, sent } = setUp();
    router.register('test', {
      ClearCache: () => {
        throw new OcppError('SecurityError', 'no');
      },
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    await flushMicrotasks();
    assert.deepEqual(sent, [[4, 'a', 'SecurityError', 'no', {}]]);
  });

  it('answers with the admission error when the call may not be served now (B03.FR.08)', async () => {
    const clock = new FakeClock();
    const router = new HandlerRouter();
    const sent: unknown[][] = [];
    router.register('test', { ClearCache: () => ({ status: 'Accepted' }) });
    const endpoint = new RpcEndpoint({
      clock,
      logger: silentLogger(),
      router,
      transmit: (text) => sent.push(JSON.parse(text) as unknown[]),
      messageTimeoutSeconds: () => 30,
      maxFrameBytes: () => 65536,
      admitCall: () => new OcppError('SecurityError', 'not registered'),
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    await flushMicrotasks();
    assert.deepEqual(sent, [[4, 'a', 'SecurityError', 'not registered', {}]]);
  });

  it('cuts a description longer than 255 characters (Part 4 table 7)', async () => {
    const { endpoint, router, sent } = setUp();
    router.register('test', {
      ClearCache: () => {
        throw new OcppError('GenericError', 'd'.repeat(400));
      },
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    await flushMicrotasks();
    assert.equal((sent[0]![3] as string).length, 255);
  });
});

describe('RpcEndpoint: work after the response', () => {
  it('F06.FR.04 runs afterResponse tasks once the CALLRESULT is out, in order', async () => {
    const { endpoint, router, sent } = setUp();
    const seenAtTask: number[] = [];
    router.register('test', {
      ClearCache: (_payload, context) => {
        context.afterResponse(() => seenAtTask.push(sent.length));
        context.afterResponse(() => seenAtTask.push(sent.length * 10));
        return { status: 'Accepted' };
      },
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    await flushMicrotasks();
    assert.deepEqual(sent, [[3, 'a', { status: 'Accepted' }]]);
    assert.deepEqual(seenAtTask, [1, 10]);
  });

  it('skips afterResponse tasks when the handler fails or its response is invalid', async () => {
    const { endpoint, router } = setUp();
    let ran = 0;
    router.register('test', {
      ClearCache: (_payload, context) => {
        context.afterResponse(() => ran++);
        throw new Error('boom');
      },
      GetLocalListVersion: (_payload, context) => {
        context.afterResponse(() => ran++);
        return { versionNumber: 'x' } as never;
      },
    });
    endpoint.receive('[2, "a", "ClearCache", {}]');
    endpoint.receive('[2, "b", "GetLocalListVersion", {}]');
    await flushMicrotasks();
    assert.equal(ran, 0);
  });

  it('issue 10 item 19: a CALL the handler causes goes out after its CALLRESULT (sync, async and failing handlers)', async () => {
    const { endpoint, router, sent } = setUp();
    const pending: Promise<unknown>[] = [];
    router.register('test', {
      RequestStopTransaction: () => {
        pending.push(endpoint.call('Heartbeat', {}));
        return { status: 'Accepted' };
      },
      UnlockConnector: async () => {
        pending.push(endpoint.call('Heartbeat', {}));
        await Promise.resolve();
        return { status: 'Unlocked' };
      },
      ClearCache: () => {
        pending.push(endpoint.call('Heartbeat', {}));
        throw new Error('boom');
      },
    });
    endpoint.receive('[2, "stop", "RequestStopTransaction", {"transactionId": "t"}]');
    await flushMicrotasks();
    assert.deepEqual(sent.map((frame) => frame.slice(0, 2)), [[3, 'stop'], [2, 'id-0']]);
    endpoint.receive('[3, "id-0", {"currentTime": "2026-01-01T00:00:00Z"}]');
    endpoint.receive('[2, "unlock", "UnlockConnector", {"evseId": 1, "connectorId": 1}]');
    await flushMicrotasks();
    assert.deepEqual(sent.slice(2).map((frame) => frame.slice(0, 2)), [[3, 'unlock'], [2, 'id-1']]);
    endpoint.receive('[3, "id-1", {"currentTime": "2026-01-01T00:00:00Z"}]');
    endpoint.receive('[2, "clear", "ClearCache", {}]');
    await flushMicrotasks();
    assert.deepEqual(sent.slice(4).map((frame) => frame.slice(0, 2)), [[4, 'clear'], [2, 'id-2']]);
    endpoint.receive('[3, "id-2", {"currentTime": "2026-01-01T00:00:00Z"}]');
    await Promise.all(pending);
  });

  it('issue 10 item 19: a handler that awaits a CALL of its own is not deadlocked: the hold lifts after HOLD_LIMIT_MS', async () => {
    const { endpoint, router, sent, clock } = setUp();
    router.register('test', {
      DataTransfer: async () => {
        await endpoint.call('Heartbeat', {});
        return { status: 'Accepted' };
      },
    });
    endpoint.receive('[2, "dt", "DataTransfer", {"vendorId": "v"}]');
    await flushMicrotasks();
    assert.equal(sent.length, 0, 'held while the handler decides');
    await clock.advance(HOLD_LIMIT_MS);
    assert.deepEqual(sent, [[2, 'id-0', 'Heartbeat', {}]]);
    endpoint.receive('[3, "id-0", {"currentTime": "2026-01-01T00:00:00Z"}]');
    await flushMicrotasks();
    assert.deepEqual(sent[1], [3, 'dt', { status: 'Accepted' }]);
  });
});
