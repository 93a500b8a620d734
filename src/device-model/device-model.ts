// The device model engine: every declared variable of the station with its values, one per attribute type,
// kept in wire form. It answers GetVariables and SetVariables (B06, B05), lets the stack and the integrator
// read and write variables through their typed handles, tells listeners about every change and writes each
// accepted change of a persistent attribute through the store before the call returns.
//
// Start-up (DeviceModel.load) is in device-model-load.ts; the errors, options, change types, lookup keys,
// report order and slots the engine uses have a file each beside this one.
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type {
  ComponentType,
  GetVariableDataType,
  GetVariableResultType,
  SetVariableDataType,
  SetVariableResultType,
  VariableType,
} from '../messages/types.js';
import type { ChangeListener, SetOutcome, VariableChange } from './device-model-changes.js';
import { UndeclaredVariableError } from './device-model-errors.js';
import { attributeName, idComponentKey, variableLookupKey, variableName, wireComponentKey } from './device-model-keys.js';
import { loadEntries } from './device-model-load.js';
import type { DeviceModelOptions } from './device-model-options.js';
import { readSlot, windowOf, type Entry, type Slot } from './device-model-slots.js';
import type { DeviceModelStore } from './device-model-store.js';
import type {
  AnyVariable,
  AttributeType,
  ChangeSource,
  ComponentId,
  OptionalVariable,
  RequiredVariable,
  VariableDeclaration,
  VariableId,
} from './types.js';
import {
  REPORTED_VALUE_MAX,
  SET_VARIABLE_VALUE_MAX,
  checkValue,
  truncateCharacters,
  type ValueRejection,
} from './value-checks.js';

export { liveValue, type DeviceModelOptions, type InitialValue, type LiveValue } from './device-model-options.js';
export type { ChangeListener, SetOutcome, VariableChange } from './device-model-changes.js';
export {
  DuplicateDeclarationError,
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UndeclaredVariableError,
  UnknownInitialValueError,
  type InitialValueProblem,
} from './device-model-errors.js';
export { variableName } from './device-model-keys.js';
export { compareDeclarations } from './device-model-order.js';

function rejected(rejection: ValueRejection): SetOutcome {
  return { status: 'Rejected', reasonCode: rejection.reasonCode, additionalInfo: rejection.additionalInfo };
}

function copyComponent(component: ComponentType): ComponentType {
  return { ...component, ...(component.evse ? { evse: { ...component.evse } } : {}) };
}

function copyVariable(variable: VariableType): VariableType {
  return { ...variable };
}

export class DeviceModel {
  private readonly listeners = new Set<ChangeListener>();
  private readonly validators = new Map<Entry, Set<(text: string, source: ChangeSource) => ValueRejection | undefined>>();
  private readonly ordered: readonly AnyVariable[];

  private constructor(
    private readonly components: ReadonlyMap<string, ReadonlyMap<string, Entry>>,
    entries: readonly Entry[],
    private readonly store: DeviceModelStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Stored values dropped at start-up because they no longer pass their checks. */
    readonly warnings: readonly string[],
  ) {
    this.ordered = entries.map((entry) => entry.declaration);
  }

  /**
   * Builds the model from its declarations, initial values and what the store holds, writing back the
   * initial values it applied. Throws DuplicateDeclarationError, UnknownInitialValueError,
   * InvalidInitialValueError or MissingRequiredVariableError, each naming every variable concerned.
   */
  static load(options: DeviceModelOptions): DeviceModel {
    const logger = options.logger ?? silentLogger();
    const { components, entries, warnings } = loadEntries(options);
    for (const warning of warnings) logger.warn(warning);
    return new DeviceModel(components, entries, options.store, options.clock, logger, warnings);
  }

  /** Every declaration, in the stable report order (component, then variable). */
  declarations(): readonly AnyVariable[] {
    return this.ordered;
  }

  /** The declaration of a component's variable; names and instances are matched case-insensitively. */
  declarationOf(component: ComponentId, variable: VariableId): AnyVariable | undefined {
    return this.find(component, variable)?.declaration;
  }

  /** Whether this station declares the variable of this handle. */
  has(handle: AnyVariable): boolean {
    return this.find(handle.component, handle.variable) !== undefined;
  }

  /**
   * The value of an attribute in its TypeScript form. An optional variable the station does not declare, or
   * that has no value, gives undefined. A required variable always has its Actual value once the model has
   * loaded; reading one without a value (its block is not supported, or it is not declared) throws.
   */
  value<T>(handle: RequiredVariable<T>, attributeType?: AttributeType): T;
  value<T>(handle: OptionalVariable<T>, attributeType?: AttributeType): T | undefined;
  value<T>(handle: VariableDeclaration<T, boolean>, attributeType?: AttributeType): T | undefined;
  value<T>(handle: VariableDeclaration<T, boolean>, attributeType: AttributeType = 'Actual'): T | undefined {
    const entry = this.find(handle.component, handle.variable);
    if (!entry) {
      if (handle.required) throw new UndeclaredVariableError(`${variableName(handle.component, handle.variable)} is required but not declared in this device model`);
      return undefined;
    }
    const text = readSlot(this.slotOf(entry, attributeType));
    if (text === undefined) {
      if (handle.required) {
        throw new UndeclaredVariableError(
          `${attributeName(handle.component, handle.variable, attributeType)} has no value (is its block ${handle.block} supported?)`,
        );
      }
      return undefined;
    }
    return handle.codec.parse(text);
  }

  /** The wire form of an attribute's value; undefined when the variable is unknown or has no value. */
  text(component: ComponentId, variable: VariableId, attributeType: AttributeType = 'Actual'): string | undefined {
    const slot = this.find(component, variable)?.slots.get(attributeType);
    return slot ? readSlot(slot) : undefined;
  }

  /**
   * Writes a value from code: the integrator ('integrator') or the stack itself ('station'). The same checks
   * as a SetVariables from the CSMS apply, except that ReadOnly attributes can be written, and that the size
   * limits of SetVariables messages (1000 characters, ConfigurationValueSize) do not. Throws only for a
   * handle or attribute type this model does not declare.
   */
  set<T>(handle: VariableDeclaration<T, boolean>, value: T, source: 'integrator' | 'station', attributeType: AttributeType = 'Actual'): SetOutcome {
    const entry = this.find(handle.component, handle.variable);
    if (!entry) throw new UndeclaredVariableError(`${variableName(handle.component, handle.variable)} is not declared in this device model`);
    const slot = this.slotOf(entry, attributeType);
    let text: string;
    try {
      text = handle.codec.format(value);
    } catch (error) {
      return rejected({ reasonCode: 'InvalidValue', additionalInfo: error instanceof Error ? error.message : String(error) });
    }
    const rejection = checkValue(entry.declaration, attributeType, text, {
      maxLength: REPORTED_VALUE_MAX,
      ...windowOf(entry, slot, (other) => other.value),
    });
    if (rejection) return rejected(rejection);
    return this.write(slot, text, source);
  }

  /** GetVariables (B06) for one GetVariableData. */
  getVariable(data: GetVariableDataType): GetVariableResultType {
    const attributeType = data.attributeType ?? 'Actual';
    // B06.FR.02, B06.FR.03, B06.FR.11: the same component and variable, and the attribute type (Actual when absent).
    const base = { attributeType, component: copyComponent(data.component), variable: copyVariable(data.variable) };
    const variables = this.components.get(wireComponentKey(data.component));
    if (!variables) return { ...base, attributeStatus: 'UnknownComponent' }; // B06.FR.06, B06.FR.15
    const entry = variables.get(variableLookupKey(data.variable.name, data.variable.instance));
    if (!entry) return { ...base, attributeStatus: 'UnknownVariable' }; // B06.FR.07, B06.FR.15
    const slot = entry.slots.get(attributeType);
    if (!slot) return { ...base, attributeStatus: 'NotSupportedAttributeType' }; // B06.FR.08
    if (slot.attribute.mutability === 'WriteOnly') {
      // B06.FR.09
      return {
        ...base,
        attributeStatus: 'Rejected',
        attributeStatusInfo: { reasonCode: 'WriteOnly', additionalInfo: 'this variable can be written but not read' },
      };
    }
    // B06.FR.10, B06.FR.13 (an unset attribute reads as the empty string), cut to ReportingValueSize.
    return { ...base, attributeStatus: 'Accepted', attributeValue: this.forReport(readSlot(slot) ?? '') };
  }

  /** SetVariables (B05) for one SetVariableData. `source` is who asks, normally 'csms'. */
  setVariable(data: SetVariableDataType, source: ChangeSource): SetVariableResultType {
    const attributeType = data.attributeType ?? 'Actual';
    // B05.FR.02, B05.FR.03, B05.FR.12
    const base = { attributeType, component: copyComponent(data.component), variable: copyVariable(data.variable) };
    const variables = this.components.get(wireComponentKey(data.component));
    if (!variables) return { ...base, attributeStatus: 'UnknownComponent' }; // B05.FR.04
    const entry = variables.get(variableLookupKey(data.variable.name, data.variable.instance));
    if (!entry) return { ...base, attributeStatus: 'UnknownVariable' }; // B05.FR.05
    const slot = entry.slots.get(attributeType);
    if (!slot) return { ...base, attributeStatus: 'NotSupportedAttributeType' }; // B05.FR.06
    const refuse = (rejection: ValueRejection): SetVariableResultType => ({
      ...base,
      attributeStatus: 'Rejected',
      attributeStatusInfo: { reasonCode: rejection.reasonCode, additionalInfo: rejection.additionalInfo },
    });
    if (slot.attribute.mutability === 'ReadOnly' && source !== 'integrator' && source !== 'station') {
      return refuse({ reasonCode: 'ReadOnly', additionalInfo: 'this variable can be read but not written' }); // B05.FR.09
    }
    // B05.FR.07 (format, list), B05.FR.08 (range): Rejected with the reason.
    const rejection = checkValue(entry.declaration, attributeType, data.attributeValue, {
      maxLength: this.setValueLimit(),
      ...windowOf(entry, slot, (other) => other.value),
    });
    if (rejection) return refuse(rejection);
    const refusal = this.runValidators(entry, data.attributeValue, source);
    if (refusal) return refuse(refusal);
    const outcome = this.write(slot, data.attributeValue, source);
    if (outcome.status === 'Rejected') return refuse(outcome); // B05.FR.09: setting failed for technical reasons
    return { ...base, attributeStatus: outcome.status }; // B05.FR.10, or RebootRequired
  }

  /**
   * Adds a rule a SetVariables (from the CSMS, or through the station's setVariables) must pass on top of the
   * declared checks, e.g. that a NetworkConfigurationPriority only names usable slots (A05.FR.02). Writes the
   * stack makes itself through `set` are not checked. Returns a function that removes the rule.
   */
  addValidator<T>(
    handle: VariableDeclaration<T, boolean>,
    validate: (value: T, source: ChangeSource) => ValueRejection | undefined,
  ): () => void {
    const entry = this.find(handle.component, handle.variable);
    if (!entry) throw new UndeclaredVariableError(`${variableName(handle.component, handle.variable)} is not declared in this device model`);
    const rule = (text: string, source: ChangeSource) => validate(handle.codec.parse(text), source);
    let rules = this.validators.get(entry);
    if (!rules) this.validators.set(entry, (rules = new Set()));
    rules.add(rule);
    return () => {
      rules.delete(rule);
    };
  }

  private runValidators(entry: Entry, text: string, source: ChangeSource): ValueRejection | undefined {
    for (const rule of this.validators.get(entry) ?? []) {
      const rejection = rule(text, source);
      if (rejection) return rejection;
    }
    return undefined;
  }

  /**
   * Calls `listener` after every successful change, from any source, when the value differs from the one
   * before. A listener that throws is logged; the change stands and the other listeners still run.
   * Returns a function that removes the listener.
   */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * The longest value a GetVariableResult or a report may carry: 2500, or less when DeviceDataCtrlr
   * ReportingValueSize or ValueSize say so.
   */
  maxReportedValueLength(): number {
    return Math.min(REPORTED_VALUE_MAX, ...this.sizeVariables('ReportingValueSize', 'ValueSize'));
  }

  /** A value cut to `maxReportedValueLength()` characters. */
  forReport(text: string): string {
    return truncateCharacters(text, this.maxReportedValueLength());
  }

  /** The longest attributeValue SetVariables accepts: 1000, or less per ConfigurationValueSize / ValueSize. */
  private setValueLimit(): number {
    return Math.min(SET_VARIABLE_VALUE_MAX, ...this.sizeVariables('ConfigurationValueSize', 'ValueSize'));
  }

  /** The positive integer values of the named DeviceDataCtrlr variables that exist and have one. */
  private sizeVariables(...names: string[]): number[] {
    const sizes: number[] = [];
    for (const name of names) {
      const text = this.text({ name: 'DeviceDataCtrlr' }, { name });
      const size = text === undefined ? NaN : Number(text);
      if (Number.isInteger(size) && size > 0) sizes.push(size);
    }
    return sizes;
  }

  private find(component: ComponentId, variable: VariableId): Entry | undefined {
    return this.components.get(idComponentKey(component))?.get(variableLookupKey(variable.name, variable.instance));
  }

  private slotOf(entry: Entry, attributeType: AttributeType): Slot {
    const slot = entry.slots.get(attributeType);
    if (!slot) {
      throw new UndeclaredVariableError(
        `${variableName(entry.declaration.component, entry.declaration.variable)} has no ${attributeType} attribute`,
      );
    }
    return slot;
  }

  /** Stores (when persistent) and applies a checked value, then tells the listeners. */
  private write(slot: Slot, text: string, source: ChangeSource): SetOutcome {
    const { entry, attribute } = slot;
    if (slot.live) return rejected({ reasonCode: 'ReadOnly', additionalInfo: 'this value is computed when it is read' });
    if (attribute.persistent) {
      try {
        this.store.save({
          componentKey: entry.componentKey,
          variableKey: entry.variableKey,
          attributeType: attribute.type,
          value: text,
          initialValue: slot.appliedInitial ?? null,
          changedBy: source,
          changedAt: this.clock.now().toISOString(),
        });
      } catch (error) {
        this.logger.error({ err: error, variable: attributeName(entry.declaration.component, entry.declaration.variable, attribute.type) }, 'storing a device model value failed');
        return rejected({ reasonCode: 'InternalError', additionalInfo: 'the value could not be stored' });
      }
    }
    const previous = slot.value;
    slot.value = text;
    if (previous !== text) this.notify({ declaration: entry.declaration, component: entry.declaration.component, variable: entry.declaration.variable, attributeType: attribute.type, value: text, previous, source });
    return { status: entry.declaration.rebootRequired ? 'RebootRequired' : 'Accepted', value: text, previous };
  }

  private notify(change: VariableChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error(
          { err: error, variable: attributeName(change.component, change.variable, change.attributeType) },
          'a device model change listener failed',
        );
      }
    }
  }
}
