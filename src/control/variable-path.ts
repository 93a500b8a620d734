// Device-model addresses as people type them: `OCPPCommCtrlr.HeartbeatInterval`,
// `OCPPCommCtrlr.MessageAttempts[TransactionEvent]`, `EVSE#1.Power/MaxSet`, `Connector#1.2.ConnectorType` —
// the component key, a dot, the variable key, and optionally `/` and an attribute type.
import type { AttributeEnumType, ComponentType, GetVariableDataType, SetVariableDataType, VariableType } from '../messages/types.js';
import { ControlError } from './station-control.js';

export interface ParsedVariablePath {
  readonly component: ComponentType;
  readonly variable: VariableType;
  readonly attributeType?: AttributeEnumType;
}

const ATTRIBUTE_TYPES: readonly AttributeEnumType[] = ['Actual', 'Target', 'MinSet', 'MaxSet'];
const PATH = /^([^.[#/\]]+)(?:\[([^\]]+)\])?(?:#(\d+)(?:\.(\d+))?)?\.([^.[/\]]+)(?:\[([^\]]+)\])?(?:\/(\w+))?$/;

export function parseVariablePath(path: string): ParsedVariablePath {
  const match = PATH.exec(path.trim());
  if (!match) {
    throw new ControlError(
      `"${path}" is not a variable path; write Component.Variable, e.g. OCPPCommCtrlr.HeartbeatInterval, ` +
        'EVSE#1.Power/MaxSet or OCPPCommCtrlr.MessageAttempts[TransactionEvent]',
    );
  }
  const [, name, instance, evseId, connectorId, variableName, variableInstance, attribute] = match;
  if (attribute !== undefined && !ATTRIBUTE_TYPES.includes(attribute as AttributeEnumType)) {
    throw new ControlError(`"${attribute}" is not an attribute type (${ATTRIBUTE_TYPES.join(', ')})`);
  }
  const component: ComponentType = {
    name: name!,
    ...(instance !== undefined ? { instance } : {}),
    ...(evseId !== undefined
      ? { evse: { id: Number(evseId), ...(connectorId !== undefined ? { connectorId: Number(connectorId) } : {}) } }
      : {}),
  };
  const variable: VariableType = { name: variableName!, ...(variableInstance !== undefined ? { instance: variableInstance } : {}) };
  return { component, variable, ...(attribute !== undefined ? { attributeType: attribute as AttributeEnumType } : {}) };
}

/** What GetVariables asks for the variable at `path`. */
export function getVariableData(path: string): GetVariableDataType {
  const { component, variable, attributeType } = parseVariablePath(path);
  return { component, variable, ...(attributeType ? { attributeType } : {}) };
}

/** What SetVariables sets for the variable at `path`. */
export function setVariableData(path: string, value: string): SetVariableDataType {
  return { ...getVariableData(path), attributeValue: value };
}
