// The station's event bus: typed names, listeners in subscription order inside emit(), unsubscribe, once, and a
// listener that throws reported without stopping the others.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from '../../../src/events/event-bus.js';

interface Events {
  ping: { n: number };
  pong: string;
}

describe('EventBus', () => {
  it('calls every listener of a name, in the order they subscribed, before emit returns', () => {
    const bus = new EventBus<Events>();
    const heard: string[] = [];
    bus.on('ping', ({ n }) => heard.push(`a${n}`));
    bus.on('ping', ({ n }) => heard.push(`b${n}`));
    bus.on('pong', (text) => heard.push(`pong ${text}`));
    bus.emit('ping', { n: 1 });
    assert.deepEqual(heard, ['a1', 'b1']);
    bus.emit('pong', 'x');
    assert.deepEqual(heard, ['a1', 'b1', 'pong x']);
  });

  it('stops calling a listener once its unsubscribe function ran; the same function twice is two subscriptions', () => {
    const bus = new EventBus<Events>();
    const heard: number[] = [];
    const listener = ({ n }: { n: number }) => heard.push(n);
    const first = bus.on('ping', listener);
    bus.on('ping', listener);
    bus.emit('ping', { n: 1 });
    first();
    bus.emit('ping', { n: 2 });
    assert.deepEqual(heard, [1, 1, 2]);
  });

  it('once: the next event only', () => {
    const bus = new EventBus<Events>();
    const heard: number[] = [];
    bus.once('ping', ({ n }) => heard.push(n));
    bus.emit('ping', { n: 1 });
    bus.emit('ping', { n: 2 });
    assert.deepEqual(heard, [1]);
  });

  it('a listener that throws is reported with the event name; the other listeners still run', () => {
    const reported: [unknown, string][] = [];
    const bus = new EventBus<Events>({ onListenerError: (error, name) => reported.push([error, name]) });
    const heard: number[] = [];
    const failure = new Error('listener failed');
    bus.on('ping', () => {
      throw failure;
    });
    bus.on('ping', ({ n }) => heard.push(n));
    bus.emit('ping', { n: 7 });
    assert.deepEqual(heard, [7]);
    assert.deepEqual(reported, [[failure, 'ping']]);
  });

  it('a failing error reporter does not escape emit either', () => {
    const bus = new EventBus<Events>({
      onListenerError: () => {
        throw new Error('reporter failed');
      },
    });
    bus.on('ping', () => {
      throw new Error('listener failed');
    });
    assert.doesNotThrow(() => bus.emit('ping', { n: 1 }));
  });

  it('has() tells whether anyone listens, so an emitter can skip building a payload', () => {
    const bus = new EventBus<Events>();
    assert.equal(bus.has('pong'), false);
    const off = bus.on('pong', () => undefined);
    assert.equal(bus.has('pong'), true);
    off();
    assert.equal(bus.has('pong'), false);
  });

  it('a listener that subscribes another during emit: the new one hears the next event, not this one', () => {
    const bus = new EventBus<Events>();
    const heard: string[] = [];
    bus.on('ping', () => {
      heard.push('first');
      bus.on('ping', () => heard.push('added'));
    });
    bus.emit('ping', { n: 1 });
    assert.deepEqual(heard, ['first']);
  });
});
