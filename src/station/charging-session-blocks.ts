// The blocks of a charging session — authorization (C, D), availability (G), metering (J), transactions (E) and
// remote control (F) — built and wired to each other. The ChargingStation owns one and forwards the
// integrator's events to it.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OcppLink } from '../link/ocpp-link.js';
import type { MeterValueType, Request, Response } from '../messages/types.js';
import type { TransactionalOutcome } from '../queue/message-queue.js';
import type { RegistrationStatus } from '../queue/queue-policy.js';
import type { HandlerTable } from '../rpc/handler-router.js';
import type { DeviceModel } from '../device-model/device-model.js';
import { SampledDataCtrlr } from '../device-model/standardized/index.js';
import { Authorization } from '../blocks/authorization/authorization.js';
import { Availability } from '../blocks/availability/availability.js';
import type { StationLayout } from '../blocks/availability/connector-statuses.js';
import { energyRegisterWh } from '../blocks/metering/energy-register.js';
import { Metering } from '../blocks/metering/metering.js';
import type { TriggerRegistry } from '../blocks/provisioning/trigger-message.js';
import { remoteStartStopHandlers } from '../blocks/remote-control/remote-start-stop.js';
import { remoteTransactionControl } from '../blocks/transactions/remote-start.js';
import { transactionHandlers } from '../blocks/transactions/transaction-handlers.js';
import { Transactions, type TransactionsOnBoot } from '../blocks/transactions/transactions.js';
import type { TransactionListener } from '../blocks/transactions/transaction-ports.js';
import type { EvseHost } from './host.js';
import type { EffectiveLimit } from '../blocks/smart-charging/charging-limits.js';
import type { Iso15118Host } from '../blocks/smart-charging/iso15118-schedules.js';
import { SmartChargingBlocks } from './smart-charging-blocks.js';
import type { StationStores } from './station-stores.js';

export interface ChargingSessionOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  layout: StationLayout;
  stores: StationStores;
  link: OcppLink;
  evse: EvseHost;
  registrationStatus: () => RegistrationStatus;
  listener?: TransactionListener;
  /** Where each EVSE's charging limit goes when it changes. */
  applyLimit?: (evseId: number, limit: EffectiveLimit) => void;
  iso15118Host?: Iso15118Host;
}

export class ChargingSessionBlocks {
  readonly authorization: Authorization;
  readonly availability: Availability;
  readonly metering: Metering;
  readonly transactions: Transactions;
  /** Block K: profiles, composite schedules, limits, external limits, ISO 15118 schedules. */
  readonly smartCharging: SmartChargingBlocks;
  private readonly latestEnergyWh = new Map<number, number>();
  private readonly handlerTables: [string, HandlerTable][];

  constructor(private readonly options: ChargingSessionOptions) {
    const { model, clock, logger, layout, stores, link } = options;
    const send = link.send.bind(link);
    const evseIds = layout.evses.map((evse) => evse.id);
    const online = () => link.isConnected && options.registrationStatus() === 'Accepted';

    this.authorization = new Authorization({
      model,
      send,
      isOnline: online,
      clock,
      logger,
      cache: stores.authCache,
      localList: stores.localAuthList,
    });
    this.availability = new Availability({
      model,
      layout,
      store: stores.availability,
      send,
      clock,
      logger,
      transactions: () => this.transactions,
      registrationAccepted: () => options.registrationStatus() === 'Accepted',
    });
    this.metering = new Metering({ model, clock, logger, send, store: stores.txMeterValues, evseIds });
    const tokens = {
      validateToken: (idToken: Request<'Authorize'>['idToken']) => this.authorization.validateToken(idToken),
      mayStartTransaction: (info: Response<'Authorize'>['idTokenInfo'], evseId?: number) => this.authorization.mayStartTransaction(info, evseId),
    };
    this.transactions = new Transactions({
      model,
      clock,
      logger,
      evseIds,
      store: stores.transactions,
      atomically: (work) => stores.atomically(work),
      send,
      metering: {
        startedValues: (evseId) => this.metering.startedValues(evseId),
        transactionStarted: (evseId, id, updated) => this.metering.transactionStarted(evseId, id, updated),
        resume: (evseId, id, updated) => this.metering.resume(evseId, id, updated),
        endedValues: (evseId, id, max) => this.metering.endedValues(evseId, id, max),
        clear: (id) => this.metering.clear(id),
        triggeredTransactionValues: (evseId) => this.metering.triggeredTransactionValues(evseId),
        energyRegisterWh: (evseId) => this.latestEnergyWh.get(evseId),
      },
      availability: this.availability,
      tokens,
      energy: options.evse,
      listener: {
        ...options.listener,
        started: (evseId, transactionId) => {
          options.listener?.started?.(evseId, transactionId);
          this.smartCharging.transactionStarted();
        },
        ended: (evseId, transactionId) => {
          options.listener?.ended?.(evseId, transactionId);
          this.smartCharging.transactionEnded(transactionId);
        },
        chargingProfileArrived: (evseId, transactionId, profile) =>
          this.smartCharging.installForTransaction(evseId, transactionId, profile),
      },
    });
    this.smartCharging = new SmartChargingBlocks({
      model,
      clock,
      logger,
      link,
      stores,
      evseIds,
      transactions: this.transactions,
      ...(options.applyLimit ? { applyLimit: options.applyLimit } : {}),
      ...(options.iso15118Host ? { iso15118Host: options.iso15118Host } : {}),
    });
    this.handlerTables = [
      ['authorization', this.authorization.handlers()],
      ['availability', this.availability.handlers()],
      [
        'remote-control',
        remoteStartStopHandlers({
          registrationStatus: options.registrationStatus,
          control: () =>
            remoteTransactionControl({
              transactions: this.transactions,
              availability: this.availability,
              tokens,
              model,
              evseIds,
              logger,
              smartCharging: () => this.smartCharging.enabled,
              checkProfile: (profile, evseId) => this.smartCharging.checkRemoteStartProfile(profile, evseId),
            }),
        }),
      ],
      [
        'transactions',
        transactionHandlers({
          transactions: this.transactions,
          layout,
          lock: options.evse,
          pendingTransactionEvents: (id) => link.pendingTransactionEvents(id),
          logger,
        }),
      ],
      ['smart-charging', this.smartCharging.handlers()],
    ];
  }

  /** Handler tables by owner, for the link's router. */
  handlers(): readonly [string, HandlerTable][] {
    return this.handlerTables;
  }

  /** TriggerMessage for MeterValues (F06.FR.06) and TransactionEvent (F06.FR.07). */
  registerTriggers(triggers: TriggerRegistry): void {
    triggers.register('MeterValues', this.metering.trigger);
    triggers.register('TransactionEvent', (evse) => {
      const evseIds = evse ? [evse.id] : this.options.layout.evses.map((e) => e.id);
      const busy = evseIds.filter((evseId) => this.transactions.hasActiveTransaction(evseId));
      if (busy.length === 0) return { status: 'Rejected' };
      return { status: 'Accepted', send: () => busy.forEach((evseId) => this.transactions.triggerUpdate(evseId)) };
    });
  }

  /** Before connecting: transactions a previous run left open, and availability changes scheduled for them. */
  restore(bootReason: string, policy: TransactionsOnBoot): void {
    this.transactions.restore(bootReason, policy);
    this.smartCharging.restore();
    this.availability.resumeScheduled();
  }

  /** Registration Accepted: every connector's status (B01.FR.05) and clock-aligned meter values start. */
  registered(): void {
    this.availability.sendAll();
    this.metering.start();
  }

  /** The seed's on_meter_value. */
  meterValue(evseId: number, meterValue: MeterValueType): void {
    this.metering.record(evseId, meterValue);
    const wh = energyRegisterWh(meterValue);
    if (wh !== undefined) this.latestEnergyWh.set(evseId, wh);
    if (evseId > 0) this.transactions.meterReading(evseId);
    // E01.FR.04: with SampledDataSignReadings, a signed reading is what the DataSigned start point waits for.
    const signing = this.options.model.value(SampledDataCtrlr.SignReadings) === true;
    if (signing && evseId > 0 && meterValue.sampledValue.some((sample) => sample.signedMeterValue !== undefined)) {
      this.transactions.signedDataReceived(evseId);
    }
  }

  /** What the CSMS answered to a TransactionEvent (also one queued by an earlier run): idTokenInfo (C10.FR.05, E05). */
  transactionalOutcome(outcome: TransactionalOutcome): void {
    if (outcome.kind !== 'delivered' || outcome.action !== 'TransactionEvent') return;
    const request = outcome.payload as Request<'TransactionEvent'>;
    const response = outcome.response as Response<'TransactionEvent'>;
    if (request.idToken && response.idTokenInfo) this.authorization.tokenInfoFromCsms(request.idToken, response.idTokenInfo);
    this.transactions.responseReceived(request, response);
  }

  stop(): void {
    this.smartCharging.stop();
    this.transactions.stop();
    this.availability.stop();
    this.metering.close();
  }
}
