// Custom components of the configuration turned into device model declarations, checked on the way.
import { declareVariable, optional, required, type VariableOptions, type VariableSpec } from '../declare.js';
import { type AnyVariable, type ComponentId, type DataType, componentKey, variableKey } from '../types.js';
import { REPORTED_VALUE_MAX, checkValue } from '../value-checks.js';
import { StationConfigError, formatPath, type ConfigProblem, type Segment } from './problems.js';
import type { CustomComponentConfig, CustomVariableConfig, EvseConfig, StationConfig } from './types.js';
import { toWire } from './wire-form.js';

const NUMERIC_TYPES: ReadonlySet<DataType> = new Set(['integer', 'decimal']);
const LIST_TYPES: ReadonlySet<DataType> = new Set(['OptionList', 'MemberList', 'SequenceList']);

function specOf(variable: CustomVariableConfig, options: VariableOptions<never>): VariableSpec<unknown, boolean> {
  const factory = variable.required ? required : optional;
  const values = variable.valuesList as readonly string[] | undefined;
  switch (variable.dataType) {
    case 'integer':
      return factory.integer(options);
    case 'decimal':
      return factory.decimal(options);
    case 'boolean':
      return factory.boolean(options);
    case 'dateTime':
      return factory.dateTime(options);
    case 'OptionList':
      return factory.optionList(values ?? [], options);
    case 'MemberList':
      return factory.memberList(values ?? [], options);
    case 'SequenceList':
      return factory.sequenceList(values, options);
    default:
      return factory.string(options);
  }
}

/**
 * The declarations of the custom components, with the problems found on the way (paths from
 * `customComponents`). Expects schema-valid components; anything else is skipped.
 */
export function buildCustom(
  components: readonly (readonly [number, CustomComponentConfig])[],
  evses: readonly EvseConfig[],
): { declarations: AnyVariable[]; problems: ConfigProblem[] } {
  const declarations: AnyVariable[] = [];
  const problems: ConfigProblem[] = [];
  const componentsSeen = new Map<string, number>();
  components.forEach(([componentIndex, custom]) => {
    const at = (...rest: Segment[]) => formatPath(['customComponents', componentIndex, ...rest]);
    if (custom.connectorId !== undefined && custom.evseId === undefined) {
      problems.push({ path: at('connectorId'), message: 'needs an evseId: a connector is addressed on its EVSE' });
    }
    if (custom.evseId !== undefined) {
      const evse = evses.find((e) => e.id === custom.evseId);
      if (!evse) {
        problems.push({ path: at('evseId'), message: `no EVSE ${custom.evseId} in evses (EVSEs 1..${evses.length})` });
      } else if (custom.connectorId !== undefined && !evse.connectors.some((c) => c.id === custom.connectorId)) {
        problems.push({ path: at('connectorId'), message: `EVSE ${evse.id} has no connector ${custom.connectorId} (connectors 1..${evse.connectors.length})` });
      }
    }
    const component: ComponentId = {
      name: custom.name,
      ...(custom.instance !== undefined ? { instance: custom.instance } : {}),
      ...(custom.evseId !== undefined ? { evseId: custom.evseId } : {}),
      ...(custom.evseId !== undefined && custom.connectorId !== undefined ? { connectorId: custom.connectorId } : {}),
    };
    const key = componentKey(component).toLowerCase();
    const earlier = componentsSeen.get(key);
    if (earlier !== undefined) {
      problems.push({ path: at('name'), message: `component ${componentKey(component)} is already declared at customComponents[${earlier}]` });
      return;
    }
    componentsSeen.set(key, componentIndex);

    const variablesSeen = new Map<string, number>();
    custom.variables.forEach((variable, variableIndex) => {
      const vat = (...rest: Segment[]) => at('variables', variableIndex, ...rest);
      const before = problems.length;
      const vKey = variableKey({ name: variable.name, ...(variable.instance !== undefined ? { instance: variable.instance } : {}) });
      const earlierVariable = variablesSeen.get(vKey.toLowerCase());
      if (earlierVariable !== undefined) {
        problems.push({ path: vat('name'), message: `variable ${vKey} is already declared at variables[${earlierVariable}]` });
        return;
      }
      variablesSeen.set(vKey.toLowerCase(), variableIndex);
      const numeric = NUMERIC_TYPES.has(variable.dataType);
      if (!numeric && variable.min !== undefined) problems.push({ path: vat('min'), message: `applies to integer and decimal variables only, not ${variable.dataType}` });
      if (!numeric && variable.max !== undefined) problems.push({ path: vat('max'), message: `applies to integer and decimal variables only, not ${variable.dataType} (use maxLength)` });
      if (variable.min !== undefined && variable.max !== undefined && variable.min > variable.max) {
        problems.push({ path: vat('min'), message: `${variable.min} is above max ${variable.max}` });
      }
      if (LIST_TYPES.has(variable.dataType)) {
        if (variable.valuesList === undefined && variable.dataType !== 'SequenceList') {
          problems.push({ path: vat('valuesList'), message: `is required for a ${variable.dataType} variable` });
        }
      } else if (variable.valuesList !== undefined) {
        problems.push({ path: vat('valuesList'), message: `applies to OptionList, MemberList and SequenceList variables only, not ${variable.dataType}` });
      }
      const attributeTypes = variable.attributeTypes ?? ['Actual'];
      if (variable.value !== undefined && !attributeTypes.includes('Actual')) {
        problems.push({ path: vat('value'), message: 'is the Actual value, but attributeTypes has no Actual' });
      }
      if (problems.length > before) return;

      const options: VariableOptions<never> = {
        ...(variable.instance !== undefined ? { instance: variable.instance } : {}),
        ...(variable.mutability !== undefined ? { mutability: variable.mutability } : {}),
        ...(variable.unit !== undefined ? { unit: variable.unit } : {}),
        ...(variable.min !== undefined ? { min: variable.min } : {}),
        ...(variable.max !== undefined ? { max: variable.max } : {}),
        ...(variable.maxLength !== undefined ? { maxLength: variable.maxLength } : {}),
        ...(variable.persistent !== undefined ? { persistent: variable.persistent } : {}),
        ...(variable.constant !== undefined ? { constant: variable.constant } : {}),
        ...(variable.rebootRequired !== undefined ? { rebootRequired: variable.rebootRequired } : {}),
        ...(variable.supportsMonitoring !== undefined ? { supportsMonitoring: variable.supportsMonitoring } : {}),
        ...(variable.attributeTypes !== undefined ? { attributeTypes: variable.attributeTypes } : {}),
        ...(variable.description !== undefined ? { description: variable.description } : {}),
      };
      let declaration: AnyVariable = declareVariable(component, variable.name, specOf(variable, options), custom.block ?? 'Core');
      if (variable.value !== undefined) {
        const wire = toWire(variable.value);
        if ('problem' in wire) {
          problems.push({ path: vat('value'), message: wire.problem });
          return;
        }
        const rejection = checkValue(declaration, 'Actual', wire.text, { maxLength: REPORTED_VALUE_MAX });
        if (rejection) {
          problems.push({ path: vat('value'), message: rejection.additionalInfo });
          return;
        }
        declaration = {
          ...declaration,
          attributes: declaration.attributes.map((a) => (a.type === 'Actual' ? { ...a, defaultValue: wire.text } : a)),
        };
      }
      declarations.push(declaration);
    });
  });
  return { declarations, problems };
}

export function indexed<T>(items: readonly T[]): (readonly [number, T])[] {
  return items.map((item, index) => [index, item] as const);
}

/** The declarations of the configuration's custom components. */
export function customDeclarations(config: StationConfig): AnyVariable[] {
  const { declarations, problems } = buildCustom(indexed(config.customComponents), config.evses);
  if (problems.length > 0) throw new StationConfigError(problems, config.source);
  return declarations;
}
