// SendLocalList (D01) and GetLocalListVersion (D02): every outcome, what each leaves in the list, its version
// and LocalAuthListCtrlr.Entries, and persistence (D01.FR.10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controller, optional, required } from '../../../../src/device-model/declare.js';
import { LOCAL_AUTH_LIST_CAPACITY, LocalAuthListCtrlr } from '../../../../src/device-model/standardized/index.js';
import type { AuthorizationData, Request, Response } from '../../../../src/messages/types.js';
import { OcppError } from '../../../../src/rpc/errors.js';
import type { CallContext } from '../../../../src/rpc/handler-router.js';
import { authEntryBytes } from '../../../../src/storage/auth-cache-store.js';
import { MemoryLocalAuthListStore } from '../../../../src/storage/memory/memory-local-auth-list-store.js';
import { SqliteLocalAuthListStore } from '../../../../src/storage/sqlite/sqlite-local-auth-list-store.js';
import { openStationDatabase } from '../../../../src/storage/sqlite/database.js';
import { harness, rfid, type Harness } from './support.js';

const context = (action: 'SendLocalList' | 'GetLocalListVersion'): CallContext => ({ messageId: 'm1', action, afterResponse: () => undefined });

async function send(h: Harness, request: Request<'SendLocalList'>): Promise<Response<'SendLocalList'>> {
  return h.auth.handlers().SendLocalList!(request, context('SendLocalList'));
}

async function version(h: Harness): Promise<number> {
  return (await h.auth.handlers().GetLocalListVersion!({}, context('GetLocalListVersion'))).versionNumber;
}

const accepted = (name: string): AuthorizationData => ({ idToken: rfid(name), idTokenInfo: { status: 'Accepted' } });
const blocked = (name: string): AuthorizationData => ({ idToken: rfid(name), idTokenInfo: { status: 'Blocked' } });
const removal = (name: string): AuthorizationData => ({ idToken: rfid(name) });

function listed(h: Harness): Record<string, string> {
  return Object.fromEntries(h.list.loadAll().map((entry) => [entry.idToken.idToken, entry.idTokenInfo.status]));
}

function entriesVariable(h: Harness): number {
  return h.model.value(LocalAuthListCtrlr.Entries);
}

/** What a refused update must leave: the list, its version and Entries as they were. */
async function assertUnchanged(h: Harness, list: Record<string, string>, expectedVersion: number): Promise<void> {
  assert.deepEqual(listed(h), list);
  assert.equal(await version(h), expectedVersion);
  assert.equal(entriesVariable(h), Object.keys(list).length);
}

describe('SendLocalList Full (D01.FR.04, D01.FR.15)', () => {
  it('D01.FR.15 replaces the list and sets the version; D01.FR.12 Entries follows', async () => {
    const h = harness();
    assert.deepEqual(await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A'), blocked('B')] }), { status: 'Accepted' });
    assert.deepEqual(listed(h), { A: 'Accepted', B: 'Blocked' });
    assert.equal(entriesVariable(h), 2);
    assert.deepEqual(await send(h, { versionNumber: 2, updateType: 'Full', localAuthorizationList: [accepted('C')] }), { status: 'Accepted' });
    assert.deepEqual(listed(h), { C: 'Accepted' });
    assert.equal(await version(h), 2);
    assert.equal(entriesVariable(h), 1);
  });

  it('D01.FR.04 without a list empties the list; the version is still set', async () => {
    const h = harness();
    await send(h, { versionNumber: 4, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    assert.deepEqual(await send(h, { versionNumber: 5, updateType: 'Full' }), { status: 'Accepted' });
    assert.deepEqual(listed(h), {});
    assert.equal(await version(h), 5);
    assert.equal(entriesVariable(h), 0);
    assert.deepEqual(await send(h, { versionNumber: 6, updateType: 'Full', localAuthorizationList: [] }), { status: 'Accepted' });
    assert.equal(await version(h), 6);
  });

  it('a Full update may set any positive version, lower than the current one too', async () => {
    const h = harness();
    await send(h, { versionNumber: 10, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    assert.deepEqual(await send(h, { versionNumber: 3, updateType: 'Full', localAuthorizationList: [accepted('B')] }), { status: 'Accepted' });
    assert.equal(await version(h), 3);
  });

  it('an entry without idTokenInfo ("required when UpdateType is Full") fails the update: MissingParam', async () => {
    const h = harness();
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    const response = await send(h, { versionNumber: 2, updateType: 'Full', localAuthorizationList: [accepted('B'), removal('C')] });
    assert.equal(response.status, 'Failed');
    assert.equal(response.statusInfo?.reasonCode, 'MissingParam');
    await assertUnchanged(h, { A: 'Accepted' }, 1);
  });
});

describe('SendLocalList Differential (D01.FR.05, D01.FR.16, D01.FR.17, D01.FR.19)', () => {
  it('D01.FR.16 adds and updates entries with idTokenInfo; D01.FR.17 removes entries without it', async () => {
    const h = harness();
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A'), accepted('B'), accepted('C')] });
    const response = await send(h, {
      versionNumber: 2,
      updateType: 'Differential',
      localAuthorizationList: [blocked('b'), accepted('D'), removal('C'), removal('NEVER-LISTED')],
    });
    assert.deepEqual(response, { status: 'Accepted' });
    assert.deepEqual(listed(h), { A: 'Accepted', b: 'Blocked', D: 'Accepted' });
    assert.equal(await version(h), 2);
    assert.equal(entriesVariable(h), 3);
  });

  it('D01.FR.05 without (or with an empty) list changes nothing but the version', async () => {
    const h = harness();
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    assert.deepEqual(await send(h, { versionNumber: 2, updateType: 'Differential' }), { status: 'Accepted' });
    assert.deepEqual(await send(h, { versionNumber: 3, updateType: 'Differential', localAuthorizationList: [] }), { status: 'Accepted' });
    assert.deepEqual(listed(h), { A: 'Accepted' });
    assert.equal(await version(h), 3);
  });

  it('D01.FR.19 a version not above the current one is refused with VersionMismatch, changing nothing', async () => {
    const h = harness();
    await send(h, { versionNumber: 5, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    for (const versionNumber of [5, 4, 0, -1]) {
      const response = await send(h, { versionNumber, updateType: 'Differential', localAuthorizationList: [accepted('B')] });
      assert.equal(response.status, 'VersionMismatch', `version ${versionNumber}`);
    }
    await assertUnchanged(h, { A: 'Accepted' }, 5);
  });

  it('D01.FR.19 on a station that never had a list, version 0 is a mismatch and 1 is fine', async () => {
    const h = harness();
    assert.equal((await send(h, { versionNumber: 0, updateType: 'Differential', localAuthorizationList: [accepted('A')] })).status, 'VersionMismatch');
    assert.equal((await send(h, { versionNumber: 1, updateType: 'Differential', localAuthorizationList: [accepted('A')] })).status, 'Accepted');
    assert.deepEqual(listed(h), { A: 'Accepted' });
  });
});

describe('SendLocalList refusals', () => {
  it('D01.FR.18 a Full update with versionNumber 0 or less fails: ValuePositiveOnly', async () => {
    const h = harness();
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    for (const versionNumber of [0, -3]) {
      const response = await send(h, { versionNumber, updateType: 'Full', localAuthorizationList: [accepted('B')] });
      assert.equal(response.status, 'Failed');
      assert.equal(response.statusInfo?.reasonCode, 'ValuePositiveOnly');
    }
    await assertUnchanged(h, { A: 'Accepted' }, 1);
  });

  it('D01.FR.06 the same idToken twice (case-insensitively) fails the whole update, Full or Differential', async () => {
    const h = harness();
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    const full = await send(h, { versionNumber: 2, updateType: 'Full', localAuthorizationList: [accepted('B'), accepted('x1'), blocked('X1')] });
    assert.equal(full.status, 'Failed');
    assert.equal(full.statusInfo?.reasonCode, 'InvalidValue');
    assert.doesNotMatch(full.statusInfo?.additionalInfo ?? '', /x1/i, 'the idToken value is not echoed');
    const differential = await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [accepted('B'), removal('b')] });
    assert.equal(differential.status, 'Failed');
    await assertUnchanged(h, { A: 'Accepted' }, 1);
    // The same value with another type is another idToken.
    const otherType: AuthorizationData = { idToken: { idToken: 'B', type: 'KeyCode' }, idTokenInfo: { status: 'Accepted' } };
    assert.equal((await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [accepted('B'), otherType] })).status, 'Accepted');
  });

  it('D01.FR.11 more items than ItemsPerMessage: CALLERROR OccurrenceConstraintViolation', async () => {
    const h = harness({ initialValues: [{ component: LocalAuthListCtrlr.ItemsPerMessage.component, variable: LocalAuthListCtrlr.ItemsPerMessage.variable, value: '2' }] });
    await assert.rejects(
      async () => send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A'), accepted('B'), accepted('C')] }),
      (error: unknown) => error instanceof OcppError && error.code === 'OccurrenceConstraintViolation',
    );
    await assertUnchanged(h, {}, 0);
    assert.equal((await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A'), accepted('B')] })).status, 'Accepted');
  });

  it('D01.FR.11 more bytes than BytesPerMessage: CALLERROR FormatViolation', async () => {
    const h = harness({ initialValues: [{ component: LocalAuthListCtrlr.BytesPerMessage.component, variable: LocalAuthListCtrlr.BytesPerMessage.variable, value: '200' }] });
    const many = ['A', 'B', 'C', 'D', 'E'].map(accepted);
    await assert.rejects(
      async () => send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: many }),
      (error: unknown) => error instanceof OcppError && error.code === 'FormatViolation',
    );
    await assertUnchanged(h, {}, 0);
  });

  it('more idTokens than Entries\' maxLimit fails: TooManyElements; replaced and removed entries are counted right', async () => {
    assert.equal(LOCAL_AUTH_LIST_CAPACITY, 10000);
    const Entries = controller('LocalAuthListCtrlr', 'LocalAuthList', { Entries: required.integer({ mutability: 'ReadOnly', default: 0, max: 3 }) }).Entries;
    const h = harness({ declarations: [Entries] });
    assert.equal(h.auth.localList.capacity, 3);
    const full = await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: ['A', 'B', 'C', 'D'].map(accepted) });
    assert.equal(full.status, 'Failed');
    assert.equal(full.statusInfo?.reasonCode, 'TooManyElements');
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: ['A', 'B', 'C'].map(accepted) });
    const over = await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [accepted('D')] });
    assert.equal(over.status, 'Failed');
    await assertUnchanged(h, { A: 'Accepted', B: 'Accepted', C: 'Accepted' }, 1);
    // Updating listed tokens and removing one to make room fits.
    const fits = await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [blocked('A'), removal('B'), accepted('D')] });
    assert.equal(fits.status, 'Accepted');
    assert.deepEqual(listed(h), { A: 'Blocked', C: 'Accepted', D: 'Accepted' });
  });

  it('more bytes than Storage\'s maxLimit (when declared) fails: OutOfStorage; Storage reports the bytes in use', async () => {
    const one = authEntryBytes(rfid('A'), { status: 'Accepted' });
    const Storage = controller('LocalAuthListCtrlr', 'LocalAuthList', { Storage: optional.integer({ mutability: 'ReadOnly', max: one * 2 }) }).Storage;
    const h = harness({ declarations: [Storage] });
    assert.equal(h.model.value(LocalAuthListCtrlr.Storage), 0);
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A'), accepted('B')] });
    assert.equal(h.model.value(LocalAuthListCtrlr.Storage), one * 2);
    const response = await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [accepted('C')] });
    assert.equal(response.status, 'Failed');
    assert.equal(response.statusInfo?.reasonCode, 'OutOfStorage');
    await assertUnchanged(h, { A: 'Accepted', B: 'Accepted' }, 1);
  });

  it('a disabled list refuses updates (Failed, NotEnabled) and keeps its entries; D02.FR.03 its version reads 0', async () => {
    const h = harness();
    await send(h, { versionNumber: 7, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    h.set(LocalAuthListCtrlr.Enabled, false);
    const response = await send(h, { versionNumber: 8, updateType: 'Full', localAuthorizationList: [accepted('B')] });
    assert.equal(response.status, 'Failed');
    assert.equal(response.statusInfo?.reasonCode, 'NotEnabled');
    assert.equal(await version(h), 0);
    assert.deepEqual(listed(h), { A: 'Accepted' });
    h.set(LocalAuthListCtrlr.Enabled, true);
    assert.equal(await version(h), 7);
  });

  it('a store that fails to write: Failed (InternalError), nothing changed', async () => {
    const store = new MemoryLocalAuthListStore();
    const h = harness({ list: store });
    await send(h, { versionNumber: 1, updateType: 'Full', localAuthorizationList: [accepted('A')] });
    store.apply = () => {
      throw new Error('disk full');
    };
    const response = await send(h, { versionNumber: 2, updateType: 'Differential', localAuthorizationList: [accepted('B')] });
    assert.equal(response.status, 'Failed');
    assert.equal(response.statusInfo?.reasonCode, 'InternalError');
    await assertUnchanged(h, { A: 'Accepted' }, 1);
  });
});

describe('GetLocalListVersion (D02) and persistence (D01.FR.10)', () => {
  it('D02.FR.02 is 0 before any list was sent; D02.FR.01 then the version of the list, an emptied list included', async () => {
    const h = harness();
    assert.equal(await version(h), 0);
    await send(h, { versionNumber: 12, updateType: 'Full' });
    assert.equal(await version(h), 12);
  });

  it('D01.FR.10 the list, its version and Entries come back after a restart on the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-list-'));
    try {
      const path = join(dir, 'station.db');
      let database = openStationDatabase(path);
      const before = harness({ list: new SqliteLocalAuthListStore(database) });
      await send(before, { versionNumber: 3, updateType: 'Full', localAuthorizationList: [accepted('A'), blocked('B')] });
      database.close();

      database = openStationDatabase(path);
      const after = harness({ list: new SqliteLocalAuthListStore(database) });
      assert.equal(entriesVariable(after), 2, 'Entries is set from the stored list at start-up');
      assert.equal(await version(after), 3);
      after.online = false;
      assert.equal((await after.auth.validateToken(rfid('a'))).idTokenInfo.status, 'Accepted');
      assert.equal((await after.auth.validateToken(rfid('b'))).idTokenInfo.status, 'Blocked');
      database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
