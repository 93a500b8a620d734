// The contract of a functional block. A block is a folder under src/blocks/ that exports a BlockDefinition;
// the station builds the shared ports (BlockContext), creates each block of its list with them, and then only
// drives the lifecycle below. A block answers the CSMS through `handlers`, serves TriggerMessage through
// `triggers`, offers other blocks `ports`, offers the integrator `api` (the seed's methods of its area), and
// tells the world what happens through the station's event bus.
import type { Logger } from '../../logger.js';
import type { StationClock } from '../../station-clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { BootReasonEnumType } from '../../messages/types.js';
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { StationConfig } from '../../device-model/station-config.js';
import type { ConnectedInfo, DisconnectedInfo } from '../../transport/connection-manager.js';
import type { PortLookup, ProvidedPorts } from './block-ports.js';
import type { LinkPort } from './link-port.js';
import type { Send } from './send.js';
import type { StationEvents } from './station-events.js';
import type { StationLayout } from './station-layout.js';
import type { StoredNetworkProfiles } from './stored-network-profiles.js';
import type { TriggerLookup, TriggerTable } from './trigger.js';

/** The shared ports every block gets. A block's own context adds the stores, host parts and options it needs. */
export interface BlockContext {
  /** The identity: last segment of the connection URL and the Basic-auth user. */
  readonly stationId: string;
  /** The station configuration file, parsed. */
  readonly config: StationConfig;
  readonly layout: StationLayout;
  readonly model: DeviceModel;
  /** The station's time (follows the CSMS when ClockCtrlr.TimeSource says so). */
  readonly clock: StationClock;
  /** Bound to the block: its lines carry `block: <name>`. */
  readonly logger: Logger;
  readonly send: Send;
  readonly link: LinkPort;
  readonly events: EventBus<StationEvents>;
  readonly ports: PortLookup;
  /** Every block's triggers (for the TriggerMessage handler). */
  readonly triggers: TriggerLookup;
  /** The network connection profiles by configuration slot, as the transport reads them. */
  readonly networkProfiles: StoredNetworkProfiles;
  /** Runs `work` so that its writes to the stores land together or not at all (one SQLite transaction). */
  readonly atomically: <T>(work: () => T) => T;
}

/** Why the station starts, for blocks that pick up what a previous run left. */
export interface BootInfo {
  readonly reason: BootReasonEnumType;
}

/** A functional block as the station runs it: what it answers, serves and offers, and its lifecycle. */
export interface StationBlock<Api extends object = object> {
  /** Handlers of the CSMS-initiated actions the block answers; an action has one owner. */
  readonly handlers?: HandlerTable;
  /** The messages the block sends when TriggerMessage asks for them (F06); a message has one owner. */
  readonly triggers?: TriggerTable;
  /** Ports other blocks may use, by name (see block-ports.ts). */
  readonly ports?: ProvidedPorts;
  /** The block's part of the station's API (the seed's methods of its area), installed on the ChargingStation. */
  readonly api?: Api;
  /** Start-up, before the first connection: restore what the previous run left. Blocks start in list order. */
  start?(boot: BootInfo): void;
  /** The CSMS accepted the registration (B01): work normally from now on (report statuses, start timers). */
  registrationAccepted?(): void;
  /** A websocket connection to the CSMS is open (the link already knows; BootNotification may follow). */
  linkUp?(info: ConnectedInfo): void;
  /** The connection is gone. */
  linkDown?(info: DisconnectedInfo): void;
  /** The station stops: timers off, listeners removed. The station closes the stores afterwards. */
  stop?(): void;
}

/** A block as the station's list names it. `Context` is what the block needs: BlockContext and its own parts. */
export interface BlockDefinition<Context extends BlockContext = BlockContext, Api extends object = object> {
  /** Unique in the station: owner of its handlers, triggers and ports, and the logger's `block` binding. */
  readonly name: string;
  /**
   * The standardized controllers whose use cases this block implements (e.g. ReservationCtrlr). A controller no
   * block of the station serves is reported with its Available and Enabled variables false, so a CSMS never
   * sees a feature advertised that the station refuses with NotSupported.
   */
  readonly controllers?: readonly string[];
  readonly create: (context: Context) => StationBlock<Api>;
}

/** The API a block definition offers the integrator. */
export type BlockApiOf<D> = D extends BlockDefinition<never, infer Api> ? Api : never;
