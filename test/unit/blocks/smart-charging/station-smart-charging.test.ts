// The station's side of smart charging: the limit in force applied to the hardware and re-applied at period
// boundaries, GetCompositeSchedule answers (K08), external limits (K11-K13) and ISO 15118 schedules (K15-K17).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingLimits, type EffectiveLimit } from '../../../../src/blocks/smart-charging/charging-limits.js';
import { MAX_COMPOSITE_SCHEDULE_SECONDS, getCompositeScheduleResponse, type CompositeScheduleSource } from '../../../../src/blocks/smart-charging/composite-schedule-requests.js';
import { ExternalLimits, externalProfileId } from '../../../../src/blocks/smart-charging/external-limits.js';
import { Iso15118Schedules } from '../../../../src/blocks/smart-charging/iso15118-schedules.js';
import { DeviceModel } from '../../../../src/device-model/device-model.js';
import { declarationsOf } from '../../../../src/device-model/declare.js';
import { SmartChargingCtrlr } from '../../../../src/device-model/standardized/index.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { silentLogger } from '../../../../src/logger.js';
import type { ChargingLimitSourceEnumType, ChargingProfileType } from '../../../../src/messages/types.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

const START = '2026-05-04T08:00:00.000Z';

function txDefault(limits: [number, number][], unit: 'A' | 'W' = 'A'): ChargingProfileType {
  return {
    id: 10,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: [
      {
        id: 1,
        startSchedule: START,
        chargingRateUnit: unit,
        chargingSchedulePeriod: limits.map(([startPeriod, limit]) => ({ startPeriod, limit, numberPhases: 3 })),
      },
    ],
  };
}

function setUp(profiles: { evseId: number; profile: ChargingProfileType }[] = []) {
  const clock = new FakeClock(START);
  const applied: [number, EffectiveLimit][] = [];
  const installed = [...profiles];
  const transactions: Record<number, { id: string; start: Date }> = { 1: { id: 'tx-1', start: new Date(START) } };
  const limits = new ChargingLimits({
    clock,
    logger: silentLogger(),
    evseIds: [1, 2],
    profiles: () => installed,
    transactions: () => transactions,
    apply: (evseId, limit) => applied.push([evseId, limit]),
  });
  return { clock, applied, installed, transactions, limits };
}

describe('the limit in force, applied to the hardware', () => {
  it('applies each EVSE\'s limit once, and the next period\'s when it begins', async () => {
    const { clock, applied, limits } = setUp([{ evseId: 0, profile: txDefault([[0, 16], [600, 10]]) }]);
    limits.refresh();
    assert.deepEqual(applied.map(([evseId, limit]) => [evseId, limit.amps]), [[1, 16], [2, 48]]);
    limits.refresh();
    assert.equal(applied.length, 2, 'nothing changed, nothing told');
    await clock.advance(599_000);
    assert.equal(applied.length, 2);
    await clock.advance(1_000);
    assert.deepEqual(applied.slice(2).map(([evseId, limit]) => [evseId, limit.amps]), [[1, 10]]);
    assert.equal(limits.limitOf(1)?.watts, 6900);
    limits.stop();
  });

  it('follows a transaction starting: the TxDefaultProfile only counts where one runs', () => {
    const { applied, limits, transactions } = setUp([{ evseId: 0, profile: txDefault([[0, 20]]) }]);
    limits.refresh();
    transactions[2] = { id: 'tx-2', start: new Date(START) };
    limits.refresh();
    assert.deepEqual(applied.map(([evseId, limit]) => [evseId, limit.amps]), [[1, 20], [2, 48], [2, 20]]);
    limits.stop();
  });
});

describe('K08 GetCompositeSchedule', () => {
  const source = (rateUnits: ('A' | 'W')[] = ['A', 'W']): CompositeScheduleSource => ({
    clock: new FakeClock(START),
    evseIds: [1],
    profiles: () => [{ evseId: 0, profile: txDefault([[0, 16]]) }],
    transactions: () => ({}),
    rateUnits: () => rateUnits,
  });

  it('K08.FR.02/06 reports from now for the duration, as if a transaction ran', () => {
    const response = getCompositeScheduleResponse(source(), { evseId: 1, duration: 3600, chargingRateUnit: 'A' });
    assert.equal(response.status, 'Accepted');
    assert.deepEqual(response.schedule?.chargingSchedulePeriod, [{ startPeriod: 0, limit: 16, numberPhases: 3 }]);
    assert.equal(response.schedule?.duration, 3600);
    assert.equal(response.schedule?.scheduleStart, START);
  });

  it('K08.FR.05 rejects an unknown EVSE, K08.FR.07 a unit the station does not schedule in', () => {
    assert.equal(getCompositeScheduleResponse(source(), { evseId: 7, duration: 60 }).status, 'Rejected');
    assert.equal(getCompositeScheduleResponse(source(['A']), { evseId: 1, duration: 60, chargingRateUnit: 'W' }).status, 'Rejected');
  });

  it('K08.FR.05 issue 10 item 6: a duration past MAX_COMPOSITE_SCHEDULE_SECONDS is Rejected ValueTooHigh, never a RangeError', () => {
    assert.equal(getCompositeScheduleResponse(source(), { evseId: 1, duration: MAX_COMPOSITE_SCHEDULE_SECONDS }).status, 'Accepted');
    for (const duration of [MAX_COMPOSITE_SCHEDULE_SECONDS + 1, 1e308, Number('9007199254740993'), 1.2e29]) {
      const response = getCompositeScheduleResponse(source(), { evseId: 0, duration });
      assert.equal(response.status, 'Rejected');
      assert.equal(response.statusInfo?.reasonCode, 'ValueTooHigh');
    }
    assert.equal(getCompositeScheduleResponse(source(), { evseId: 1, duration: -1 }).statusInfo?.reasonCode, 'ValueTooLow');
  });

  it('K08.FR.05 a schedule that would not fit in a frame is Rejected TooManyElements', () => {
    const periods: [number, number][] = Array.from({ length: 50 }, (_, i) => [i * 60, 6 + (i % 5)]);
    const small = { ...source(), profiles: () => [{ evseId: 0, profile: txDefault(periods) }], maxFrameBytes: () => 1024 };
    const response = getCompositeScheduleResponse(small, { evseId: 1, duration: 3600 });
    assert.equal(response.status, 'Rejected');
    assert.equal(response.statusInfo?.reasonCode, 'TooManyElements');
    assert.equal(getCompositeScheduleResponse({ ...small, maxFrameBytes: () => 65536 }, { evseId: 1, duration: 3600 }).status, 'Accepted');
  });
});

describe('K11-K13 external limits', () => {
  function externals() {
    const harness = setUp();
    const model = DeviceModel.load({
      declarations: declarationsOf(SmartChargingCtrlr),
      store: new MemoryDeviceModelStore(),
      supportedBlocks: ['Core', 'SmartCharging'],
      initialValues: [{ component: { name: 'SmartChargingCtrlr' }, variable: { name: 'NotifyChargingLimitWithSchedules' }, value: 'true' }],
      clock: harness.clock,
    });
    const sent: { action: string; payload: any }[] = [];
    const rateChanges: number[] = [];
    const sources: ChargingLimitSourceEnumType[] = [];
    const external = new ExternalLimits({
      model,
      send: ((action: string, payload: unknown) => {
        sent.push({ action, payload });
        return Promise.resolve({});
      }) as never,
      logger: silentLogger(),
      profiles: {
        install: (evseId, profile, source) => {
          harness.installed.push({ evseId, profile });
          sources.push(source);
        },
        remove: (id) => {
          const index = harness.installed.findIndex((p) => p.profile.id === id);
          if (index >= 0) harness.installed.splice(index, 1);
        },
      },
      limits: harness.limits,
      transactions: { chargingRateChanged: (evseId) => rateChanges.push(evseId) > 0 },
      evseIds: [1, 2],
      now: () => harness.clock.now(),
    });
    harness.limits.refresh();
    return { ...harness, external, sent, rateChanges, sources };
  }

  it('K11.FR.01-06 installs an ExternalConstraints profile, notifies with the schedule and reports the rate change', () => {
    const { external, sent, rateChanges, installed, limits, sources } = externals();
    external.set({ evseId: 1, source: 'EMS', schedule: { limit: 10, unit: 'A' } });
    assert.equal(installed[0]!.profile.chargingProfilePurpose, 'ChargingStationExternalConstraints');
    assert.equal(installed[0]!.profile.id, externalProfileId(1));
    assert.deepEqual(sources, ['EMS']);
    assert.equal(limits.limitOf(1)?.amps, 10);
    assert.equal(sent[0]!.action, 'NotifyChargingLimit');
    assert.deepEqual(sent[0]!.payload.chargingLimit, { chargingLimitSource: 'EMS' });
    assert.equal(sent[0]!.payload.evseId, 1);
    assert.equal(sent[0]!.payload.chargingSchedule[0].chargingSchedulePeriod[0].limit, 10);
    assert.deepEqual(rateChanges, [1]);
  });

  it('K11.FR.02 stays quiet about a change below LimitChangeSignificance', () => {
    const { external, sent } = externals();
    external.set({ evseId: 1, source: 'EMS', schedule: { limit: 10, unit: 'A' } });
    external.set({ evseId: 1, source: 'EMS', schedule: { limit: 10.05, unit: 'A' } });
    assert.equal(sent.filter((s) => s.action === 'NotifyChargingLimit').length, 1);
  });

  it('K13.FR.01-03 releasing the limit sends ClearedChargingLimit and lifts it', () => {
    const { external, sent, rateChanges, limits } = externals();
    external.set({ evseId: 1, source: 'SO', schedule: { limit: 6, unit: 'A' } });
    external.clear(1);
    assert.deepEqual(sent.at(-1), { action: 'ClearedChargingLimit', payload: { chargingLimitSource: 'SO', evseId: 1 } });
    assert.equal(limits.limitOf(1)?.amps, 48);
    assert.deepEqual(rateChanges, [1, 1]);
  });

  it('K11.FR.05 refuses CSO as the source of an external limit', () => {
    const { external } = externals();
    assert.throws(() => external.set({ source: 'CSO' as never, schedule: { limit: 1, unit: 'A' } }), RangeError);
  });
});

describe('K15-K17 ISO 15118 schedules', () => {
  const needs = { requestedEnergyTransfer: 'AC_three_phase' as const, acChargingParameters: { energyAmount: 20000, evMinCurrent: 6, evMaxCurrent: 32, evMaxVoltage: 400 } };

  function schedules() {
    const sent: { action: string; payload: any }[] = [];
    const renegotiated: number[] = [];
    const iso = new Iso15118Schedules({
      send: ((action: string, payload: unknown) => {
        sent.push({ action, payload });
        return Promise.resolve(action === 'NotifyEVChargingNeeds' ? { status: 'Accepted' } : { status: 'Accepted' });
      }) as never,
      logger: silentLogger(),
      host: { renegotiate: (evseId) => renegotiated.push(evseId) },
    });
    return { iso, sent, renegotiated };
  }

  it('K15.FR.01/06 sends the EV\'s needs and returns the CSMS status; refuses needs with both or no parameters', async () => {
    const { iso, sent } = schedules();
    iso.sessionStarted(1);
    assert.equal(await iso.chargingNeeds(1, needs, 3), 'Accepted');
    assert.deepEqual(sent[0], { action: 'NotifyEVChargingNeeds', payload: { evseId: 1, chargingNeeds: needs, maxScheduleTuples: 3 } });
    await assert.rejects(iso.chargingNeeds(1, { requestedEnergyTransfer: 'DC' }), RangeError);
  });

  it('K15.FR.17 a TxProfile before the needs is too early; K16.FR.02 one after them renegotiates', async () => {
    const { iso, renegotiated } = schedules();
    const profile = { ...txDefault([[0, 16]]), chargingProfilePurpose: 'TxProfile' as const, transactionId: 'tx-1' };
    iso.sessionStarted(1);
    assert.equal(iso.tooEarlyFor(1, profile), true);
    await iso.chargingNeeds(1, needs);
    assert.equal(iso.tooEarlyFor(1, profile), false);
    iso.profileInstalled(1, profile);
    assert.deepEqual(renegotiated, [1]);
  });

  it('K15.FR.10 sends the schedule the EV chose', async () => {
    const { iso, sent } = schedules();
    const schedule = txDefault([[0, 16]]).chargingSchedule[0]!;
    assert.equal(await iso.evChargingSchedule(1, new Date(START), schedule), 'Accepted');
    assert.equal(sent[0]!.action, 'NotifyEVChargingSchedule');
    assert.equal(sent[0]!.payload.timeBase, START);
  });
});
