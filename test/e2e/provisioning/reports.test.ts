// B07 GetBaseReport and B08 GetReport, end to end against ocpp-rpc's strict RPCServer: the answer first, then
// NotifyReport pages with one requestId, seqNo from 0 and tbc on all but the last.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer, type ReceivedCall } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function accepted(itemsPerReportPage = 25) {
  const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
  open.push(peer);
  return startAcceptedStation(peer, open, {
    stationId: 'CS-REPORT',
    config: { variables: { DeviceDataCtrlr: { 'ItemsPerMessage[GetReport]': itemsPerReportPage } } },
  });
}

/** Waits for the whole report (the page without tbc) and returns its pages. */
async function reportPages(peer: CsmsPeer, requestId: number): Promise<ReceivedCall[]> {
  const pages = () => peer.callsOf('NotifyReport').filter((call) => call.payload.requestId === requestId);
  await waitFor(() => pages().some((page) => !page.payload.tbc), `the last page of report ${requestId}`);
  return pages();
}

const itemsOf = (pages: ReceivedCall[]) => pages.flatMap((page) => page.payload.reportData as any[]);
const nameOf = (item: any) =>
  `${item.component.name}${item.component.evse ? `#${item.component.evse.id}` : ''}.${item.variable.name}${item.variable.instance ? `[${item.variable.instance}]` : ''}`;

describe('B07 GetBaseReport', () => {
  it('B07.FR.01/03/04/08/10/11 reports the full inventory over several pages, every attribute type, with characteristics', async () => {
    const { client, peer, station } = await accepted(25);
    assert.deepEqual(await client.call('GetBaseReport', { requestId: 7, reportBase: 'FullInventory' }), { status: 'Accepted' });
    const pages = await reportPages(peer, 7);
    assert.ok(pages.length > 3, `several pages (${pages.length})`);
    assert.deepEqual(pages.map((page) => page.payload.seqNo), pages.map((_, index) => index));
    assert.deepEqual(pages.map((page) => page.payload.tbc), pages.map((_, index) => index < pages.length - 1));
    assert.ok(pages.every((page) => page.payload.reportData.length <= 25));
    const items = itemsOf(pages);
    assert.equal(items.length, station.deviceModel.declarations().length, 'every variable once');
    const power = items.find((item) => nameOf(item) === 'EVSE#1.Power');
    assert.deepEqual(power.variableAttribute.map((attribute: any) => attribute.type).sort(), ['Actual', 'MaxSet']);
    assert.ok(items.every((item) => item.variableCharacteristics?.dataType));
    // An unset attribute has no value: "" would be no valid boolean, integer, decimal, dateTime or option
    // (an empty string, MemberList or SequenceList is a real value).
    const emptyTyped = items.filter(
      (item) =>
        ['boolean', 'integer', 'decimal', 'dateTime', 'OptionList'].includes(item.variableCharacteristics.dataType) &&
        item.variableAttribute.some((attribute: any) => attribute.value === ''),
    );
    assert.deepEqual(emptyTyped.map(nameOf), []);
  });

  it('B07.FR.07 reports only what the operator can set in a ConfigurationInventory, and no WriteOnly value', async () => {
    const { client, peer } = await accepted(500);
    await client.call('GetBaseReport', { requestId: 8, reportBase: 'ConfigurationInventory' });
    const items = itemsOf(await reportPages(peer, 8));
    assert.ok(items.some((item) => nameOf(item) === 'OCPPCommCtrlr.HeartbeatInterval'));
    assert.ok(!items.some((item) => nameOf(item) === 'SecurityCtrlr.SecurityProfile'), 'no read-only variable');
    const password = items.find((item) => nameOf(item) === 'SecurityCtrlr.BasicAuthPassword');
    assert.equal(password.variableAttribute[0].value, undefined);
    assert.ok(items.every((item) => item.variableAttribute.some((attribute: any) => attribute.mutability !== 'ReadOnly')));
  });

  it('B07.FR.09 reports the availability of the station, its EVSEs and connectors in a SummaryInventory', async () => {
    const { client, peer } = await accepted(500);
    await client.call('GetBaseReport', { requestId: 9, reportBase: 'SummaryInventory' });
    const items = itemsOf(await reportPages(peer, 9));
    const names = items.map(nameOf);
    assert.ok(names.includes('ChargingStation.AvailabilityState'));
    assert.ok(names.includes('EVSE#1.AvailabilityState'));
  });
});

describe('B08 GetReport', () => {
  it('B08.FR.11/12 reports just the component variables asked for', async () => {
    const { client, peer } = await accepted();
    const status = await client.call('GetReport', {
      requestId: 11,
      componentVariable: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }],
    });
    assert.deepEqual(status, { status: 'Accepted' });
    const items = itemsOf(await reportPages(peer, 11));
    assert.deepEqual(items.map(nameOf), ['OCPPCommCtrlr.OfflineThreshold']);
    assert.equal(items[0].variableCharacteristics.dataType, 'integer');
  });

  it('B08.FR.20 reports every variable of a component given without a variable', async () => {
    const { client, peer, station } = await accepted(500);
    await client.call('GetReport', { requestId: 12, componentVariable: [{ component: { name: 'DeviceDataCtrlr' } }] });
    const items = itemsOf(await reportPages(peer, 12));
    const declared = station.deviceModel.declarations().filter((d) => d.component.name === 'DeviceDataCtrlr');
    assert.equal(items.length, declared.length);
  });

  it('B08.FR.15 answers EmptyResultSet when nothing matches, and sends no report', async () => {
    const { client, peer } = await accepted();
    assert.deepEqual(await client.call('GetReport', { requestId: 13, componentCriteria: ['Problem'] }), { status: 'EmptyResultSet' });
    assert.deepEqual(
      await client.call('GetReport', { requestId: 14, componentVariable: [{ component: { name: 'NoSuchCtrlr' } }] }),
      { status: 'EmptyResultSet' },
    );
    assert.equal(peer.callsOf('NotifyReport').length, 0);
  });

  it('B08.FR.17 answers more componentVariables than ItemsPerMessage[GetReport] with OccurrenceConstraintViolation', async () => {
    const { client } = await accepted(2);
    const componentVariable = Array.from({ length: 3 }, () => ({ component: { name: 'OCPPCommCtrlr' } }));
    await assert.rejects(
      client.call('GetReport', { requestId: 15, componentVariable }),
      (error: any) => error.rpcErrorCode === 'OccurrenceConstraintViolation',
    );
  });
});
