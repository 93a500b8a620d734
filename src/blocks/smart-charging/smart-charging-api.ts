// The seed's smart-charging methods (get_composite_schedule, get_all_composite_schedules) and what the stack
// offers beyond them: the limit in force, external limits (K11-K13) and ISO 15118 schedules (K15-K17).
import type {
  ChargingNeedsType,
  ChargingScheduleType,
  CompositeScheduleType,
  GenericStatusEnumType,
  GetCompositeScheduleRequest,
  GetCompositeScheduleResponse,
  NotifyEVChargingNeedsStatusEnumType,
} from '../../messages/types.js';
import type { EffectiveLimit } from './charging-limits.js';
import type { ExternalLimit } from './external-limits.js';
import type { SmartCharging } from './smart-charging.js';

export interface SmartChargingApi {
  /** The seed's get_composite_schedule(request): the answer the CSMS would get (as if each EVSE had a transaction). */
  getCompositeSchedule(request: GetCompositeScheduleRequest): GetCompositeScheduleResponse;
  /** The seed's get_composite_schedule(evse_id, duration, unit): TxProfiles only count where a transaction runs. */
  getCompositeSchedule(evseId: number, durationSeconds: number, unit: 'A' | 'W'): CompositeScheduleType | undefined;
  /** The seed's get_all_composite_schedules: one per EVSE, EVSE 0 (the whole station) first. */
  getAllCompositeSchedules(durationSeconds: number, unit: 'A' | 'W'): CompositeScheduleType[];
  /** The limit an EVSE keeps to now (what EvseHost.setChargingLimit was last told). */
  chargingLimit(evseId: number): EffectiveLimit | undefined;
  /** K11/K12: a local system (energy manager, grid operator) limits the station or an EVSE. */
  setExternalLimit(limit: ExternalLimit): void;
  /** K13: the local system releases its limit. */
  clearExternalLimit(evseId?: number): void;
  /** An ISO 15118 session began on the EVSE: its EV negotiates its schedule (K15). */
  onIso15118SessionStarted(evseId: number): void;
  onIso15118SessionFinished(evseId: number): void;
  /** K15/K17: the EV's charging needs, passed to the CSMS; resolves with its status (undefined: no answer). */
  onEvChargingNeeds(evseId: number, chargingNeeds: ChargingNeedsType, maxScheduleTuples?: number): Promise<NotifyEVChargingNeedsStatusEnumType | undefined>;
  /** K15.FR.10: the schedule the EV chose, passed to the CSMS; resolves with its verdict. */
  onEvChargingSchedule(evseId: number, timeBase: Date, chargingSchedule: ChargingScheduleType): Promise<GenericStatusEnumType | undefined>;
}

export function smartChargingApi(smart: SmartCharging, evseIds: readonly number[]): SmartChargingApi {
  function getCompositeSchedule(request: GetCompositeScheduleRequest): GetCompositeScheduleResponse;
  function getCompositeSchedule(evseId: number, durationSeconds: number, unit: 'A' | 'W'): CompositeScheduleType | undefined;
  function getCompositeSchedule(
    first: GetCompositeScheduleRequest | number,
    durationSeconds?: number,
    unit?: 'A' | 'W',
  ): GetCompositeScheduleResponse | CompositeScheduleType | undefined {
    if (typeof first !== 'number') return smart.compositeScheduleResponse(first);
    return smart.compositeSchedule(first, durationSeconds ?? 0, unit ?? 'A');
  }
  return {
    getCompositeSchedule,
    getAllCompositeSchedules: (durationSeconds, unit) =>
      [0, ...evseIds].flatMap((evseId) => smart.compositeSchedule(evseId, durationSeconds, unit) ?? []),
    chargingLimit: (evseId) => smart.limits.limitOf(evseId),
    setExternalLimit: (limit) => smart.external.set(limit),
    clearExternalLimit: (evseId = 0) => smart.external.clear(evseId),
    onIso15118SessionStarted: (evseId) => smart.iso15118.sessionStarted(evseId),
    onIso15118SessionFinished: (evseId) => smart.iso15118.sessionEnded(evseId),
    onEvChargingNeeds: (evseId, chargingNeeds, maxScheduleTuples) => smart.iso15118.chargingNeeds(evseId, chargingNeeds, maxScheduleTuples),
    onEvChargingSchedule: (evseId, timeBase, chargingSchedule) => smart.iso15118.evChargingSchedule(evseId, timeBase, chargingSchedule),
  };
}
