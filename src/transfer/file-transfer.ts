// The file transfers of the station (firmware downloads, log uploads): one entry per direction, dispatching on
// the URL's scheme to HTTP(S) or FTP(S). Every failure is a TransferError whose `kind` says why.
import { ftpDownload, ftpUpload } from './ftp-transfer.js';
import { httpDownload, httpUpload } from './http-transfer.js';
import type { DownloadOptions, TransferResult, UploadOptions } from './transfer-options.js';
import { parseTransferUrl } from './transfer-url.js';

/**
 * Downloads `url` to `destinationPath` (through `destinationPath.part`, renamed once complete and flushed).
 * Rejects with TransferError; a failure leaves neither the part file nor a file at `destinationPath`.
 * Options that make no sense (timeoutMs not positive, maxBytes negative) throw RangeError at once.
 */
export async function downloadFile(url: string, destinationPath: string, options: DownloadOptions): Promise<TransferResult> {
  if (!(options.maxBytes >= 0)) throw new RangeError(`maxBytes must be 0 or more, not ${options.maxBytes}`);
  const target = parseTransferUrl(url);
  return target.scheme === 'http' || target.scheme === 'https'
    ? httpDownload(target, destinationPath, options)
    : ftpDownload(target, destinationPath, options);
}

/** Uploads the file at `sourcePath` to `url`. Rejects with TransferError. */
export async function uploadFile(url: string, sourcePath: string, options: UploadOptions): Promise<TransferResult> {
  const target = parseTransferUrl(url);
  return target.scheme === 'http' || target.scheme === 'https'
    ? httpUpload(target, sourcePath, options)
    : ftpUpload(target, sourcePath, options);
}
