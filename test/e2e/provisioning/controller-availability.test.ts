// A controller is advertised only when the station has its block: ReservationCtrlr, MonitoringCtrlr,
// DisplayMessageCtrlr and TariffCostCtrlr report Available and Enabled false while their requests are answered
// NotSupported; the controllers of the blocks the station has report true (B06 GetVariables, B07 reports).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms, startAcceptedStation, type Closables } from '../../support/test-station.js';

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const read = (component: string, variable: string, instance?: string) => ({
  component: { name: component },
  variable: instance ? { name: variable, instance } : { name: variable },
});

describe('controllers are available only with their blocks', () => {
  it('B06 reports Available and Enabled false for the controllers of blocks the station lacks, true for the others', async () => {
    const peer = await CsmsPeer.start({ handlers: acceptingCsms() });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, { stationId: 'CS-CTRLRS' });
    const asked = [
      read('ReservationCtrlr', 'Available'),
      read('ReservationCtrlr', 'Enabled'),
      read('MonitoringCtrlr', 'Available'),
      read('MonitoringCtrlr', 'Enabled'),
      read('DisplayMessageCtrlr', 'Available'),
      read('TariffCostCtrlr', 'Available', 'Tariff'),
      read('SmartChargingCtrlr', 'Available'),
      read('LocalAuthListCtrlr', 'Enabled'),
    ];
    const { getVariableResult } = await client.call('GetVariables', { getVariableData: asked });
    assert.deepEqual(
      getVariableResult.map((result: any) => `${result.component.name}.${result.variable.name} ${result.attributeStatus} ${result.attributeValue}`),
      [
        'ReservationCtrlr.Available Accepted false',
        'ReservationCtrlr.Enabled Accepted false',
        'MonitoringCtrlr.Available Accepted false',
        'MonitoringCtrlr.Enabled Accepted false',
        'DisplayMessageCtrlr.Available Accepted false',
        'TariffCostCtrlr.Available Accepted false',
        'SmartChargingCtrlr.Available Accepted true',
        'LocalAuthListCtrlr.Enabled Accepted true',
      ],
    );
    await assert.rejects(client.call('ReserveNow', { id: 1, expiryDateTime: new Date().toISOString(), idToken: { idToken: 'A', type: 'ISO14443' } }), (error: any) => error.rpcErrorCode === 'NotSupported' || /not supported/.test(String(error.message)));
  });
});
