// The model's storage: an entry per declared variable, a slot per attribute with its current value, and the
// MinSet..MaxSet window that limits writes of an attribute.
import type { AnyVariable, AttributeDeclaration, AttributeType } from './types.js';
import type { CheckOptions } from './value-checks.js';

export interface Slot {
  readonly entry: Entry;
  readonly attribute: AttributeDeclaration;
  value: string | undefined;
  /** The initial value last applied to this attribute: what a change records beside its value. */
  appliedInitial: string | undefined;
  /** Set for a live value: read at each read, never stored. */
  live?: () => string;
}

/** What an attribute reads as now. */
export function readSlot(slot: Slot): string | undefined {
  return slot.live ? slot.live() : slot.value;
}

export interface Entry {
  readonly declaration: AnyVariable;
  readonly componentKey: string;
  readonly variableKey: string;
  readonly slots: Map<AttributeType, Slot>;
}

/**
 * Whether the MinSet..MaxSet window limits a write of this attribute. It limits Target and a writable
 * Actual, and MinSet and MaxSet limit each other. A ReadOnly Actual is what the station measures or reports
 * (Part 1 §4.3: an actual value out of the configured range must still be reported), so it is not limited.
 */
function windowApplies(slot: Slot): boolean {
  return !(slot.attribute.type === 'Actual' && slot.attribute.mutability === 'ReadOnly');
}

export function windowOf(entry: Entry, slot: Slot, values: (slot: Slot) => string | undefined): Pick<CheckOptions, 'minSet' | 'maxSet'> {
  if (!windowApplies(slot)) return {};
  const minSet = entry.slots.get('MinSet');
  const maxSet = entry.slots.get('MaxSet');
  const minText = minSet && minSet !== slot ? values(minSet) : undefined;
  const maxText = maxSet && maxSet !== slot ? values(maxSet) : undefined;
  return { ...(minText !== undefined ? { minSet: minText } : {}), ...(maxText !== undefined ? { maxSet: maxText } : {}) };
}
