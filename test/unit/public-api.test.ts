// The package's public API is declared on purpose in src/index.ts: this pins what it exports at run time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../src/index.js';

describe('public API', () => {
  it('exports exactly the run-time names it declares', () => {
    assert.deepEqual(Object.keys(api).sort(), [
      'ConnectionFailedError',
      'ConnectionLostError',
      'ConnectionManager',
      'DEFAULT_LINK_SETTINGS',
      'DuplicateHandlerError',
      'FrameTooLargeError',
      'HandlerRouter',
      'InMemoryNetworkProfiles',
      'MemoryQueueStore',
      'MessageDroppedError',
      'MessageQueue',
      'MigrationError',
      'OCPP_ACTIONS',
      'OCPP_SUBPROTOCOL',
      'OcppError',
      'OcppLink',
      'OutgoingPayloadError',
      'RPC_ERROR_CODES',
      'RpcEndpoint',
      'RpcTimeoutError',
      'SchemaTooNewError',
      'SecurityProfileError',
      'SqliteQueueStore',
      'assertValidOutgoing',
      'createLogger',
      'decodeFrame',
      'encodeCall',
      'encodeCallError',
      'encodeCallResult',
      'isOcppAction',
      'isRpcErrorCode',
      'openStationDatabase',
      'precompileAllValidators',
      'reconnectDelayMs',
      'silentLogger',
      'systemClock',
      'validatePayload',
    ]);
  });

  it('knows all 64 OCPP 2.0.1 actions', () => {
    assert.equal(api.OCPP_ACTIONS.length, 64);
    assert.ok(api.isOcppAction('BootNotification'));
    assert.ok(!api.isOcppAction('bootnotification'));
  });
});
