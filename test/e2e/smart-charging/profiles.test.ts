// Charging profiles end to end against ocpp-rpc's strict RPCServer (which checks every message both ways against
// the OCPP 2.0.1 schemas): an OcppLink carrying the ChargingProfiles handlers. The CSMS sets profiles (accepted and
// rejected with their reasons), reads them back in ReportChargingProfiles pages, and clears them.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingProfiles } from '../../../src/blocks/smart-charging/profiles/charging-profiles.js';
import { parseStationConfig } from '../../../src/device-model/station-config.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import { MemoryChargingProfileStore } from '../../../src/storage/memory/memory-charging-profile-store.js';
import { silentLogger } from '../../../src/logger.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { createTestLink } from '../../support/test-link.js';
import { waitFor } from '../../support/wait-for.js';
import { memoryStationModel } from '../../support/station-model.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const CONFIG = parseStationConfig({
  ...DEFAULT_STATION_CONFIG_JSON,
  evses: [
    { id: 1, connectors: [{ id: 1, type: 'cType2' }], maxPowerW: 22080, supplyPhases: 3 },
    { id: 2, connectors: [{ id: 1, type: 'cCCS2' }], maxPowerW: 50000, supplyPhases: 0 },
  ],
  supportedBlocks: [...new Set([...DEFAULT_STATION_CONFIG_JSON.supportedBlocks, 'SmartCharging'])],
});

const running = new Map<number, string>();
const transactions = {
  transactionIdOf: (evseId: number) => running.get(evseId),
  evseOfTransaction: (transactionId: string) => [...running].find(([, id]) => id === transactionId)?.[0],
};

async function acceptedStation() {
  running.clear();
  const peer = await CsmsPeer.start({
    handlers: {
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
      ReportChargingProfiles: () => ({}),
    },
  });
  open.push(peer);
  const { link, clock } = createTestLink(peer, { stationId: 'CS-PROFILES' });
  open.push(link);
  const model = memoryStationModel(CONFIG, clock, 'CS-PROFILES');
  const profiles = new ChargingProfiles({
    model,
    store: new MemoryChargingProfileStore(),
    clock,
    logger: silentLogger(),
    send: link.send.bind(link),
    evseIds: [1, 2],
    transactions,
    profilesPerReport: 2,
    maxFrameBytes: () => link.settings.maxFrameBytes,
  });
  profiles.restore();
  link.registerHandlers('smart-charging-profiles', profiles.handlers());

  const nextClient = peer.nextClient();
  link.connect();
  const client = await nextClient;
  await waitFor(() => link.isConnected, 'the link to connect');
  const boot = await link.send('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'ocpp-station' } });
  link.setRegistrationStatus(boot.status);
  return { peer, client, profiles, now: clock.now() };
}

function absolute(id: number, purpose: string, stackLevel: number, startSchedule: string, limit: number) {
  return {
    id,
    stackLevel,
    chargingProfilePurpose: purpose,
    chargingProfileKind: 'Absolute',
    chargingSchedule: [{ id: 1, startSchedule, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] }],
  };
}

function relativeTx(id: number, transactionId: string | undefined) {
  return {
    id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    ...(transactionId ? { transactionId } : {}),
    chargingSchedule: [{ id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400 }, { startPeriod: 1800, limit: 3700 }] }],
  };
}

/** Index in the station's frames of the first CALLRESULT and of the first ReportChargingProfiles CALL after `from`. */
function frameIndexes(client: PeerClient, from: number) {
  const frames = client.inbound.map((text) => JSON.parse(text) as unknown[]);
  const result = frames.findIndex((frame, index) => index >= from && frame[0] === 3);
  const report = frames.findIndex((frame, index) => index >= from && frame[0] === 2 && frame[2] === 'ReportChargingProfiles');
  return { result, report };
}

describe('charging profiles over a real socket (K01, K09, K10)', () => {
  it('K01 SetChargingProfile: Accepted for valid profiles, Rejected with the reason for invalid ones', async () => {
    const { client, profiles, now } = await acceptedStation();
    const start = now.toISOString();

    assert.deepEqual(await client.call('SetChargingProfile', { evseId: 0, chargingProfile: absolute(1, 'ChargingStationMaxProfile', 0, start, 64) }), {
      status: 'Accepted',
    });
    assert.deepEqual(await client.call('SetChargingProfile', { evseId: 1, chargingProfile: absolute(2, 'TxDefaultProfile', 0, start, 16) }), {
      status: 'Accepted',
    });

    const reasonOf = async (evseId: number, chargingProfile: object) => {
      const response = await client.call('SetChargingProfile', { evseId, chargingProfile });
      assert.equal(response.status, 'Rejected');
      assert.equal(typeof response.statusInfo.additionalInfo, 'string');
      return response.statusInfo.reasonCode;
    };
    assert.equal(await reasonOf(1, absolute(3, 'ChargingStationMaxProfile', 0, start, 32)), 'InvalidProfile', 'K04.FR.03');
    assert.equal(await reasonOf(0, absolute(3, 'ChargingStationExternalConstraints', 0, start, 32)), 'InvalidProfile', 'K01.FR.22');
    assert.equal(await reasonOf(5, absolute(3, 'TxDefaultProfile', 0, start, 32)), 'UnknownEvse', 'K01.FR.28');
    assert.equal(await reasonOf(1, absolute(3, 'TxDefaultProfile', 0, start, 32)), 'DuplicateProfile', 'K01.FR.06');
    assert.equal(await reasonOf(0, absolute(3, 'TxDefaultProfile', 0, start, 32)), 'DuplicateProfile', 'K01.FR.52');
    assert.equal(await reasonOf(1, absolute(3, 'TxDefaultProfile', 11, start, 32)), 'InvalidStackLevel', 'ProfileStackLevel');
    assert.equal(await reasonOf(1, relativeTx(3, 'tx-1')), 'TxNotFound', 'K01.FR.09');
    assert.equal(await reasonOf(1, relativeTx(3, undefined)), 'MissingParam', 'K01.FR.03');
    const late = absolute(3, 'TxDefaultProfile', 1, start, 32);
    late.chargingSchedule[0]!.chargingSchedulePeriod[0]!.startPeriod = 60;
    assert.equal(await reasonOf(1, late), 'InvalidSchedule', 'K01.FR.31');

    running.set(1, 'tx-1');
    assert.deepEqual(await client.call('SetChargingProfile', { evseId: 1, chargingProfile: relativeTx(3, 'tx-1') }), { status: 'Accepted' });
    assert.deepEqual(
      profiles.all().map((entry) => [entry.evseId, entry.profile.id, entry.profile.chargingProfilePurpose]),
      [
        [0, 1, 'ChargingStationMaxProfile'],
        [1, 2, 'TxDefaultProfile'],
        [1, 3, 'TxProfile'],
      ],
    );
  });

  it('K09 GetChargingProfiles: Accepted, then ReportChargingProfiles pages with the requestId and tbc; NoProfiles when nothing matches', async () => {
    const { peer, client, now } = await acceptedStation();
    const start = now.toISOString();
    running.set(1, 'tx-1');
    await client.call('SetChargingProfile', { evseId: 0, chargingProfile: absolute(1, 'ChargingStationMaxProfile', 0, start, 64) });
    for (const [id, stackLevel] of [[2, 0], [3, 1], [4, 2]] as const) {
      await client.call('SetChargingProfile', { evseId: 1, chargingProfile: absolute(id, 'TxDefaultProfile', stackLevel, start, 16) });
    }
    await client.call('SetChargingProfile', { evseId: 1, chargingProfile: relativeTx(5, 'tx-1') });
    await client.call('SetChargingProfile', { evseId: 2, chargingProfile: absolute(6, 'TxDefaultProfile', 0, start, 100) });

    const from = client.inbound.length;
    assert.deepEqual(await client.call('GetChargingProfiles', { requestId: 77, chargingProfile: {} }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('ReportChargingProfiles').length === 4, 'four ReportChargingProfiles pages');
    const pages = peer.callsOf('ReportChargingProfiles').map((call) => call.payload);
    assert.deepEqual(
      pages.map((page) => [page.requestId, page.evseId, page.chargingLimitSource, page.chargingProfile.map((p: { id: number }) => p.id), page.tbc]),
      [
        [77, 0, 'CSO', [1], true],
        [77, 1, 'CSO', [2, 3], true],
        [77, 1, 'CSO', [4, 5], true],
        [77, 2, 'CSO', [6], false],
      ],
    );
    assert.equal(pages[2].chargingProfile[1].transactionId, 'tx-1');
    const order = frameIndexes(client, from);
    assert.ok(order.result >= 0 && order.result < order.report, 'the response goes out before the reports');

    assert.deepEqual(await client.call('GetChargingProfiles', { requestId: 78, evseId: 1, chargingProfile: { chargingProfilePurpose: 'TxProfile' } }), {
      status: 'Accepted',
    });
    await waitFor(() => peer.callsOf('ReportChargingProfiles').length === 5, 'the TxProfile report');
    const txReport = peer.callsOf('ReportChargingProfiles')[4]!.payload;
    assert.deepEqual([txReport.requestId, txReport.evseId, txReport.chargingProfile.map((p: { id: number }) => p.id), txReport.tbc], [78, 1, [5], false]);

    assert.deepEqual(await client.call('GetChargingProfiles', { requestId: 79, evseId: 2, chargingProfile: { stackLevel: 5 } }), {
      status: 'NoProfiles',
    });
    assert.deepEqual(await client.call('GetChargingProfiles', { requestId: 80, chargingProfile: { chargingProfileId: [2, 6] } }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('ReportChargingProfiles').length === 7, 'the reports by id');
    assert.deepEqual(
      peer.callsOf('ReportChargingProfiles').slice(5).map((call) => [call.payload.requestId, call.payload.evseId, call.payload.chargingProfile.map((p: { id: number }) => p.id)]),
      [
        [80, 1, [2]],
        [80, 2, [6]],
      ],
    );
  });

  it('K10 ClearChargingProfile: by id and by criteria Accepted, Unknown when nothing matches', async () => {
    const { client, profiles, now } = await acceptedStation();
    const start = now.toISOString();
    await client.call('SetChargingProfile', { evseId: 0, chargingProfile: absolute(1, 'ChargingStationMaxProfile', 0, start, 64) });
    await client.call('SetChargingProfile', { evseId: 0, chargingProfile: absolute(2, 'TxDefaultProfile', 0, start, 32) });
    await client.call('SetChargingProfile', { evseId: 1, chargingProfile: absolute(3, 'TxDefaultProfile', 1, start, 16) });
    await client.call('SetChargingProfile', { evseId: 2, chargingProfile: absolute(4, 'TxDefaultProfile', 1, start, 16) });
    const ids = () => profiles.all().map((entry) => entry.profile.id);

    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileId: 1 }), { status: 'Accepted' });
    assert.deepEqual(ids(), [2, 3, 4]);
    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileId: 1 }), { status: 'Unknown' });
    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileCriteria: { evseId: 2, stackLevel: 0 } }), { status: 'Unknown' });
    assert.deepEqual(await client.call('ClearChargingProfile', { chargingProfileCriteria: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 } }), {
      status: 'Accepted',
    });
    assert.deepEqual(ids(), [2]);
    assert.deepEqual(await client.call('GetChargingProfiles', { requestId: 1, chargingProfile: { stackLevel: 1 } }), { status: 'NoProfiles' });
  });
});
