// Block K through the station, end to end against ocpp-rpc's strict RPCServer: profiles from the CSMS become the
// limit the hardware is told, period by period; GetCompositeSchedule; a remote start's TxProfile; external limits;
// ISO 15118 renegotiation.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, allAnswered, startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const TAG = { idToken: 'SMART-001', type: 'ISO14443' as const };

async function accepted() {
  const peer = await CsmsPeer.start({
    handlers: {
      ...acceptingCsms(),
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      TransactionEvent: () => ({}),
      NotifyChargingLimit: () => ({}),
      ClearedChargingLimit: () => ({}),
      ReportChargingProfiles: () => ({}),
      NotifyEVChargingNeeds: () => ({ status: 'Accepted' }),
      NotifyEVChargingSchedule: () => ({ status: 'Accepted' }),
    },
  });
  open.push(peer);
  // The station keeps its own (fake) time: the peer answers Heartbeats with the real time.
  const variables = { TxCtrlr: { TxStartPoint: 'EVConnected' }, ClockCtrlr: { TimeSource: 'RealTimeClock' } };
  return startAcceptedStation(peer, open, { stationId: 'CS-SMART', config: { variables } });
}

function txDefault(now: Date, periods: [number, number][]) {
  return {
    id: 100,
    stackLevel: 1,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: [
      {
        id: 1,
        startSchedule: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
        chargingRateUnit: 'A',
        chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
      },
    ],
  };
}

describe('K01/K08 profiles from the CSMS', () => {
  it('a TxDefaultProfile limits a transaction, period by period, and shows in GetCompositeSchedule', async () => {
    const test = await accepted();
    const { client, station, limits, clock, peer } = test;
    const set = await client.call('SetChargingProfile', { evseId: 0, chargingProfile: txDefault(station.clock.now(), [[0, 16], [300, 8]]) });
    assert.equal(set.status, 'Accepted');
    station.onSessionStarted(1, 1);
    await waitFor(() => limits.some(([evseId, limit]) => evseId === 1 && limit.amps === 16), 'the 16 A limit applied');
    // What the session start sent is answered before the FakeClock passes its message timeouts.
    await waitFor(() => peer.callsOf('TransactionEvent').length === 1, 'the Started event');
    await allAnswered(test);
    await clock.advance(300_000);
    await waitFor(() => limits.some(([evseId, limit]) => evseId === 1 && limit.amps === 8), 'the 8 A limit after 300 s');
    assert.equal(station.chargingLimit(1)?.amps, 8);

    const composite = await client.call('GetCompositeSchedule', { evseId: 1, duration: 600, chargingRateUnit: 'A' });
    assert.equal(composite.status, 'Accepted');
    assert.equal(composite.schedule.chargingSchedulePeriod[0].limit, 8);
    const rejected = await client.call('GetCompositeSchedule', { evseId: 5, duration: 600 });
    assert.equal(rejected.status, 'Rejected');
    assert.equal(station.getAllCompositeSchedules(600, 'A').length, 2);
  });

  it('K01.FR.09 refuses a TxProfile without a transaction; K09/K10 get and clear profiles', async () => {
    const { client, station, peer } = await accepted();
    const txProfile = { ...txDefault(station.clock.now(), [[0, 10]]), id: 101, chargingProfilePurpose: 'TxProfile', transactionId: 'none' };
    const refused = await client.call('SetChargingProfile', { evseId: 1, chargingProfile: txProfile });
    assert.deepEqual([refused.status, refused.statusInfo?.reasonCode], ['Rejected', 'TxNotFound']);
    await client.call('SetChargingProfile', { evseId: 0, chargingProfile: txDefault(station.clock.now(), [[0, 16]]) });
    assert.equal((await client.call('GetChargingProfiles', { requestId: 5, chargingProfile: {} })).status, 'Accepted');
    await waitFor(() => peer.callsOf('ReportChargingProfiles').length === 1, 'the report');
    assert.equal(peer.callsOf('ReportChargingProfiles')[0]!.payload.chargingProfile[0].id, 100);
    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileId: 100 }), { status: 'Accepted' });
    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileId: 100 }), { status: 'Unknown' });
  });
});

describe('K05 remote start with a charging profile', () => {
  it('installs the TxProfile for the transaction it starts and removes it when the transaction ends', async () => {
    const { client, station, peer, limits } = await accepted();
    const profile = { ...txDefault(station.clock.now(), [[0, 12]]), id: 200, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative' };
    delete (profile.chargingSchedule[0] as { startSchedule?: string }).startSchedule;
    const response = await client.call('RequestStartTransaction', { idToken: TAG, remoteStartId: 3, evseId: 1, chargingProfile: profile });
    assert.equal(response.status, 'Accepted');
    station.onSessionStarted(1, 1);
    await waitFor(() => limits.some(([evseId, limit]) => evseId === 1 && limit.amps === 12), 'the TxProfile applied');
    await client.call('GetChargingProfiles', { requestId: 6, chargingProfile: { chargingProfilePurpose: 'TxProfile' } });
    await waitFor(() => peer.callsOf('ReportChargingProfiles').length === 1, 'the report');
    const reported = peer.callsOf('ReportChargingProfiles')[0]!.payload.chargingProfile[0];
    assert.equal(reported.transactionId, station.getEvseTransactionId(1));
    station.onSessionFinished(1, 1);
    assert.equal((await client.call('GetChargingProfiles', { requestId: 7, chargingProfile: { chargingProfilePurpose: 'TxProfile' } })).status, 'NoProfiles');
  });
});

describe('K11-K13 external limits', () => {
  it('an energy manager limits an EVSE: NotifyChargingLimit, ChargingRateChanged in the transaction, ClearedChargingLimit', async () => {
    const { station, peer, limits } = await accepted();
    station.onSessionStarted(1, 1);
    await waitFor(() => peer.callsOf('TransactionEvent').length === 1, 'the transaction');
    station.setExternalLimit({ evseId: 1, source: 'EMS', schedule: { limit: 6, unit: 'A' } });
    await waitFor(() => peer.callsOf('NotifyChargingLimit').length === 1, 'NotifyChargingLimit');
    assert.equal(peer.callsOf('NotifyChargingLimit')[0]!.payload.chargingLimit.chargingLimitSource, 'EMS');
    await waitFor(() => peer.callsOf('TransactionEvent').some((c) => c.payload.triggerReason === 'ChargingRateChanged'), 'K11.FR.04');
    assert.ok(limits.some(([evseId, limit]) => evseId === 1 && limit.amps === 6));
    station.clearExternalLimit(1);
    await waitFor(() => peer.callsOf('ClearedChargingLimit').length === 1, 'ClearedChargingLimit');
    assert.equal(station.chargingLimit(1)?.amps, 32, 'back to what the 22 kW three-phase EVSE delivers (issue 10 item 16)');
  });
});

describe('K15-K16 ISO 15118', () => {
  it('sends the EV\'s needs, refuses an early TxProfile, renegotiates a TxProfile that comes after the needs', async () => {
    const { client, station, peer, renegotiations } = await accepted();
    station.onSessionStarted(1, 1);
    station.onIso15118SessionStarted(1);
    await waitFor(() => peer.callsOf('TransactionEvent').length === 1, 'the transaction');
    const transactionId = station.getEvseTransactionId(1)!;
    const txProfile = { ...txDefault(station.clock.now(), [[0, 20]]), id: 300, chargingProfilePurpose: 'TxProfile', transactionId };
    const early = await client.call('SetChargingProfile', { evseId: 1, chargingProfile: txProfile });
    assert.deepEqual([early.status, early.statusInfo?.reasonCode], ['Rejected', 'InvalidMessageSeq']);
    const status = await station.onEvChargingNeeds(1, {
      requestedEnergyTransfer: 'AC_three_phase',
      acChargingParameters: { energyAmount: 30000, evMinCurrent: 6, evMaxCurrent: 32, evMaxVoltage: 400 },
    });
    assert.equal(status, 'Accepted');
    assert.equal((await client.call('SetChargingProfile', { evseId: 1, chargingProfile: txProfile })).status, 'Accepted');
    await waitFor(() => renegotiations.length === 1, 'K16.FR.02 the renegotiation');
    const verdict = await station.onEvChargingSchedule(1, station.clock.now(), txProfile.chargingSchedule[0] as never);
    assert.equal(verdict, 'Accepted');
  });
});
