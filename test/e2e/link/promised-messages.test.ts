// F06.FR.10: a message the station accepted to send is sent. Under a burst of TriggerMessage requests while
// the CSMS is slow to answer, the outgoing queue reaches its size threshold: the station then rejects further
// triggers and report requests instead of accepting them and dropping what it promised.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('promised messages and the queue threshold (F06.FR.10, B07)', () => {
  it('F06.FR.10 every Accepted TriggerMessage(Heartbeat) of a burst is sent; those over the threshold are Rejected', async () => {
    let holdHeartbeats = true;
    const held: (() => void)[] = [];
    const peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Heartbeat: () => {
          const answer = { currentTime: new Date().toISOString() };
          return holdHeartbeats ? new Promise((resolve) => held.push(() => resolve(answer))) : answer;
        },
      },
    });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, { stationId: 'CS-PROMISE', linkSettings: { messageQueueSizeThreshold: 5 } });

    const answers = await Promise.all(Array.from({ length: 20 }, () => client.call('TriggerMessage', { requestedMessage: 'Heartbeat' })));
    const accepted = answers.filter((answer) => answer.status === 'Accepted').length;
    assert.ok(accepted >= 5 && accepted < 20, `some accepted, the rest rejected (accepted ${accepted})`);
    assert.ok(answers.every((answer) => answer.status === 'Accepted' || answer.status === 'Rejected'));

    // While full, a report request is refused too (nothing promised that could not be kept).
    assert.equal((await client.call('GetBaseReport', { requestId: 7, reportBase: 'SummaryInventory' })).status, 'Rejected');

    holdHeartbeats = false;
    for (const release of held.splice(0)) release();
    await waitFor(() => peer.callsOf('Heartbeat').length >= accepted, 'every accepted Heartbeat');
    assert.equal(peer.callsOf('Heartbeat').length, accepted);
    // With room again, the station promises again.
    assert.equal((await client.call('TriggerMessage', { requestedMessage: 'Heartbeat' })).status, 'Accepted');
    await waitFor(() => peer.callsOf('Heartbeat').length === accepted + 1, 'the next Heartbeat');
  });
});
