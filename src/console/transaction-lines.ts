// The console's line when a transaction starts and when it ends (`run` and `demo` alike), read from the
// TransactionEvent the station sends: which EVSE and token, why it ended and the energy it delivered (from its
// Transaction.Begin and Transaction.End register readings).
import type { Request } from '../messages/types.js';

type TransactionEvent = Request<'TransactionEvent'>;

/** The energy delivered, from the Transaction.Begin and Transaction.End register readings of an Ended event. */
export function energyDelivered(event: TransactionEvent): string {
  const readings = new Map<string, number>();
  for (const meterValue of event.meterValue ?? []) {
    for (const sample of meterValue.sampledValue ?? []) {
      const measurand = sample.measurand ?? 'Energy.Active.Import.Register';
      const unit = sample.unitOfMeasure?.unit ?? 'Wh';
      const multiplier = 10 ** (sample.unitOfMeasure?.multiplier ?? 0);
      if (measurand === 'Energy.Active.Import.Register' && sample.context) {
        if (unit === 'Wh') readings.set(sample.context, sample.value * multiplier);
        else if (unit === 'kWh') readings.set(sample.context, sample.value * multiplier * 1000);
      }
    }
  }
  const begin = readings.get('Transaction.Begin');
  const end = readings.get('Transaction.End');
  if (begin === undefined || end === undefined) return 'no energy readings in the Ended event';
  return `${((end - begin) / 1000).toFixed(2)} kWh delivered`;
}

/** The line for a Started or Ended TransactionEvent; undefined for Updated. */
export function transactionLine(event: TransactionEvent): string | undefined {
  const { transactionId } = event.transactionInfo;
  if (event.eventType === 'Started') {
    const where = event.evse ? ` on EVSE ${event.evse.id}` : '';
    const token = event.idToken ? `, token ${event.idToken.idToken}` : '';
    return `* transaction ${transactionId} started${where} (${event.triggerReason}${token})`;
  }
  if (event.eventType === 'Ended') {
    return `* transaction ${transactionId} ended (${event.transactionInfo.stoppedReason ?? 'Local'}): ${energyDelivered(event)}`;
  }
  return undefined;
}
