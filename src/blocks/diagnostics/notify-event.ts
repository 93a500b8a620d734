// N07/N08 (the seed's on_event): events the integrator reports go to the CSMS as NotifyEvent.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import type { EventDataType } from '../../messages/types.js';

export interface NotifyEventOptions {
  send: Send;
  clock: Clock;
  logger: Logger;
}

/** Sends the events in one NotifyEvent (seqNo 0, nothing to follow). An empty list sends nothing. */
export function notifyEvents(options: NotifyEventOptions, events: readonly EventDataType[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  return options
    .send('NotifyEvent', { generatedAt: options.clock.now().toISOString(), seqNo: 0, tbc: false, eventData: [...events] })
    .then(
      () => undefined,
      (error: unknown) => logNotDelivered(options.logger, error, { events: events.length }, 'NotifyEvent not delivered'),
    );
}
