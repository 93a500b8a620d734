// Start-up (DeviceModel.load) merges three sources per attribute: the declared default, the configuration
// file (which wins over the default) and storage. A stored value that somebody wrote (CSMS, integrator or
// station) survives restarts; a stored value that is just the initial value applied last time gives way when
// the configuration file (or the default) now says something else.
import type { StoredVariableValue } from './device-model-store.js';
import {
  DuplicateDeclarationError,
  InvalidInitialValueError,
  MissingRequiredVariableError,
  UnknownInitialValueError,
  type InitialValueProblem,
} from './device-model-errors.js';
import { attributeName, idComponentKey, storedLookupKey, variableLookupKey, variableName } from './device-model-keys.js';
import type { DeviceModelOptions, InitialValue } from './device-model-options.js';
import { compareDeclarations } from './device-model-order.js';
import { readSlot, windowOf, type Entry, type Slot } from './device-model-slots.js';
import { type ComponentId, type FunctionalBlock, type VariableId, componentKey, variableKey } from './types.js';
import { REPORTED_VALUE_MAX, checkValue } from './value-checks.js';

/** A value as errors and warnings may quote it: never the value of a write-only attribute (A01.FR.12: a password). */
function shown(slot: Slot, value: string): string {
  return slot.attribute.mutability === 'WriteOnly' ? '(write-only, not shown)' : value;
}

/** What start-up built: the entries by component and variable, the entries in report order, and warnings. */
export interface LoadedEntries {
  readonly components: Map<string, Map<string, Entry>>;
  readonly entries: Entry[];
  /** Stored values dropped because they no longer pass their checks. */
  readonly warnings: string[];
}

/**
 * The merge behind DeviceModel.load: the model's entries with their values, the initial values it applied
 * written back to the store. Throws the errors DeviceModel.load names.
 */
export function loadEntries(options: DeviceModelOptions): LoadedEntries {
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
          value: shown(slot, initial),
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
            `the stored value "${shown(slot, row.value)}" (set by ${row.changedBy}) is dropped: ${rejection.additionalInfo}`,
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
  return { components, entries, warnings };
}
