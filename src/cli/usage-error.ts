// A mistake in what the person typed (a bad option, a file that cannot be used): the command line prints the
// message and the usage, and exits with code 2, instead of a stack trace.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
