// The options of a download and of an upload.

export interface TransferProgress {
  /** Bytes moved so far. */
  readonly bytes: number;
  /** The size announced by the server (download) or of the file (upload), when known. */
  readonly totalBytes?: number;
}

export interface TransferCommonOptions {
  /** Whole transfer limit, ms (positive): longer → 'timeout'. */
  readonly timeoutMs: number;
  /** No byte moved for this long → 'timeout' (a stalled server). Default: no limit but timeoutMs. */
  readonly stallTimeoutMs?: number;
  /**
   * Called as bytes move, at most every 64 KiB or 250 ms, and once more with the final count on success. An
   * exception it throws is ignored: it cannot fail the transfer.
   */
  readonly onProgress?: (progress: TransferProgress) => void;
  /** Abort → 'aborted'. */
  readonly signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM) for https:// and ftps://, besides Node's defaults. */
  readonly ca?: readonly string[];
}

export interface DownloadOptions extends TransferCommonOptions {
  /** Larger → 'too-large', partial file removed. A Content-Length (or FTP SIZE) above it fails at once. */
  readonly maxBytes: number;
}

export interface UploadOptions extends TransferCommonOptions {
  /** The name the file gets at the target: HTTP multipart filename, FTP file name when the URL names a folder. */
  readonly fileName: string;
  /** HTTP: 'PUT' (default: the body is the file) or 'POST' (multipart/form-data, one part named "file"). */
  readonly httpMethod?: 'PUT' | 'POST';
}

/** What a finished transfer moved. */
export interface TransferResult {
  readonly bytes: number;
}
