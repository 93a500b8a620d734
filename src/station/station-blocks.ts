// The functional blocks a station is made of, in the order they are built and started (and stopped in reverse).
// A new block is a folder under src/blocks/ with a BlockDefinition, and one entry here; its API, ports, events,
// handlers and triggers come with it. Order matters only for start(): security first (the boot's security
// event), transactions before smart charging and availability (both pick up after the restored transactions).
import { certificatesBlock } from '../blocks/certificates/certificates-block.js';
import { authorizationBlock } from '../blocks/authorization/authorization-block.js';
import { availabilityBlock } from '../blocks/availability/availability-block.js';
import { dataTransferBlock } from '../blocks/data-transfer/data-transfer-block.js';
import { diagnosticsBlock } from '../blocks/diagnostics/diagnostics-block.js';
import { firmwareBlock } from '../blocks/firmware/firmware-block.js';
import { logsBlock } from '../blocks/logs/logs-block.js';
import { meteringBlock } from '../blocks/metering/metering-block.js';
import { publishingBlock } from '../blocks/publishing/publishing-block.js';
import { provisioningBlock } from '../blocks/provisioning/provisioning-block.js';
import { remoteControlBlock } from '../blocks/remote-control/remote-control-block.js';
import { securityBlock } from '../blocks/security/security-block.js';
import type { BlockApiOf, BlockContext, BlockDefinition } from '../blocks/shared/block-contract.js';
import { smartChargingBlock } from '../blocks/smart-charging/smart-charging-block.js';
import { transactionsBlock } from '../blocks/transactions/transactions-block.js';
import type { StationHost } from './host.js';
import type { ChargingStationOptions } from './station-options.js';
import type { StationStores } from './station-stores.js';

/** What the station hands every block: the shared ports, and all of its stores, host and options. */
export interface StationBlockContext extends BlockContext {
  readonly stores: StationStores;
  readonly host: StationHost;
  readonly options: ChargingStationOptions;
}

export const STATION_BLOCKS = [
  securityBlock,
  certificatesBlock,
  provisioningBlock,
  dataTransferBlock,
  diagnosticsBlock,
  logsBlock,
  firmwareBlock,
  publishingBlock,
  authorizationBlock,
  meteringBlock,
  transactionsBlock,
  smartChargingBlock,
  availabilityBlock,
  remoteControlBlock,
] as const satisfies readonly BlockDefinition<StationBlockContext>[];

/** The standardized controllers the blocks of the list serve: the others are reported unavailable. */
export function servedControllers(): ReadonlySet<string> {
  return new Set<string>(STATION_BLOCKS.flatMap((definition: BlockDefinition<StationBlockContext>) => definition.controllers ?? []));
}

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;

/** Every block's API together: the methods the ChargingStation offers beyond its lifecycle. */
export type StationApi = UnionToIntersection<BlockApiOf<(typeof STATION_BLOCKS)[number]>>;
