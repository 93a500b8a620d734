// Network timeouts on real time (issue 10 item 13): a simulated station running 100x faster than real time
// still gives the CSMS MessageTimeout real seconds to answer. Two FakeClocks: the station's (simulated) and the
// network's (real); moving the station clock far past the timeout fires nothing, moving the network clock does.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RpcTimeoutError } from '../../../src/rpc/errors.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';
import { createTestLink } from '../../support/test-link.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('the link with a network clock of its own', () => {
  it('times a CALL out on the network clock, not on the (faster) station clock', async () => {
    let answer: (() => void) | undefined;
    const peer = await CsmsPeer.start({ handlers: { Heartbeat: () => new Promise((resolve) => (answer = () => resolve({ currentTime: new Date().toISOString() }))) } });
    open.push(peer);
    const networkClock = new FakeClock(new Date());
    const { link, clock } = createTestLink(peer, { stationId: 'CS-NETCLOCK', settings: { messageTimeoutSeconds: 30 }, networkClock });
    open.push(link);
    const client = peer.nextClient();
    link.connect();
    await client;
    await waitFor(() => link.isConnected, 'the link to report connected');
    link.setRegistrationStatus('Accepted');

    let outcome: 'pending' | 'answered' | RpcTimeoutError = 'pending';
    const first = link.send('Heartbeat', {}).then(
      () => (outcome = 'answered'),
      (error: RpcTimeoutError) => (outcome = error),
    );
    await waitFor(() => peer.callsOf('Heartbeat').length === 1, 'the Heartbeat to reach the CSMS');
    // 100x speed: 400 real ms are 40 simulated seconds, past a 30 s MessageTimeout on simulated time.
    await clock.advance(40_000);
    await clock.advance(10 * 60_000);
    assert.equal(outcome, 'pending', 'simulated time does not time a network call out');
    answer!();
    await first;
    assert.equal(outcome, 'answered', 'the late answer is taken');

    const second = link.send('Heartbeat', {});
    const rejected = assert.rejects(second, (error: unknown) => error instanceof RpcTimeoutError && /within 30000 ms/.test(error.message));
    await waitFor(() => peer.callsOf('Heartbeat').length === 2, 'the second Heartbeat to reach the CSMS');
    await networkClock.advance(30_000);
    await rejected;
  });

  it('waits the reconnect back-off on the network clock', async () => {
    const peer = await CsmsPeer.start({ handlers: {} });
    open.push(peer);
    const networkClock = new FakeClock(new Date());
    const { link, clock } = createTestLink(peer, { stationId: 'CS-NETCLOCK-2', networkClock });
    open.push(link);
    const waits: number[] = [];
    const attempts: number[] = [];
    link.onWaiting((info) => waits.push(info.delayMs));
    link.onConnecting((info) => attempts.push(info.attempt));
    const client = peer.nextClient();
    link.connect();
    const first = await client;
    await waitFor(() => link.isConnected, 'connected');
    const reconnected = peer.nextClient();
    await first.close({ force: true });
    await waitFor(() => waits.length === 1, 'the back-off after the drop');
    await clock.advance(waits[0]! * 10);
    assert.equal(attempts.length, 1, 'the station clock does not end the back-off');
    await networkClock.advance(waits[0]!);
    assert.equal(attempts.length, 2, 'the network clock does');
    await reconnected;
  });
});
