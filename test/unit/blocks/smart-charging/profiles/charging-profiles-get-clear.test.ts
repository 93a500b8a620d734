// The ChargingProfiles block asked by the CSMS: GetChargingProfiles with its ReportChargingProfiles pages (K09)
// and ClearChargingProfile (K10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileChange } from '../../../../../src/blocks/smart-charging/profiles/profile-ports.js';
import type { ChargingProfileType } from '../../../../../src/messages/types.js';
import type { CallContext } from '../../../../../src/rpc/handler-router.js';
import { createFixture, stationMax, txDefault, txProfile } from './support.js';

const external = (id: number, overrides: Partial<ChargingProfileType> = {}): ChargingProfileType =>
  stationMax(id, { chargingProfilePurpose: 'ChargingStationExternalConstraints', ...overrides });

describe('GetChargingProfiles (K09)', () => {
  function stocked() {
    const fixture = createFixture();
    fixture.transactions.start(1, 'tx-1');
    fixture.set(0, stationMax(1));
    fixture.set(0, txDefault(2, { stackLevel: 1 }));
    fixture.set(1, txDefault(3));
    fixture.set(1, txProfile(4, 'tx-1', { stackLevel: 2 }));
    fixture.set(3, txDefault(5));
    fixture.profiles.install(external(6), 0, { origin: 'External', source: 'EMS' });
    return fixture;
  }

  const reportedIds = (fixture: ReturnType<typeof createFixture>) =>
    fixture.sent.of('ReportChargingProfiles').flatMap((page) => page.chargingProfile.map((profile: ChargingProfileType) => profile.id));

  it('K09 nothing matches: NoProfiles, and no report', async () => {
    const fixture = stocked();
    assert.deepEqual(fixture.get({ requestId: 1, chargingProfile: { chargingProfileId: [99] } }), { status: 'NoProfiles' });
    await fixture.settle();
    assert.deepEqual(fixture.sent.messages, []);
  });

  it('K09.FR.01/K09.FR.02/K09.FR.06 no evseId: every profile, one page per EVSE and source, requestId on each, tbc on all but the last', async () => {
    const fixture = stocked();
    assert.deepEqual(fixture.get({ requestId: 42, chargingProfile: {} }), { status: 'Accepted' });
    const pages = fixture.sent.messages;
    assert.ok(pages.every((message) => message.action === 'ReportChargingProfiles' && message.requestedByCsms));
    assert.deepEqual(
      pages.map(({ payload }) => [payload.requestId, payload.evseId, payload.chargingLimitSource, payload.chargingProfile.map((p: ChargingProfileType) => p.id), payload.tbc]),
      [
        [42, 0, 'CSO', [1, 2], true],
        [42, 0, 'EMS', [6], true],
        [42, 1, 'CSO', [3, 4], true],
        [42, 3, 'CSO', [5], false],
      ],
    );
    assert.equal(pages[2]!.payload.chargingProfile[1].transactionId, 'tx-1', 'a TxProfile is reported with its transactionId');
  });

  it('K09.FR.04 evseId > 0: that EVSE\'s profiles only', () => {
    const fixture = stocked();
    fixture.get({ requestId: 1, evseId: 1, chargingProfile: {} });
    assert.deepEqual(reportedIds(fixture), [3, 4]);
  });

  it('K09.FR.05 evseId 0: only the profiles installed on the station itself', () => {
    const fixture = stocked();
    fixture.get({ requestId: 1, evseId: 0, chargingProfile: {} });
    assert.deepEqual(reportedIds(fixture), [1, 2, 6]);
  });

  it('K09.FR.03 a list of chargingProfileIds', () => {
    const fixture = stocked();
    fixture.get({ requestId: 1, chargingProfile: { chargingProfileId: [5, 1, 77] } });
    assert.deepEqual(reportedIds(fixture), [1, 5]);
  });

  it('K09.FR.03/K09.FR.04 purpose, stackLevel and chargingLimitSource, all of them matching', () => {
    const byPurpose = stocked();
    byPurpose.get({ requestId: 1, chargingProfile: { chargingProfilePurpose: 'TxDefaultProfile' } });
    assert.deepEqual(reportedIds(byPurpose), [2, 3, 5]);
    const byStack = stocked();
    byStack.get({ requestId: 1, chargingProfile: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 } });
    assert.deepEqual(reportedIds(byStack), [3, 5]);
    const bySource = stocked();
    bySource.get({ requestId: 1, chargingProfile: { chargingLimitSource: ['EMS', 'SO'] } });
    assert.deepEqual(reportedIds(bySource), [6]);
    const combined = stocked();
    assert.deepEqual(combined.get({ requestId: 1, evseId: 3, chargingProfile: { stackLevel: 1 } }), { status: 'NoProfiles' });
  });

  it('K09.FR.02 a group larger than profilesPerReport goes out in several pages', () => {
    const fixture = createFixture({ options: { profilesPerReport: 2 } });
    for (let id = 1; id <= 5; id++) fixture.set(1, txDefault(id, { stackLevel: id }));
    fixture.get({ requestId: 7, chargingProfile: {} });
    assert.deepEqual(
      fixture.sent.of('ReportChargingProfiles').map((page) => [page.chargingProfile.map((p: ChargingProfileType) => p.id), page.tbc]),
      [
        [[1, 2], true],
        [[3, 4], true],
        [[5], false],
      ],
    );
  });

  it('the report is sent after the response', () => {
    const fixture = stocked();
    const tasks: (() => void)[] = [];
    const context: CallContext = { messageId: 'm-1', action: 'GetChargingProfiles', afterResponse: (task) => tasks.push(task) };
    fixture.profiles.handlers().GetChargingProfiles!({ requestId: 3, chargingProfile: {} }, context);
    assert.equal(fixture.sent.messages.length, 0);
    tasks.forEach((task) => task());
    assert.equal(fixture.sent.messages.length, 4);
  });
});

describe('ClearChargingProfile (K10)', () => {
  function stocked() {
    const fixture = createFixture();
    fixture.transactions.start(1, 'tx-1');
    fixture.set(0, stationMax(1));
    fixture.set(0, txDefault(2, { stackLevel: 1 }));
    fixture.set(1, txDefault(3));
    fixture.set(1, txProfile(4, 'tx-1', { stackLevel: 2 }));
    fixture.set(3, txDefault(5, { stackLevel: 2 }));
    fixture.profiles.install(external(6), 0, { origin: 'External', source: 'EMS' });
    return fixture;
  }
  const remaining = (fixture: ReturnType<typeof createFixture>) => fixture.profiles.all().map((entry) => entry.profile.id);

  it('K10.FR.03 by id: Accepted, and the profile is gone from the store too', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({ chargingProfileId: 3 }), { status: 'Accepted' });
    assert.deepEqual(remaining(fixture), [1, 2, 4, 5, 6]);
    assert.deepEqual(fixture.store.loadAll().map((record) => record.profile.id), [1, 2, 4, 5, 6]);
  });

  it('K10.FR.01 an id that is not installed: Unknown', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({ chargingProfileId: 99 }), { status: 'Unknown' });
    assert.equal(fixture.profiles.count, 6);
  });

  it('K10.FR.09 the id of an external constraint: Unknown, and it stays', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({ chargingProfileId: 6 }), { status: 'Unknown' });
    assert.ok(remaining(fixture).includes(6));
  });

  it('K10.FR.04 by criteria, all of them matching (evseId 0 = the station\'s own)', () => {
    const byEvse = stocked();
    assert.deepEqual(byEvse.clear({ chargingProfileCriteria: { evseId: 0 } }), { status: 'Accepted' });
    assert.deepEqual(remaining(byEvse), [3, 4, 5, 6], 'the external constraint on EVSE 0 stays');
    const byPurposeAndStack = stocked();
    byPurposeAndStack.clear({ chargingProfileCriteria: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 } });
    assert.deepEqual(remaining(byPurposeAndStack), [1, 2, 4, 5, 6]);
    const byStack = stocked();
    byStack.clear({ chargingProfileCriteria: { stackLevel: 2 } });
    assert.deepEqual(remaining(byStack), [1, 2, 3, 6]);
  });

  it('K10.FR.01 criteria nothing matches: Unknown', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({ chargingProfileCriteria: { evseId: 2 } }), { status: 'Unknown' });
    assert.deepEqual(fixture.clear({ chargingProfileCriteria: { evseId: 3, stackLevel: 0 } }), { status: 'Unknown' });
  });

  it('K10.FR.08 criteria that match only external constraints: Unknown', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({ chargingProfileCriteria: { chargingProfilePurpose: 'ChargingStationExternalConstraints' } }), {
      status: 'Unknown',
    });
    assert.equal(fixture.profiles.count, 6);
  });

  it('K10.FR.04 no id and no criteria: every profile the CSMS may clear', () => {
    const fixture = stocked();
    assert.deepEqual(fixture.clear({}), { status: 'Accepted' });
    assert.deepEqual(remaining(fixture), [6]);
  });

  it('K10.FR.05 clearing is announced once the response has gone out', () => {
    const fixture = stocked();
    const changes: ProfileChange[] = [];
    fixture.profiles.onChange((change) => changes.push(change));
    const tasks: (() => void)[] = [];
    const context: CallContext = { messageId: 'm-1', action: 'ClearChargingProfile', afterResponse: (task) => tasks.push(task) };
    fixture.profiles.handlers().ClearChargingProfile!({ chargingProfileCriteria: { chargingProfilePurpose: 'TxDefaultProfile' } }, context);
    assert.equal(changes.length, 0, 'nothing before the response');
    tasks.forEach((task) => task());
    assert.deepEqual(changes.map((change) => [change.reason, change.evseIds, change.removed.map((entry) => entry.profile.id)]), [['cleared', [0, 1, 3], [2, 3, 5]]]);
  });
});
