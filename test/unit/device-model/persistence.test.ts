// Values across a restart on a real SQLite file: what somebody changed survives, what is still the initial
// value applied last time gives way to a new configuration value or default.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { controller, declarationsOf, optional } from '../../../src/device-model/declare.js';
import { DeviceModel, type InitialValue } from '../../../src/device-model/device-model.js';
import type { AnyVariable } from '../../../src/device-model/types.js';
import { openStationDatabase } from '../../../src/storage/sqlite/database.js';
import { SqliteDeviceModelStore } from '../../../src/storage/sqlite/sqlite-device-model-store.js';
import { FakeClock } from '../../fakes/fake-clock.js';

/** The same controller as one firmware version declares it; `heartbeatDefault` changes between versions. */
function commCtrlr(heartbeatDefault = 300) {
  return controller('OCPPCommCtrlr', 'Core', {
    HeartbeatInterval: optional.integer({ min: 1, default: heartbeatDefault }),
    OfflineThreshold: optional.integer({ min: 0, default: 60 }),
    RetryBackOffWaitMinimum: optional.integer({ min: 0, default: 10 }),
    ActiveNetworkProfile: optional.integer({ mutability: 'ReadOnly', persistent: true, default: 0 }),
    Uptime: optional.integer({ mutability: 'ReadOnly', persistent: false, default: 0 }),
  });
}

const heartbeat = (value: string): InitialValue => ({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value });
const offline = (value: string): InitialValue => ({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, value });

let dir: string;
let file: string;
let clock: FakeClock;
const opened: Database[] = [];

/** Starts the station on the database file, as a process would after a restart. */
function start(initialValues: InitialValue[] = [], declarations: AnyVariable[] = declarationsOf(commCtrlr())): DeviceModel {
  for (const database of opened.splice(0)) database.close();
  const database = openStationDatabase(file);
  opened.push(database);
  return DeviceModel.load({ declarations, store: new SqliteDeviceModelStore(database), clock, initialValues });
}

function rows(): { variable_key: string; value: string; initial_value: string | null; changed_by: string }[] {
  return opened[0]!
    .prepare('SELECT variable_key, value, initial_value, changed_by FROM device_model_values ORDER BY variable_key')
    .all() as never;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocpp-station-dm-restart-'));
  file = join(dir, 'station.db');
  clock = new FakeClock('2026-04-01T00:00:00.000Z');
});

afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('values across a restart (SQLite file)', () => {
  it('a value the CSMS set survives a restart, even when the configuration file now says something else', () => {
    let model = start([heartbeat('300')]);
    const comm = commCtrlr();
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '600' }, 'csms');
    model = start([heartbeat('300')]);
    assert.equal(model.value(comm.HeartbeatInterval), 600);
    model = start([heartbeat('900')]);
    assert.equal(model.value(comm.HeartbeatInterval), 600);
  });

  it('a value nobody changed takes the new configuration value, and remembers it as the one applied', () => {
    let model = start([heartbeat('300'), offline('120')]);
    const comm = commCtrlr();
    model = start([heartbeat('900'), offline('120')]);
    assert.equal(model.value(comm.HeartbeatInterval), 900);
    assert.equal(model.value(comm.OfflineThreshold), 120);
    assert.deepEqual(
      rows().filter((r) => r.variable_key === 'HeartbeatInterval'),
      [{ variable_key: 'HeartbeatInterval', value: '900', initial_value: '900', changed_by: 'configuration' }],
    );
    // A later change records the initial value in force when it was made.
    model.set(comm.HeartbeatInterval, 45, 'integrator');
    assert.deepEqual(
      rows().filter((r) => r.variable_key === 'HeartbeatInterval'),
      [{ variable_key: 'HeartbeatInterval', value: '45', initial_value: '900', changed_by: 'integrator' }],
    );
  });

  it('a value nobody changed follows a changed declared default, and a configuration value removed from the file', () => {
    let model = start([], declarationsOf(commCtrlr(300)));
    const comm = commCtrlr();
    model = start([], declarationsOf(commCtrlr(120)));
    assert.equal(model.value(comm.HeartbeatInterval), 120);
    model = start([heartbeat('900')], declarationsOf(commCtrlr(120)));
    assert.equal(model.value(comm.HeartbeatInterval), 900);
    model = start([], declarationsOf(commCtrlr(120)));
    assert.equal(model.value(comm.HeartbeatInterval), 120);
  });

  it('changes by the integrator and by the station survive like changes by the CSMS', () => {
    let model = start();
    const comm = commCtrlr();
    model.set(comm.RetryBackOffWaitMinimum, 20, 'integrator');
    model.set(comm.ActiveNetworkProfile, 1, 'station');
    model = start([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: '30' }], declarationsOf(commCtrlr(120)));
    assert.equal(model.value(comm.RetryBackOffWaitMinimum), 20);
    assert.equal(model.value(comm.ActiveNetworkProfile), 1);
  });

  it('a value somebody set back to the initial value still counts as changed: a new configuration value does not replace it', () => {
    let model = start([heartbeat('300')]);
    const comm = commCtrlr();
    model.setVariable({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }, 'csms');
    model = start([heartbeat('900')]);
    assert.equal(model.value(comm.HeartbeatInterval), 300);
  });

  it('a non-persistent attribute starts from its initial value every time', () => {
    let model = start();
    const comm = commCtrlr();
    model.set(comm.Uptime, 3600, 'station');
    model = start();
    assert.equal(model.value(comm.Uptime), 0);
    assert.equal(rows().some((r) => r.variable_key === 'Uptime'), false);
  });

  it('a restart with nothing changed writes nothing', async () => {
    start([heartbeat('300')]);
    const before = opened[0]!.prepare('SELECT changed_at FROM device_model_values ORDER BY variable_key').pluck().all();
    await clock.advance(60_000);
    start([heartbeat('300')]);
    assert.deepEqual(opened[0]!.prepare('SELECT changed_at FROM device_model_values ORDER BY variable_key').pluck().all(), before);
  });
});
