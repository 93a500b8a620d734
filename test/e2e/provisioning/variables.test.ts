// B05 SetVariables and B06 GetVariables from the CSMS, end to end against ocpp-rpc's strict RPCServer: every
// result status, the message limits, the side effects of a change, and values surviving a restart.
import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStationStores } from '../../../src/station/station-stores.js';
import { CsmsPeer, type PeerClient } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type TestStationOptions } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: { close(): Promise<void> }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ocpp-variables-'));

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const VENDOR_COMPONENT = {
  customComponents: [
    {
      name: 'VendorCtrlr',
      variables: [{ name: 'Mode', dataType: 'OptionList', valuesList: ['Eco', 'Boost'], value: 'Eco', rebootRequired: true }],
    },
  ],
  variables: { DeviceDataCtrlr: { 'ItemsPerMessage[GetVariables]': 8, 'ItemsPerMessage[SetVariables]': 8 } },
};

async function accepted(options: Partial<TestStationOptions> = {}, peer?: CsmsPeer) {
  const csms = peer ?? (await CsmsPeer.start({ handlers: acceptingCsms() }));
  if (!peer) open.push(csms);
  return startAcceptedStation(csms, open, { stationId: 'CS-VARS', config: VENDOR_COMPONENT, ...options });
}

const cv = (component: string, variable: string, extra: Record<string, unknown> = {}) => ({
  component: { name: component },
  variable: { name: variable },
  ...extra,
});

function getVariables(client: PeerClient, data: unknown[]) {
  return client.call('GetVariables', { getVariableData: data }).then((r: any) => r.getVariableResult as any[]);
}

function setVariables(client: PeerClient, data: unknown[]) {
  return client.call('SetVariables', { setVariableData: data }).then((r: any) => r.setVariableResult as any[]);
}

describe('B06 GetVariables', () => {
  it('B06.FR.01/06/07/08/09/10 answers each item with its status, in order', async () => {
    const { client } = await accepted();
    const results = await getVariables(client, [
      cv('OCPPCommCtrlr', 'OfflineThreshold'),
      cv('NoSuchCtrlr', 'Enabled'),
      cv('OCPPCommCtrlr', 'NoSuchVariable'),
      cv('OCPPCommCtrlr', 'OfflineThreshold', { attributeType: 'Target' }),
      cv('SecurityCtrlr', 'BasicAuthPassword'),
    ]);
    assert.deepEqual(
      results.map((r) => [r.attributeStatus, r.attributeValue]),
      [
        ['Accepted', '60'],
        ['UnknownComponent', undefined],
        ['UnknownVariable', undefined],
        ['NotSupportedAttributeType', undefined],
        ['Rejected', undefined],
      ],
    );
    assert.equal(results[0].attributeType, 'Actual', 'B06.FR.11');
    assert.equal(results[3].attributeType, 'Target', 'B06.FR.03');
  });

  it('B06.FR.14 reads EVSE and connector components by their address', async () => {
    const { client } = await accepted();
    const results = await getVariables(client, [
      { component: { name: 'Connector', evse: { id: 1, connectorId: 1 } }, variable: { name: 'ConnectorType' } },
      { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, attributeType: 'MaxSet' },
      { component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' } },
    ]);
    assert.deepEqual(
      results.map((r) => [r.attributeStatus, r.attributeValue]),
      [
        ['Accepted', 'cType2'],
        ['Accepted', '22080'],
        ['UnknownComponent', undefined],
      ],
    );
  });

  it('B06.FR.16 answers more items than ItemsPerMessage[GetVariables] with OccurrenceConstraintViolation', async () => {
    const { client } = await accepted();
    const tooMany = Array.from({ length: 9 }, () => cv('OCPPCommCtrlr', 'OfflineThreshold'));
    await assert.rejects(getVariables(client, tooMany), (error: any) => error.rpcErrorCode === 'OccurrenceConstraintViolation');
  });
});

describe('B05 SetVariables', () => {
  it('B05.FR.01/04/05/06/07/08/09/10 answers each item with its status and reason, in order', async () => {
    const { client } = await accepted();
    const results = await setVariables(client, [
      cv('OCPPCommCtrlr', 'OfflineThreshold', { attributeValue: '90' }),
      cv('NoSuchCtrlr', 'Enabled', { attributeValue: 'true' }),
      cv('OCPPCommCtrlr', 'NoSuchVariable', { attributeValue: '1' }),
      cv('OCPPCommCtrlr', 'OfflineThreshold', { attributeValue: '1', attributeType: 'MaxSet' }),
      cv('OCPPCommCtrlr', 'RetryBackOffWaitMinimum', { attributeValue: 'soon' }),
      cv('OCPPCommCtrlr', 'RetryBackOffWaitMinimum', { attributeValue: '-5' }),
      cv('SecurityCtrlr', 'SecurityProfile', { attributeValue: '3' }),
      cv('VendorCtrlr', 'Mode', { attributeValue: 'Boost' }),
    ]);
    assert.deepEqual(
      results.map((r) => [r.attributeStatus, r.attributeStatusInfo?.reasonCode]),
      [
        ['Accepted', undefined],
        ['UnknownComponent', undefined],
        ['UnknownVariable', undefined],
        ['NotSupportedAttributeType', undefined],
        ['Rejected', 'InvalidValue'],
        ['Rejected', 'ValueTooLow'],
        ['Rejected', 'ReadOnly'],
        ['RebootRequired', undefined],
      ],
    );
    const read = await getVariables(client, [cv('OCPPCommCtrlr', 'OfflineThreshold'), cv('VendorCtrlr', 'Mode')]);
    assert.deepEqual(
      read.map((r) => r.attributeValue),
      ['90', 'Boost'],
    );
  });

  it('answers more items than ItemsPerMessage[SetVariables] with OccurrenceConstraintViolation', async () => {
    const { client } = await accepted();
    const tooMany = Array.from({ length: 9 }, () => cv('OCPPCommCtrlr', 'OfflineThreshold', { attributeValue: '10' }));
    await assert.rejects(setVariables(client, tooMany), (error: any) => error.rpcErrorCode === 'OccurrenceConstraintViolation');
  });

  it('G02: a new HeartbeatInterval applies from the next beat', async () => {
    const { client, peer, clock } = await accepted();
    const [result] = await setVariables(client, [cv('OCPPCommCtrlr', 'HeartbeatInterval', { attributeValue: '45' })]);
    assert.equal(result.attributeStatus, 'Accepted');
    await clock.advance(44_000);
    assert.equal(peer.callsOf('Heartbeat').length, 0);
    await clock.advance(1_000);
    await waitFor(() => peer.callsOf('Heartbeat').length === 1, 'a heartbeat 45 s after the change');
  });

  it('A01: a new BasicAuthPassword is answered first, then the station connects again with it', async () => {
    const { client, peer } = await accepted();
    const reconnected = peer.nextClient();
    const [result] = await setVariables(client, [cv('SecurityCtrlr', 'BasicAuthPassword', { attributeValue: 'a-new-password-0042' })]);
    assert.equal(result.attributeStatus, 'Accepted');
    await reconnected;
    assert.equal(peer.handshakes.at(-1)!.password, 'a-new-password-0042');
  });
});

describe('device model persistence', () => {
  it('keeps values the CSMS set across a restart; a changed configuration only moves values nobody changed', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const db = join(dir, 'persist.db');
    const configWith = (offline: number, retries: number) => ({
      ...VENDOR_COMPONENT,
      variables: { OCPPCommCtrlr: { OfflineThreshold: offline, ResetRetries: retries } },
    });

    const first = await accepted({ stores: sqliteStationStores(db), config: configWith(50, 5) }, peer);
    const [set] = await setVariables(first.client, [cv('OCPPCommCtrlr', 'OfflineThreshold', { attributeValue: '123' })]);
    assert.equal(set.attributeStatus, 'Accepted');
    await first.station.stop();

    const second = await accepted({ stores: sqliteStationStores(db), config: configWith(70, 6) }, peer);
    const read = await getVariables(second.client, [cv('OCPPCommCtrlr', 'OfflineThreshold'), cv('OCPPCommCtrlr', 'ResetRetries')]);
    assert.deepEqual(
      read.map((r) => r.attributeValue),
      ['123', '6'],
    );
  });
});
