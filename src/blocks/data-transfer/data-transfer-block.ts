// Block P: DataTransfer both ways (data-transfer.ts).
import type { DataTransferRequest, DataTransferResponse } from '../../messages/types.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { DataTransfer, type VendorDataHandler } from './data-transfer.js';

export interface DataTransferApi {
  /** DataTransfer to the CSMS: its answer, or undefined when offline, timed out or refused with a CALLERROR. */
  dataTransferReq(request: DataTransferRequest): Promise<DataTransferResponse | undefined>;
  dataTransferReq(vendorId: string, messageId?: string, data?: unknown): Promise<DataTransferResponse | undefined>;
  /** Answers DataTransfer requests of the CSMS for `vendorId`. Returns a function that removes the handler. */
  registerDataTransferHandler(vendorId: string, handler: VendorDataHandler): () => void;
}

export const dataTransferBlock: BlockDefinition<BlockContext, DataTransferApi> = {
  name: 'data-transfer',
  controllers: ['CustomizationCtrlr'],
  create(context) {
    const dataTransfer = new DataTransfer({ send: context.send, isConnected: () => context.link.isConnected, logger: context.logger });
    function dataTransferReq(request: DataTransferRequest): Promise<DataTransferResponse | undefined>;
    function dataTransferReq(vendorId: string, messageId?: string, data?: unknown): Promise<DataTransferResponse | undefined>;
    function dataTransferReq(first: string | DataTransferRequest, messageId?: string, data?: unknown): Promise<DataTransferResponse | undefined> {
      const request: DataTransferRequest =
        typeof first === 'string'
          ? { vendorId: first, ...(messageId !== undefined ? { messageId } : {}), ...(data !== undefined ? { data } : {}) }
          : first;
      return dataTransfer.request(request);
    }
    return {
      handlers: dataTransfer.handlers(),
      api: {
        dataTransferReq,
        registerDataTransferHandler: (vendorId, handler) => dataTransfer.registerVendor(vendorId, handler),
      },
    };
  },
};
