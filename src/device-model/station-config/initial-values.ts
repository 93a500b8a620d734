// The initial values of the configuration, resolved against the station's declarations.
import type { InitialValue } from '../device-model-options.js';
import { type AnyVariable, type AttributeType, componentKey, variableKey } from '../types.js';
import { REPORTED_VALUE_MAX, checkValue } from '../value-checks.js';
import { StationConfigError, formatPath, type ConfigProblem, type Segment } from './problems.js';
import type { ConfigScalar, StationConfig, StationIdentity } from './types.js';
import { toWire } from './wire-form.js';

/** ChargingStation variables that repeat the identity, filled from it when declared (and not set in `variables`). */
const IDENTITY_VARIABLES: readonly [keyof StationIdentity, string][] = [
  ['vendorName', 'VendorName'],
  ['model', 'Model'],
  ['serialNumber', 'SerialNumber'],
];

/**
 * The initial values of the configuration: those of `variables`, resolved against `declarations` (the whole
 * station's, custom ones included), and the identity for ChargingStation's VendorName, Model and SerialNumber
 * when those are declared. Component and variable keys are matched case-insensitively. Throws
 * StationConfigError naming, by path, each key that matches no declaration, each attribute type a variable
 * lacks and each value that fails its variable's checks.
 */
export function initialValuesOf(config: StationConfig, declarations: readonly AnyVariable[]): InitialValue[] {
  const index = new Map<string, Map<string, AnyVariable>>();
  for (const declaration of declarations) {
    const cKey = componentKey(declaration.component).toLowerCase();
    let variables = index.get(cKey);
    if (!variables) index.set(cKey, (variables = new Map()));
    variables.set(variableKey(declaration.variable).toLowerCase(), declaration);
  }
  const origin = (path: string) => (config.source ? `${config.source}: ${path}` : path);
  const values: InitialValue[] = [];
  const problems: ConfigProblem[] = [];

  const chargingStation = index.get('chargingstation');
  for (const [field, name] of IDENTITY_VARIABLES) {
    const value = config.identity[field];
    const declaration = chargingStation?.get(name.toLowerCase());
    if (typeof value === 'string' && declaration && declaration.attributes.some((a) => a.type === 'Actual')) {
      values.push({ component: declaration.component, variable: declaration.variable, value, origin: origin(formatPath(['identity', field])) });
    }
  }

  for (const [cKey, variables] of Object.entries(config.variables)) {
    const component = index.get(cKey.toLowerCase());
    if (!component) {
      problems.push({ path: formatPath(['variables', cKey]), message: `no component ${cKey} is declared` });
      continue;
    }
    for (const [vKey, value] of Object.entries(variables)) {
      const declaration = component.get(vKey.toLowerCase());
      if (!declaration) {
        problems.push({ path: formatPath(['variables', cKey, vKey]), message: `component ${cKey} has no variable ${vKey}` });
        continue;
      }
      const byType: [AttributeType, ConfigScalar, Segment[]][] =
        typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value as Record<AttributeType, ConfigScalar>).map(([type, v]) => [type as AttributeType, v, ['variables', cKey, vKey, type]])
          : [['Actual', value as ConfigScalar, ['variables', cKey, vKey]]];
      for (const [attributeType, scalar, segments] of byType) {
        const path = formatPath(segments);
        if (!declaration.attributes.some((a) => a.type === attributeType)) {
          const has = declaration.attributes.map((a) => a.type).join(', ');
          problems.push({ path, message: `${cKey}.${vKey} has no ${attributeType} attribute (it has ${has})` });
          continue;
        }
        const wire = toWire(scalar);
        if ('problem' in wire) {
          problems.push({ path, message: wire.problem });
          continue;
        }
        const rejection = checkValue(declaration, attributeType, wire.text, { maxLength: REPORTED_VALUE_MAX });
        if (rejection) {
          problems.push({ path, message: rejection.additionalInfo });
          continue;
        }
        values.push({ component: declaration.component, variable: declaration.variable, attributeType, value: wire.text, origin: origin(path) });
      }
    }
  }
  if (problems.length > 0) throw new StationConfigError(problems, config.source);
  return values;
}
