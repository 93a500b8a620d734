// Reading the authorization variables without assuming they are declared: a station may leave out a
// controller whose block it does not support, and then its variables read as absent instead of throwing.
import type { DeviceModel } from '../../device-model/device-model.js';
import type { VariableDeclaration } from '../../device-model/types.js';

/** The Actual value of a variable, or undefined when the model does not declare it or it has no value. */
export function readVariable<T>(model: DeviceModel, handle: VariableDeclaration<T, boolean>): T | undefined {
  const text = model.text(handle.component, handle.variable);
  return text === undefined ? undefined : handle.codec.parse(text);
}

/** maxLimit of the variable as this model declares it (the integrator may declare a different one). */
export function maxLimitOf(model: DeviceModel, handle: VariableDeclaration<unknown, boolean>): number | undefined {
  return model.declarationOf(handle.component, handle.variable)?.characteristics.maxLimit;
}

/** Keeps a read-only counter variable current, if the model declares it; a refused value is only logged. */
export function setCounter(
  model: DeviceModel,
  handle: VariableDeclaration<number, boolean>,
  value: number,
  onRefused: (reason: string) => void,
): void {
  if (!model.has(handle)) return;
  const outcome = model.set(handle, value, 'station');
  if (outcome.status === 'Rejected') onRefused(`${outcome.reasonCode}: ${outcome.additionalInfo}`);
}
