// The errors of the device model: those that stop start-up, each naming every variable concerned, and the
// programming error of using a handle the model does not declare.
import { OcppStationError } from '../errors.js';

/** Two declarations (or more) for the same component and variable. */
export class DuplicateDeclarationError extends OcppStationError {
  override readonly name = 'DuplicateDeclarationError';
  override readonly code = 'DEVICE_MODEL_DUPLICATE_DECLARATION';
  constructor(readonly variables: readonly string[]) {
    super(`declared more than once: ${variables.join(', ')}`);
  }
}

/** Initial values for variables (or attribute types) nobody declared. */
export class UnknownInitialValueError extends OcppStationError {
  override readonly name = 'UnknownInitialValueError';
  override readonly code = 'DEVICE_MODEL_UNKNOWN_INITIAL_VALUE';
  constructor(readonly problems: readonly string[]) {
    super(`initial values for undeclared variables:\n  ${problems.join('\n  ')}`);
  }
}

export interface InitialValueProblem {
  /** `Component.Variable`, with the attribute type when it is not Actual. */
  readonly variable: string;
  readonly value: string;
  readonly reason: string;
  readonly origin?: string;
}

/** A configuration value or a declared default that fails the checks of its declaration. */
export class InvalidInitialValueError extends OcppStationError {
  override readonly name = 'InvalidInitialValueError';
  override readonly code = 'DEVICE_MODEL_INVALID_INITIAL_VALUE';
  constructor(readonly problems: readonly InitialValueProblem[]) {
    super(
      `invalid initial values:\n  ${problems
        .map((p) => `${p.variable} = "${p.value}"${p.origin ? ` (from ${p.origin})` : ''}: ${p.reason}`)
        .join('\n  ')}`,
    );
  }
}

/** Required variables of supported blocks without an Actual value: the station cannot start. */
export class MissingRequiredVariableError extends OcppStationError {
  override readonly name = 'MissingRequiredVariableError';
  override readonly code = 'DEVICE_MODEL_MISSING_REQUIRED_VARIABLE';
  constructor(readonly variables: readonly string[]) {
    super(
      `required variables have no value: ${variables.join(', ')} ` +
        '(give them a value in the station configuration, or declare a default)',
    );
  }
}

/** Code used a handle (or an attribute type) this model does not declare: a programming error. */
export class UndeclaredVariableError extends OcppStationError {
  override readonly name = 'UndeclaredVariableError';
  override readonly code = 'DEVICE_MODEL_UNDECLARED_VARIABLE';
}
