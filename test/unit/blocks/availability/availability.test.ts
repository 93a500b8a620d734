// The Availability block with a real device model: the integrator's handlers, effective statuses in the
// device model, StatusNotification on change only, queries for the transactions block, and persistence.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChargingStation as ChargingStationComponent,
  connectorComponent,
  evseComponent,
} from '../../../../src/device-model/standardized/index.js';
import { MemoryAvailabilityStore } from '../../../../src/storage/memory/memory-availability-store.js';
import type { ConnectorStatusChange } from '../../../../src/blocks/availability/availability.js';
import { createFixture, FakeTransactions, LAYOUT } from './fixture.js';

describe('start-up', () => {
  it('every connector, EVSE and the station start Available in the device model, and nothing is sent', () => {
    const { availability, model, sent } = createFixture({ booted: false });
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Available');
    for (const evse of LAYOUT.evses) {
      assert.equal(model.value(evseComponent(evse.id).AvailabilityState), 'Available');
      for (const connectorId of evse.connectorIds) {
        assert.equal(model.value(connectorComponent(evse.id, connectorId).AvailabilityState), 'Available');
        assert.equal(availability.connectorStatus(evse.id, connectorId), 'Available');
      }
    }
    assert.deepEqual(sent.messages, []);
  });

  it('B01.FR.05 sendAll reports each connector once; changes before it are not sent on their own', async () => {
    const { availability, sent, settle } = createFixture({ booted: false });
    availability.onFaulted(2, 1);
    assert.deepEqual(sent.statuses(), []);
    availability.sendAll();
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Available'],
      [1, 2, 'Available'],
      [2, 1, 'Faulted'],
    ]);
  });

  it('with registrationAccepted given, changes are reported whenever it says Accepted', async () => {
    let accepted = false;
    const { availability, sent, settle } = createFixture({ booted: false, options: { registrationAccepted: () => accepted } });
    availability.onFaulted(1, 1);
    accepted = true;
    availability.onFaultCleared(1, 1);
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 1, 'Available']]);
  });
});

describe('the integrator handlers (G01)', () => {
  it('G01.FR.03 / G01.FR.04 plugging in reports Occupied, unplugging Available, each once', async () => {
    const { availability, model, sent, settle } = createFixture();
    availability.setOccupied(1, 1, true);
    availability.setOccupied(1, 1, true);
    assert.equal(availability.connectorStatus(1, 1), 'Occupied');
    assert.equal(model.value(connectorComponent(1, 1).AvailabilityState), 'Occupied');
    assert.equal(model.value(evseComponent(1).AvailabilityState), 'Occupied');
    availability.setOccupied(1, 1, false);
    availability.setOccupied(1, 1, false);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Occupied'],
      [1, 1, 'Available'],
    ]);
  });

  it('G01.FR.08 plugging into one connector of an EVSE sends nothing for its other connector', async () => {
    const { availability, sent, settle } = createFixture();
    availability.setOccupied(1, 2, true);
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 2, 'Occupied']]);
    assert.equal(availability.connectorStatus(1, 1), 'Available');
  });

  it('onFaulted / onFaultCleared: Faulted wins over Occupied, and clearing gives back the status underneath', async () => {
    const { availability, sent, settle } = createFixture();
    availability.setOccupied(2, 1, true);
    availability.onFaulted(2, 1);
    assert.equal(availability.connectorStatus(2, 1), 'Faulted');
    availability.onFaultCleared(2, 1);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [2, 1, 'Occupied'],
      [2, 1, 'Faulted'],
      [2, 1, 'Occupied'],
    ]);
  });

  it('onUnavailable / onEnabled: Unavailable wins over Reserved; the reservation shows again when enabled', async () => {
    const { availability, sent, settle } = createFixture();
    availability.onReserved(2, 1);
    availability.onUnavailable(2, 1);
    availability.onEnabled(2, 1);
    availability.onReservationCleared(2, 1);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [2, 1, 'Reserved'],
      [2, 1, 'Unavailable'],
      [2, 1, 'Reserved'],
      [2, 1, 'Available'],
    ]);
  });

  it('G01.FR.09 / H03.FR.10 an EV plugged into a Reserved connector keeps it Reserved until the reservation is used', async () => {
    const { availability, sent, settle } = createFixture();
    availability.onReserved(1, 1);
    availability.setOccupied(1, 1, true);
    assert.equal(availability.connectorStatus(1, 1), 'Reserved');
    availability.onReservationCleared(1, 1);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Reserved'],
      [1, 1, 'Occupied'],
    ]);
  });

  it('unknown EVSEs and connectors are programming errors', () => {
    const { availability } = createFixture();
    assert.throws(() => availability.onFaulted(3, 1), RangeError);
    assert.throws(() => availability.setOccupied(1, 3, true), RangeError);
    assert.throws(() => availability.connectorStatus(2, 2), RangeError);
  });

  it('onStatusChange tells each effective change, with the one before, until unsubscribed', () => {
    const { availability } = createFixture();
    const seen: ConnectorStatusChange[] = [];
    const stop = availability.onStatusChange((change) => seen.push(change));
    availability.onReserved(2, 1);
    availability.onReserved(2, 1);
    stop();
    availability.onReservationCleared(2, 1);
    assert.deepEqual(seen, [{ evseId: 2, connectorId: 1, status: 'Reserved', previous: 'Available' }]);
  });

  it('a failing listener does not stop the others nor the StatusNotification', async () => {
    const { availability, sent, settle } = createFixture();
    const seen: string[] = [];
    availability.onStatusChange(() => {
      throw new Error('boom');
    });
    availability.onStatusChange((change) => seen.push(change.status));
    availability.onFaulted(1, 1);
    await settle();
    assert.deepEqual(seen, ['Faulted']);
    assert.deepEqual(sent.statuses(), [[1, 1, 'Faulted']]);
  });
});

describe('queries for the transactions block', () => {
  it('isOperative: the station and an EVSE are operative unless Unavailable or Faulted', () => {
    const { availability, change } = createFixture();
    assert.equal(availability.isOperative(), true);
    availability.onFaulted(2, 1);
    assert.equal(availability.isOperative(2), false);
    assert.equal(availability.isOperative(1), true);
    change('Inoperative', { id: 1 });
    assert.equal(availability.isOperative(1), false);
    assert.equal(availability.isOperative(), false, 'no EVSE can be charged at');
    assert.equal(availability.isOperative(3), false, 'an EVSE the station does not have');
  });

  it('canStartCharging: not on a Faulted or Unavailable connector; an EVSE passes while one connector can', () => {
    const { availability, change } = createFixture();
    assert.equal(availability.canStartCharging(1, 1), true);
    availability.onFaulted(1, 1);
    assert.equal(availability.canStartCharging(1, 1), false);
    assert.equal(availability.canStartCharging(1), true);
    change('Inoperative', { id: 1, connectorId: 2 });
    assert.equal(availability.canStartCharging(1), false);
    availability.onReserved(2, 1);
    assert.equal(availability.canStartCharging(2, 1), true, 'the reservation decides who may use it');
    assert.equal(availability.canStartCharging(3), false);
    assert.equal(availability.canStartCharging(2, 5), false);
  });
});

describe('persistence (B01.FR.07, B11.FR.02, B12.FR.06, G03.FR.08, G04.FR.09)', () => {
  it('Inoperative states come back after a restart; what the integrator reported does not', async () => {
    const store = new MemoryAvailabilityStore();
    const before = createFixture({ store });
    before.change('Inoperative', { id: 1 });
    before.change('Inoperative', { id: 2, connectorId: 1 });
    before.availability.onFaulted(1, 2);

    const after = createFixture({ store, booted: false });
    assert.equal(after.availability.operationalStatus(1), 'Inoperative');
    assert.equal(after.availability.operationalStatus(2, 1), 'Inoperative');
    assert.equal(after.availability.connectorStatus(1, 1), 'Unavailable');
    assert.equal(after.availability.connectorStatus(1, 2), 'Unavailable', 'the fault is not remembered');
    assert.equal(after.model.value(evseComponent(1).AvailabilityState), 'Unavailable');
    assert.equal(after.model.value(connectorComponent(2, 1).AvailabilityState), 'Unavailable');
    assert.equal(after.model.value(ChargingStationComponent.AvailabilityState), 'Unavailable');
    after.availability.sendAll();
    await after.settle();
    assert.deepEqual(after.sent.statuses(), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
      [2, 1, 'Unavailable'],
    ]);
  });

  it('a station set Inoperative stays Inoperative after a restart, and Operative again after the next', () => {
    const store = new MemoryAvailabilityStore();
    createFixture({ store }).change('Inoperative');
    const second = createFixture({ store });
    assert.equal(second.availability.operationalStatus(), 'Inoperative');
    assert.equal(second.availability.isOperative(), false);
    second.change('Operative');
    const third = createFixture({ store });
    assert.equal(third.availability.operationalStatus(), 'Operative');
    assert.equal(third.availability.connectorStatus(2, 1), 'Available');
  });

  it('stored states of scopes the station no longer has are ignored', () => {
    const store = new MemoryAvailabilityStore();
    store.save('evse:9', { operationalStatus: 'Inoperative' });
    store.save('connector:1.7', { operationalStatus: 'Inoperative' });
    store.save('garbage', { operationalStatus: 'Inoperative' });
    const { availability } = createFixture({ store });
    assert.equal(availability.isOperative(), true);
    assert.equal(availability.connectorStatus(1, 1), 'Available');
  });

  it('a change answered Scheduled before a restart is applied once no transaction runs (resumeScheduled)', () => {
    const store = new MemoryAvailabilityStore();
    const transactions = new FakeTransactions();
    transactions.start(1);
    const before = createFixture({ store, transactions });
    assert.equal(before.change('Inoperative', { id: 1 }).status, 'Scheduled');

    const restarted = new FakeTransactions();
    restarted.start(1);
    const after = createFixture({ store, transactions: restarted, booted: false });
    assert.equal(after.availability.scheduledStatus(1), 'Inoperative');
    assert.equal(after.availability.canStartCharging(1), false, 'no new transaction while the change waits');
    after.availability.resumeScheduled();
    assert.equal(after.availability.operationalStatus(1), 'Operative');
    restarted.end(1);
    assert.equal(after.availability.operationalStatus(1), 'Inoperative');
    assert.equal(after.availability.scheduledStatus(1), undefined);
    assert.deepEqual(store.loadAll().get('evse:1'), { operationalStatus: 'Inoperative' });
  });

  it('sendAll applies a stored scheduled change whose transaction is gone, before reporting (one StatusNotification each)', async () => {
    const store = new MemoryAvailabilityStore();
    store.save('station', { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' });
    const { availability, sent, settle } = createFixture({ store, booted: false });
    availability.sendAll();
    await settle();
    assert.equal(availability.operationalStatus(), 'Inoperative');
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
      [2, 1, 'Unavailable'],
    ]);
  });
});
