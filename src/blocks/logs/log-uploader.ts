// N01: the host part that moves a built log file to the CSMS's remoteLocation. The block decides what goes in
// the file, when to try and what to tell the CSMS; the uploader only transfers (HTTP(S), FTP(S), ... as the
// integrator's transfer code supports) and says, when it fails, what kind of failure it was.
import { TRANSFER_FAILURE_KINDS, type TransferFailureKind } from '../../transfer/index.js';

/** Why an upload failed, as the transfer code (src/transfer) classifies it; an integrator's uploader says the same. */
export type UploadFailureKind = TransferFailureKind;

export interface LogUploadRequest {
  /** GetLogRequest.log.remoteLocation, as the CSMS sent it (it may carry Basic-auth user info). */
  readonly url: string;
  /** The file the block built. */
  readonly filePath: string;
  /** The name announced in GetLogResponse.filename (for a POST's Content-Disposition). */
  readonly fileName: string;
  /** Aborted when the upload is cancelled (a new GetLog, N01.FR.12) or the station stops. */
  readonly signal: AbortSignal;
  /** Bytes sent so far, and the file's size when known. */
  onProgress?(bytes: number, totalBytes?: number): void;
}

/** Uploads one log file; rejects with an error carrying `kind` (UploadFailureKind) when it fails. */
export interface LogUploader {
  upload(request: LogUploadRequest): Promise<void>;
}

const KINDS: ReadonlySet<string> = new Set<UploadFailureKind>(TRANSFER_FAILURE_KINDS);

/** The failure kind of what an uploader threw; 'io' when it says none. */
export function failureKindOf(error: unknown): UploadFailureKind {
  const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && KINDS.has(kind) ? (kind as UploadFailureKind) : 'io';
}
