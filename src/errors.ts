// The common base of the project's errors: each class has a stable `code` (docs/errors.md lists them all),
// and an error raised because of another carries that one as its ES2022 `cause`.

export interface ErrorCauseOptions {
  /** The error this one was raised because of (a socket error, an SQLite error, …). */
  cause?: unknown;
}

export abstract class OcppStationError extends Error {
  /**
   * What went wrong, as a string that does not change between releases (unlike the message): for programs that
   * react to an error, and for logs. OcppError's is its OCPP-J RPC error code.
   */
  abstract readonly code: string;

  constructor(message?: string, options?: ErrorCauseOptions) {
    // Without a cause the error has no `cause` property at all, as a plain Error.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
