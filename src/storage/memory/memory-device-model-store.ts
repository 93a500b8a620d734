// The device model store held in memory, for tests and for stations that need no persistence. What
// loadAll returns are copies, so callers cannot change what is stored by changing what they got.
import type { DeviceModelStore, StoredVariableValue } from '../../device-model/device-model-store.js';

function keyOf(value: StoredVariableValue): string {
  return JSON.stringify([value.componentKey, value.variableKey, value.attributeType]);
}

export class MemoryDeviceModelStore implements DeviceModelStore {
  /** Keyed by component, variable and attribute type; a Map keeps first-insertion order. */
  private readonly values = new Map<string, StoredVariableValue>();

  loadAll(): StoredVariableValue[] {
    return Array.from(this.values.values(), (value) => ({ ...value }));
  }

  save(value: StoredVariableValue): void {
    this.values.set(keyOf(value), { ...value });
  }

  saveMany(values: readonly StoredVariableValue[]): void {
    // Nothing here can fail half-way, so saving one after the other is all-or-nothing already.
    for (const value of values) this.save(value);
  }
}
