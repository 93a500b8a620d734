// P01/P02 DataTransfer both ways. Incoming: a handler per vendorId (UnknownVendorId when none, P02.FR.06);
// the handler decides about messageIds itself (UnknownMessageId, P02.FR.07). Outgoing: the CSMS's answer, or undefined
// when the station is offline, the call times out or the CSMS answers with a CALLERROR.
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { Request, Response } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';

/** Answers a DataTransfer the CSMS sent for one vendorId. */
export type VendorDataHandler = (request: Request<'DataTransfer'>) => Response<'DataTransfer'> | Promise<Response<'DataTransfer'>>;

export interface DataTransferOptions {
  send: Send;
  isConnected: () => boolean;
  logger: Logger;
}

export class DataTransfer {
  private readonly vendors = new Map<string, VendorDataHandler>();

  constructor(private readonly options: DataTransferOptions) {}

  /** Handles DataTransfer for `vendorId`; replaces an earlier handler for it. Returns a function removing it. */
  registerVendor(vendorId: string, handler: VendorDataHandler): () => void {
    this.vendors.set(vendorId, handler);
    return () => {
      if (this.vendors.get(vendorId) === handler) this.vendors.delete(vendorId);
    };
  }

  handlers(): HandlerTable {
    return {
      DataTransfer: (request) => {
        const handler = this.vendors.get(request.vendorId);
        if (!handler) return { status: 'UnknownVendorId' };
        return handler(request);
      },
    };
  }

  /** Sends a DataTransfer to the CSMS; undefined when no answer can come (offline, timeout, CALLERROR). */
  async request(request: Request<'DataTransfer'>): Promise<Response<'DataTransfer'> | undefined> {
    if (!this.options.isConnected()) return undefined;
    try {
      return await this.options.send('DataTransfer', request);
    } catch (error) {
      this.options.logger.info({ err: error, vendorId: request.vendorId }, 'DataTransfer got no answer');
      return undefined;
    }
  }
}
