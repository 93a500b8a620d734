// Issue 10 item 18: the one formatter of the transaction lines `run` and `demo` print.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { transactionLine } from '../../../src/console/transaction-lines.js';

const reading = (context: 'Transaction.Begin' | 'Transaction.End', value: number, unit = 'Wh') => ({
  timestamp: '2026-01-01T00:00:00Z',
  sampledValue: [{ value, context, measurand: 'Energy.Active.Import.Register' as const, unitOfMeasure: { unit } }],
});

describe('issue 10 item 18: transaction lines', () => {
  const base = { timestamp: '2026-01-01T00:00:00Z', seqNo: 0, transactionInfo: { transactionId: 'TX-1' } };

  it('the start names the EVSE, the trigger and the token', () => {
    const line = transactionLine({ ...base, eventType: 'Started', triggerReason: 'Authorized', evse: { id: 2, connectorId: 1 }, idToken: { idToken: 'RFID-1', type: 'ISO14443' } });
    assert.equal(line, '* transaction TX-1 started on EVSE 2 (Authorized, token RFID-1)');
  });

  it('the end names the reason and the energy from the Begin and End readings', () => {
    const ended = {
      ...base,
      eventType: 'Ended' as const,
      triggerReason: 'EVCommunicationLost' as const,
      transactionInfo: { transactionId: 'TX-1', stoppedReason: 'EVDisconnected' as const },
      meterValue: [reading('Transaction.Begin', 1000), reading('Transaction.End', 3.5, 'kWh')],
    };
    assert.equal(transactionLine(ended), '* transaction TX-1 ended (EVDisconnected): 2.50 kWh delivered');
    assert.equal(transactionLine({ ...ended, meterValue: [] }), '* transaction TX-1 ended (EVDisconnected): no energy readings in the Ended event');
  });

  it('an Updated event has no line', () => {
    assert.equal(transactionLine({ ...base, eventType: 'Updated', triggerReason: 'MeterValuePeriodic' }), undefined);
  });
});
