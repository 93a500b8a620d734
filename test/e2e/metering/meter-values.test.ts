// Meter values end to end: a Metering sending through an OcppLink to ocpp-rpc's strict RPCServer, which checks
// every message against its own copy of the OCPP 2.0.1 schemas before a handler sees it. A clock-aligned
// MeterValues (J01.FR.14) and a triggered one (F06.FR.06) arrive, valid, with what the station recorded.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Metering } from '../../../src/blocks/metering/metering.js';
import { nextAlignedTime } from '../../../src/blocks/metering/timers.js';
import { TriggerDirectory } from '../../../src/blocks/shared/trigger.js';
import { triggerMessageHandlers } from '../../../src/blocks/remote-control/trigger-message.js';
import { DeviceModel } from '../../../src/device-model/device-model.js';
import { declarationsOf } from '../../../src/device-model/declare.js';
import { AlignedDataCtrlr, SampledDataCtrlr } from '../../../src/device-model/standardized/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { MeterValueType } from '../../../src/messages/types.js';
import { MemoryDeviceModelStore } from '../../../src/storage/memory/memory-device-model-store.js';
import { MemoryTxMeterValueStore } from '../../../src/storage/memory/memory-tx-meter-value-store.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { createTestLink } from '../../support/test-link.js';
import { waitFor } from '../../support/wait-for.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const mainMeter: MeterValueType = {
  timestamp: '2026-01-01T00:00:00.000Z',
  sampledValue: [{ value: 1_234_567, unitOfMeasure: { unit: 'Wh' }, location: 'Inlet' }],
};

const evseMeter: MeterValueType = {
  timestamp: '2026-01-01T00:00:00.000Z',
  sampledValue: [
    {
      value: 4200.5,
      measurand: 'Energy.Active.Import.Register',
      location: 'Outlet',
      unitOfMeasure: { unit: 'Wh' },
      signedMeterValue: { signedMeterData: 'T0NNRnxkYXRh', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'MFkwEwYHKoZI' },
    },
    { value: 230.1, measurand: 'Voltage', phase: 'L1-N', location: 'Outlet', unitOfMeasure: { unit: 'V' } },
    { value: 16, measurand: 'Current.Import', phase: 'L1', location: 'Outlet', unitOfMeasure: { unit: 'A' } },
    { value: 55, measurand: 'SoC', location: 'EV', unitOfMeasure: { unit: 'Percent' } },
  ],
};

async function setUp() {
  const peer = await CsmsPeer.start({ handlers: { MeterValues: () => ({}) } });
  open.push(peer);
  const { link, clock } = createTestLink(peer, { stationId: 'CS-METER' });
  open.push(link);
  const model = DeviceModel.load({
    declarations: [...declarationsOf(SampledDataCtrlr), ...declarationsOf(AlignedDataCtrlr)],
    store: new MemoryDeviceModelStore(),
    supportedBlocks: ['Metering'],
    clock,
    initialValues: [
      { component: { name: 'AlignedDataCtrlr' }, variable: { name: 'Interval' }, value: '60' },
      { component: { name: 'AlignedDataCtrlr' }, variable: { name: 'Measurands' }, value: 'Energy.Active.Import.Register,Voltage,SoC' },
    ],
  });
  const metering = new Metering({
    model,
    clock,
    logger: silentLogger(),
    send: (action, payload, options) => link.send(action, payload, options),
    store: new MemoryTxMeterValueStore(),
    evseIds: [1],
  });
  open.push({ close: async () => metering.close() });
  const triggers = new TriggerDirectory();
  triggers.add('metering', { MeterValues: metering.trigger });
  link.registerHandlers('triggers', triggerMessageHandlers(triggers.lookup, link));

  const client: Promise<PeerClient> = peer.nextClient();
  link.connect();
  const csms = await client;
  await waitFor(() => link.isConnected, 'the link to report connected');
  link.setRegistrationStatus('Accepted');
  metering.record(0, mainMeter);
  metering.record(1, evseMeter);
  return { peer, csms, clock, metering };
}

/** The frames the station sent, parsed, with no CALLERROR among them (the CSMS refused nothing it got). */
function framesFrom(csms: PeerClient): unknown[][] {
  return csms.inbound.map((text) => JSON.parse(text) as unknown[]);
}

describe('meter values over a real socket', () => {
  it('J01.FR.14 a clock-aligned MeterValues per meter arrives valid at the aligned time, context Sample.Clock', async () => {
    const { peer, csms, clock, metering } = await setUp();
    metering.start();
    const due = nextAlignedTime(clock.now().getTime(), 60);
    await clock.advance(due - clock.now().getTime());
    await waitFor(() => peer.callsOf('MeterValues').length === 2, 'two MeterValues');

    const [main, evse] = peer.callsOf('MeterValues').map((call) => call.payload);
    const dueIso = new Date(due).toISOString();
    assert.deepEqual(main, {
      evseId: 0,
      meterValue: [{ timestamp: dueIso, sampledValue: [{ value: 1_234_567, unitOfMeasure: { unit: 'Wh' }, location: 'Inlet', context: 'Sample.Clock' }] }],
    });
    assert.equal(evse.evseId, 1);
    assert.equal(evse.meterValue[0].timestamp, dueIso);
    assert.deepEqual(
      evse.meterValue[0].sampledValue.map((sv: { measurand: string; context: string }) => [sv.measurand, sv.context]),
      [
        ['Energy.Active.Import.Register', 'Sample.Clock'],
        ['Voltage', 'Sample.Clock'],
        ['SoC', 'Sample.Clock'],
      ],
      'Current.Import is not configured',
    );
    assert.deepEqual(evse.meterValue[0].sampledValue[0].signedMeterValue, evseMeter.sampledValue[0]!.signedMeterValue);
    assert.ok(framesFrom(csms).every((frame) => frame[0] !== 4), 'no CALLERROR from the station');
  });

  it('F06.FR.06 TriggerMessage(MeterValues): Accepted, then a valid MeterValues with context Trigger; F06.FR.04 the response goes first', async () => {
    const { peer, csms } = await setUp();
    const response = await csms.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 1 } });
    assert.deepEqual(response, { status: 'Accepted' });
    await waitFor(() => peer.callsOf('MeterValues').length === 1, 'the triggered MeterValues');
    const [call] = peer.callsOf('MeterValues');
    assert.equal(call!.payload.evseId, 1);
    assert.ok(call!.payload.meterValue[0].sampledValue.every((sv: { context: string }) => sv.context === 'Trigger'));

    const frames = framesFrom(csms);
    const responseAt = frames.findIndex((frame) => frame[0] === 3);
    const meterValuesAt = frames.findIndex((frame) => frame[0] === 2 && frame[2] === 'MeterValues');
    assert.ok(responseAt >= 0 && responseAt < meterValuesAt, 'TriggerMessageResponse before MeterValues');

    assert.deepEqual(await csms.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 5 } }), { status: 'Rejected' });
    const all = await csms.call('TriggerMessage', { requestedMessage: 'MeterValues' });
    assert.deepEqual(all, { status: 'Accepted' });
    await waitFor(() => peer.callsOf('MeterValues').length === 3, 'one MeterValues per meter');
    assert.deepEqual(peer.callsOf('MeterValues').slice(1).map((c) => c.payload.evseId), [0, 1]);
  });
});
