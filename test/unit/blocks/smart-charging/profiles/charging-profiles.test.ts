// The ChargingProfiles block: installing (K01), persistence and start-up (K01.FR.27), TxProfiles and their
// transaction (K02.FR.05, K05), expiry, and the change announcements the station re-applies its limits on.
// GetChargingProfiles / ReportChargingProfiles (K09) and ClearChargingProfile (K10): charging-profiles-get-clear.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingProfiles } from '../../../../../src/blocks/smart-charging/profiles/charging-profiles.js';
import type { ProfileChange } from '../../../../../src/blocks/smart-charging/profiles/profile-ports.js';
import { SmartChargingCtrlr } from '../../../../../src/device-model/standardized/index.js';
import { OcppError } from '../../../../../src/rpc/errors.js';
import type { CallContext } from '../../../../../src/rpc/handler-router.js';
import { MemoryChargingProfileStore } from '../../../../../src/storage/memory/memory-charging-profile-store.js';
import { silentLogger } from '../../../../../src/logger.js';
import { FakeClock } from '../../../../fakes/fake-clock.js';
import { FakeTransactions, START, createFixture, createModel, stationMax, txDefault, txProfile } from './support.js';

describe('SetChargingProfile (K01)', () => {
  it('K01.FR.27 an accepted profile is stored, with its EVSE, source CSO and installation time', () => {
    const { set, store, profiles } = createFixture();
    assert.deepEqual(set(1, txDefault(1)), { status: 'Accepted' });
    assert.deepEqual(store.loadAll(), [{ evseId: 1, source: 'CSO', installedAt: START, profile: txDefault(1) }]);
    assert.deepEqual(profiles.all(), [{ evseId: 1, profile: txDefault(1) }]);
  });

  it('K01.FR.27 profiles outlive a restart: a new block on the same store has them', () => {
    const store = new MemoryChargingProfileStore();
    const first = createFixture({ store });
    first.set(0, stationMax(1));
    first.set(0, txDefault(2));
    const second = createFixture({ store });
    assert.deepEqual(second.profiles.all().map((entry) => [entry.evseId, entry.profile.id]), [[0, 1], [0, 2]]);
  });

  it('a refused profile is answered Rejected with its reason code and is not stored', () => {
    const { set, store } = createFixture();
    const response = set(1, stationMax(1));
    assert.equal(response.status, 'Rejected');
    assert.equal(response.statusInfo?.reasonCode, 'InvalidProfile');
    assert.match(response.statusInfo?.additionalInfo ?? '', /EVSE 0/);
    assert.deepEqual(store.loadAll(), []);
  });

  it('K01.FR.05 a known id replaces the profile, in memory and in the store', () => {
    const { set, store, profiles } = createFixture();
    set(0, txDefault(1));
    assert.deepEqual(set(3, txDefault(1, { stackLevel: 4 })), { status: 'Accepted' });
    assert.equal(profiles.count, 1);
    assert.deepEqual(store.loadAll().map((record) => [record.evseId, record.profile.stackLevel]), [[3, 4]]);
  });

  it('K01.FR.04 a TxProfile for the transaction running on the EVSE is installed with its transactionId', () => {
    const { set, transactions, profiles } = createFixture();
    transactions.start(1, 'tx-1');
    assert.deepEqual(set(1, txProfile(5, 'tx-1')), { status: 'Accepted' });
    assert.equal(profiles.installed()[0]?.profile.transactionId, 'tx-1');
  });

  it('K01.FR.09 a TxProfile without a transaction on the EVSE: Rejected, TxNotFound', () => {
    const { set } = createFixture();
    assert.equal(set(1, txProfile(5, 'tx-1')).statusInfo?.reasonCode, 'TxNotFound');
  });

  it('K01.FR.07 the change is announced once the response has gone out', () => {
    const { profiles } = createFixture();
    const changes: ProfileChange[] = [];
    profiles.onChange((change) => changes.push(change));
    const tasks: (() => void)[] = [];
    const context: CallContext = { messageId: 'm-1', action: 'SetChargingProfile', afterResponse: (task) => tasks.push(task) };
    profiles.handlers().SetChargingProfile!({ evseId: 0, chargingProfile: txDefault(1) }, context);
    assert.deepEqual(changes, [], 'nothing before the response');
    tasks.forEach((task) => task());
    assert.deepEqual(changes, [{ reason: 'installed', evseIds: [0], installed: [{ evseId: 0, profile: txDefault(1) }], removed: [] }]);
  });

  it('K01.FR.05 replacing a profile on another EVSE announces both EVSEs; a refused one announces nothing', () => {
    const { set, profiles } = createFixture();
    set(1, txDefault(1));
    const changes: ProfileChange[] = [];
    const unsubscribe = profiles.onChange((change) => changes.push(change));
    set(3, txDefault(1));
    assert.equal(set(3, stationMax(2)).status, 'Rejected', 'the refused one (K04.FR.03: not on EVSE 3)');
    assert.deepEqual(changes, [
      { reason: 'installed', evseIds: [1, 3], installed: [{ evseId: 3, profile: txDefault(1) }], removed: [{ evseId: 1, profile: txDefault(1) }] },
    ]);
    unsubscribe();
    set(0, txDefault(3, { stackLevel: 2 }));
    assert.equal(changes.length, 1, 'no more announcements once unsubscribed');
  });

  it('K01.FR.29 with SmartChargingCtrlr.Enabled false, SetChargingProfile is answered NotSupported', () => {
    const { set, model } = createFixture();
    model.set(SmartChargingCtrlr.Enabled, false, 'integrator');
    assert.throws(() => set(0, txDefault(1)), (error: unknown) => error instanceof OcppError && error.code === 'NotSupported');
  });

  it('K01.FR.26 RateUnit is read from the device model', () => {
    const { set } = createFixture({ smartChargingVariables: { RateUnit: ['A'] } });
    const watts = txDefault(1);
    watts.chargingSchedule[0]!.chargingRateUnit = 'W';
    assert.equal(set(0, watts).statusInfo?.reasonCode, 'UnsupportedRateUnit');
  });

  it('K01.FR.20 ACPhaseSwitchingSupported is read from the device model', () => {
    const phaseTwo = txDefault(1);
    phaseTwo.chargingSchedule[0]!.chargingSchedulePeriod = [{ startPeriod: 0, limit: 16, numberPhases: 1, phaseToUse: 2 }];
    assert.equal(createFixture().set(3, phaseTwo).statusInfo?.reasonCode, 'InvalidSchedule');
    assert.equal(createFixture({ smartChargingVariables: { ACPhaseSwitchingSupported: true } }).set(3, phaseTwo).status, 'Accepted');
  });

  it('SmartChargingCtrlr.Entries[ChargingProfiles] counts the installed profiles; at its maxLimit: Rejected, OutOfStorage', () => {
    const { set, model, profiles } = createFixture();
    const day = (index: number) => new Date(Date.parse('2026-04-01T00:00:00Z') + index * 86_400_000).toISOString();
    for (let index = 0; index < 100; index++) {
      const response = set(1, txDefault(100 + index, { validFrom: day(index), validTo: day(index + 1) }));
      assert.equal(response.status, 'Accepted', response.statusInfo?.additionalInfo);
    }
    assert.equal(model.value(SmartChargingCtrlr.EntriesChargingProfiles), 100);
    assert.equal(set(0, stationMax(1)).statusInfo?.reasonCode, 'OutOfStorage');
    assert.equal(set(1, txDefault(100, { validFrom: day(0), validTo: day(1), stackLevel: 1 })).status, 'Accepted', 'replacing still fits');
    profiles.remove([100, 101]);
    assert.equal(model.value(SmartChargingCtrlr.EntriesChargingProfiles), 98);
  });

  it('a store that fails to save: Rejected, InternalError, nothing installed', () => {
    const store = new MemoryChargingProfileStore();
    store.save = () => {
      throw new Error('disk full');
    };
    const { set, profiles } = createFixture({ store });
    const result = set(0, txDefault(1));
    assert.equal(result.status, 'Rejected');
    assert.deepEqual(result.statusInfo?.reasonCode, 'InternalError');
    assert.equal(profiles.count, 0);
  });
});

describe('TxProfiles and transactions (K02.FR.05, K05)', () => {
  it('K02.FR.05 the TxProfiles of a transaction go when it ends, from the store too; others stay', () => {
    const { set, transactions, profiles, store } = createFixture();
    transactions.start(1, 'tx-1');
    transactions.start(3, 'tx-3');
    set(1, txProfile(1, 'tx-1'));
    set(1, txProfile(2, 'tx-1', { stackLevel: 1 }));
    set(3, txProfile(3, 'tx-3'));
    set(1, txDefault(4));
    const changes: ProfileChange[] = [];
    profiles.onChange((change) => changes.push(change));
    assert.equal(profiles.removeForTransaction('tx-1'), 2);
    assert.deepEqual(store.loadAll().map((record) => record.profile.id), [3, 4]);
    assert.deepEqual(changes, [
      {
        reason: 'transactionEnded',
        evseIds: [1],
        installed: [],
        removed: [
          { evseId: 1, profile: txProfile(1, 'tx-1') },
          { evseId: 1, profile: txProfile(2, 'tx-1', { stackLevel: 1 }) },
        ],
      },
    ]);
    assert.equal(profiles.removeForTransaction('tx-unknown'), 0);
    assert.equal(changes.length, 1, 'nothing removed, nothing announced');
  });

  it('K05.FR.03/F01.FR.10 a remote start profile becomes a TxProfile of its transaction once it exists', () => {
    const { transactions, profiles } = createFixture();
    const changes: ProfileChange[] = [];
    profiles.onChange((change) => changes.push(change));
    transactions.start(3, 'tx-remote');
    assert.deepEqual(profiles.installForTransaction(3, 'tx-remote', txProfile(8, undefined)), { status: 'Accepted' });
    assert.deepEqual(profiles.all(), [{ evseId: 3, profile: txProfile(8, 'tx-remote') }]);
    assert.deepEqual(changes, [{ reason: 'installed', evseIds: [3], installed: [{ evseId: 3, profile: txProfile(8, 'tx-remote') }], removed: [] }]);
    assert.equal(profiles.removeForTransaction('tx-remote'), 1);
  });

  it('K05.FR.02 a remote start profile that is not a TxProfile is not installed', () => {
    const { transactions, profiles } = createFixture();
    transactions.start(1, 'tx-1');
    assert.equal(profiles.installForTransaction(1, 'tx-1', txDefault(8)).statusInfo?.reasonCode, 'InvalidProfile');
    assert.equal(profiles.count, 0);
  });

  it('K05.FR.05 checkRemoteStartProfile: InvalidProfile or InvalidSchedule for an invalid profile, nothing for a valid one', () => {
    const { profiles } = createFixture();
    assert.equal(profiles.checkRemoteStartProfile(txProfile(1, undefined), 1), undefined);
    assert.equal(profiles.checkRemoteStartProfile(txDefault(1), 1)?.reasonCode, 'InvalidProfile');
    assert.equal(profiles.checkRemoteStartProfile(txProfile(1, 'tx-9'), 1)?.reasonCode, 'InvalidProfile');
    const late = txProfile(1, undefined);
    late.chargingSchedule[0]!.chargingSchedulePeriod[0]!.startPeriod = 10;
    const info = profiles.checkRemoteStartProfile(late, 1);
    assert.equal(info?.reasonCode, 'InvalidSchedule');
    assert.match(info?.additionalInfo ?? '', /^K01\.FR\.31: /);
    const watts = txProfile(1, undefined);
    watts.chargingSchedule[0]!.chargingRateUnit = 'W';
    assert.equal(createFixture({ smartChargingVariables: { RateUnit: ['A'] } }).profiles.checkRemoteStartProfile(watts, 1)?.reasonCode, 'InvalidSchedule');
  });
});

describe('start-up (K01.FR.27)', () => {
  it('drops what is no longer valid: an expired profile, a TxProfile whose transaction is not open, an EVSE that is gone', async () => {
    const store = new MemoryChargingProfileStore();
    const clock = new FakeClock(START);
    const transactions = new FakeTransactions();
    transactions.start(1, 'tx-1');
    transactions.start(3, 'tx-3');
    const first = createFixture({ store, clock, transactions });
    first.set(1, txDefault(1, { validTo: '2026-03-01T13:00:00Z' }));
    first.set(1, txProfile(2, 'tx-1'));
    first.set(3, txProfile(3, 'tx-3'));
    first.set(0, stationMax(4));
    store.save({ evseId: 9, source: 'CSO', installedAt: START, profile: txDefault(5) });

    await clock.advance(2 * 3600_000);
    transactions.end(1);
    const changes: ProfileChange[] = [];
    const second = createFixture({ store, clock, transactions, restore: false });
    second.profiles.onChange((change) => changes.push(change));
    second.profiles.restore();
    assert.deepEqual(second.profiles.all().map((entry) => entry.profile.id), [3, 4]);
    assert.deepEqual(store.loadAll().map((record) => record.profile.id), [3, 4]);
    assert.equal(second.model.value(SmartChargingCtrlr.EntriesChargingProfiles), 2);
    assert.deepEqual(changes.map((change) => [change.reason, change.evseIds, change.removed.map((entry) => entry.profile.id)]), [['restored', [1, 9], [1, 2, 5]]]);
  });

  it('drops what the SmartChargingCtrlr limits of this run refuse (a lower ProfileStackLevel)', () => {
    const store = new MemoryChargingProfileStore();
    const first = createFixture({ store });
    first.set(0, txDefault(1, { stackLevel: 5 }));
    first.set(0, txDefault(2, { stackLevel: 1 }));
    const clock = new FakeClock(START);
    const shrunk = new ChargingProfiles({
      model: createModel(clock, { ProfileStackLevel: 2 }),
      store,
      clock,
      logger: silentLogger(),
      send: first.sent.send,
      evseIds: [1, 2, 3],
      transactions: first.transactions,
    });
    shrunk.restore();
    assert.deepEqual(shrunk.all().map((entry) => entry.profile.id), [2]);
    assert.deepEqual(store.loadAll().map((record) => record.profile.id), [2]);
  });
});

describe('expiry', () => {
  it('K01.FR.37 a profile whose validTo has passed is dropped before the next request and is no longer reported', async () => {
    const { set, get, clock, profiles, store } = createFixture();
    set(0, txDefault(1, { validTo: '2026-03-01T12:30:00Z' }));
    set(0, stationMax(2));
    await clock.advance(30 * 60_000);
    const changes: ProfileChange[] = [];
    profiles.onChange((change) => changes.push(change));
    assert.deepEqual(get({ requestId: 1, chargingProfile: { chargingProfileId: [1] } }), { status: 'NoProfiles' });
    assert.deepEqual(store.loadAll().map((record) => record.profile.id), [2]);
    assert.deepEqual(changes.map((change) => [change.reason, change.evseIds, change.removed.map((entry) => entry.profile.id)]), [['expired', [0], [1]]]);
  });
});

describe('what the composite calculation gets', () => {
  it('all(): every profile as { evseId, profile }; forEvse(n): the EVSE\'s own and the station-wide ones', () => {
    const { set, profiles } = createFixture();
    set(0, stationMax(1));
    set(1, txDefault(2));
    set(3, txDefault(3));
    assert.deepEqual(profiles.all(), [
      { evseId: 0, profile: stationMax(1) },
      { evseId: 1, profile: txDefault(2) },
      { evseId: 3, profile: txDefault(3) },
    ]);
    assert.deepEqual(profiles.forEvse(1).map((entry) => entry.profile.id), [1, 2]);
    assert.deepEqual(profiles.forEvse(0).map((entry) => entry.profile.id), [1]);
  });

  it('hands out copies', () => {
    const { set, profiles } = createFixture();
    set(1, txDefault(2));
    profiles.all()[0]!.profile.stackLevel = 9;
    assert.equal(profiles.all()[0]!.profile.stackLevel, 0);
  });

  it('a listener that throws does not stop the others', () => {
    const { profiles } = createFixture();
    let called = 0;
    profiles.onChange(() => {
      throw new Error('boom');
    });
    profiles.onChange(() => called++);
    profiles.install(txDefault(1), 0);
    assert.equal(called, 1);
  });
});
