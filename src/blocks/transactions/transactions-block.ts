// Block E: transactions decided by the stack from what the integrator reports (transactions.ts), E14
// GetTransactionStatus, TriggerMessage(TransactionEvent) (F06.FR.07), and the CSMS's answers to
// TransactionEvents, also those a previous run queued (C10.FR.05 is the authorization block's, E05 here).
import { SampledDataCtrlr } from '../../device-model/standardized/index.js';
import type { Request, Response } from '../../messages/types.js';
import type { TransactionStore } from '../../storage/transaction-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { evseIdsOf } from '../shared/station-layout.js';
import type { Trigger } from '../shared/trigger.js';
import {
  transactionEndedInfo,
  transactionEventInfo,
  transactionMessageInfo,
  type TransactionEndedInfo,
  type TransactionEventInfo,
  type TransactionMessageDropped,
  type TransactionMessageInfo,
} from './transaction-events.js';
import type { EnergyControl } from './transaction-ports.js';
import { transactionStatusHandlers } from './transaction-status.js';
import { Transactions, type TransactionsOnBoot } from './transactions.js';
import { transactionsApi, type TransactionsApi } from './transactions-api.js';
import type { TransactionsPort } from './transactions-port.js';

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    transactions: TransactionsPort;
  }
}

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** A transaction began (its TransactionEvent Started is queued). */
    transactionStarted: TransactionEventInfo;
    /** A TransactionEvent Updated is queued. */
    transactionUpdated: TransactionEventInfo;
    /** A transaction ended (its TransactionEvent Ended is queued), also one a previous run left open. */
    transactionEnded: TransactionEndedInfo;
    /** The CSMS answered a TransactionEvent: it has it (after an Ended one, the whole transaction). */
    transactionEventDelivered: TransactionMessageInfo;
    /** The queue gave up on a TransactionEvent without an answer (E13: after MessageAttempts): the CSMS lacks it. */
    transactionEventDropped: TransactionMessageDropped;
  }
}

export interface TransactionsContext extends BlockContext {
  readonly stores: { readonly transactions: TransactionStore };
  readonly host: { readonly evse: EnergyControl };
  readonly options: {
    /**
     * Transactions still open from the previous run: 'end' them at start (stoppedReason PowerLoss or Reboot, the
     * default) or 'resume' them (for hardware that keeps charging through a restart of the software).
     */
    readonly transactionsOnBoot?: TransactionsOnBoot;
  };
}

export const transactionsBlock: BlockDefinition<TransactionsContext, TransactionsApi> = {
  name: 'transactions',
  controllers: ['TxCtrlr'],
  create(context) {
    const { model, link, ports, events } = context;
    const evseIds = evseIdsOf(context.layout);
    const metering = ports.lazy('metering');
    const transactions = new Transactions({
      model,
      clock: context.clock,
      logger: context.logger,
      evseIds,
      store: context.stores.transactions,
      atomically: context.atomically,
      send: context.send,
      metering,
      availability: ports.lazy('availability'),
      tokens: ports.lazy('tokens'),
      energy: context.host.evse,
      listener: {
        started: (record, triggerReason) => events.emit('transactionStarted', transactionEventInfo(record, triggerReason)),
        updated: (record, triggerReason) => events.emit('transactionUpdated', transactionEventInfo(record, triggerReason)),
        ended: (record, why) => events.emit('transactionEnded', transactionEndedInfo(record, why)),
        // K05 / F01.FR.10: a RequestStartTransaction's TxProfile, now that its transaction exists.
        chargingProfileArrived: (evseId, transactionId, profile) =>
          ports.find('smartCharging')?.installForTransaction(evseId, transactionId, profile),
      },
    });
    const triggerTransactionEvent: Trigger = (evse) => {
      const busy = (evse ? [evse.id] : evseIds).filter((evseId) => transactions.hasActiveTransaction(evseId));
      if (busy.length === 0) return { status: 'Rejected' };
      return { status: 'Accepted', send: () => busy.forEach((evseId) => transactions.triggerUpdate(evseId)) };
    };
    const subscriptions = [
      // E05: what the CSMS answered to a TransactionEvent, e.g. an idToken it does not accept.
      link.onTransactionalOutcome((outcome) => {
        if (outcome.action !== 'TransactionEvent') return;
        const request = outcome.payload as Request<'TransactionEvent'>;
        if (outcome.kind === 'dropped') {
          events.emit('transactionEventDropped', { ...transactionMessageInfo(request, outcome.restored), reason: outcome.error.reason });
          return;
        }
        transactions.responseReceived(request, outcome.response as Response<'TransactionEvent'>);
        events.emit('transactionEventDelivered', transactionMessageInfo(request, outcome.restored));
      }),
    ];
    return {
      handlers: transactionStatusHandlers({
        isOngoing: (transactionId) => transactions.transaction(transactionId) !== undefined,
        pendingTransactionEvents: (transactionId) => link.pendingTransactionEvents(transactionId),
      }),
      triggers: { TransactionEvent: triggerTransactionEvent },
      ports: { transactionActivity: transactions, transactions },
      api: transactionsApi(transactions),
      start(boot) {
        subscriptions.push(
          metering.onReading((evseId, meterValue) => {
            if (evseId === 0) return;
            transactions.meterReading(evseId); // MaxEnergyOnInvalidId (E05.FR.03)
            // E01.FR.04: with SampledDataSignReadings, a signed reading is what the DataSigned start point waits for.
            const signing = model.value(SampledDataCtrlr.SignReadings) === true;
            if (signing && meterValue.sampledValue.some((sample) => sample.signedMeterValue !== undefined)) transactions.signedDataReceived(evseId);
          }),
        );
        transactions.restore(boot.reason, context.options.transactionsOnBoot ?? 'end');
      },
      stop() {
        transactions.stop();
        for (const unsubscribe of subscriptions) unsubscribe();
      },
    };
  },
};
