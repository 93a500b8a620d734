// The simulator end to end: a SimulatedStation (memory stores, a ScaledClock at speed 10 over a FakeClock) against
// ocpp-rpc's strict RPCServer. A whole session as a person would drive it — plug, token, charging with meter
// values, a TxDefaultProfile from the CSMS lowering the current, the EV pausing, a reboot, unplug — checked in the
// messages the CSMS receives and in status().
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingStation } from '../../../src/station/charging-station.js';
import { memoryStationStores } from '../../../src/station/station-stores.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import { ScaledClock, SimulatedStation, simulatorLayoutOf } from '../../../src/simulator/index.js';
import { CsmsPeer, type ReceivedCall } from '../../support/csms-peer.js';
import { acceptingCsms, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const STATION_ID = 'CS-SIMULATED';
const SPEED = 10;

const CONFIG = parseStationConfig({
  ...DEFAULT_STATION_CONFIG_JSON,
  variables: {
    TxCtrlr: { TxStartPoint: 'PowerPathClosed', TxStopPoint: 'EVConnected,Authorized' },
    SampledDataCtrlr: { TxUpdatedInterval: 60, TxUpdatedMeasurands: 'Energy.Active.Import.Register,Current.Import,SoC' },
    // The station keeps the simulation's time (the peer would answer with the real one), sends no websocket pings
    // (the FakeClock would have to answer for them), and waits long for answers: simulated time runs ahead of the
    // real socket between two checks of this test.
    ClockCtrlr: { TimeSource: 'RealTimeClock' },
    OCPPCommCtrlr: { WebSocketPingInterval: 0, 'MessageTimeout[Default]': 600 },
  },
});

type Event = { eventType: string; triggerReason: string; seqNo: number; transactionInfo: any; meterValue?: any[]; idToken?: any };

async function startSimulation() {
  const peer = await CsmsPeer.start({
    handlers: {
      ...acceptingCsms(),
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      TransactionEvent: (payload: any) => (payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}),
      MeterValues: () => ({}),
    },
  });
  open.push(peer);
  const base = new FakeClock(new Date());
  const clock = new ScaledClock(base, SPEED);
  const stores = memoryStationStores();
  const sim = new SimulatedStation({
    stationId: STATION_ID,
    clock,
    layout: simulatorLayoutOf(CONFIG),
    createStation: (host) =>
      new ChargingStation({
        stationId: STATION_ID,
        config: CONFIG,
        stores,
        host,
        csms: { url: peer.url },
        basicAuthPassword: 'test-password-000001',
        clock,
        random: () => 0,
      }),
  });
  open.push({ close: () => sim.stop() });
  /** Lets `simulatedMs` of simulated time pass. */
  const advance = (simulatedMs: number) => base.advance(simulatedMs / SPEED);
  return { peer, sim, base, clock, advance };
}

const events = (peer: CsmsPeer): Event[] => peer.callsOf('TransactionEvent').map((call: ReceivedCall) => call.payload);
const waitForEvent = (peer: CsmsPeer, what: string, match: (event: Event) => boolean) => waitFor(() => events(peer).some(match), what);
/** The energy register of the event's last meter value. */
const energyOf = (event: Event) =>
  event.meterValue!.at(-1).sampledValue.find((value: any) => (value.measurand ?? 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register').value;
const periodic = (peer: CsmsPeer) => events(peer).filter((event) => event.triggerReason === 'MeterValuePeriodic');

describe('a simulated station against a strict CSMS', () => {
  it('plug, token, charging, a TxDefaultProfile, EV pause, reboot, unplug', async () => {
    const { peer, sim, advance } = await startSimulation();
    const firstClient = peer.nextClient();
    sim.start();
    await firstClient;
    await waitFor(() => sim.status().registration === 'Accepted' && sim.status().connected, 'Accepted');
    assert.equal(peer.callsOf('BootNotification')[0]!.payload.reason, 'PowerUp');

    // Plug in, present a token: the transaction starts and the EV charges at its maximum.
    sim.plug(1);
    await waitFor(() => peer.callsOf('StatusNotification').some((call) => call.payload.connectorStatus === 'Occupied'), 'Occupied');
    const authorized = await sim.authorize(1, 'DRIVER-001');
    assert.deepEqual(authorized, { result: 'authorized', evseId: 1, status: 'Accepted' });
    await waitForEvent(peer, 'Updated, Charging', (event) => event.transactionInfo.chargingState === 'Charging');
    const started = events(peer)[0]!;
    assert.deepEqual([started.eventType, started.triggerReason, started.idToken], ['Started', 'Authorized', { idToken: 'DRIVER-001', type: 'ISO14443' }]);
    const transactionId = started.transactionInfo.transactionId;
    let status = sim.status().evses[0]!;
    assert.deepEqual([status.transactionId, status.chargingState, status.ev?.currentA, status.ev?.powerW], [transactionId, 'Charging', 32, 22_080]);

    // Two minutes: two periodic meter values, the energy rising by 22080 W × 60 s = 368 Wh each.
    await advance(120_000);
    await waitFor(() => periodic(peer).length >= 2, 'two MeterValuePeriodic events');
    const [first, second] = periodic(peer).map(energyOf);
    assert.ok(first! > 0 && second! > first!, `energy rises: ${first}, ${second}`);
    assert.ok(Math.abs(second! - first! - 368) < 1, `368 Wh a minute, got ${second! - first!}`);
    const socs = periodic(peer).map((event) => event.meterValue![0].sampledValue.find((value: any) => value.measurand === 'SoC').value);
    assert.ok(socs[1] > socs[0] && socs[0] > 20, `SoC rises: ${socs}`);

    // A TxDefaultProfile of 16 A: the limit reaches the hardware, the EV draws 16 A.
    const client = peer.clients[0]!;
    const now = sim.station.clock.now();
    const set = await client.call('SetChargingProfile', {
      evseId: 0,
      chargingProfile: {
        id: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: [
          { id: 1, startSchedule: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
        ],
      },
    });
    assert.equal(set.status, 'Accepted');
    await waitFor(() => sim.status().evses[0]!.ev?.currentA === 16, 'the EV at 16 A');
    status = sim.status().evses[0]!;
    assert.deepEqual([status.limit?.amps, status.ev?.powerW, status.chargingState], [16, 11_040, 'Charging']);
    const before = periodic(peer).length;
    await advance(120_000);
    await waitFor(() => periodic(peer).length >= before + 2, 'two more MeterValuePeriodic events');
    const limited = periodic(peer).slice(-2).map(energyOf);
    assert.ok(Math.abs(limited[1]! - limited[0]! - 184) < 1, `184 Wh a minute at 16 A, got ${limited[1]! - limited[0]!}`);
    const currents = periodic(peer).at(-1)!.meterValue![0].sampledValue.filter((value: any) => value.measurand === 'Current.Import');
    assert.deepEqual(currents.map((value: any) => [value.phase, value.value]), [['L1', 16], ['L2', 16], ['L3', 16]]);

    // The EV pauses and resumes.
    sim.evSuspend(1);
    await waitForEvent(peer, 'Updated, SuspendedEV', (event) => event.transactionInfo.chargingState === 'SuspendedEV');
    const paused = sim.status().evses[0]!;
    assert.deepEqual([paused.chargingState, paused.ev?.suspended, paused.ev?.powerW], ['SuspendedEV', true, 0]);
    await advance(60_000);
    assert.equal(sim.status().evses[0]!.energyWh, paused.energyWh, 'no energy while paused');
    sim.evResume(1);
    await waitFor(() => events(peer).filter((event) => event.transactionInfo.chargingState === 'Charging').length >= 2, 'Charging again');

    // Reboot with the EV plugged in: a new boot (LocalReset) on the same database. The transaction ends (Reboot);
    // the variable set and the CSMS's profile are still there; the EV is reported again and charges at 16 A
    // after a new token.
    assert.equal(sim.set('TxCtrlr.EVConnectionTimeOut', '95').attributeStatus, 'Accepted');
    const energyBeforeReboot = sim.status().evses[0]!.energyWh;
    const secondClient = peer.nextClient();
    await sim.reboot();
    await secondClient;
    await waitFor(() => peer.callsOf('BootNotification').length === 2, 'the second boot');
    assert.equal(peer.callsOf('BootNotification')[1]!.payload.reason, 'LocalReset');
    await waitForEvent(peer, 'Ended, Reboot', (event) => event.eventType === 'Ended' && event.transactionInfo.transactionId === transactionId);
    const ended = events(peer).find((event) => event.eventType === 'Ended')!;
    assert.equal(ended.transactionInfo.stoppedReason, 'Reboot');
    await waitFor(() => sim.status().registration === 'Accepted' && sim.status().connected, 'Accepted again');
    assert.equal(sim.get('TxCtrlr.EVConnectionTimeOut').attributeValue, '95', 'a variable set before the reboot');
    status = sim.status().evses[0]!;
    // No transaction, so no charging state in the status (issue 10 item 18; it said EVConnected before).
    assert.deepEqual([status.connectors[0]!.status, status.transactionId, status.chargingState], ['Occupied', undefined, undefined]);
    assert.equal(status.energyWh, energyBeforeReboot, 'the meter kept its register');
    await sim.authorize(1, 'DRIVER-001');
    await waitFor(() => sim.status().evses[0]!.chargingState === 'Charging', 'charging after the reboot');
    status = sim.status().evses[0]!;
    assert.deepEqual([status.limit?.amps, status.ev?.currentA], [16, 16], 'the TxDefaultProfile survived the reboot');
    const secondTransaction = status.transactionId!;
    assert.notEqual(secondTransaction, transactionId);

    // Unplug: the transaction ends with EVDisconnected; the connector is Available.
    await advance(30_000);
    sim.unplug(1);
    await waitForEvent(peer, 'Ended, EVDisconnected', (event) => event.eventType === 'Ended' && event.transactionInfo.transactionId === secondTransaction);
    const last = events(peer).at(-1)!;
    assert.deepEqual([last.triggerReason, last.transactionInfo.stoppedReason], ['EVCommunicationLost', 'EVDisconnected']);
    const endedValues = last.meterValue!.map((value: any) => [value.sampledValue[0].context, value.sampledValue[0].value]);
    assert.deepEqual(endedValues, [
      ['Transaction.Begin', energyBeforeReboot],
      ['Transaction.End', sim.status().evses[0]!.energyWh],
    ], 'the Ended event carries the register at start and at the end');
    assert.ok(Math.abs(energyOf(last) - energyBeforeReboot - 92) < 0.5, `30 s at 11040 W, got ${energyOf(last) - energyBeforeReboot}`);
    await waitFor(() => peer.callsOf('StatusNotification').at(-1)!.payload.connectorStatus === 'Available', 'Available');
    status = sim.status().evses[0]!;
    assert.deepEqual([status.transactionId, status.ev, status.chargingState, status.connectors[0]!.status], [undefined, undefined, undefined, 'Available']);
    const seqNos = events(peer).filter((event) => event.transactionInfo.transactionId === secondTransaction).map((event) => event.seqNo);
    assert.deepEqual(seqNos, seqNos.map((_, index) => index), 'every event of the second transaction once, in order');
  });
});
