// OcppLink.send over a real socket to a CSMS that never answers: the RpcTimeoutError (FakeClock) shows the
// function that called send in its stack.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RpcTimeoutError } from '../../../src/rpc/errors.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';
import { createTestLink } from '../../support/test-link.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('a CALL to the CSMS that times out', () => {
  it("rejects with an RpcTimeoutError whose stack shows the caller of OcppLink.send", async () => {
    const peer = await CsmsPeer.start({ handlers: { Heartbeat: () => new Promise(() => {}) } });
    open.push(peer);
    const { link, clock } = createTestLink(peer, { stationId: 'CS-STACK', settings: { messageTimeoutSeconds: 30 } });
    open.push(link);
    const client = peer.nextClient();
    link.connect();
    await client;
    await waitFor(() => link.isConnected, 'the link to report connected');
    link.setRegistrationStatus('Accepted');

    async function sendHeartbeatFromNamedCaller() {
      return link.send('Heartbeat', {});
    }
    const rejected = assert.rejects(sendHeartbeatFromNamedCaller(), (error: unknown) => {
      assert.ok(error instanceof RpcTimeoutError);
      assert.equal(error.code, 'RPC_TIMEOUT');
      assert.match(error.stack!, /^RpcTimeoutError: Heartbeat \(message [^)]+\) got no response within 30000 ms\n/);
      assert.match(error.stack!, /OcppLink\.send/);
      assert.match(error.stack!, /sendHeartbeatFromNamedCaller/);
      return true;
    });
    await waitFor(() => peer.callsOf('Heartbeat').length === 1, 'the Heartbeat to reach the CSMS');
    await clock.advance(30_000);
    await rejected;
  });
});
