// F01-F03 RequestStartTransaction / RequestStopTransaction at the door: while registration is not Accepted both
// are Rejected (B02.FR.05, reason CSNotAccepted). Once Accepted they go to the transactions block through
// `RemoteTransactionControl`; a station without one cannot start a transaction and has none to stop.
import type { Request, Response } from '../../messages/types.js';
import type { RegistrationStatus } from '../../queue/queue-policy.js';
import type { HandlerTable } from '../../rpc/handler-router.js';

/** What the transactions block does with a remote start or stop. */
export interface RemoteTransactionControl {
  /** Decides the response; `afterResponse` schedules what follows it (the authorization, the TransactionEvent). */
  start(
    request: Request<'RequestStartTransaction'>,
    afterResponse: (task: () => void) => void,
  ): Response<'RequestStartTransaction'> | Promise<Response<'RequestStartTransaction'>>;
  stop(request: Request<'RequestStopTransaction'>): Response<'RequestStopTransaction'> | Promise<Response<'RequestStopTransaction'>>;
}

export interface RemoteStartStopOptions {
  registrationStatus: () => RegistrationStatus;
  /** Absent until the transactions block is part of the station. */
  control?: () => RemoteTransactionControl | undefined;
}

const notAccepted = { status: 'Rejected', statusInfo: { reasonCode: 'CSNotAccepted' } } as const;

export function remoteStartStopHandlers(options: RemoteStartStopOptions): HandlerTable {
  return {
    RequestStartTransaction: (request, context) => {
      if (options.registrationStatus() !== 'Accepted') return notAccepted;
      const control = options.control?.();
      if (!control) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest' } };
      return control.start(request, (task) => context.afterResponse(task));
    },
    RequestStopTransaction: (request) => {
      if (options.registrationStatus() !== 'Accepted') return notAccepted;
      const control = options.control?.();
      // Without a transactions block no transaction runs, so none can match the id.
      if (!control) return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } };
      return control.stop(request);
    },
  };
}
