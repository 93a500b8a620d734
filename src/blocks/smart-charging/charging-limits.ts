// The station applies its own composite schedule: for each EVSE the limit in force now goes to the hardware
// whenever it changes — a profile installed or cleared, an external limit, a transaction starting or ending, or
// the next period of a schedule beginning (a timer waits for that instant).
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { ChargingProfileType } from '../../messages/types.js';
import { calculateCompositeSchedule } from './composite-schedule/index.js';
import type { EffectiveLimit } from './effective-limit.js';
import { capToEvse, defaultsFor, type EvseCapacity } from './evse-capacity.js';

export type { EffectiveLimit } from './effective-limit.js';

export interface ChargingLimitsOptions {
  clock: Clock;
  logger: Logger;
  evseIds: readonly number[];
  /** Every installed profile (CSMS and external) with its EVSE. */
  profiles: () => { evseId: number; profile: ChargingProfileType }[];
  /** The open transaction per EVSE id. */
  transactions: () => Record<number, { id: string; start: Date }>;
  /** What each EVSE's hardware can deliver: the limit is cut to it. Unlimited when not given. */
  capacity?: (evseId: number) => EvseCapacity;
  /** Tells the hardware (or the simulator) the limit of an EVSE; called only when it changes. */
  apply: (evseId: number, limit: EffectiveLimit) => void;
}

/** How far ahead a calculation looks for the next change; a timer re-evaluates at the latest then. */
const HORIZON_MS = 24 * 60 * 60 * 1000;

export class ChargingLimits {
  private readonly current = new Map<number, EffectiveLimit>();
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(private readonly options: ChargingLimitsOptions) {}

  /** Recomputes every EVSE's limit now, tells the hardware what changed, and waits for the next change. */
  refresh(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    const end = new Date(now.getTime() + HORIZON_MS);
    const profiles = this.options.profiles();
    const transactions = this.options.transactions();
    let nextChangeMs = now.getTime() + HORIZON_MS;
    for (const evseId of this.options.evseIds) {
      const capacity = this.options.capacity?.(evseId);
      const input = {
        profiles,
        evseId,
        evseIds: this.options.evseIds as number[],
        start: now,
        end,
        transactions,
        ...(capacity ? { defaults: defaultsFor(capacity) } : {}),
      };
      const amps = calculateCompositeSchedule({ ...input, unit: 'A' });
      const watts = calculateCompositeSchedule({ ...input, unit: 'W' });
      const first = amps.chargingSchedulePeriod[0];
      const scheduled: EffectiveLimit = {
        amps: first?.limit ?? 0,
        watts: watts.chargingSchedulePeriod[0]?.limit ?? 0,
        ...(first?.numberPhases !== undefined ? { numberPhases: first.numberPhases } : {}),
      };
      const limit = capacity ? capToEvse(scheduled, capacity) : scheduled;
      for (const schedule of [amps, watts]) {
        const next = schedule.chargingSchedulePeriod[1];
        if (next) nextChangeMs = Math.min(nextChangeMs, now.getTime() + next.startPeriod * 1000);
      }
      const previous = this.current.get(evseId);
      if (previous && sameLimit(previous, limit)) continue;
      this.current.set(evseId, limit);
      this.options.logger.info({ evseId, ...limit }, 'charging limit in force');
      try {
        this.options.apply(evseId, limit);
      } catch (error) {
        this.options.logger.error({ err: error, evseId }, 'applying the charging limit failed');
      }
    }
    this.scheduleNext(nextChangeMs - now.getTime());
  }

  /** The limit an EVSE keeps to now (after the first refresh). */
  limitOf(evseId: number): EffectiveLimit | undefined {
    return this.current.get(evseId);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(delayMs: number): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    // At least a second later: schedules change on whole seconds.
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, Math.max(1000, delayMs));
  }
}

function sameLimit(a: EffectiveLimit, b: EffectiveLimit): boolean {
  return a.amps === b.amps && a.watts === b.watts && a.numberPhases === b.numberPhases;
}
