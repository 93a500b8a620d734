// The stable order of the device model's declarations, as reports and `declarations()` list them.
import type { AnyVariable } from './types.js';

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareNumber(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a - b;
}

/**
 * The stable order of reports and of `declarations()`: by component (name, instance, EVSE, connector, with
 * numbers compared as numbers so EVSE 2 comes before EVSE 10), then by variable (name, instance).
 */
export function compareDeclarations(a: AnyVariable, b: AnyVariable): number {
  return (
    compareText(a.component.name, b.component.name) ||
    compareText(a.component.instance, b.component.instance) ||
    compareNumber(a.component.evseId, b.component.evseId) ||
    compareNumber(a.component.connectorId, b.component.connectorId) ||
    compareText(a.variable.name, b.variable.name) ||
    compareText(a.variable.instance, b.variable.instance)
  );
}
