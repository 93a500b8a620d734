// Block K put together: the charging profiles (K01, K05, K09, K10), the composite schedule the station reports
// (K08) and applies to its EVSEs, external limits (K11-K13) and ISO 15118 schedules (K15-K17).
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { ChargingProfileType, CompositeScheduleType, Request, Response, StatusInfoType } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { SmartChargingCtrlr } from '../../device-model/standardized/index.js';
import type { ChargingProfileStore } from '../../storage/charging-profile-store.js';
import type { Send } from '../shared/send.js';
import type { TransactionsPort } from '../transactions/transactions-port.js';
import { ChargingLimits, type EffectiveLimit } from './charging-limits.js';
import {
  compositeSchedule,
  compositeScheduleHandlers,
  getCompositeScheduleResponse,
  type CompositeScheduleSource,
  type RateUnit,
} from './composite-schedule-requests.js';
import { ExternalLimits } from './external-limits.js';
import { Iso15118Schedules, type Iso15118Host } from './iso15118-schedules.js';
import { ChargingProfiles } from './profiles/charging-profiles.js';
import { evseCapacityOf } from './evse-capacity.js';

export interface SmartChargingOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  send: Send;
  /** The largest frame the link sends: a report page never exceeds it. */
  maxFrameBytes: () => number;
  store: ChargingProfileStore;
  evseIds: readonly number[];
  transactions: Pick<TransactionsPort, 'transactionIdOf' | 'transaction' | 'openTransactions' | 'chargingRateChanged'>;
  /** Where each EVSE's limit goes when it changes (the integrator's hardware); absent, limits are only computed. */
  applyLimit?: (evseId: number, limit: EffectiveLimit) => void;
  iso15118Host?: Iso15118Host;
}

export class SmartCharging {
  readonly profiles: ChargingProfiles;
  readonly limits: ChargingLimits;
  readonly external: ExternalLimits;
  readonly iso15118: Iso15118Schedules;
  private readonly source: CompositeScheduleSource;

  constructor(options: SmartChargingOptions) {
    const { model, clock, logger, send, evseIds, transactions } = options;
    this.iso15118 = new Iso15118Schedules({ send, logger, ...(options.iso15118Host ? { host: options.iso15118Host } : {}) });
    this.profiles = new ChargingProfiles({
      model,
      store: options.store,
      clock,
      logger,
      send,
      evseIds,
      transactions: {
        transactionIdOf: (evseId) => transactions.transactionIdOf(evseId),
        evseOfTransaction: (id) => transactions.transaction(id)?.evseId,
      },
      iso15118: {
        negotiating: (evseId) => this.iso15118.negotiating(evseId),
        tooEarlyFor: (evseId, profile) => this.iso15118.tooEarlyFor(evseId, profile),
      },
      maxFrameBytes: options.maxFrameBytes,
    });
    this.limits = new ChargingLimits({
      clock,
      logger,
      evseIds,
      profiles: () => this.profiles.all(),
      transactions: () => transactions.openTransactions(),
      capacity: evseCapacityOf(model),
      apply: (evseId, limit) => options.applyLimit?.(evseId, limit),
    });
    this.external = new ExternalLimits({
      model,
      send,
      logger,
      profiles: {
        install: (evseId, profile, source) => {
          const result = this.profiles.install(profile, evseId, { origin: 'External', source });
          if (result.status !== 'Accepted') logger.warn({ evseId, statusInfo: result.statusInfo }, 'an external limit was not installed');
        },
        remove: (id) => void this.profiles.remove([id]),
      },
      limits: this.limits,
      transactions,
      evseIds,
      now: () => clock.now(),
    });
    this.source = {
      clock,
      evseIds,
      profiles: () => this.profiles.all(),
      transactions: () => transactions.openTransactions(),
      rateUnits: () => model.value(SmartChargingCtrlr.RateUnit) as RateUnit[],
      maxFrameBytes: options.maxFrameBytes,
    };
    this.profiles.onChange((change) => {
      this.limits.refresh();
      // K16.FR.02: a new TxProfile during an ISO 15118 session is renegotiated with the EV.
      if (change.reason === 'installed') for (const { evseId, profile } of change.installed) this.iso15118.profileInstalled(evseId, profile);
    });
  }

  get enabled(): boolean {
    return this.profiles.enabled;
  }

  handlers(): HandlerTable {
    return { ...this.profiles.handlers(), ...compositeScheduleHandlers(this.source) };
  }

  /** After the transactions are restored (TxProfiles of transactions that did not survive go). */
  restore(): void {
    this.profiles.restore();
    this.limits.refresh();
  }

  /** A transaction began or ended: the limits follow, its TxProfiles go with it (K02.FR.05). */
  transactionStarted(): void {
    this.limits.refresh();
  }

  transactionEnded(transactionId: string): void {
    this.profiles.removeForTransaction(transactionId);
    this.limits.refresh();
  }

  /** K05 / F01.FR.10: a RequestStartTransaction's profile, now that its transaction exists. */
  installForTransaction(evseId: number, transactionId: string, profile: ChargingProfileType): void {
    const result = this.profiles.installForTransaction(evseId, transactionId, profile);
    if (result.status !== 'Accepted') this.limits.refresh();
  }

  /** K05.FR.05: whether a RequestStartTransaction's profile would be refused (its statusInfo then). */
  checkRemoteStartProfile(profile: ChargingProfileType, evseId: number): StatusInfoType | undefined {
    return this.profiles.checkRemoteStartProfile(profile, evseId);
  }

  /** The seed's get_composite_schedule(evse_id, duration, unit): TxProfiles only where a transaction runs. */
  compositeSchedule(evseId: number, durationSeconds: number, unit: RateUnit): CompositeScheduleType | undefined {
    return compositeSchedule(this.source, evseId, durationSeconds, unit, false);
  }

  /** The seed's get_composite_schedule(request): as the CSMS gets it. */
  compositeScheduleResponse(request: Request<'GetCompositeSchedule'>): Response<'GetCompositeSchedule'> {
    return getCompositeScheduleResponse(this.source, request);
  }

  stop(): void {
    this.limits.stop();
  }
}
