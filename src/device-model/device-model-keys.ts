// How variables are named for people and looked up: component and variable names and instances match
// case-insensitively.
import type { ComponentType } from '../messages/types.js';
import { type AttributeType, type ComponentId, type VariableId, componentKey, variableKey } from './types.js';

/** A name for people: `OCPPCommCtrlr.HeartbeatInterval`, `EVSE#1.Power`, `Connector#1.2.ConnectorType`. */
export function variableName(component: ComponentId, variable: VariableId): string {
  return `${componentKey(component)}.${variableKey(variable)}`;
}

export function attributeName(component: ComponentId, variable: VariableId, attributeType: AttributeType): string {
  const name = variableName(component, variable);
  return attributeType === 'Actual' ? name : `${name} (${attributeType})`;
}

/** Component names and instances are case-insensitive (Part 2 §2.16); an empty instance is no instance. */
function componentLookupKey(name: string, instance: string | undefined, evseId: number | undefined, connectorId: number | undefined): string {
  return JSON.stringify([name.toLowerCase(), instance ? instance.toLowerCase() : null, evseId ?? null, connectorId ?? null]);
}

export function variableLookupKey(name: string, instance: string | undefined): string {
  return JSON.stringify([name.toLowerCase(), instance ? instance.toLowerCase() : null]);
}

export function idComponentKey(component: ComponentId): string {
  return componentLookupKey(component.name, component.instance, component.evseId, component.connectorId);
}

export function wireComponentKey(component: ComponentType): string {
  return componentLookupKey(component.name, component.instance, component.evse?.id, component.evse?.connectorId);
}

export function storedLookupKey(componentKeyText: string, variableKeyText: string, attributeType: AttributeType): string {
  return JSON.stringify([componentKeyText.toLowerCase(), variableKeyText.toLowerCase(), attributeType]);
}
