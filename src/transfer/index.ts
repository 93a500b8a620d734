// File transfers (issue 12): what the firmware and log blocks use to download and upload files.
export { downloadFile, uploadFile } from './file-transfer.js';
export { removeDownload } from './partial-file.js';
export { TRANSFER_FAILURE_KINDS, TransferError } from './transfer-error.js';
export type { TransferErrorDetails, TransferFailureKind } from './transfer-error.js';
export type {
  DownloadOptions,
  TransferCommonOptions,
  TransferProgress,
  TransferResult,
  UploadOptions,
} from './transfer-options.js';
