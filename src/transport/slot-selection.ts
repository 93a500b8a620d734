// Which configuration slot the next connection attempt goes to (B10): the slot in use or asked for, else the
// next usable one in NetworkConfigurationPriority as it is at that moment, NetworkProfileConnectionAttempts
// attempts per slot.
import type { Logger } from '../logger.js';
import type { ConnectionTarget } from './security-profile.js';

/** The settings slot selection reads, each at its next use. */
export interface SlotSettings {
  readonly networkProfileConnectionAttempts: number;
  readonly networkConfigurationPriority: readonly number[];
}

export class SlotSelection {
  /** The slot attempts currently go to (unless it turns out unusable) and how often it failed in a row. */
  private candidateSlot: number | undefined;
  private failuresOnCandidate = 0;
  /** The slot whose attempts ran out: the next attempt goes to the one after it in the priority list of then. */
  private exhaustedSlot: number | undefined;
  /** A slot asked for by connect(slot): tried even when NetworkConfigurationPriority does not list it. */
  private requestedSlot: number | undefined;

  constructor(
    private readonly settings: () => SlotSettings,
    /** The target of a slot, or undefined (logged) when the slot cannot be used now. */
    private readonly usableTarget: (slot: number) => ConnectionTarget | undefined,
    private readonly logger: Logger,
  ) {}

  /** The slot attempts go to now, if one is picked. */
  get candidate(): number | undefined {
    return this.candidateSlot;
  }

  /** Forgets the failures so far: attempts start at `slot` (asked for), else at the top of the priority list. */
  startOver(slot: number | undefined): void {
    this.candidateSlot = slot;
    this.requestedSlot = slot;
    this.exhaustedSlot = undefined;
    this.failuresOnCandidate = 0;
  }

  /** A connection to `slot` opened: attempts stay there. */
  connected(slot: number): void {
    this.candidateSlot = slot;
    this.exhaustedSlot = undefined;
    this.failuresOnCandidate = 0;
  }

  /** Counts a failed attempt on `slot`; once NetworkProfileConnectionAttempts are used up, attempts move on. */
  attemptFailed(slot: number): { attemptOnSlot: number; attemptsPerSlot: number } {
    this.failuresOnCandidate++;
    const attemptsPerSlot = Math.max(1, Math.floor(this.settings().networkProfileConnectionAttempts) || 1);
    const attemptOnSlot = this.failuresOnCandidate;
    if (this.failuresOnCandidate >= attemptsPerSlot) this.moveToNextSlot(slot);
    return { attemptOnSlot, attemptsPerSlot };
  }

  /**
   * The candidate slot if it is usable, else the next usable one in priority order (wrapping), each slot looked
   * at once. Unusable slots are logged and skipped without waiting.
   */
  choose(): { slot: number; target: ConnectionTarget } | undefined {
    let slot = this.firstSlotToLookAt();
    const seen = new Set<number>();
    while (slot !== undefined && !seen.has(slot)) {
      seen.add(slot);
      const target = this.usableTarget(slot);
      if (target) {
        if (slot !== this.candidateSlot) {
          this.candidateSlot = slot;
          this.failuresOnCandidate = 0;
        }
        return { slot, target };
      }
      slot = this.slotAfter(slot);
    }
    return undefined;
  }

  /** The next slot is looked up when the next attempt starts, in NetworkConfigurationPriority as it is then. */
  private moveToNextSlot(slot: number): void {
    this.logger.warn(
      { slot, attempts: this.failuresOnCandidate },
      'NetworkProfileConnectionAttempts reached; trying the next configuration slot',
    );
    this.exhaustedSlot = slot;
    this.candidateSlot = undefined;
    if (this.requestedSlot === slot) this.requestedSlot = undefined;
    this.failuresOnCandidate = 0;
  }

  private firstSlotToLookAt(): number | undefined {
    const priority = this.settings().networkConfigurationPriority;
    const candidate = this.candidateSlot;
    if (candidate !== undefined && (priority.includes(candidate) || candidate === this.requestedSlot)) return candidate;
    if (candidate === undefined && this.exhaustedSlot !== undefined) return this.slotAfter(this.exhaustedSlot);
    return priority[0];
  }

  /** The slot after `slot` in NetworkConfigurationPriority, wrapping; the first one if `slot` is not listed. */
  private slotAfter(slot: number): number | undefined {
    const priority = this.settings().networkConfigurationPriority;
    if (priority.length === 0) return undefined;
    return priority[(priority.indexOf(slot) + 1) % priority.length];
  }
}
