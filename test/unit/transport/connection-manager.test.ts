// The connection manager with a scripted network in place of real sockets: slot order and attempts per slot
// (B10), never downgrading (A05), the reconnect back-off (Part 4 §5.3), and connect / disconnect / reconnect.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import {
  ConnectionManager,
  type ConnectedInfo,
  type ConnectionFailureInfo,
  type ConnectionSettings,
  type DisconnectedInfo,
} from '../../../src/transport/connection-manager.js';
import { InMemoryNetworkProfiles, type NetworkConnectionProfile } from '../../../src/transport/network-profiles.js';
import type { ConnectionTarget, SecurityCredentials } from '../../../src/transport/security-profile.js';
import {
  ConnectionFailedError,
  type OcppSocket,
  type OpenSocketOptions,
  type SocketEvents,
  type SocketOpener,
} from '../../../src/transport/websocket-connection.js';
import { ConnectionLostError } from '../../../src/rpc/errors.js';
import { FakeClock, flushMicrotasks } from '../../fakes/fake-clock.js';

/** An open socket on the scripted network. */
class ScriptedSocket implements OcppSocket {
  readonly protocol = 'ocpp2.0.1';
  isOpen = true;
  readonly sent: string[] = [];
  closedWith: { code: number; reason: string } | undefined;
  private events: SocketEvents | undefined;

  attach(events: SocketEvents): void {
    this.events = events;
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(code = 1000, reason = ''): Promise<void> {
    this.end(code, reason);
    return Promise.resolve();
  }

  /** The CSMS sends a text frame. */
  receive(text: string): void {
    this.events?.message(text);
  }

  /** The connection ends without us asking. */
  end(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closedWith = { code, reason };
    this.events?.closed(code, reason);
  }
}

type HostBehaviour = 'accept' | 'hang' | ConnectionFailedError;

/** Answers each connection attempt by the host of its URL; records every attempt. */
class ScriptedNetwork {
  readonly attempts: { target: ConnectionTarget; options: OpenSocketOptions }[] = [];
  readonly sockets: ScriptedSocket[] = [];
  private readonly hosts = new Map<string, HostBehaviour>();

  set(host: string, behaviour: HostBehaviour): void {
    this.hosts.set(host, behaviour);
  }

  readonly open: SocketOpener = (target, options) => {
    this.attempts.push({ target, options });
    const behaviour = this.hosts.get(new URL(target.url).host) ?? nobodyListening();
    return new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new ConnectionFailedError('cancelled', 'cancelled')));
      if (behaviour === 'hang') return;
      if (behaviour === 'accept') {
        const socket = new ScriptedSocket();
        this.sockets.push(socket);
        resolve(socket);
      } else reject(behaviour);
    });
  };

  /** The slot (host "slotN") of every attempt so far. */
  get attemptedHosts(): string[] {
    return this.attempts.map((a) => new URL(a.target.url).host);
  }
}

function nobodyListening(): ConnectionFailedError {
  return new ConnectionFailedError('network', 'connect ECONNREFUSED', undefined, 'ECONNREFUSED');
}

function profile(host: string, securityProfile = 1): NetworkConnectionProfile {
  return {
    ocppCsmsUrl: `${securityProfile === 1 ? 'ws' : 'wss'}://${host}/ocpp`,
    securityProfile,
    messageTimeout: 30,
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppInterface: 'Wired0',
  };
}

const baseSettings: ConnectionSettings = {
  retryBackOffWaitMinimumSeconds: 3,
  retryBackOffRandomRangeSeconds: 10,
  retryBackOffRepeatTimes: 2,
  webSocketPingIntervalSeconds: 0,
  networkProfileConnectionAttempts: 2,
  networkConfigurationPriority: [1, 2],
};

interface SetUpOptions {
  settings?: Partial<ConnectionSettings>;
  minimum?: number;
  credentials?: SecurityCredentials;
}

function setUp(options: SetUpOptions = {}) {
  const clock = new FakeClock();
  const network = new ScriptedNetwork();
  const profiles = new InMemoryNetworkProfiles();
  const logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  let settings: ConnectionSettings = { ...baseSettings, ...options.settings };
  let credentials: SecurityCredentials = options.credentials ?? {
    basicAuthPassword: 'first-password-0123',
    csmsRootCertificates: ['-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n'],
  };
  const events: (['connected', ConnectedInfo] | ['disconnected', DisconnectedInfo] | ['message', string])[] = [];
  const failures: ConnectionFailureInfo[] = [];
  const manager = new ConnectionManager({
    stationId: 'CS-UNIT',
    clock,
    logger,
    random: () => 0,
    settings: () => settings,
    profiles,
    credentials: () => credentials,
    minimumSecurityProfile: () => options.minimum ?? 1,
    openSocket: network.open,
    listener: {
      connected: (info) => events.push(['connected', info]),
      disconnected: (info) => events.push(['disconnected', info]),
      message: (text) => events.push(['message', text]),
      failed: (info) => failures.push(info),
    },
  });
  return {
    clock,
    network,
    profiles,
    manager,
    events,
    failures,
    logs,
    changeSettings: (changes: Partial<ConnectionSettings>) => (settings = { ...settings, ...changes }),
    changeCredentials: (next: SecurityCredentials) => (credentials = next),
  };
}

function refused(status: number): ConnectionFailedError {
  return new ConnectionFailedError('refused', `the CSMS refused the websocket handshake with HTTP ${status}`, status);
}

/** One slot only, retried many times: isolates the back-off from slot switching. */
const oneSlot = { networkConfigurationPriority: [1], networkProfileConnectionAttempts: 10 };

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
