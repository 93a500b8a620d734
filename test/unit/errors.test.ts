// Every error class of the project extends OcppStationError with a stable code (the one docs/errors.md lists), and
// an error raised because of another keeps that one as its cause.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OcppStationError } from '../../src/errors.js';
import {
  ConnectionLostError,
  FrameTooLargeError,
  OcppError,
  OutgoingPayloadError,
  RpcTimeoutError,
} from '../../src/rpc/errors.js';
import { DuplicateHandlerError, HandlerRouter } from '../../src/rpc/handler-router.js';
import { RpcEndpoint } from '../../src/rpc/rpc-endpoint.js';
import { MessageDroppedError } from '../../src/queue/message-queue.js';
import {
  DuplicateDeclarationError,
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UndeclaredVariableError,
  UnknownInitialValueError,
} from '../../src/device-model/device-model-errors.js';
import { StationConfigError, loadStationConfig } from '../../src/device-model/station-config.js';
import { MigrationError, SchemaTooNewError, runMigrations } from '../../src/storage/sqlite/migrations.js';
import { ControlError } from '../../src/control/station-control.js';
import { InvalidRequestError } from '../../src/control/routes.js';
import { ControlApiError, ControlClient, ControlUnreachableError } from '../../src/control/control-client.js';
import { ConnectionFailedError, openWebSocket } from '../../src/transport/websocket-connection.js';
import { SecurityProfileError } from '../../src/transport/security-profile.js';
import { TransferError } from '../../src/transfer/transfer-error.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { DemoStepError } from '../../src/demo/demo-session.js';
import { DemoCsmsUnavailableError } from '../../src/demo/demo-csms.js';
import { DuplicatePortError, MissingPortError } from '../../src/blocks/shared/block-ports.js';
import { DuplicateTriggerError } from '../../src/blocks/shared/trigger.js';
import { DuplicateApiError, StationStoppedError } from '../../src/station/station-errors.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { closedPort } from './control/closed-port.js';

/** One of each class, with the code it must have. */
const EXAMPLES: readonly [OcppStationError, string][] = [
  [new OcppError('SecurityError', 'not now'), 'SecurityError'],
  [new RpcTimeoutError('Heartbeat', 'id-1', 30_000), 'RPC_TIMEOUT'],
  [new ConnectionLostError('Heartbeat'), 'RPC_CONNECTION_LOST'],
  [new OutgoingPayloadError('Heartbeat', 'Request', '/x', 'bad'), 'RPC_INVALID_OUTGOING_PAYLOAD'],
  [new FrameTooLargeError(10, 5, 'outgoing'), 'RPC_FRAME_TOO_LARGE'],
  [new DuplicateHandlerError('Reset', 'b', 'a'), 'RPC_DUPLICATE_HANDLER'],
  [new ConnectionFailedError('network', 'cannot reach'), 'TRANSPORT_CONNECTION_FAILED'],
  [new SecurityProfileError('no password'), 'TRANSPORT_SECURITY_PROFILE'],
  [new TransferError('not-found', 'ftp://host/x: FTP 550'), 'TRANSFER_FAILED'],
  [new MessageDroppedError('Heartbeat', 'offline', 'offline'), 'QUEUE_MESSAGE_DROPPED'],
  [new DuplicateDeclarationError(['A.B']), 'DEVICE_MODEL_DUPLICATE_DECLARATION'],
  [new UnknownInitialValueError(['A.B']), 'DEVICE_MODEL_UNKNOWN_INITIAL_VALUE'],
  [new InvalidInitialValueError([{ variable: 'A.B', value: 'x', reason: 'bad' }]), 'DEVICE_MODEL_INVALID_INITIAL_VALUE'],
  [new MissingRequiredVariableError(['A.B']), 'DEVICE_MODEL_MISSING_REQUIRED_VARIABLE'],
  [new UndeclaredVariableError('A.B is not declared'), 'DEVICE_MODEL_UNDECLARED_VARIABLE'],
  [new StationConfigError([{ path: '(root)', message: 'bad' }]), 'STATION_CONFIG_INVALID'],
  [new SchemaTooNewError(9, 8), 'STORAGE_SCHEMA_TOO_NEW'],
  [new MigrationError(1, 'first', new Error('no such table')), 'STORAGE_MIGRATION_FAILED'],
  [new ControlError('no EVSE 9'), 'CONTROL_REFUSED'],
  [new InvalidRequestError('"evseId" is required'), 'CONTROL_INVALID_REQUEST'],
  [new ControlApiError('HTTP 500', 500, {}), 'CONTROL_API_ERROR'],
  [new ControlUnreachableError('http://127.0.0.1:1', 'refused'), 'CONTROL_UNREACHABLE'],
  [new UsageError('--id is required'), 'CLI_USAGE'],
  [new DemoStepError('plug timed out'), 'DEMO_STEP_FAILED'],
  [new StationStoppedError(), 'STATION_STOPPED'],
  [new DuplicateApiError('onMeterValue', 'vendor'), 'BLOCK_DUPLICATE_API'],
  [new MissingPortError('tokens'), 'BLOCK_MISSING_PORT'],
  [new DuplicatePortError('tokens', 'b', 'a'), 'BLOCK_DUPLICATE_PORT'],
  [new DuplicateTriggerError('Heartbeat', 'b', 'a'), 'BLOCK_DUPLICATE_TRIGGER'],
  [new DemoCsmsUnavailableError(new Error("Cannot find package 'ocpp-rpc'")), 'DEMO_NEEDS_OCPP_RPC'],
];

describe('error codes', () => {
  it('every error class extends OcppStationError (and Error) and has its own stable code', () => {
    const seen = new Set<string>();
    for (const [error, code] of EXAMPLES) {
      assert.ok(error instanceof OcppStationError, error.name);
      assert.ok(error instanceof Error, error.name);
      assert.equal(error.code, code, error.name);
      assert.equal(error.name, error.constructor.name, 'the name is the class name');
      if (!(error instanceof OcppError)) {
        assert.ok(!seen.has(code), `${code} is used once`);
        seen.add(code);
      }
    }
  });

  it('an error without a cause has no cause property, as a plain Error', () => {
    // MigrationError and DemoCsmsUnavailableError always have one.
    for (const [error] of EXAMPLES.filter(([e]) => !(e instanceof MigrationError) && !(e instanceof DemoCsmsUnavailableError))) {
      assert.equal('cause' in error, false, error.name);
    }
  });

  it('docs/errors.md has one row for each code, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([A-Z][A-Z_]+)` \| `(\w+)`/gm)].map((match) => [match[1], match[2]]);
    const expected = EXAMPLES.filter(([error]) => !(error instanceof OcppError)).map(([error, code]) => [code, error.name]);
    expected.push(['CLI_CTL_FAILED', 'CtlFailure']);
    assert.deepEqual(documented.sort(), expected.sort());
    assert.match(doc, /^\| \*the OCPP-J error code\*.*\| `OcppError` \|/m);
  });
});

describe('error causes', () => {
  it('OcppError and ConnectionLostError take a cause', () => {
    const socketError = new Error('EPIPE');
    assert.equal(new OcppError('InternalError', 'x', {}, { cause: socketError }).cause, socketError);
    assert.equal(new ConnectionLostError('Heartbeat', undefined, { cause: socketError }).cause, socketError);
    assert.equal(new ConnectionLostError('Heartbeat', undefined, { cause: socketError }).message, 'Heartbeat: the connection to the CSMS is not open');
  });

  it('a connection failure keeps the socket error as its cause, and its code as socketCode', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const attempt = openWebSocket(
      { url: `ws://127.0.0.1:${port}/ocpp/CS-1`, securityProfile: 1, clientOptions: {} },
      { clock, logger: silentLogger(), pingIntervalSeconds: () => 0, handshakeTimeoutMs: 10_000 },
    );
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof ConnectionFailedError);
      assert.equal(error.code, 'TRANSPORT_CONNECTION_FAILED');
      assert.equal(error.kind, 'network');
      assert.equal(error.socketCode, 'ECONNREFUSED');
      assert.ok(error.cause instanceof Error);
      assert.equal((error.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('a failed migration keeps the SQLite error as its cause', () => {
    const database = new Database(':memory:');
    try {
      assert.throws(
        () => runMigrations(database, [{ version: 1, description: 'broken', up: 'CREATE TABLE oops (' }]),
        (error: unknown) => {
          assert.ok(error instanceof MigrationError);
          assert.equal(error.code, 'STORAGE_MIGRATION_FAILED');
          assert.equal((error.cause as Error).constructor.name, 'SqliteError');
          assert.match(error.message, new RegExp((error.cause as Error).message.replace(/[()]/g, '\\$&')));
          return true;
        },
      );
    } finally {
      database.close();
    }
  });

  it('an unreadable or malformed configuration file keeps the file-system or JSON error as its cause', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-errors-'));
    try {
      assert.throws(
        () => loadStationConfig(join(dir, 'missing.json')),
        (error: unknown) => error instanceof StationConfigError && (error.cause as NodeJS.ErrnoException).code === 'ENOENT',
      );
      writeFileSync(join(dir, 'bad.json'), '{ nope');
      assert.throws(
        () => loadStationConfig(join(dir, 'bad.json')),
        (error: unknown) => error instanceof StationConfigError && error.cause instanceof SyntaxError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the control client keeps the fetch error, or the JSON error, as the cause', async () => {
    const port = await closedPort();
    await assert.rejects(new ControlClient(`http://127.0.0.1:${port}`, { timeoutMs: 5000 }).status(), (error: unknown) => {
      assert.ok(error instanceof ControlUnreachableError);
      assert.ok(error.cause instanceof Error);
      return true;
    });
    const server = createServer((_request, response) => response.end('<html>not json</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await assert.rejects(new ControlClient(url).status(), (error: unknown) => {
        assert.ok(error instanceof ControlApiError);
        assert.ok(error.cause instanceof SyntaxError);
        return true;
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a call whose frame cannot be sent for a reason that is not an Error fails with ConnectionLostError caused by it', async () => {
    const endpoint = new RpcEndpoint({
      clock: new FakeClock(),
      logger: silentLogger(),
      router: new HandlerRouter(),
      transmit: () => {
        throw 'socket gone'; // eslint-disable-line no-throw-literal
      },
      messageTimeoutSeconds: () => 30,
      maxFrameBytes: () => 65536,
    });
    await assert.rejects(endpoint.call('Heartbeat', {}), (error: unknown) => {
      assert.ok(error instanceof ConnectionLostError);
      assert.equal(error.cause, 'socket gone');
      return true;
    });
  });
});
