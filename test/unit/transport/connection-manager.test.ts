// The connection manager with a scripted network in place of real sockets: slot order and attempts per slot
// (B10), never downgrading (A05), and the reconnect back-off (Part 4 §5.3). Connect, send, disconnect and
// reconnect: connection-manager-lifecycle.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flushMicrotasks } from '../../fakes/fake-clock.js';
import { profile, setUp, refused, oneSlot } from './connection-manager-harness.js';

describe('ConnectionManager: choosing the configuration slot (B10)', () => {
  it('B10.FR.04 connects to the first entry of NetworkConfigurationPriority', async () => {
    const { network, profiles, manager, events } = setUp();
    profiles.set(1, profile('slot1'));
    profiles.set(2, profile('slot2'));
    network.set('slot1', 'accept');
    network.set('slot2', 'accept');
    manager.connect();
    await flushMicrotasks();
    assert.deepEqual(network.attemptedHosts, ['slot1']);
    assert.equal(manager.isConnected, true);
    assert.equal(manager.activeSlot, 1);
    assert.deepEqual(events, [['connected', { slot: 1, securityProfile: 1, url: 'ws://slot1/ocpp/CS-UNIT' }]]);
  });

  it('B10.FR.03 makes NetworkProfileConnectionAttempts attempts per slot, then moves on, wrapping around', async () => {
    const { clock, network, profiles, manager, failures } = setUp({
      settings: { networkProfileConnectionAttempts: 2, retryBackOffRepeatTimes: 0 },
    });
    profiles.set(1, profile('slot1'));
    profiles.set(2, profile('slot2'));
    manager.connect();
    for (let i = 0; i < 5; i++) await clock.advance(3000);
    assert.deepEqual(network.attemptedHosts, ['slot1', 'slot1', 'slot2', 'slot2', 'slot1', 'slot1']);
    assert.deepEqual(failures.map((f) => f.slot), [1, 1, 2, 2, 1, 1]);
    assert.equal(manager.isConnected, false);
  });

  it('connects through the next slot once the first has used up its attempts', async () => {
    const { clock, network, profiles, manager, events, logs } = setUp({
      settings: { networkProfileConnectionAttempts: 3 },
    });
    profiles.set(1, profile('slot1'));
    profiles.set(2, profile('slot2'));
    network.set('slot1', refused(503));
    network.set('slot2', 'accept');
    manager.connect();
    await clock.advance(3000);
    await clock.advance(6000);
    assert.deepEqual(network.attemptedHosts, ['slot1', 'slot1', 'slot1']);
    assert.equal(manager.isConnected, false);
    await clock.advance(12000);
    assert.deepEqual(network.attemptedHosts, ['slot1', 'slot1', 'slot1', 'slot2']);
    assert.equal(manager.activeSlot, 2);
    assert.deepEqual(events.map(([kind]) => kind), ['connected']);
    assert.ok(logs.some((l) => l.msg === 'NetworkProfileConnectionAttempts reached; trying the next configuration slot'));
  });

  it('skips a slot without a profile, with a warning, and without waiting', async () => {
    const { network, profiles, manager, logs } = setUp({ settings: { networkConfigurationPriority: [3, 2] } });
    profiles.set(2, profile('slot2'));
    network.set('slot2', 'accept');
    manager.connect();
    await flushMicrotasks();
    assert.deepEqual(network.attemptedHosts, ['slot2']);
    assert.equal(manager.activeSlot, 2);
    const warning = logs.find((l) => l.slot === 3);
    assert.equal(warning?.msg, 'configuration slot has no network connection profile; skipped');
  });

  it('tries the slot given to connect() first, then follows the priority list', async () => {
    const { clock, network, profiles, manager } = setUp({ settings: { networkProfileConnectionAttempts: 1 } });
    profiles.set(1, profile('slot1'));
    profiles.set(2, profile('slot2'));
    manager.connect(2);
    await clock.advance(3000);
    await clock.advance(6000);
    assert.deepEqual(network.attemptedHosts, ['slot2', 'slot1', 'slot2']);
  });

  it('reads NetworkConfigurationPriority afresh at every attempt', async () => {
    const { clock, network, profiles, manager, changeSettings } = setUp({
      settings: { networkProfileConnectionAttempts: 1 },
    });
    profiles.set(1, profile('slot1'));
    profiles.set(2, profile('slot2'));
    profiles.set(3, profile('slot3'));
    network.set('slot3', 'accept');
    manager.connect();
    await flushMicrotasks();
    changeSettings({ networkConfigurationPriority: [3] });
    await clock.advance(3000);
    assert.deepEqual(network.attemptedHosts, ['slot1', 'slot3']);
    assert.equal(manager.activeSlot, 3);
  });

  it('skips a slot whose profile or credentials cannot make a connection, saying why', async () => {
    const { network, profiles, manager, logs } = setUp({ credentials: { basicAuthPassword: 'only-a-password-01' } });
    profiles.set(1, profile('slot1', 2));
    profiles.set(2, profile('slot2', 1));
    network.set('slot2', 'accept');
    manager.connect();
    await flushMicrotasks();
    assert.deepEqual(network.attemptedHosts, ['slot2']);
    const expected = 'configuration slot 1 cannot be used: security profile 2 needs at least one CSMS root certificate; skipped';
    assert.ok(logs.some((l) => l.msg === expected));
  });
});

describe('ConnectionManager: security profile floor (A05)', () => {
  it('A05 never uses a slot whose security profile is below the minimum, and logs it', async () => {
    const { network, profiles, manager, logs } = setUp({ minimum: 2 });
    profiles.set(1, profile('slot1', 1));
    profiles.set(2, profile('slot2', 2));
    network.set('slot1', 'accept');
    network.set('slot2', 'accept');
    manager.connect(1);
    await flushMicrotasks();
    assert.deepEqual(network.attemptedHosts, ['slot2']);
    const refusal = logs.find((l) => l.slot === 1 && l.level === 50);
    assert.match(refusal?.msg ?? '', /security profile 1, below the minimum 2: never downgrading \(A05\); skipped/);
  });

  it('A05 with only lower profiles configured makes no attempt at all, and checks again after the back-off', async () => {
    const { clock, network, profiles, manager, logs } = setUp({ minimum: 3 });
    profiles.set(1, profile('slot1', 1));
    profiles.set(2, profile('slot2', 2));
    manager.connect();
    await clock.advance(3000 + 6000 + 12000);
    assert.deepEqual(network.attemptedHosts, []);
    assert.equal(logs.filter((l) => /no usable network connection profile/.test(l.msg)).length, 4);
  });
});

describe('ConnectionManager: reconnect back-off (Part 4 §5.3)', () => {
  it('waits the minimum, then doubles up to RetryBackOffRepeatTimes, then keeps the last wait', async () => {
    const { clock, network, profiles, manager, failures } = setUp({ settings: oneSlot });
    profiles.set(1, profile('slot1'));
    manager.connect();
    await flushMicrotasks();
    assert.deepEqual(failures.map((f) => f.retryInMs), [3000]);
    await clock.advance(2999);
    assert.equal(network.attempts.length, 1, 'no attempt before the back-off is over');
    await clock.advance(1);
    assert.equal(network.attempts.length, 2);
    await clock.advance(6000);
    await clock.advance(12000);
    await clock.advance(12000);
    assert.deepEqual(failures.map((f) => f.retryInMs), [3000, 6000, 12000, 12000, 12000]);
  });

  it('starts again from the minimum after a successful connection, and reconnects after a drop', async () => {
    const { clock, network, profiles, manager, events, failures } = setUp({ settings: oneSlot });
    profiles.set(1, profile('slot1'));
    manager.connect();
    await clock.advance(3000);
    await clock.advance(6000);
    network.set('slot1', 'accept');
    await clock.advance(12000);
    assert.equal(manager.isConnected, true);

    network.set('slot1', refused(502));
    network.sockets[0]!.end(1006, '');
    assert.deepEqual(events.at(-1), ['disconnected', { code: 1006, reason: '', willReconnect: true }]);
    assert.equal(manager.isConnected, false);
    await clock.advance(3000);
    assert.equal(network.attempts.length, 5, 'the first reconnect waits only the minimum');
    assert.equal(failures.at(-1)?.retryInMs, 6000);
  });
});
