// Writes a transaction's history: each TransactionEvent is queued together with the transaction's new state in
// one atomic step (so a crash can neither lose an event nor repeat a seqNo), and an Ended event removes the
// transaction from the store in the same step.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import type { ChargingStateEnumType, Request } from '../../messages/types.js';
import type { TransactionStore } from '../../storage/transaction-store.js';
import { buildTransactionEvent, type TransactionEventSpec } from './transaction-event-builder.js';
import type { EndReason, TransactionMetering, TransactionListener } from './transaction-ports.js';
import type { TransactionRecord } from './transaction-record.js';

export interface TransactionJournalOptions {
  store: TransactionStore;
  atomically: <T>(work: () => T) => T;
  send: Send;
  metering: TransactionMetering;
  clock: Clock;
  logger: Logger;
  /** Hears each Updated event once it is queued. */
  listener?: TransactionListener;
}

export class TransactionJournal {
  constructor(private readonly options: TransactionJournalOptions) {}

  /** Transactions a previous run left open. */
  openTransactions(): TransactionRecord[] {
    return this.options.store.loadAll().map((stored) => stored.state as TransactionRecord);
  }

  /** Queues an event for the transaction and stores its new state (the record is updated in place). */
  record(record: TransactionRecord, spec: Omit<TransactionEventSpec, 'timestamp'> & { timestamp?: string }, requestedByCsms = false): void {
    const { request, record: next } = buildTransactionEvent(record, { timestamp: this.now(), ...spec });
    Object.assign(record, next);
    this.options.atomically(() => {
      this.queue(request, requestedByCsms);
      this.save(record);
    });
    if (request.eventType === 'Updated') this.options.listener?.updated?.(record, request.triggerReason);
  }

  /** Queues the Ended event with the TxEnded meter values and forgets the transaction. */
  end(record: TransactionRecord, why: EndReason, chargingState?: ChargingStateEnumType): void {
    const meterValue = this.options.metering.endedValues(record.evseId, record.transactionId);
    const { request } = buildTransactionEvent(record, {
      eventType: 'Ended',
      triggerReason: why.triggerReason,
      timestamp: this.now(),
      stoppedReason: why.stoppedReason,
      meterValue,
      ...(chargingState ? { chargingState } : {}),
      ...(why.idToken ? { idToken: why.idToken } : {}),
    });
    // The kept TxEnded samples go with the transaction, so a crash leaves none behind for a transaction that is gone.
    this.options.atomically(() => {
      this.queue(request);
      this.options.store.remove(record.transactionId);
      this.options.metering.clear(record.transactionId);
    });
    this.options.logger.info({ transactionId: record.transactionId, stoppedReason: why.stoppedReason }, 'transaction ended');
  }

  /** Changes fields of the record without an event (written at once). */
  update(record: TransactionRecord, changes: Partial<TransactionRecord>): void {
    Object.assign(record, changes);
    this.save(record);
  }

  private queue(request: Request<'TransactionEvent'>, requestedByCsms = false): void {
    // Delivery and retries are the queue's job; what the CSMS answers comes back through the station.
    this.options.send('TransactionEvent', request, { requestedByCsms }).catch((error: unknown) =>
      logNotDelivered(
        this.options.logger,
        error,
        { seqNo: request.seqNo, transactionId: request.transactionInfo.transactionId },
        'TransactionEvent not delivered',
      ),
    );
  }

  private save(record: TransactionRecord): void {
    this.options.store.save({ transactionId: record.transactionId, evseId: record.evseId, state: record, updatedAt: this.now() });
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}
