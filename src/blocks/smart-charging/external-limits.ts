// K11–K13: limits set by a local system (an energy manager, the grid operator) rather than the CSMS. The
// integrator sets or clears them; each becomes a ChargingStationExternalConstraints profile that the composite
// schedule takes into account (K11.FR.06), and the CSMS hears about it — NotifyChargingLimit when the limit
// changed by more than LimitChangeSignificance (with the schedule when NotifyChargingLimitWithSchedules),
// ClearedChargingLimit when it is released, and a TransactionEvent(ChargingRateChanged) for each transaction whose
// charging rate moved that much (K11.FR.04, K13.FR.03).
import type { Logger } from '../../logger.js';
import { logNotDelivered, type Send } from '../shared/send.js';
import type { ChargingLimitSourceEnumType, ChargingProfileType, ChargingScheduleType } from '../../messages/types.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { SmartChargingCtrlr } from '../../device-model/standardized/index.js';
import type { ChargingLimits, EffectiveLimit } from './charging-limits.js';

/** Where external profiles are kept, next to the CSMS's (so GetChargingProfiles reports them, K11.FR.06). */
export interface ExternalProfilePort {
  install(evseId: number, profile: ChargingProfileType, source: ChargingLimitSourceEnumType): void;
  remove(profileId: number): void;
}

/** What the transactions block does when an EVSE's charging rate moved (K11.FR.04, K13.FR.03). */
export interface RateChangePort {
  chargingRateChanged(evseId: number): boolean;
}

/** A limit from a local system: a whole schedule, or one limit from now on. */
export interface ExternalLimit {
  /** 0 (default) for the whole station. */
  readonly evseId?: number;
  /** Who imposes it; never CSO (K11.FR.05: that is the CSMS's own). */
  readonly source: Exclude<ChargingLimitSourceEnumType, 'CSO'>;
  readonly isGridCritical?: boolean;
  readonly schedule: ChargingScheduleType | { readonly limit: number; readonly unit: 'A' | 'W'; readonly numberPhases?: number };
}

export interface ExternalLimitsOptions {
  model: DeviceModel;
  send: Send;
  logger: Logger;
  profiles: ExternalProfilePort;
  limits: ChargingLimits;
  transactions: RateChangePort;
  evseIds: readonly number[];
  /** The station clock's now, for the startSchedule of a plain limit. */
  now: () => Date;
}

/** Profile ids of external limits: far from what a CSMS hands out, one per EVSE. */
const EXTERNAL_PROFILE_ID_BASE = 2_000_000_000;
/** External limits sit on top of every stack level the CSMS may use. */
const EXTERNAL_STACK_LEVEL = 0;

export class ExternalLimits {
  private readonly active = new Map<number, ExternalLimit>();

  constructor(private readonly options: ExternalLimitsOptions) {}

  /** K11/K12: a local system sets (or changes) a limit. */
  set(limit: ExternalLimit): void {
    const evseId = limit.evseId ?? 0;
    if (evseId !== 0 && !this.options.evseIds.includes(evseId)) throw new RangeError(`EVSE ${evseId} does not exist`);
    if ((limit.source as string) === 'CSO') throw new RangeError('an external limit cannot come from the CSO (K11.FR.05)');
    const schedule = this.scheduleOf(limit);
    const before = this.snapshot();
    this.options.profiles.install(evseId, profileFor(evseId, schedule), limit.source);
    this.active.set(evseId, limit);
    const after = this.refresh();
    const moved = this.movedEvses(before, after);
    if (moved.length > 0 || !before.size) {
      const withSchedules = this.options.model.value(SmartChargingCtrlr.NotifyChargingLimitWithSchedules) === true;
      this.options
        .send('NotifyChargingLimit', {
          chargingLimit: { chargingLimitSource: limit.source, ...(limit.isGridCritical !== undefined ? { isGridCritical: limit.isGridCritical } : {}) },
          ...(evseId !== 0 ? { evseId } : {}),
          ...(withSchedules ? { chargingSchedule: [schedule] } : {}),
        })
        .catch((error: unknown) => logNotDelivered(this.options.logger, error, {}, 'NotifyChargingLimit not delivered'));
    }
    for (const moving of moved) this.options.transactions.chargingRateChanged(moving);
  }

  /** K13: the local system releases its limit. */
  clear(evseId = 0): void {
    const limit = this.active.get(evseId);
    if (!limit) return;
    const before = this.snapshot();
    this.options.profiles.remove(externalProfileId(evseId));
    this.active.delete(evseId);
    const after = this.refresh();
    this.options
      .send('ClearedChargingLimit', { chargingLimitSource: limit.source, ...(evseId !== 0 ? { evseId } : {}) })
      .catch((error: unknown) => logNotDelivered(this.options.logger, error, {}, 'ClearedChargingLimit not delivered'));
    for (const moving of this.movedEvses(before, after)) this.options.transactions.chargingRateChanged(moving);
  }

  /** The limits in force, by EVSE (0 = station). */
  current(): ReadonlyMap<number, ExternalLimit> {
    return this.active;
  }

  private scheduleOf(limit: ExternalLimit): ChargingScheduleType {
    if ('chargingSchedulePeriod' in limit.schedule) return limit.schedule;
    const { limit: value, unit, numberPhases } = limit.schedule;
    return {
      id: 1,
      startSchedule: new Date(Math.floor(this.options.now().getTime() / 1000) * 1000).toISOString(),
      chargingRateUnit: unit,
      chargingSchedulePeriod: [{ startPeriod: 0, limit: value, ...(numberPhases !== undefined ? { numberPhases } : {}) }],
    };
  }

  private snapshot(): Map<number, EffectiveLimit> {
    const limits = new Map<number, EffectiveLimit>();
    for (const evseId of this.options.evseIds) {
      const limit = this.options.limits.limitOf(evseId);
      if (limit) limits.set(evseId, limit);
    }
    return limits;
  }

  private refresh(): Map<number, EffectiveLimit> {
    this.options.limits.refresh();
    return this.snapshot();
  }

  /** EVSEs whose limit moved by more than LimitChangeSignificance (a percentage). */
  private movedEvses(before: Map<number, EffectiveLimit>, after: Map<number, EffectiveLimit>): number[] {
    const significance = this.options.model.value(SmartChargingCtrlr.LimitChangeSignificance);
    return this.options.evseIds.filter((evseId) => {
      const old = before.get(evseId)?.amps;
      const now = after.get(evseId)?.amps;
      if (old === undefined || now === undefined) return old !== now;
      if (old === 0) return now !== 0;
      return (Math.abs(now - old) / old) * 100 > significance;
    });
  }
}

export function externalProfileId(evseId: number): number {
  return EXTERNAL_PROFILE_ID_BASE + evseId;
}

function profileFor(evseId: number, schedule: ChargingScheduleType): ChargingProfileType {
  const kind = schedule.startSchedule ? 'Absolute' : 'Relative';
  return {
    id: externalProfileId(evseId),
    stackLevel: EXTERNAL_STACK_LEVEL,
    chargingProfilePurpose: 'ChargingStationExternalConstraints',
    chargingProfileKind: kind,
    chargingSchedule: [schedule],
  };
}
