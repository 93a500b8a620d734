// One websocket against real servers on loopback (plain `ws` servers and a raw TCP server, so each can
// misbehave on purpose): the ocpp2.0.1 subprotocol, handshake failures, keep-alive pings and closing.
// Timers in the code under test run on a FakeClock; the tests only wait (briefly) for real I/O.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createLogger, silentLogger } from '../../../src/logger.js';
import type { ConnectionTarget } from '../../../src/transport/security-profile.js';
import {
  ConnectionFailedError,
  OCPP_SUBPROTOCOL,
  openWebSocket,
  type OcppSocket,
  type OpenSocketOptions,
} from '../../../src/transport/websocket-connection.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { waitFor } from '../../support/wait-for.js';

const cleanUps: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

interface TestServer {
  readonly port: number;
  readonly sockets: ServerSocket[];
  readonly offered: string[][];
  readonly closes: { code: number; reason: string }[];
}

/** A plain ws server on 127.0.0.1 that selects whatever `select` returns (false: no subprotocol). */
const selectOcpp201 = (offered: Set<string>) => (offered.has(OCPP_SUBPROTOCOL) ? OCPP_SUBPROTOCOL : false);

async function startServer(
  select: (offered: Set<string>) => string | false = selectOcpp201,
  onConnection: (socket: ServerSocket) => void = () => undefined,
): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (offered) => select(offered) });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const server: TestServer = { port: (wss.address() as AddressInfo).port, sockets: [], offered: [], closes: [] };
  wss.on('headers', (_headers, request) => {
    server.offered.push(String(request.headers['sec-websocket-protocol'] ?? '').split(/\s*,\s*/));
  });
  wss.on('connection', (socket) => {
    server.sockets.push(socket);
    socket.on('close', (code, reason) => server.closes.push({ code, reason: reason.toString() }));
    onConnection(socket);
  });
  cleanUps.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  );
  return server;
}

/** A TCP server that accepts connections, reads what comes and never says a word. */
async function startSilentServer(): Promise<{ port: number; connections: Socket[]; ended: Socket[] }> {
  const connections: Socket[] = [];
  const ended: Socket[] = [];
  const server: Server = createServer((socket) => {
    connections.push(socket);
    socket.on('close', () => ended.push(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanUps.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, connections, ended };
}

function target(port: number): ConnectionTarget {
  return { url: `ws://127.0.0.1:${port}/ocpp/CS-WS`, securityProfile: 1, clientOptions: {} };
}

function options(clock: FakeClock, overrides: Partial<OpenSocketOptions> = {}): OpenSocketOptions {
  return { clock, logger: silentLogger(), pingIntervalSeconds: () => 0, handshakeTimeoutMs: 10_000, ...overrides };
}

async function open(port: number, clock: FakeClock, overrides: Partial<OpenSocketOptions> = {}): Promise<OcppSocket> {
  const socket = await openWebSocket(target(port), options(clock, overrides));
  cleanUps.push(() => socket.close());
  return socket;
}

function collect(socket: OcppSocket) {
  const messages: string[] = [];
  const closes: { code: number; reason: string }[] = [];
  socket.attach({ message: (text) => messages.push(text), closed: (code, reason) => closes.push({ code, reason }) });
  return { messages, closes };
}

async function expectFailure(attempt: Promise<unknown>, kind: ConnectionFailedError['kind'], message: RegExp) {
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof ConnectionFailedError, `expected ConnectionFailedError, got ${String(error)}`);
    assert.equal(error.kind, kind);
    assert.match(error.message, message);
    return true;
  });
}

describe('websocket subprotocol (Part 4 §3.1.2, §3.2)', () => {
  it('offers ocpp2.0.1 and opens when the CSMS selects it', async () => {
    const server = await startServer();
    const socket = await open(server.port, new FakeClock());
    assert.equal(socket.protocol, 'ocpp2.0.1');
    assert.equal(socket.isOpen, true);
    assert.deepEqual(server.offered, [['ocpp2.0.1']]);
  });

  it('fails with a clear error when the CSMS selects no subprotocol', async () => {
    const server = await startServer(() => false);
    const attempt = openWebSocket(target(server.port), options(new FakeClock()));
    await expectFailure(attempt, 'subprotocol', /^CSMS did not agree to subprotocol ocpp2\.0\.1 \(it selected none\)$/);
  });

  it('fails with a clear error when the CSMS selects a subprotocol the station did not offer', async () => {
    const server = await startServer(() => 'ocpp1.6');
    const attempt = openWebSocket(target(server.port), options(new FakeClock()));
    await expectFailure(attempt, 'subprotocol', /did not agree to subprotocol ocpp2\.0\.1 \(it selected "ocpp1\.6"\)/);
  });
});

describe('websocket handshake failures', () => {
  it('reports an HTTP refusal with its status code', async () => {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, callback) => callback(false, 401, 'Unauthorized'),
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    cleanUps.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const attempt = openWebSocket(target((wss.address() as AddressInfo).port), options(new FakeClock()));
    await expectFailure(attempt, 'refused', /handshake with HTTP 401 Unauthorized \(check the station identity and its credentials\)/);
    await attempt.catch((error: ConnectionFailedError) => assert.equal(error.statusCode, 401));
  });

  it('reports a closed port as a network failure', async () => {
    const server = await startSilentServer();
    const port = server.port;
    await cleanUps.pop()!();
    const attempt = openWebSocket(target(port), options(new FakeClock()));
    await expectFailure(attempt, 'network', /cannot reach the CSMS: .*ECONNREFUSED/);
  });

  it('gives up on a server that never answers the handshake once the handshake timeout has passed', async () => {
    const server = await startSilentServer();
    const clock = new FakeClock();
    const attempt = openWebSocket(target(server.port), options(clock, { handshakeTimeoutMs: 10_000 }));
    await waitFor(() => server.connections.length === 1, 'the TCP connection');
    await clock.advance(9_999);
    let settled = false;
    void attempt.then(
      () => (settled = true),
      () => (settled = true),
    );
    await clock.advance(0);
    assert.equal(settled, false);
    await clock.advance(1);
    await expectFailure(attempt, 'timeout', /did not complete the websocket handshake within 10000 ms/);
    await waitFor(() => server.ended.length === 1, 'the station to drop the TCP connection');
  });

  it('a cancelled attempt stops at once', async () => {
    const server = await startSilentServer();
    const abort = new AbortController();
    const attempt = openWebSocket(target(server.port), options(new FakeClock(), { signal: abort.signal }));
    abort.abort();
    await expectFailure(attempt, 'cancelled', /cancelled/);
  });
});

describe('websocket frames and closing', () => {
  it('carries text frames both ways; frames sent right after the handshake are delivered once attached', async () => {
    let pongs = 0;
    const server = await startServer(undefined, (socket) => {
      socket.send('[2,"early","Reset",{"type":"Immediate"}]');
      // The station's pong to this ping comes after it has read the frame before it: then the frame waits for attach.
      socket.on('pong', () => pongs++);
      socket.ping();
      socket.on('message', (data) => socket.send(`echo ${data.toString()}`));
    });
    const socket = await open(server.port, new FakeClock());
    await waitFor(() => pongs === 1, 'the pong that follows the early frame');
    const seen = collect(socket);
    assert.deepEqual(seen.messages, ['[2,"early","Reset",{"type":"Immediate"}]'], 'delivered by attach, at once');
    await waitFor(() => seen.messages.length === 1, 'the early frame');
    assert.deepEqual(seen.messages, ['[2,"early","Reset",{"type":"Immediate"}]']);
    socket.send('[3,"early",{"status":"Accepted"}]');
    await waitFor(() => seen.messages.length === 2, 'the echo');
    assert.equal(seen.messages[1], 'echo [3,"early",{"status":"Accepted"}]');
  });

  it('close() sends close code 1000 and resolves once closed; send() then throws', async () => {
    const server = await startServer();
    const socket = await open(server.port, new FakeClock());
    const seen = collect(socket);
    await socket.close(1000, 'bye');
    assert.equal(socket.isOpen, false);
    assert.deepEqual(seen.closes, [{ code: 1000, reason: 'bye' }]);
    await waitFor(() => server.closes.length === 1, 'the server to see the close');
    assert.deepEqual(server.closes, [{ code: 1000, reason: 'bye' }]);
    assert.throws(() => socket.send('x'), /not open/);
  });

  it('close() cuts the socket when the CSMS never answers the close frame', async () => {
    const server = await startServer();
    const clock = new FakeClock();
    const socket = await open(server.port, clock, { closeTimeoutMs: 5000 });
    const seen = collect(socket);
    await waitFor(() => server.sockets.length === 1, 'the server to see the connection');
    (server.sockets[0] as unknown as { _socket: Socket })._socket.pause();
    const closing = socket.close();
    await clock.advance(5000);
    await closing;
    assert.deepEqual(seen.closes, [{ code: 1006, reason: 'the CSMS did not answer the close frame' }]);
  });

  it('answers a binary frame with a CALLERROR of message id "-1" (Part 4 §4.1.2, §4.2.3), stays open, warns once per connection', async () => {
    const fromStation: string[] = [];
    const server = await startServer(undefined, (socket) => {
      socket.on('message', (data, isBinary) => fromStation.push(`${isBinary ? 'binary' : 'text'} ${data.toString()}`));
    });
    const logLines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => logLines.push(line) } });
    const socket = await open(server.port, new FakeClock(), { logger });
    const seen = collect(socket);
    await waitFor(() => server.sockets.length === 1, 'the server to see the connection');
    for (let i = 0; i < 3; i++) server.sockets[0]!.send(Buffer.from('[2,"b1","Heartbeat",{}]'), { binary: true });
    server.sockets[0]!.send('[2,"t1","Heartbeat",{}]');
    await waitFor(() => seen.messages.length === 1 && fromStation.length === 3, 'three answers and the text frame');
    const answer = [4, '-1', 'RpcFrameworkError', 'binary websocket frames are not OCPP-J messages: send JSON as text frames', {}];
    assert.deepEqual(fromStation, Array.from({ length: 3 }, () => `text ${JSON.stringify(answer)}`));
    assert.deepEqual(seen.messages, ['[2,"t1","Heartbeat",{}]'], 'binary frames are not handed to the RPC layer');
    assert.equal(socket.isOpen, true);
    assert.equal(logLines.filter((line) => line.includes('binary websocket frame')).length, 1, logLines.join(''));
  });

  it('reports a close started by the CSMS with its code and reason', async () => {
    const server = await startServer();
    const socket = await open(server.port, new FakeClock());
    const seen = collect(socket);
    await waitFor(() => server.sockets.length === 1, 'the server to see the connection');
    server.sockets[0]!.close(4000, 'maintenance');
    await waitFor(() => seen.closes.length === 1, 'the close');
    assert.deepEqual(seen.closes, [{ code: 4000, reason: 'maintenance' }]);
  });
});

describe('websocket keep-alive (Part 4 §8.4 WebSocketPingInterval)', () => {
  it('pings every WebSocketPingInterval seconds and stays up while pongs come back', async () => {
    const pings: number[] = [];
    // The pong goes out before the server's 'ping' listener runs, so the text frame sent there arrives after it.
    const server = await startServer(undefined, (socket) =>
      socket.on('ping', () => {
        pings.push(pings.length);
        socket.send(`after pong ${pings.length}`);
      }),
    );
    const clock = new FakeClock();
    const socket = await open(server.port, clock, { pingIntervalSeconds: () => 30 });
    const seen = collect(socket);
    for (let n = 1; n <= 3; n++) {
      await clock.advance(29_999);
      assert.equal(pings.length, n - 1, 'no ping before the interval is over');
      await clock.advance(1);
      await waitFor(() => seen.messages.length === n, `the pong to ping ${n}`);
    }
    assert.equal(socket.isOpen, true);
    assert.deepEqual(seen.closes, []);
  });

  it('drops a CSMS that does not answer a ping before the next one is due', async () => {
    const server = await startServer();
    const clock = new FakeClock();
    const socket = await open(server.port, clock, { pingIntervalSeconds: () => 10 });
    const seen = collect(socket);
    await waitFor(() => server.sockets.length === 1, 'the server to see the connection');
    (server.sockets[0] as unknown as { _socket: Socket })._socket.pause();
    await clock.advance(10_000);
    assert.deepEqual(seen.closes, []);
    await clock.advance(10_000);
    await waitFor(() => seen.closes.length === 1, 'the station to drop the connection');
    assert.deepEqual(seen.closes, [{ code: 1006, reason: 'no pong from the CSMS' }]);
    assert.equal(socket.isOpen, false);
  });

  it('sends no pings when WebSocketPingInterval is 0', async () => {
    let pinged = false;
    const server = await startServer(undefined, (socket) => socket.on('ping', () => (pinged = true)));
    const clock = new FakeClock();
    await open(server.port, clock, { pingIntervalSeconds: () => 0 });
    await waitFor(() => server.sockets.length === 1, 'the server to see the connection');
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(3_600_000);
    assert.equal(clock.pendingTimers, 0);
    assert.equal(pinged, false);
  });
});
