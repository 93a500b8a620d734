// The report items of GetBaseReport (B07) and GetReport (B08): which component-variables a report holds and
// how each one is described (attributes with their values, characteristics). Paging the items into
// NotifyReport messages, and answering EmptyResultSet or NotSupported, is up to the caller. Items come in
// the stable order of DeviceModel.declarations(): by component, then by variable.
import type {
  ComponentCriterionEnumType,
  ComponentType,
  ComponentVariableType,
  ReportBaseEnumType,
  ReportDataType,
  VariableAttributeType,
  VariableCharacteristicsType,
} from '../messages/types.js';
import type { DeviceModel } from './device-model.js';
import type { AnyVariable, ComponentId, DataType } from './types.js';

/** Data types whose maxLimit is the longest length of the (CSV) text (Part 2 §2.51). */
const TEXT_TYPES: ReadonlySet<DataType> = new Set(['string', 'OptionList', 'MemberList', 'SequenceList']);

/** A component as reports and results address it: EVSE and connector components carry `evse`. */
export function reportComponent(component: ComponentId): ComponentType {
  return {
    name: component.name,
    ...(component.instance !== undefined ? { instance: component.instance } : {}),
    ...(component.evseId !== undefined
      ? { evse: { id: component.evseId, ...(component.connectorId !== undefined ? { connectorId: component.connectorId } : {}) } }
      : {}),
  };
}

function characteristicsOf(declaration: AnyVariable): VariableCharacteristicsType {
  const c = declaration.characteristics;
  const maxLimit = c.maxLimit ?? (TEXT_TYPES.has(c.dataType) ? declaration.maxLength : undefined);
  const minLimit = c.minLimit ?? (TEXT_TYPES.has(c.dataType) ? declaration.minLength : undefined);
  return {
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    dataType: c.dataType,
    ...(minLimit !== undefined ? { minLimit } : {}),
    ...(maxLimit !== undefined ? { maxLimit } : {}),
    ...(c.valuesList !== undefined ? { valuesList: c.valuesList } : {}),
    supportsMonitoring: c.supportsMonitoring,
  };
}

/**
 * One report item: every declared attribute (B07.FR.11: even when unset), its value cut to ReportingValueSize,
 * no value for an unset attribute (value is optional: an empty string would be no valid boolean, integer or
 * decimal) nor for WriteOnly attributes (B07.FR.03 / B08.FR.03 as amended by
 * the errata), and the characteristics (B08.FR.12).
 */
export function reportItem(model: DeviceModel, declaration: AnyVariable): ReportDataType {
  const variableAttribute: VariableAttributeType[] = declaration.attributes.map((attribute) => {
    const text = attribute.mutability === 'WriteOnly' ? undefined : model.text(declaration.component, declaration.variable, attribute.type);
    return {
      type: attribute.type,
      ...(text !== undefined ? { value: model.forReport(text) } : {}),
      mutability: attribute.mutability,
      persistent: attribute.persistent,
      constant: attribute.constant,
    };
  });
  return {
    component: reportComponent(declaration.component),
    variable: {
      name: declaration.variable.name,
      ...(declaration.variable.instance !== undefined ? { instance: declaration.variable.instance } : {}),
    },
    variableAttribute,
    variableCharacteristics: characteristicsOf(declaration),
  };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The Actual value of a component's variable of this name (no instance), undefined when it has none. */
function actualOf(model: DeviceModel, component: ComponentId, name: string): string | undefined {
  return model.text(component, { name });
}

const PROBLEM_VARIABLES = ['Problem', 'Tripped', 'Overload', 'Fallback'];

/**
 * SummaryInventory (B07.FR.09): what tells the CSMS about availability and trouble. The AvailabilityState of
 * the ChargingStation and of every EVSE; a Connector's AvailabilityState when it has one that differs from
 * its EVSE's; on any component, the Problem, Tripped, Overload and Fallback variables that are true, and an
 * Available variable that is false.
 */
function isSummaryItem(model: DeviceModel, declaration: AnyVariable): boolean {
  const { component, variable } = declaration;
  const actual = model.text(component, variable);
  if (sameName(variable.name, 'AvailabilityState')) {
    if (sameName(component.name, 'ChargingStation') && component.evseId === undefined) return true;
    if (sameName(component.name, 'EVSE') && component.evseId !== undefined && component.connectorId === undefined) return true;
    if (sameName(component.name, 'Connector') && component.evseId !== undefined && component.connectorId !== undefined) {
      if (actual === undefined || actual === '') return false;
      return actual !== actualOf(model, { name: 'EVSE', evseId: component.evseId }, 'AvailabilityState');
    }
    return false;
  }
  if (PROBLEM_VARIABLES.some((name) => sameName(variable.name, name))) return actual === 'true';
  if (sameName(variable.name, 'Available')) return actual === 'false';
  return false;
}

/**
 * The items of a GetBaseReport: ConfigurationInventory the variables the operator can set (an attribute
 * that is ReadWrite or WriteOnly, B07.FR.07), FullInventory every variable (B07.FR.08), SummaryInventory
 * the availability and problem state (B07.FR.09).
 */
export function baseReport(model: DeviceModel, reportBase: ReportBaseEnumType): ReportDataType[] {
  let selected: readonly AnyVariable[];
  switch (reportBase) {
    case 'ConfigurationInventory':
      selected = model.declarations().filter((d) => d.attributes.some((a) => a.mutability !== 'ReadOnly'));
      break;
    case 'FullInventory':
      selected = model.declarations();
      break;
    case 'SummaryInventory':
      selected = model.declarations().filter((d) => isSummaryItem(model, d));
      break;
    default:
      throw new RangeError(`unknown report base "${String(reportBase)}"`);
  }
  return selected.map((declaration) => reportItem(model, declaration));
}

export interface CustomReportQuery {
  readonly componentCriteria?: readonly ComponentCriterionEnumType[];
  readonly componentVariable?: readonly ComponentVariableType[];
}

/**
 * Whether a component meets one criterion. Active, Available and Enabled: the component's variable of that
 * name is true, or it has no such variable (B08.FR.07..09). Problem: its Problem variable is true (B08.FR.10).
 */
function meets(model: DeviceModel, component: ComponentId, criterion: ComponentCriterionEnumType): boolean {
  const declared = model.declarationOf(component, { name: criterion }) !== undefined;
  const isTrue = actualOf(model, component, criterion) === 'true';
  return criterion === 'Problem' ? isTrue : !declared || isTrue;
}

/**
 * Whether a declaration is one a componentVariable asks for. No variable: every variable of the component
 * (B08.FR.20); a variable without instance: every instance of it (B08.FR.21). A component without evse: the
 * component at every tier, the station's included (B08.FR.23); with evse.id but no connectorId: the EVSE's
 * component and those of its connectors (B08.FR.22); without instance: every instance and none (B08.FR.25);
 * with an instance: that instance (B08.FR.24). Names and instances are case-insensitive; an empty instance
 * counts as none.
 */
function asksFor(componentVariable: ComponentVariableType, declaration: AnyVariable): boolean {
  const wanted = componentVariable.component;
  const { component, variable } = declaration;
  if (!sameName(wanted.name, component.name)) return false;
  if (wanted.instance && !sameName(wanted.instance, component.instance ?? '')) return false;
  if (wanted.evse) {
    if (component.evseId !== wanted.evse.id) return false;
    if (wanted.evse.connectorId !== undefined && component.connectorId !== wanted.evse.connectorId) return false;
  }
  const wantedVariable = componentVariable.variable;
  if (!wantedVariable) return true;
  if (!sameName(wantedVariable.name, variable.name)) return false;
  if (wantedVariable.instance && !sameName(wantedVariable.instance, variable.instance ?? '')) return false;
  return true;
}

/**
 * The items of a GetReport. With criteria only: every variable of the components meeting at least one of
 * them (B08.FR.13). With componentVariables only: the variables they ask for (B08.FR.11). With both: the
 * variables asked for, of components meeting a criterion (B08.FR.05). With neither: every variable.
 * An empty result is the caller's EmptyResultSet (B08.FR.15).
 */
export function customReport(model: DeviceModel, query: CustomReportQuery): ReportDataType[] {
  const criteria = query.componentCriteria ?? [];
  const componentVariables = query.componentVariable ?? [];
  const componentVerdicts = new Map<string, boolean>();
  const meetsCriteria = (component: ComponentId): boolean => {
    if (criteria.length === 0) return true;
    const key = JSON.stringify([component.name, component.instance ?? null, component.evseId ?? null, component.connectorId ?? null]);
    let verdict = componentVerdicts.get(key);
    if (verdict === undefined) {
      verdict = criteria.some((criterion) => meets(model, component, criterion));
      componentVerdicts.set(key, verdict);
    }
    return verdict;
  };
  return model
    .declarations()
    .filter((declaration) => componentVariables.length === 0 || componentVariables.some((cv) => asksFor(cv, declaration)))
    .filter((declaration) => meetsCriteria(declaration.component))
    .map((declaration) => reportItem(model, declaration));
}
