// OCPP-J 2.0.1 Part 4 §4: every malformed or unserviceable frame from the CSMS gets the CALLERROR the spec
// prescribes, and the link stays up afterwards. The CSMS is ocpp-rpc's strict RPCServer on loopback.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OcppLink } from '../../../src/link/ocpp-link.js';
import { MemoryQueueStore } from '../../../src/storage/memory/memory-queue-store.js';
import { InMemoryNetworkProfiles } from '../../../src/transport/network-profiles.js';
import type { InvalidMessageReport } from '../../../src/rpc/rpc-endpoint.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';

describe('OCPP-J inbound faults (Part 4 §4.2.3, table 8)', () => {
  let peer: CsmsPeer;
  let link: OcppLink;
  let client: PeerClient;
  const invalid: InvalidMessageReport[] = [];

  before(async () => {
    peer = await CsmsPeer.start({ handlers: { Heartbeat: () => ({ currentTime: new Date().toISOString() }) } });
    const profiles = InMemoryNetworkProfiles.forCsms(peer.url);
    link = new OcppLink({
      stationId: 'CS-FAULTS',
      store: new MemoryQueueStore(),
      profiles,
      credentials: () => ({ basicAuthPassword: 'irrelevant-password' }),
      settings: { maxFrameBytes: 64 * 1024 },
    });
    link.onInvalidMessage((report) => invalid.push(report));
    link.registerHandlers('test', {
      ClearCache: () => {
        throw new Error('boom');
      },
      GetLocalListVersion: () => ({ versionNumber: 7 }),
      // A handler that returns something its schema forbids: our bug, answered InternalError.
      GetTransactionStatus: () => ({ messagesInQueue: 'yes' }) as never,
    });
    const connected = peer.nextClient();
    link.connect();
    client = await connected;
    link.setRegistrationStatus('Accepted');
  });

  after(async () => {
    await link.close();
    await peer.close();
  });

  /** Sends a raw frame and returns the station's next frame, parsed. */
  async function exchange(text: string): Promise<unknown[]> {
    const seen = client.inbound.length;
    client.sendRaw(text);
    await waitFor(() => client.inbound.length > seen, 'an answer from the station');
    return JSON.parse(client.inbound[seen]!) as unknown[];
  }

  it('negotiates the ocpp2.0.1 subprotocol', () => {
    assert.equal(client.protocol, 'ocpp2.0.1');
  });

  it('answers invalid JSON with RpcFrameworkError and message id "-1"', async () => {
    const [type, id, code] = await exchange('[2, "abc", "Heartbeat", {');
    assert.deepEqual([type, id, code], [4, '-1', 'RpcFrameworkError']);
  });

  it('answers a frame that is not an array with RpcFrameworkError "-1"', async () => {
    const [type, id, code] = await exchange('{"hello": "world"}');
    assert.deepEqual([type, id, code], [4, '-1', 'RpcFrameworkError']);
  });

  it('answers a CALL with a missing field with RpcFrameworkError carrying its id', async () => {
    const [type, id, code] = await exchange('[2, "m-short", "ClearCache"]');
    assert.deepEqual([type, id, code], [4, 'm-short', 'RpcFrameworkError']);
  });

  it('answers an unknown message type with MessageTypeNotSupported', async () => {
    const [type, id, code] = await exchange('[7, "m-type", "ClearCache", {}]');
    assert.deepEqual([type, id, code], [4, 'm-type', 'MessageTypeNotSupported']);
  });

  it('answers an action OCPP 2.0.1 does not define with NotImplemented', async () => {
    const [type, id, code] = await exchange('[2, "m-unknown", "MakeCoffee", {}]');
    assert.deepEqual([type, id, code], [4, 'm-unknown', 'NotImplemented']);
  });

  it('answers a valid call of an action without a handler with NotSupported', async () => {
    const [type, id, code, description, details] = await exchange('[2, "m-unsupported", "ClearDisplayMessage", {"id": 1}]');
    assert.equal(typeof description, 'string');
    assert.deepEqual(details, {});
    assert.deepEqual([type, id, code], [4, 'm-unsupported', 'NotSupported']);
  });

  it('answers a missing required field with OccurrenceConstraintViolation', async () => {
    const [type, id, code] = await exchange('[2, "m-occ", "UnlockConnector", {"evseId": 1}]');
    assert.deepEqual([type, id, code], [4, 'm-occ', 'OccurrenceConstraintViolation']);
  });

  it('answers a wrong type with TypeConstraintViolation', async () => {
    const [type, id, code] = await exchange('[2, "m-type-c", "UnlockConnector", {"evseId": "one", "connectorId": 1}]');
    assert.deepEqual([type, id, code], [4, 'm-type-c', 'TypeConstraintViolation']);
  });

  it('answers a value outside its enumeration with PropertyConstraintViolation', async () => {
    const [type, id, code] = await exchange('[2, "m-prop", "GetBaseReport", {"requestId": 1, "reportBase": "Everything"}]');
    assert.deepEqual([type, id, code], [4, 'm-prop', 'PropertyConstraintViolation']);
  });

  it('answers a payload that is not an object with FormatViolation', async () => {
    const [type, id, code] = await exchange('[2, "m-fmt", "ClearCache", 42]');
    assert.deepEqual([type, id, code], [4, 'm-fmt', 'FormatViolation']);
  });

  it('answers a handler that throws with InternalError', async () => {
    const [type, id, code] = await exchange('[2, "m-throw", "ClearCache", {}]');
    assert.deepEqual([type, id, code], [4, 'm-throw', 'InternalError']);
  });

  it('answers a handler whose response breaks the schema with InternalError, never sending it', async () => {
    const [type, id, code] = await exchange('[2, "m-badresp", "GetTransactionStatus", {}]');
    assert.deepEqual([type, id, code], [4, 'm-badresp', 'InternalError']);
  });

  it('refuses a frame over the size limit with RpcFrameworkError', async () => {
    const big = `[2, "m-big", "ClearCache", {"customData": {"vendorId": "v", "blob": "${'x'.repeat(70 * 1024)}"}}]`;
    const [type, id, code] = await exchange(big);
    assert.deepEqual([type, id, code], [4, 'm-big', 'RpcFrameworkError']);
  });

  it('logs and drops a CALLRESULT with an unknown id, sending nothing back', async () => {
    const seen = client.inbound.length;
    client.sendRaw('[3, "nobody-asked", {}]');
    client.sendRaw('[4, "nobody-asked-either", "GenericError", "", {}]');
    const [type, id, payload] = await exchange('[2, "m-after", "GetLocalListVersion", {}]');
    assert.deepEqual([type, id, payload], [3, 'm-after', { versionNumber: 7 }]);
    assert.equal(client.inbound.length, seen + 1);
  });

  it('keeps the link up through all of it: the CSMS still gets answers and calls', async () => {
    assert.ok(link.isConnected);
    const response = await client.call('GetLocalListVersion', {});
    assert.deepEqual(response, { versionNumber: 7 });
    const heartbeat = await link.send('Heartbeat', {});
    assert.equal(typeof heartbeat.currentTime, 'string');
    assert.equal(peer.clients.length, 1, 'no reconnect happened');
  });

  it('reports each refused message for the InvalidMessages security event', () => {
    assert.ok(invalid.some((r) => r.errorCode === 'RpcFrameworkError'));
    assert.ok(invalid.some((r) => r.errorCode === 'TypeConstraintViolation'));
  });
});
