// Pure pieces of the provisioning and security blocks: report paging, message limits, SetNetworkProfile checks
// and the security event rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageReport } from '../../../src/blocks/provisioning/report-handlers.js';
import { enforceMessageLimits } from '../../../src/blocks/shared/message-limits.js';
import { setNetworkProfileHandlers } from '../../../src/blocks/provisioning/set-network-profile.js';
import { StoredNetworkProfiles } from '../../../src/blocks/shared/stored-network-profiles.js';
import { SecurityEvents, isCriticalSecurityEvent } from '../../../src/blocks/security/security-events.js';
import { MemoryNetworkProfileStore } from '../../../src/storage/memory/memory-network-profile-store.js';
import { MemorySecurityLogStore } from '../../../src/storage/memory/memory-security-log-store.js';
import { OcppError } from '../../../src/rpc/errors.js';
import { silentLogger } from '../../../src/logger.js';
import type { NetworkConnectionProfileType, ReportDataType } from '../../../src/messages/types.js';
import type { CallContext } from '../../../src/rpc/handler-router.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const item = (name: string, value = ''): ReportDataType => ({
  component: { name: 'C' },
  variable: { name },
  variableAttribute: [{ value }],
});

describe('NotifyReport paging (B07.FR.10)', () => {
  it('fills pages up to the item limit, in order', () => {
    const pages = pageReport(['a', 'b', 'c', 'd', 'e'].map((n) => item(n)), 2, 1_000_000);
    assert.deepEqual(pages.map((page) => page.map((i) => i.variable.name)), [['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('starts a new page before the byte limit is passed, never leaving a page empty', () => {
    const big = 'x'.repeat(400);
    const pages = pageReport([item('a', big), item('b', big), item('c', big)], 100, 1200);
    assert.deepEqual(pages.map((page) => page.length), [1, 1, 1]);
    assert.deepEqual(pageReport([item('huge', 'y'.repeat(5000))], 100, 1000).length, 1);
  });
});

describe('message limits (B06.FR.16/17, B08.FR.17/18)', () => {
  it('answers too many items with OccurrenceConstraintViolation and too many bytes with FormatViolation', () => {
    assert.throws(() => enforceMessageLimits('GetVariables', {}, 3, { items: 2 }), (e: unknown) => e instanceof OcppError && e.code === 'OccurrenceConstraintViolation');
    assert.throws(
      () => enforceMessageLimits('GetVariables', { blob: 'x'.repeat(100) }, 1, { bytes: 50 }),
      (e: unknown) => e instanceof OcppError && e.code === 'FormatViolation',
    );
    enforceMessageLimits('GetVariables', { a: 1 }, 2, { items: 2, bytes: 100 });
    enforceMessageLimits('GetVariables', { a: 1 }, 99, {});
  });
});

describe('SetNetworkProfile (B09)', () => {
  const profile: NetworkConnectionProfileType = {
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppCsmsUrl: 'wss://csms.example/ocpp',
    messageTimeout: 30,
    securityProfile: 2,
    ocppInterface: 'Wired0',
  };
  const context = { messageId: 'm', action: 'SetNetworkProfile', afterResponse: () => undefined } as CallContext;

  function handler(currentSecurityProfile: number, hostAccepts = true) {
    const profiles = new StoredNetworkProfiles(new MemoryNetworkProfileStore());
    const table = setNetworkProfileHandlers({
      profiles,
      logger: silentLogger(),
      allowedSlots: () => [1, 2, 3, 4],
      currentSecurityProfile: () => currentSecurityProfile,
      host: { validateNetworkProfile: () => hostAccepts },
    });
    return { profiles, set: (slot: number, data: NetworkConnectionProfileType) => table.SetNetworkProfile!({ configurationSlot: slot, connectionData: data }, context) };
  }

  it('B09.FR.01 stores an acceptable profile', () => {
    const { profiles, set } = handler(2);
    assert.deepEqual(set(2, profile), { status: 'Accepted' });
    assert.deepEqual(profiles.get(2), profile);
  });

  it('B09.FR.04 rejects a lower security profile than the current one', () => {
    const { profiles, set } = handler(3);
    assert.equal((set(2, profile) as { status: string }).status, 'Rejected');
    assert.equal(profiles.get(2), undefined);
  });

  it('B09.FR.02 rejects what the host cannot use', () => {
    assert.equal((handler(1, false).set(2, profile) as { status: string }).status, 'Rejected');
  });

  it('B09.FR.03 answers Failed when storing fails', () => {
    const failing = new MemoryNetworkProfileStore();
    failing.save = () => {
      throw new Error('disk full');
    };
    const table = setNetworkProfileHandlers({
      profiles: new StoredNetworkProfiles(failing),
      logger: silentLogger(),
      allowedSlots: () => [1, 2],
      currentSecurityProfile: () => 1,
    });
    const response = table.SetNetworkProfile!({ configurationSlot: 2, connectionData: profile }, context) as { status: string };
    assert.equal(response.status, 'Failed');
  });
});

describe('security events (A04, Part 2 appendix 1)', () => {
  it('knows which events are critical', () => {
    assert.equal(isCriticalSecurityEvent('StartupOfTheDevice'), true);
    assert.equal(isCriticalSecurityEvent('InvalidMessages'), false);
    assert.equal(isCriticalSecurityEvent('SomethingVendorSpecific'), false);
  });

  it('A04.FR.04 logs every event; sends only critical ones, with techInfo cut to 255 characters', async () => {
    const sent: unknown[] = [];
    const events = new SecurityEvents({
      send: ((action: string, payload: unknown) => {
        sent.push({ action, payload });
        return Promise.resolve({});
      }) as never,
      store: new MemorySecurityLogStore(),
      clock: new FakeClock('2026-01-01T00:00:00Z'),
      logger: silentLogger(),
    });
    events.report('InvalidMessages', 'bad');
    events.report('TamperDetectionActivated', 't'.repeat(300));
    events.report('VendorThing', undefined, true);
    assert.deepEqual(events.log().map((e) => [e.type, e.critical]), [
      ['InvalidMessages', false],
      ['TamperDetectionActivated', true],
      ['VendorThing', true],
    ]);
    assert.equal(sent.length, 2);
    assert.equal((sent[0] as { payload: { techInfo: string } }).payload.techInfo.length, 255);
    assert.throws(() => events.report('x'.repeat(51)), RangeError);
  });
});
