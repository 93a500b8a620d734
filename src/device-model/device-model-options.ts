// What DeviceModel.load is given: the declarations, the store, the configuration's initial values and the
// live values computed at each read.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DeviceModelStore } from './device-model-store.js';
import type { AnyVariable, AttributeType, ComponentId, FunctionalBlock, VariableDeclaration, VariableId } from './types.js';

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
