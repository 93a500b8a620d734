// Block K: charging profiles, the composite schedule (reported and applied to the EVSEs through
// ChargingLimitHost.setChargingLimit), external limits and ISO 15118 schedules (smart-charging.ts). It follows
// the transactions: limits change when one starts or ends, and its TxProfiles go with it (K02.FR.05).
import type { ChargingProfileType, StatusInfoType } from '../../messages/types.js';
import type { ChargingProfileStore } from '../../storage/charging-profile-store.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { evseIdsOf } from '../shared/station-layout.js';
import type { EffectiveLimit } from './charging-limits.js';
import type { Iso15118Host } from './iso15118-schedules.js';
import { SmartCharging } from './smart-charging.js';
import { smartChargingApi, type SmartChargingApi } from './smart-charging-api.js';

/** What the transactions and remote-control blocks ask of smart charging. */
export interface SmartChargingPort {
  /** Whether the station does smart charging (SmartChargingCtrlr.Enabled). */
  readonly enabled: boolean;
  /** K05.FR.05 / F01.FR.26: why a RequestStartTransaction's profile would be refused, if it would. */
  checkRemoteStartProfile(profile: ChargingProfileType, evseId: number): StatusInfoType | undefined;
  /** K05 / F01.FR.10: a RequestStartTransaction's profile, now that its transaction exists. */
  installForTransaction(evseId: number, transactionId: string, profile: ChargingProfileType): void;
}

/** The hardware that keeps an EVSE's current or power within the limit in force. */
export interface ChargingLimitHost {
  /**
   * The charging limit in force for the EVSE (its composite schedule now), whenever it changes: keep the EV's
   * current or power at or below it. Absent when the hardware does not limit.
   */
  setChargingLimit?(evseId: number, limit: EffectiveLimit): void;
}

/** An EVSE's limit in force changed. */
export interface ChargingLimitChange {
  readonly evseId: number;
  readonly limit: EffectiveLimit;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    smartCharging: SmartChargingPort;
  }
}

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** The limit an EVSE keeps to changed (profile, external limit, transaction, next schedule period). */
    chargingLimitChanged: ChargingLimitChange;
  }
}

export interface SmartChargingContext extends BlockContext {
  readonly stores: { readonly chargingProfiles: ChargingProfileStore };
  /** The ISO 15118 stack, for schedule renegotiation (K16). */
  readonly host: { readonly evse: ChargingLimitHost; readonly iso15118?: Iso15118Host };
}

export const smartChargingBlock: BlockDefinition<SmartChargingContext, SmartChargingApi> = {
  name: 'smart-charging',
  controllers: ['SmartChargingCtrlr', 'ISO15118Ctrlr'],
  create(context) {
    const { events, host } = context;
    const evseIds = evseIdsOf(context.layout);
    const smart = new SmartCharging({
      model: context.model,
      clock: context.clock,
      logger: context.logger,
      send: context.send,
      maxFrameBytes: () => context.link.settings.maxFrameBytes,
      store: context.stores.chargingProfiles,
      evseIds,
      transactions: context.ports.lazy('transactions'),
      applyLimit: (evseId, limit) => {
        host.evse.setChargingLimit?.(evseId, limit);
        events.emit('chargingLimitChanged', { evseId, limit });
      },
      ...(host.iso15118 ? { iso15118Host: host.iso15118 } : {}),
    });
    // Transactions left open by the previous run are dealt with before this block starts (its restore drops
    // their TxProfiles), so only later starts and ends count.
    let started = false;
    const subscriptions = [
      events.on('transactionStarted', () => {
        if (started) smart.transactionStarted();
      }),
      events.on('transactionEnded', ({ transactionId }) => {
        if (started) smart.transactionEnded(transactionId);
      }),
    ];
    return {
      handlers: smart.handlers(),
      ports: {
        smartCharging: {
          get enabled() {
            return smart.enabled;
          },
          checkRemoteStartProfile: (profile, evseId) => smart.checkRemoteStartProfile(profile, evseId),
          installForTransaction: (evseId, transactionId, profile) => smart.installForTransaction(evseId, transactionId, profile),
        },
      },
      api: smartChargingApi(smart, evseIds),
      start() {
        smart.restore();
        started = true;
      },
      stop() {
        for (const unsubscribe of subscriptions) unsubscribe();
        smart.stop();
      },
    };
  },
};
