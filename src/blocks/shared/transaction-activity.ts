// Whether transactions run: what Reset (B12), ChangeAvailability (G03/G04) and, later, firmware installation
// (L01) must wait for. The transactions block provides it; the others only ask.
import type { ReasonEnumType, TriggerReasonEnumType } from '../../messages/types.js';

export interface TransactionActivity {
  hasActiveTransaction(evseId?: number): boolean;
  /** Calls `idle` once no transaction runs on the EVSE (or anywhere, without evseId): at once if none does. */
  whenIdle(evseId: number | undefined, idle: () => void): void;
  /** Ends the running transactions (of the EVSE, or all) now, e.g. before an Immediate reset (B12.FR.04/08). */
  endAll?(stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType, evseId?: number): void;
}
