// What the CSMS is told and when: offline periods (B04), StatusNotifications the link keeps queued,
// OCPPCommCtrlr.MinimumStatusDuration, and TriggerMessage(StatusNotification) (F06.FR.12/13).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OCPPCommCtrlr } from '../../../../src/device-model/standardized/index.js';
import { createFixture } from './fixture.js';

describe('offline periods (B04)', () => {
  it('B04.FR.02 back within OfflineThreshold: only the connectors whose status changed meanwhile are reported', async () => {
    const { availability, model, clock, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.OfflineThreshold, 60, 'integrator');
    availability.linkDown();
    sent.mode = 'drop';
    availability.setOccupied(2, 1, true);
    availability.onFaulted(1, 1);
    availability.onFaultCleared(1, 1);
    await settle();
    await clock.advance(30_000);
    sent.mode = 'deliver';
    availability.backOnline();
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Occupied']]);
  });

  it('B04.FR.01 back after longer than OfflineThreshold: every connector is reported', async () => {
    const { availability, model, clock, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.OfflineThreshold, 60, 'integrator');
    availability.linkDown();
    await clock.advance(61_000);
    availability.backOnline();
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Available'],
      [1, 2, 'Available'],
      [2, 1, 'Available'],
    ]);
  });

  it('a StatusNotification the link keeps queued through the outage (QueueAllMessages) is not sent again', async () => {
    const { availability, model, clock, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.OfflineThreshold, 60, 'integrator');
    availability.linkDown();
    sent.mode = 'hold';
    availability.onFaulted(2, 1);
    await clock.advance(10_000);
    availability.backOnline();
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Faulted']]);
  });
});

describe('OCPPCommCtrlr.MinimumStatusDuration', () => {
  it('reports a status once it has held that long', async () => {
    const { availability, model, clock, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.MinimumStatusDuration, 5, 'integrator');
    availability.setOccupied(1, 1, true);
    await clock.advance(4_999);
    assert.deepEqual(sent.statuses(), []);
    assert.equal(availability.connectorStatus(1, 1), 'Occupied', 'the status itself changes at once');
    await clock.advance(1);
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 1, 'Occupied']]);
  });

  it('a status that does not hold is never reported; the one it settles on is, once', async () => {
    const { availability, model, clock, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.MinimumStatusDuration, 5, 'integrator');
    availability.setOccupied(1, 1, true);
    await clock.advance(2_000);
    availability.setOccupied(1, 1, false);
    await clock.advance(10_000);
    availability.onFaulted(2, 1);
    await clock.advance(3_000);
    availability.onReserved(2, 1);
    availability.onFaultCleared(2, 1);
    await clock.advance(5_000);
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Reserved']]);
    availability.stop();
  });

  it('0 (or not set) reports at once', async () => {
    const { availability, model, sent, settle } = createFixture();
    model.set(OCPPCommCtrlr.MinimumStatusDuration, 0, 'integrator');
    availability.onFaulted(1, 2);
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 2, 'Faulted']]);
  });
});

describe('TriggerMessage(StatusNotification) (F06.FR.12/13)', () => {
  it('sends the current status of a known connector as requested by the CSMS', async () => {
    const { availability, sent, settle } = createFixture();
    availability.onReserved(2, 1);
    sent.clear();
    const decision = availability.trigger({ id: 2, connectorId: 1 });
    assert.equal(decision.status, 'Accepted');
    if (decision.status === 'Accepted') decision.send();
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Reserved']]);
    assert.equal(sent.messages[0]!.requestedByCsms, true);
  });

  it('Rejected without a connector or for an unknown one', () => {
    const { availability } = createFixture();
    assert.equal(availability.trigger(undefined).status, 'Rejected');
    assert.equal(availability.trigger({ id: 1 }).status, 'Rejected');
    assert.equal(availability.trigger({ id: 2, connectorId: 2 }).status, 'Rejected');
  });
});
