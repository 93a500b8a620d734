// The station's own LogUploader, used when the integrator gives none: src/transfer puts the file to
// remoteLocation with HTTP(S) PUT (N01.FR.14/18: the CSMS should take PUT and POST; PUT sends the file as the
// body) or stores it over FTP(S). For TLS it trusts the CSMS roots of the certificate store besides the
// system's CAs (N01.FR.15/16). Bounded in time; a silent server is given up after a minute.
import type { LogUploader } from '../blocks/logs/log-uploader.js';
import { uploadFile } from '../transfer/index.js';

/** The longest one upload may take, and the longest the far end may stay silent. */
export const LOG_UPLOAD_TIMEOUT_MS = 10 * 60_000;
export const LOG_UPLOAD_STALL_MS = 60_000;

export function transferLogUploader(csmsRoots: () => readonly string[]): LogUploader {
  return {
    async upload(request) {
      const roots = csmsRoots();
      await uploadFile(request.url, request.filePath, {
        fileName: request.fileName,
        timeoutMs: LOG_UPLOAD_TIMEOUT_MS,
        stallTimeoutMs: LOG_UPLOAD_STALL_MS,
        signal: request.signal,
        ...(roots.length > 0 ? { ca: roots } : {}),
        onProgress: (progress) => request.onProgress?.(progress.bytes, progress.totalBytes),
      });
    },
  };
}
