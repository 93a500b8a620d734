// What a write comes to: the change listeners see, and the outcome a write from code returns.
import type { AnyVariable, AttributeType, ChangeSource, ComponentId, VariableId } from './types.js';
import type { ReasonCode } from './value-checks.js';

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
