// A mistake in what the person typed (a bad option, a file that cannot be used): the command line prints the
// message and the usage, and exits with code 2, instead of a stack trace.
import { OcppStationError } from '../errors.js';

export class UsageError extends OcppStationError {
  override readonly name = 'UsageError';
  override readonly code = 'CLI_USAGE';
}
