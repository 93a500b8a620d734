// F06 TriggerMessage, the part every block shares: a block that can send a message on request declares a
// Trigger for it. The TriggerMessage handler (blocks/remote-control) looks the trigger up and applies F06's rules.
import { OcppStationError } from '../../errors.js';
import type { EVSEType, MessageTriggerEnumType } from '../../messages/types.js';

/**
 * Decides whether a requested message will be sent. Returns 'Rejected', or 'Accepted' with the task that sends
 * it (run after the TriggerMessageResponse has gone out, F06.FR.04). The task must send with
 * `requestedByCsms: true`.
 */
export type Trigger = (evse: EVSEType | undefined) => { status: 'Rejected' } | { status: 'Accepted'; send: () => void };

/** The triggers one block serves, by requested message. */
export type TriggerTable = Partial<Record<MessageTriggerEnumType, Trigger>>;

/** Finds the block that serves a requested message; undefined when none does (F06.FR.08: NotImplemented). */
export type TriggerLookup = (message: MessageTriggerEnumType) => Trigger | undefined;

export class DuplicateTriggerError extends OcppStationError {
  override readonly name = 'DuplicateTriggerError';
  override readonly code = 'BLOCK_DUPLICATE_TRIGGER';
  constructor(readonly requestedMessage: MessageTriggerEnumType, readonly owner: string, readonly existingOwner: string) {
    super(`${owner} cannot serve TriggerMessage(${requestedMessage}): ${existingOwner} already does`);
  }
}

/** Every block's triggers in one table, one owner per message. */
export class TriggerDirectory {
  private readonly byMessage = new Map<MessageTriggerEnumType, { owner: string; trigger: Trigger }>();

  /** Adds a block's triggers; throws DuplicateTriggerError (adding none) when a message already has an owner. */
  add(owner: string, table: TriggerTable): void {
    const entries = Object.entries(table) as [MessageTriggerEnumType, Trigger][];
    for (const [message] of entries) {
      const existing = this.byMessage.get(message);
      if (existing) throw new DuplicateTriggerError(message, owner, existing.owner);
    }
    for (const [message, trigger] of entries) this.byMessage.set(message, { owner, trigger });
  }

  readonly lookup: TriggerLookup = (message) => this.byMessage.get(message)?.trigger;

  get messages(): MessageTriggerEnumType[] {
    return [...this.byMessage.keys()];
  }
}
