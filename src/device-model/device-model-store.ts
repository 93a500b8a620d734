// The storage port of the device model: where persistent attribute values survive a restart. Like the
// queue store it is synchronous, so that when a SetVariables result says Accepted the value is already
// committed. Beside each value it keeps the initial value (default or configuration file) that was in force
// when the value was last applied, and who changed the value last: at start-up the engine uses both to
// decide whether a changed configuration file may replace a stored value.
import type { AttributeType, ChangeSource } from './types.js';

export interface StoredVariableValue {
  /** `componentKey()` of the component, e.g. `EVSE#1` or `OCPPCommCtrlr`. */
  readonly componentKey: string;
  /** `variableKey()` of the variable, e.g. `MessageAttempts[TransactionEvent]`. */
  readonly variableKey: string;
  readonly attributeType: AttributeType;
  /** The value in its wire form. */
  readonly value: string;
  /** The initial value (configuration file, else declared default) last applied; null when there was none. */
  readonly initialValue: string | null;
  /** Who wrote `value`: 'configuration' when it is the applied initial value. */
  readonly changedBy: ChangeSource;
  /** When `value` was written (ISO 8601, from the station clock). */
  readonly changedAt: string;
}

export interface DeviceModelStore {
  /** Every stored value, in no particular order. */
  loadAll(): StoredVariableValue[];
  /** Inserts or replaces the value of one attribute (keyed by component, variable and attribute type). */
  save(value: StoredVariableValue): void;
  /** Saves several values at once: all of them or, if one fails, none. */
  saveMany(values: readonly StoredVariableValue[]): void;
}
