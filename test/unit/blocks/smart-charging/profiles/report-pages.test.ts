// pageChargingProfiles: ReportChargingProfiles pages, one EVSE and one source each, within a count and a byte limit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT_PAGE_OVERHEAD_BYTES, pageChargingProfiles } from '../../../../../src/blocks/smart-charging/profiles/report-pages.js';
import type { ChargingLimitSourceEnumType } from '../../../../../src/messages/types.js';
import type { StoredChargingProfile } from '../../../../../src/storage/charging-profile-store.js';
import { START, txDefault } from './support.js';

const record = (evseId: number, id: number, source: ChargingLimitSourceEnumType = 'CSO'): StoredChargingProfile => ({
  evseId,
  source,
  installedAt: START,
  profile: txDefault(id),
});

const shape = (pages: ReturnType<typeof pageChargingProfiles>) =>
  pages.map((page) => [page.evseId, page.chargingLimitSource, page.chargingProfile.map((profile) => profile.id)]);

describe('pageChargingProfiles', () => {
  it('groups by EVSE (ascending) and source, profiles by id', () => {
    const records = [record(2, 9), record(0, 4, 'EMS'), record(0, 3), record(2, 1), record(0, 1, 'SO')];
    assert.deepEqual(shape(pageChargingProfiles(records, 10, 1_000_000)), [
      [0, 'CSO', [3]],
      [0, 'EMS', [4]],
      [0, 'SO', [1]],
      [2, 'CSO', [1, 9]],
    ]);
  });

  it('splits a group at the count limit', () => {
    const records = [1, 2, 3, 4, 5].map((id) => record(1, id));
    assert.deepEqual(shape(pageChargingProfiles(records, 2, 1_000_000)), [
      [1, 'CSO', [1, 2]],
      [1, 'CSO', [3, 4]],
      [1, 'CSO', [5]],
    ]);
  });

  it('splits a group at the byte limit, and gives a profile too large for any page a page of its own', () => {
    const size = Buffer.byteLength(JSON.stringify(txDefault(1))) + 1;
    const records = [1, 2, 3].map((id) => record(1, id));
    assert.deepEqual(shape(pageChargingProfiles(records, 10, REPORT_PAGE_OVERHEAD_BYTES + 2 * size)), [
      [1, 'CSO', [1, 2]],
      [1, 'CSO', [3]],
    ]);
    assert.deepEqual(shape(pageChargingProfiles(records, 10, 10)), [
      [1, 'CSO', [1]],
      [1, 'CSO', [2]],
      [1, 'CSO', [3]],
    ]);
  });

  it('nothing to report: no pages', () => {
    assert.deepEqual(pageChargingProfiles([], 10, 1000), []);
  });
});
