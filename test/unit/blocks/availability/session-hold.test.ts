// L01.FR.07: closing the station to new sessions while a firmware installation waits for transactions: EVSEs
// not in use go Unavailable at once, an EVSE in use when its use ends, and all come back with the last release.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFixture } from './fixture.js';

describe('closeToNewSessions (L01.FR.07)', () => {
  it('L01.FR.07 idle EVSEs go Unavailable at once, the EVSE in use stays Occupied until its EV leaves', async () => {
    const { availability, sent, settle } = createFixture();
    availability.setOccupied(1, 1, true);
    await settle();
    sent.clear();
    const release = availability.closeToNewSessions();
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Unavailable']]);
    assert.equal(availability.connectorStatus(1, 1), 'Occupied');
    assert.equal(availability.canStartCharging(2), false);

    sent.clear();
    availability.setOccupied(1, 1, false);
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 1, 'Unavailable'], [1, 2, 'Unavailable']]);

    sent.clear();
    release();
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 1, 'Available'], [1, 2, 'Available'], [2, 1, 'Available']]);
  });

  it('L01.FR.07 an EVSE that was freed stays Unavailable when an EV plugs in again, and no session can start on it', async () => {
    const { availability, settle } = createFixture();
    availability.setOccupied(2, 1, true);
    const release = availability.closeToNewSessions();
    availability.setOccupied(2, 1, false);
    availability.setOccupied(2, 1, true);
    await settle();
    assert.equal(availability.connectorStatus(2, 1), 'Unavailable');
    assert.equal(availability.canStartCharging(2, 1), false);
    release();
    assert.equal(availability.connectorStatus(2, 1), 'Occupied');
  });

  it('overlapping holds: the station opens with the last release; a release called twice counts once; Faulted stays Faulted', () => {
    const { availability } = createFixture();
    availability.onFaulted(2, 1);
    const first = availability.closeToNewSessions();
    const second = availability.closeToNewSessions();
    assert.equal(availability.connectorStatus(2, 1), 'Faulted');
    first();
    first();
    assert.equal(availability.connectorStatus(1, 1), 'Unavailable');
    second();
    assert.equal(availability.connectorStatus(1, 1), 'Available');
  });

  it('nothing of a hold is persisted: the operational statuses stay Operative', () => {
    const { availability } = createFixture();
    availability.closeToNewSessions();
    assert.equal(availability.operationalStatus(), 'Operative');
    assert.equal(availability.operationalStatus(1), 'Operative');
  });
});
