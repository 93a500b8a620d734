// The device model engine: every declared variable of the station with its values, one per attribute type,
// kept in wire form. It answers GetVariables and SetVariables (B06, B05), lets the stack and the integrator
// read and write variables through their typed handles, tells listeners about every change and writes each
// accepted change of a persistent attribute through the store before the call returns.
//
// Start-up (DeviceModel.load) merges three sources per attribute: the declared default, the configuration
// file (which wins over the default) and storage. A stored value that somebody wrote (CSMS, integrator or
// station) survives restarts; a stored value that is just the initial value applied last time gives way when
// the configuration file (or the default) now says something else.
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
import type { DeviceModelStore, StoredVariableValue } from './device-model-store.js';
import {
  type AnyVariable,
  type AttributeDeclaration,
  type AttributeType,
  type ChangeSource,
  type ComponentId,
  type FunctionalBlock,
  type OptionalVariable,
  type RequiredVariable,
  type VariableDeclaration,
  type VariableId,
  componentKey,
  variableKey,
} from './types.js';
import {
  REPORTED_VALUE_MAX,
  SET_VARIABLE_VALUE_MAX,
  checkValue,
  truncateCharacters,
  type CheckOptions,
  type ReasonCode,
  type ValueRejection,
} from './value-checks.js';

/** A value for one attribute from the configuration file (or the integrator), applied at start-up. */
export interface InitialValue {
  readonly component: ComponentId;
  readonly variable: VariableId;
  /** Default Actual. */
  readonly attributeType?: AttributeType;
  /** Wire form. */
  readonly value: string;
  /** Where the value came from, for error messages (e.g. `station.json: variables.OCPPCommCtrlr.HeartbeatInterval`). */
  readonly origin?: string;
}

export interface DeviceModelOptions {
  /** Every variable of the station: standardized, EVSE/Connector and custom ones. */
  readonly declarations: readonly AnyVariable[];
  readonly store: DeviceModelStore;
  /** Values from the configuration file; for the same attribute the last one wins. */
  readonly initialValues?: readonly InitialValue[];
  /** Blocks whose required variables must have an Actual value. 'Core' is always included. Default ['Core']. */
  readonly supportedBlocks?: readonly FunctionalBlock[];
  readonly clock: Clock;
  /** Where failing change listeners and dropped stored values are reported. Default: silent. */
  readonly logger?: Logger;
  /** Read-only values computed when read (e.g. ClockCtrlr.DateTime): see `liveValue`. */
  readonly liveValues?: readonly LiveValue[];
}

/** A read-only attribute whose value is computed at each read instead of stored. */
export interface LiveValue {
  readonly handle: AnyVariable;
  readonly attributeType?: AttributeType;
  /** The current value in wire form. */
  readonly read: () => string;
}

/** A live value for a handle, typed: `liveValue(ClockCtrlr.DateTime, () => clock.now())`. */
export function liveValue<T>(handle: VariableDeclaration<T, boolean>, read: () => T, attributeType?: AttributeType): LiveValue {
  return { handle, read: () => handle.codec.format(read()), ...(attributeType ? { attributeType } : {}) };
}

/** A successful change of one attribute, as change listeners see it. */
export interface VariableChange {
  readonly declaration: AnyVariable;
  readonly component: ComponentId;
  readonly variable: VariableId;
  readonly attributeType: AttributeType;
  /** The new value (wire form). */
  readonly value: string;
  /** The value before, undefined when the attribute had none. */
  readonly previous: string | undefined;
  readonly source: ChangeSource;
}

export type ChangeListener = (change: VariableChange) => void;

/** What a write from code came to. Refused values are an outcome, not an exception. */
export type SetOutcome =
  | {
      /** RebootRequired: stored, but the declaration says it only takes effect after a reboot. */
      readonly status: 'Accepted' | 'RebootRequired';
      readonly value: string;
      readonly previous: string | undefined;
    }
  | { readonly status: 'Rejected'; readonly reasonCode: ReasonCode; readonly additionalInfo: string };

/** A name for people: `OCPPCommCtrlr.HeartbeatInterval`, `EVSE#1.Power`, `Connector#1.2.ConnectorType`. */
export function variableName(component: ComponentId, variable: VariableId): string {
  return `${componentKey(component)}.${variableKey(variable)}`;
}

function attributeName(component: ComponentId, variable: VariableId, attributeType: AttributeType): string {
  const name = variableName(component, variable);
  return attributeType === 'Actual' ? name : `${name} (${attributeType})`;
}

/** Two declarations (or more) for the same component and variable. */
export class DuplicateDeclarationError extends Error {
  override readonly name = 'DuplicateDeclarationError';
  constructor(readonly variables: readonly string[]) {
    super(`declared more than once: ${variables.join(', ')}`);
  }
}

/** Initial values for variables (or attribute types) nobody declared. */
export class UnknownInitialValueError extends Error {
  override readonly name = 'UnknownInitialValueError';
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
export class InvalidInitialValueError extends Error {
  override readonly name = 'InvalidInitialValueError';
  constructor(readonly problems: readonly InitialValueProblem[]) {
    super(
      `invalid initial values:\n  ${problems
        .map((p) => `${p.variable} = "${p.value}"${p.origin ? ` (from ${p.origin})` : ''}: ${p.reason}`)
        .join('\n  ')}`,
    );
  }
}

/** Required variables of supported blocks without an Actual value: the station cannot start. */
export class MissingRequiredVariableError extends Error {
  override readonly name = 'MissingRequiredVariableError';
  constructor(readonly variables: readonly string[]) {
    super(
      `required variables have no value: ${variables.join(', ')} ` +
        '(give them a value in the station configuration, or declare a default)',
    );
  }
}

/** Code used a handle (or an attribute type) this model does not declare: a programming error. */
export class UndeclaredVariableError extends Error {
  override readonly name = 'UndeclaredVariableError';
}

interface Slot {
  readonly entry: Entry;
  readonly attribute: AttributeDeclaration;
  value: string | undefined;
  /** The initial value last applied to this attribute: what a change records beside its value. */
  appliedInitial: string | undefined;
  /** Set for a live value: read at each read, never stored. */
  live?: () => string;
}

/** What an attribute reads as now. */
function readSlot(slot: Slot): string | undefined {
  return slot.live ? slot.live() : slot.value;
}

interface Entry {
  readonly declaration: AnyVariable;
  readonly componentKey: string;
  readonly variableKey: string;
  readonly slots: Map<AttributeType, Slot>;
}

/** Component names and instances are case-insensitive (Part 2 §2.16); an empty instance is no instance. */
function componentLookupKey(name: string, instance: string | undefined, evseId: number | undefined, connectorId: number | undefined): string {
  return JSON.stringify([name.toLowerCase(), instance ? instance.toLowerCase() : null, evseId ?? null, connectorId ?? null]);
}

function variableLookupKey(name: string, instance: string | undefined): string {
  return JSON.stringify([name.toLowerCase(), instance ? instance.toLowerCase() : null]);
}

function idComponentKey(component: ComponentId): string {
  return componentLookupKey(component.name, component.instance, component.evseId, component.connectorId);
}

function wireComponentKey(component: ComponentType): string {
  return componentLookupKey(component.name, component.instance, component.evse?.id, component.evse?.connectorId);
}

function storedLookupKey(componentKeyText: string, variableKeyText: string, attributeType: AttributeType): string {
  return JSON.stringify([componentKeyText.toLowerCase(), variableKeyText.toLowerCase(), attributeType]);
}

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

/**
 * Whether the MinSet..MaxSet window limits a write of this attribute. It limits Target and a writable
 * Actual, and MinSet and MaxSet limit each other. A ReadOnly Actual is what the station measures or reports
 * (Part 1 §4.3: an actual value out of the configured range must still be reported), so it is not limited.
 */
function windowApplies(slot: Slot): boolean {
  return !(slot.attribute.type === 'Actual' && slot.attribute.mutability === 'ReadOnly');
}

function windowOf(entry: Entry, slot: Slot, values: (slot: Slot) => string | undefined): Pick<CheckOptions, 'minSet' | 'maxSet'> {
  if (!windowApplies(slot)) return {};
  const minSet = entry.slots.get('MinSet');
  const maxSet = entry.slots.get('MaxSet');
  const minText = minSet && minSet !== slot ? values(minSet) : undefined;
  const maxText = maxSet && maxSet !== slot ? values(maxSet) : undefined;
  return { ...(minText !== undefined ? { minSet: minText } : {}), ...(maxText !== undefined ? { maxSet: maxText } : {}) };
}

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
    const components = new Map<string, Map<string, Entry>>();
    const duplicates: string[] = [];
    const entries: Entry[] = [];
    for (const declaration of [...options.declarations].sort(compareDeclarations)) {
      const key = idComponentKey(declaration.component);
      let variables = components.get(key);
      if (!variables) components.set(key, (variables = new Map()));
      const variableLookup = variableLookupKey(declaration.variable.name, declaration.variable.instance);
      if (variables.has(variableLookup)) {
        duplicates.push(variableName(declaration.component, declaration.variable));
        continue;
      }
      const entry: Entry = {
        declaration,
        componentKey: componentKey(declaration.component),
        variableKey: variableKey(declaration.variable),
        slots: new Map(),
      };
      for (const attribute of declaration.attributes) {
        if (entry.slots.has(attribute.type)) {
          duplicates.push(attributeName(declaration.component, declaration.variable, attribute.type));
          continue;
        }
        entry.slots.set(attribute.type, { entry, attribute, value: undefined, appliedInitial: undefined });
      }
      variables.set(variableLookup, entry);
      entries.push(entry);
    }
    if (duplicates.length > 0) throw new DuplicateDeclarationError(duplicates);

    const find = (component: ComponentId, variable: VariableId): Entry | undefined =>
      components.get(idComponentKey(component))?.get(variableLookupKey(variable.name, variable.instance));

    // The configuration values, by slot.
    const configured = new Map<Slot, InitialValue>();
    const unknown: string[] = [];
    for (const initial of options.initialValues ?? []) {
      const attributeType = initial.attributeType ?? 'Actual';
      const entry = find(initial.component, initial.variable);
      const where = initial.origin ? ` (from ${initial.origin})` : '';
      if (!entry) {
        unknown.push(`${variableName(initial.component, initial.variable)}: no such variable is declared${where}`);
        continue;
      }
      const slot = entry.slots.get(attributeType);
      if (!slot) {
        unknown.push(`${variableName(initial.component, initial.variable)} has no ${attributeType} attribute${where}`);
        continue;
      }
      configured.set(slot, initial);
    }
    for (const live of options.liveValues ?? []) {
      const attributeType = live.attributeType ?? 'Actual';
      const slot = find(live.handle.component, live.handle.variable)?.slots.get(attributeType);
      const name = attributeName(live.handle.component, live.handle.variable, attributeType);
      if (!slot) unknown.push(`${name}: a live value for an undeclared attribute`);
      else if (slot.attribute.mutability !== 'ReadOnly' || slot.attribute.persistent) {
        unknown.push(`${name}: only read-only, non-persistent attributes can be live values`);
      } else slot.live = live.read;
    }
    if (unknown.length > 0) throw new UnknownInitialValueError(unknown);

    const initialOf = (slot: Slot): string | undefined => configured.get(slot)?.value ?? slot.attribute.defaultValue;

    const invalid: InitialValueProblem[] = [];
    for (const entry of entries) {
      for (const slot of entry.slots.values()) {
        const initial = initialOf(slot);
        if (initial === undefined) continue;
        const rejection = checkValue(entry.declaration, slot.attribute.type, initial, {
          maxLength: REPORTED_VALUE_MAX,
          ...windowOf(entry, slot, initialOf),
        });
        if (rejection) {
          const origin = configured.get(slot)?.origin ?? (configured.has(slot) ? undefined : 'the declared default');
          invalid.push({
            variable: attributeName(entry.declaration.component, entry.declaration.variable, slot.attribute.type),
            value: initial,
            reason: rejection.additionalInfo,
            ...(origin !== undefined ? { origin } : {}),
          });
        }
      }
    }
    if (invalid.length > 0) throw new InvalidInitialValueError(invalid);

    const stored = new Map<string, StoredVariableValue>();
    for (const row of options.store.loadAll()) stored.set(storedLookupKey(row.componentKey, row.variableKey, row.attributeType), row);

    const now = options.clock.now().toISOString();
    const writes: StoredVariableValue[] = [];
    const warnings: string[] = [];
    for (const entry of entries) {
      for (const slot of entry.slots.values()) {
        const initial = initialOf(slot);
        slot.value = initial;
        slot.appliedInitial = initial;
        if (!slot.attribute.persistent) continue;
        const row = stored.get(storedLookupKey(entry.componentKey, entry.variableKey, slot.attribute.type));
        if (row && row.changedBy !== 'configuration') {
          const rejection = checkValue(entry.declaration, slot.attribute.type, row.value, { maxLength: REPORTED_VALUE_MAX });
          if (!rejection) {
            // Somebody changed it since its initial value was applied: it stays, whatever the file says now.
            slot.value = row.value;
            slot.appliedInitial = row.initialValue ?? undefined;
            continue;
          }
          warnings.push(
            `${attributeName(entry.declaration.component, entry.declaration.variable, slot.attribute.type)}: ` +
              `the stored value "${row.value}" (set by ${row.changedBy}) is dropped: ${rejection.additionalInfo}`,
          );
        }
        if (initial === undefined) continue;
        if (row && row.value === initial && row.initialValue === initial && row.changedBy === 'configuration') continue;
        writes.push({
          componentKey: entry.componentKey,
          variableKey: entry.variableKey,
          attributeType: slot.attribute.type,
          value: initial,
          initialValue: initial,
          changedBy: 'configuration',
          changedAt: now,
        });
      }
    }

    const supported = new Set<FunctionalBlock>(['Core', ...(options.supportedBlocks ?? [])]);
    const missing = entries
      .filter((entry) => entry.declaration.required && supported.has(entry.declaration.block))
      .filter((entry) => entry.slots.has('Actual') && readSlot(entry.slots.get('Actual')!) === undefined)
      .map((entry) => variableName(entry.declaration.component, entry.declaration.variable));
    if (missing.length > 0) throw new MissingRequiredVariableError(missing);

    options.store.saveMany(writes);
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
