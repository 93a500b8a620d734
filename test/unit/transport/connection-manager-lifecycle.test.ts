// The connection manager with a scripted network in place of real sockets: connect, send, disconnect and
// reconnect.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { ConnectionManager, type DisconnectedInfo } from '../../../src/transport/connection-manager.js';
import { InMemoryNetworkProfiles } from '../../../src/transport/network-profiles.js';
import { ConnectionLostError } from '../../../src/rpc/errors.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';
import { ScriptedNetwork, profile, baseSettings, setUp, refused } from './connection-manager-harness.js';

describe('ConnectionManager: connect, send, disconnect, reconnect', () => {
  function connectedSetUp() {
    const context = setUp({ settings: { networkConfigurationPriority: [1] } });
    context.profiles.set(1, profile('slot1'));
    context.network.set('slot1', 'accept');
    return context;
  }

  it('passes text frames both ways, and only while connected', async () => {
    const { network, manager, events } = connectedSetUp();
    assert.throws(() => manager.send('[2,"1","Heartbeat",{}]'), ConnectionLostError);
    manager.connect();
    await flushMicrotasks();
    manager.send('[2,"1","Heartbeat",{}]');
    network.sockets[0]!.receive('[3,"1",{}]');
    assert.deepEqual(network.sockets[0]!.sent, ['[2,"1","Heartbeat",{}]']);
    assert.deepEqual(events.at(-1), ['message', '[3,"1",{}]']);
  });

  it('disconnect() closes with 1000, reports willReconnect false and stops reconnecting', async () => {
    const { clock, network, manager, events } = connectedSetUp();
    manager.connect();
    await flushMicrotasks();
    await manager.disconnect();
    assert.deepEqual(network.sockets[0]!.closedWith, { code: 1000, reason: 'closed by the station' });
    const expected: DisconnectedInfo = { code: 1000, reason: 'closed by the station', willReconnect: false };
    assert.deepEqual(events.at(-1), ['disconnected', expected]);
    assert.equal(manager.isConnected, false);
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(60_000);
    assert.equal(network.attempts.length, 1);
    assert.throws(() => manager.send('x'), ConnectionLostError);
  });

  it('disconnect() during the back-off wait cancels the next attempt; connect() starts again at once', async () => {
    const { clock, network, profiles, manager } = setUp({ settings: { networkConfigurationPriority: [1] } });
    profiles.set(1, profile('slot1'));
    manager.connect();
    await flushMicrotasks();
    await manager.disconnect();
    assert.equal(clock.pendingTimers, 0);
    network.set('slot1', 'accept');
    manager.connect();
    await flushMicrotasks();
    assert.equal(network.attempts.length, 2);
    assert.equal(manager.isConnected, true);
  });

  it('disconnect() during a handshake cancels it', async () => {
    const { network, profiles, manager, events } = setUp({ settings: { networkConfigurationPriority: [1] } });
    profiles.set(1, profile('slot1'));
    network.set('slot1', 'hang');
    manager.connect();
    await flushMicrotasks();
    const signal = network.attempts[0]!.options.signal!;
    await manager.disconnect();
    assert.equal(signal.aborted, true);
    assert.deepEqual(events, []);
  });

  it('reconnect() drops the connection and connects again at once with the credentials of now', async () => {
    const { network, manager, events, changeCredentials } = connectedSetUp();
    manager.connect();
    await flushMicrotasks();
    changeCredentials({ basicAuthPassword: 'second-password-0123' });
    manager.reconnect();
    await flushMicrotasks();
    assert.deepEqual(network.sockets[0]!.closedWith, { code: 1000, reason: 'reconnecting' });
    assert.deepEqual(
      events.map(([kind]) => kind),
      ['connected', 'disconnected', 'connected'],
    );
    assert.equal((events[1]![1] as DisconnectedInfo).willReconnect, true);
    const authorization = network.attempts[1]!.target.clientOptions.headers?.Authorization ?? '';
    assert.equal(Buffer.from(authorization.slice(6), 'base64').toString(), 'CS-UNIT:second-password-0123');
    assert.equal(manager.isConnected, true);
  });

  it('B10.FR.06 connect(slot) to another slot leaves the current CSMS before connecting', async () => {
    const { network, profiles, manager, events } = connectedSetUp();
    profiles.set(2, profile('slot2'));
    network.set('slot2', 'accept');
    manager.connect();
    await flushMicrotasks();
    manager.connect(1);
    await flushMicrotasks();
    assert.equal(network.attempts.length, 1, 'same slot again: nothing to do');
    manager.connect(2);
    await flushMicrotasks();
    assert.deepEqual(network.sockets[0]!.closedWith?.code, 1000);
    assert.deepEqual(events.map(([kind]) => kind), ['connected', 'disconnected', 'connected']);
    assert.equal(manager.activeSlot, 2);
  });

  it('reports each failed attempt to the listener with its kind and the wait before the next', async () => {
    const { network, profiles, manager, failures, logs } = setUp({ settings: { networkConfigurationPriority: [1] } });
    profiles.set(1, profile('slot1'));
    network.set('slot1', refused(401));
    manager.connect();
    await flushMicrotasks();
    assert.deepEqual(failures, [
      {
        slot: 1,
        url: 'ws://slot1/ocpp/CS-UNIT',
        kind: 'refused',
        message: 'the CSMS refused the websocket handshake with HTTP 401',
        statusCode: 401,
        retryInMs: 3000,
      },
    ]);
    const logged = logs.find((l) => l.level === 50);
    assert.equal(logged?.msg, 'connecting to the CSMS failed: the CSMS refused the websocket handshake with HTTP 401');
    assert.ok(!JSON.stringify(logs).includes('first-password-0123'), 'the password never reaches the log');
  });

  it('a listener that throws does not stop the link', async () => {
    const clock = new FakeClock();
    const network = new ScriptedNetwork();
    network.set('slot1', 'accept');
    const profiles = new InMemoryNetworkProfiles();
    profiles.set(1, profile('slot1'));
    const manager = new ConnectionManager({
      stationId: 'CS-UNIT',
      clock,
      logger: pino({ level: 'silent' }),
      settings: () => ({ ...baseSettings, networkConfigurationPriority: [1] }),
      profiles,
      credentials: () => ({ basicAuthPassword: 'a-password-0123456' }),
      openSocket: network.open,
      listener: {
        connected: () => {
          throw new Error('listener bug');
        },
        disconnected: () => undefined,
        message: () => undefined,
      },
    });
    manager.connect();
    await flushMicrotasks();
    assert.equal(manager.isConnected, true);
    manager.send('still works');
    assert.deepEqual(network.sockets[0]!.sent, ['still works']);
    await manager.disconnect();
  });
});
