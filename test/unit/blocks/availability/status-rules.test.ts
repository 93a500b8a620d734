// The precedence of connector statuses and how EVSE and station AvailabilityState follow from their parts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectorStatusOf,
  evseStatusOf,
  isOperativeStatus,
  stationStatusOf,
  type ConnectorFacts,
} from '../../../../src/blocks/availability/status-rules.js';

const idle: ConnectorFacts = { faulted: false, unavailable: false, occupiedSince: undefined, reservedSince: undefined };
const facts = (changes: Partial<ConnectorFacts>): ConnectorFacts => ({ ...idle, ...changes });

describe('connector status precedence: Faulted > Unavailable > Occupied / Reserved > Available', () => {
  it('G01.FR.01 a connector with nothing to report is Available', () => {
    assert.equal(connectorStatusOf(idle, true), 'Available');
  });

  it('G03.FR.06 / G04.FR.07 an Inoperative connector is Unavailable, but a Faulted one stays Faulted', () => {
    assert.equal(connectorStatusOf(idle, false), 'Unavailable');
    assert.equal(connectorStatusOf(facts({ faulted: true }), false), 'Faulted');
    assert.equal(connectorStatusOf(facts({ faulted: true, unavailable: true, occupiedSince: 1 }), true), 'Faulted');
  });

  it('Unavailable (Inoperative or reported unavailable) wins over Occupied and Reserved', () => {
    assert.equal(connectorStatusOf(facts({ occupiedSince: 1, reservedSince: 2 }), false), 'Unavailable');
    assert.equal(connectorStatusOf(facts({ unavailable: true, occupiedSince: 1 }), true), 'Unavailable');
    assert.equal(connectorStatusOf(facts({ unavailable: true, reservedSince: 1 }), true), 'Unavailable');
  });

  it('G01.FR.03 an occupied connector is Occupied, a reserved one Reserved', () => {
    assert.equal(connectorStatusOf(facts({ occupiedSince: 1 }), true), 'Occupied');
    assert.equal(connectorStatusOf(facts({ reservedSince: 1 }), true), 'Reserved');
  });

  it('G01.FR.09 an EV plugged into a Reserved connector leaves it Reserved', () => {
    assert.equal(connectorStatusOf(facts({ reservedSince: 1, occupiedSince: 2 }), true), 'Reserved');
  });

  it('H01.FR.11 a reservation reported on an occupied connector does not hide the EV on it', () => {
    assert.equal(connectorStatusOf(facts({ occupiedSince: 1, reservedSince: 2 }), true), 'Occupied');
  });
});

describe('EVSE and station AvailabilityState', () => {
  it('an EVSE is Occupied when one connector is (G01.FR.08), else Reserved, else Available', () => {
    assert.equal(evseStatusOf(['Available', 'Occupied'], true), 'Occupied');
    assert.equal(evseStatusOf(['Reserved', 'Available'], true), 'Reserved');
    assert.equal(evseStatusOf(['Available', 'Unavailable'], true), 'Available');
    assert.equal(evseStatusOf(['Unavailable', 'Faulted'], true), 'Unavailable');
  });

  it('G03 an Inoperative EVSE is Unavailable, unless all its connectors are Faulted', () => {
    assert.equal(evseStatusOf(['Occupied', 'Available'], false), 'Unavailable');
    assert.equal(evseStatusOf(['Faulted', 'Faulted'], false), 'Faulted');
  });

  it('G04 an Inoperative station is Unavailable; an Operative one Available while some EVSE is', () => {
    assert.equal(stationStatusOf(['Available', 'Occupied'], false), 'Unavailable');
    assert.equal(stationStatusOf(['Occupied', 'Available'], true), 'Available');
    assert.equal(stationStatusOf(['Occupied', 'Reserved'], true), 'Occupied');
    assert.equal(stationStatusOf(['Unavailable', 'Faulted'], true), 'Unavailable');
    assert.equal(stationStatusOf(['Faulted', 'Faulted'], true), 'Faulted');
  });

  it('G03 Operative statuses are Available, Occupied and Reserved', () => {
    assert.deepEqual(
      (['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'] as const).filter(isOperativeStatus),
      ['Available', 'Occupied', 'Reserved'],
    );
  });
});
