// The station's time set back by the CSMS (B01.FR.06 / G02.FR.06: BootNotification and Heartbeat give the time)
// must not stretch the queue's waits: a station whose clock was an hour ahead sends its boot messages at once,
// not an hour later, when the BootNotificationResponse sets its time back. The fake clock does not move here.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, createTestStation, type Closables } from '../../support/test-station.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('the station time set back by the CSMS', () => {
  it('B01.FR.06 an hour ahead: the time is taken from the BootNotificationResponse and the queue does not wait for the hour', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const clock = new FakeClock(new Date(Date.now() + 3600_000));
    const test = createTestStation(peer, { stationId: 'CS-TIME-BACK', clock });
    open.push({ close: () => test.station.stop() });
    test.station.start();
    await waitFor(() => test.station.registrationStatus === 'Accepted', 'Accepted');
    await waitFor(
      () => peer.callsOf('StatusNotification').length >= 1 && peer.callsOf('SecurityEventNotification').length >= 1,
      'the boot messages, without the fake clock moving',
    );
    const skew = Date.parse(peer.callsOf('StatusNotification')[0]!.payload.timestamp) - Date.now();
    assert.ok(Math.abs(skew) < 60_000, `the StatusNotification carries the CSMS's time, ${skew} ms off`);
  });
});
