// What the transactions engine is built from: the device model, time, its store, the queue, and the ports of the
// blocks and the hardware it works with.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { TransactionStore } from '../../storage/transaction-store.js';
import type { Send } from '../shared/send.js';
import type { TransactionAvailability, EnergyControl, TransactionMetering, TokenValidator, TransactionListener } from './transaction-ports.js';

export interface TransactionsOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  evseIds: readonly number[];
  store: TransactionStore;
  /** Runs writes to the transaction store and the message queue as one. */
  atomically: <T>(work: () => T) => T;
  send: Send;
  metering: TransactionMetering;
  availability: TransactionAvailability;
  tokens: TokenValidator;
  energy: EnergyControl;
  listener?: TransactionListener;
}
