// ChangeAvailability (G03 EVSE / connector, G04 station): Accepted, Scheduled while a transaction runs, Rejected
// for what the station does not have; the StatusNotifications that follow, after the response.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChargingStation as ChargingStationComponent,
  connectorComponent,
  evseComponent,
} from '../../../../src/device-model/standardized/index.js';
import { createFixture } from './fixture.js';

describe('ChangeAvailability for an EVSE or a connector (G03)', () => {
  it('G03.FR.06 / G03.FR.04 an EVSE made Inoperative: Accepted, then Unavailable for each of its connectors after the response', async () => {
    const { availability, model, sent, settle, changeDeferred } = createFixture();
    const { response, respond } = changeDeferred('Inoperative', { id: 1 });
    assert.deepEqual(response, { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [], 'nothing before the response has gone out');
    respond();
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
    ]);
    assert.equal(model.value(evseComponent(1).AvailabilityState), 'Unavailable');
    assert.equal(model.value(evseComponent(1).Enabled), false);
    assert.equal(model.value(connectorComponent(2, 1).AvailabilityState), 'Available');
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Available');
    assert.equal(availability.operationalStatus(1), 'Inoperative');
  });

  it('G03.FR.07 an EVSE made Operative again gives its connectors back their own status', async () => {
    const { availability, sent, settle, change } = createFixture();
    availability.setOccupied(1, 2, true);
    change('Inoperative', { id: 1 });
    sent.clear();
    assert.deepEqual(change('Operative', { id: 1 }), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Available'],
      [1, 2, 'Occupied'],
    ]);
  });

  it('G03.FR.06 a Faulted connector stays Faulted when its EVSE becomes Inoperative, and nothing is sent for it', async () => {
    const { availability, sent, settle, change } = createFixture();
    availability.onFaulted(1, 1);
    sent.clear();
    change('Inoperative', { id: 1 });
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 2, 'Unavailable']]);
    assert.equal(availability.connectorStatus(1, 1), 'Faulted');
  });

  it('a single connector made Inoperative: only that connector becomes Unavailable', async () => {
    const { availability, model, sent, settle, change } = createFixture();
    assert.deepEqual(change('Inoperative', { id: 1, connectorId: 2 }), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 2, 'Unavailable']]);
    assert.equal(availability.connectorStatus(1, 1), 'Available');
    assert.equal(model.value(evseComponent(1).AvailabilityState), 'Available');
    assert.equal(model.value(connectorComponent(1, 2).Enabled), false);
  });

  it('G03 Note 1: a connector made Inoperative stays so when its EVSE goes Inoperative and Operative again', async () => {
    const { availability, sent, settle, change } = createFixture();
    change('Inoperative', { id: 1, connectorId: 1 });
    change('Inoperative', { id: 1 });
    sent.clear();
    change('Operative', { id: 1 });
    await settle();
    assert.deepEqual(sent.statuses(), [[1, 2, 'Available']]);
    assert.equal(availability.connectorStatus(1, 1), 'Unavailable');
    assert.equal(availability.operationalStatus(1, 1), 'Inoperative');
  });

  it('G03.FR.03 a request for the state already in force is Accepted and changes nothing', async () => {
    const { availability, sent, settle, change, store } = createFixture();
    assert.deepEqual(change('Operative', { id: 2 }), { status: 'Accepted' });
    change('Inoperative', { id: 2, connectorId: 1 });
    sent.clear();
    assert.deepEqual(change('Inoperative', { id: 2, connectorId: 1 }), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), []);
    assert.equal(availability.connectorStatus(2, 1), 'Unavailable');
    assert.equal(store.loadAll().has('evse:2'), false);
  });

  it('an EVSE made Inoperative while the station is already Inoperative: Accepted and kept, no StatusNotification', async () => {
    const { availability, sent, settle, change } = createFixture();
    change('Inoperative');
    sent.clear();
    assert.deepEqual(change('Inoperative', { id: 2 }), { status: 'Accepted' });
    change('Operative');
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Available'],
      [1, 2, 'Available'],
    ]);
    assert.equal(availability.connectorStatus(2, 1), 'Unavailable');
  });

  it('Rejected with UnknownEvse or UnknownConnectorId for what the station does not have', () => {
    const { availability, change, store } = createFixture();
    assert.deepEqual(change('Inoperative', { id: 3 }), { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } });
    assert.deepEqual(change('Inoperative', { id: 2, connectorId: 2 }), {
      status: 'Rejected',
      statusInfo: { reasonCode: 'UnknownConnectorId' },
    });
    assert.deepEqual(change('Inoperative', { id: 0, connectorId: 1 }), { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } });
    assert.equal(availability.isOperative(), true);
    assert.equal(store.loadAll().size, 0);
  });

  it('G03.FR.05 / G01.FR.05 with a transaction on the EVSE: Scheduled, persisted, and applied when it ends', async () => {
    const { availability, sent, settle, change, store, transactions } = createFixture();
    transactions.start(1);
    availability.setOccupied(1, 1, true);
    sent.clear();
    assert.deepEqual(change('Inoperative', { id: 1 }), { status: 'Scheduled' });
    await settle();
    assert.deepEqual(sent.statuses(), [], 'the transaction goes on');
    assert.equal(availability.connectorStatus(1, 1), 'Occupied');
    assert.equal(availability.operationalStatus(1), 'Operative');
    assert.equal(availability.scheduledStatus(1), 'Inoperative');
    assert.deepEqual(store.loadAll().get('evse:1'), { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' });
    assert.equal(availability.canStartCharging(1, 2), false, 'the change to Inoperative waits: no new transaction');

    transactions.end(1);
    availability.setOccupied(1, 1, false);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
    ]);
    assert.deepEqual(store.loadAll().get('evse:1'), { operationalStatus: 'Inoperative' });
    assert.equal(availability.scheduledStatus(1), undefined);
  });

  it('G03.FR.05 a connector of an EVSE with a transaction is Scheduled too; other EVSEs are Accepted at once', () => {
    const { availability, change, transactions } = createFixture();
    transactions.start(1);
    assert.deepEqual(change('Inoperative', { id: 1, connectorId: 2 }), { status: 'Scheduled' });
    assert.deepEqual(change('Inoperative', { id: 2 }), { status: 'Accepted' });
    assert.equal(availability.connectorStatus(2, 1), 'Unavailable');
    assert.equal(availability.connectorStatus(1, 2), 'Available');
    transactions.end(1);
    assert.equal(availability.connectorStatus(1, 2), 'Unavailable');
  });

  it('a Scheduled change is dropped by a request for the state in force, and the transaction end then changes nothing', async () => {
    const { availability, sent, settle, change, store, transactions } = createFixture();
    transactions.start(2);
    assert.deepEqual(change('Inoperative', { id: 2 }), { status: 'Scheduled' });
    assert.deepEqual(change('Operative', { id: 2 }), { status: 'Accepted' });
    assert.deepEqual(store.loadAll().get('evse:2'), { operationalStatus: 'Operative' });
    transactions.end(2);
    await settle();
    assert.deepEqual(sent.statuses(), []);
    assert.equal(availability.operationalStatus(2), 'Operative');
  });

  it('a second Scheduled request for the same scope replaces the first', () => {
    const { availability, change, transactions } = createFixture();
    transactions.start(1);
    change('Inoperative', { id: 1, connectorId: 1 });
    change('Operative', { id: 1, connectorId: 1 });
    assert.equal(availability.scheduledStatus(1, 1), undefined);
    assert.deepEqual(change('Inoperative', { id: 1, connectorId: 1 }), { status: 'Scheduled' });
    transactions.end(1);
    assert.equal(availability.operationalStatus(1, 1), 'Inoperative');
  });
});

describe('ChangeAvailability for the station (G04)', () => {
  it('G04.FR.01 / G04.FR.05 / G04.FR.07 without evse the whole station becomes Inoperative: every connector Unavailable', async () => {
    const { availability, model, sent, settle, change } = createFixture();
    assert.deepEqual(change('Inoperative'), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
      [2, 1, 'Unavailable'],
    ]);
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Unavailable');
    assert.equal(model.value(ChargingStationComponent.Enabled), false);
    assert.equal(model.value(evseComponent(2).AvailabilityState), 'Unavailable');
    assert.equal(availability.isOperative(), false);
  });

  it('G04.FR.08 Operative again: every EVSE and connector back to its own status', async () => {
    const { availability, model, sent, settle, change } = createFixture();
    availability.onReserved(2, 1);
    change('Inoperative', { id: 1, connectorId: 1 });
    change('Inoperative');
    sent.clear();
    assert.deepEqual(change('Operative'), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [
      [1, 2, 'Available'],
      [2, 1, 'Reserved'],
    ]);
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Available');
  });

  it('G04.FR.04 the state already in force is Accepted without StatusNotifications', async () => {
    const { sent, settle, change } = createFixture();
    assert.deepEqual(change('Operative'), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), []);
  });

  it('evse id 0 without a connector addresses the station', () => {
    const { availability, change } = createFixture();
    assert.deepEqual(change('Inoperative', { id: 0 }), { status: 'Accepted' });
    assert.equal(availability.operationalStatus(), 'Inoperative');
  });

  it('G04.FR.06 with a transaction running: Scheduled; idle EVSEs stop taking new sessions now, the rest when their transaction ends', async () => {
    const { availability, model, sent, settle, change, store, transactions } = createFixture();
    transactions.start(1);
    availability.setOccupied(1, 1, true);
    sent.clear();
    assert.deepEqual(change('Inoperative'), { status: 'Scheduled' });
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Unavailable']]);
    assert.equal(availability.canStartCharging(2), false);
    assert.equal(availability.operationalStatus(), 'Operative');
    assert.deepEqual(store.loadAll().get('station'), { operationalStatus: 'Operative', scheduledStatus: 'Inoperative' });
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Occupied');

    transactions.end(1);
    await settle();
    assert.deepEqual(sent.statuses(), [
      [2, 1, 'Unavailable'],
      [1, 1, 'Unavailable'],
      [1, 2, 'Unavailable'],
    ]);
    assert.equal(availability.operationalStatus(), 'Inoperative');
    assert.deepEqual(store.loadAll().get('station'), { operationalStatus: 'Inoperative' });
    assert.equal(model.value(ChargingStationComponent.AvailabilityState), 'Unavailable');
  });

  it('G04.FR.06 a station-wide change waits for every transaction; EVSEs become Unavailable one by one', () => {
    const { availability, change, transactions } = createFixture();
    transactions.start(1);
    transactions.start(2);
    assert.deepEqual(change('Inoperative'), { status: 'Scheduled' });
    assert.equal(availability.connectorStatus(2, 1), 'Available');
    transactions.end(2);
    assert.equal(availability.connectorStatus(2, 1), 'Unavailable');
    assert.equal(availability.connectorStatus(1, 1), 'Available');
    assert.equal(availability.operationalStatus(), 'Operative');
    transactions.end(1);
    assert.equal(availability.operationalStatus(), 'Inoperative');
  });

  it('a pending station-wide change dropped by Operative frees the held EVSEs again', async () => {
    const { availability, sent, settle, change, transactions } = createFixture();
    transactions.start(1);
    change('Inoperative');
    sent.clear();
    assert.deepEqual(change('Operative'), { status: 'Accepted' });
    await settle();
    assert.deepEqual(sent.statuses(), [[2, 1, 'Available']]);
    transactions.end(1);
    assert.equal(availability.operationalStatus(), 'Operative');
    assert.equal(availability.connectorStatus(1, 1), 'Available');
  });

  it('G04.FR.06 literal: making an Inoperative station Operative while a transaction runs is Scheduled too', () => {
    const { availability, change, transactions } = createFixture();
    change('Inoperative');
    transactions.start(2);
    assert.deepEqual(change('Operative'), { status: 'Scheduled' });
    assert.equal(availability.canStartCharging(1), false);
    transactions.end(2);
    assert.equal(availability.operationalStatus(), 'Operative');
    assert.equal(availability.canStartCharging(1), true);
  });

  it('without a transactions block nothing is ever busy', () => {
    const { availability, change } = createFixture({ options: { transactions: () => undefined } });
    assert.deepEqual(change('Inoperative'), { status: 'Accepted' });
    assert.equal(availability.isOperative(), false);
  });
});
