// ocpp-station/internal: the lower layers, for tools, tests and blocks of your own — the RPC layer, the
// transport, the queue, the link that joins them, single stores, and the contract every functional block
// implements — beside everything of the root entry. Less stable than the root entry: it follows the code.
export * from '../index.js';

// RPC
export { decodeFrame, encodeCall, encodeCallResult, encodeCallError } from '../rpc/frame-codec.js';
export type { Frame, DecodeResult, FrameFault } from '../rpc/frame-codec.js';
export { validatePayload, assertValidOutgoing, precompileAllValidators } from '../rpc/schema-validator.js';
export type { ValidationOutcome, PayloadKind } from '../rpc/schema-validator.js';
export { HandlerRouter, DuplicateHandlerError } from '../rpc/handler-router.js';
export type { CallHandler, CallContext, HandlerTable } from '../rpc/handler-router.js';
export { RpcEndpoint } from '../rpc/rpc-endpoint.js';
export type { RpcEndpointOptions, InvalidMessageReport, CallOptions } from '../rpc/rpc-endpoint.js';

// Transport
export { reconnectDelayMs } from '../transport/backoff.js';
export { InMemoryNetworkProfiles } from '../transport/network-profiles.js';
export type { NetworkProfileSource } from '../transport/network-profiles.js';
export { OCPP_SUBPROTOCOL, openWebSocket } from '../transport/websocket-connection.js';
export type { OcppSocket, OpenSocketOptions, SocketEvents, SocketOpener } from '../transport/websocket-connection.js';
export { buildConnectionTarget } from '../transport/security-profile.js';
export type { ConnectionTarget } from '../transport/security-profile.js';
export { ConnectionManager } from '../transport/connection-manager.js';
export type {
  ConnectionListener,
  ConnectionManagerOptions,
  ConnectionSettings,
  ConnectedInfo,
  ConnectingInfo,
  DisconnectedInfo,
  ConnectionFailureInfo,
  WaitingInfo,
} from '../transport/connection-manager.js';

// Queue and the link
export { MessageQueue } from '../queue/message-queue.js';
export type { EnqueueOptions, MessageQueueOptions, TransactionalOutcome } from '../queue/message-queue.js';
export { OcppLink } from '../link/ocpp-link.js';
export type { OcppLinkOptions, LinkListener } from '../link/ocpp-link.js';

// Single stores
export { openStationDatabase } from '../storage/sqlite/database.js';
export { MemoryQueueStore } from '../storage/memory/memory-queue-store.js';
export { SqliteQueueStore } from '../storage/sqlite/sqlite-queue-store.js';
export { MemoryDeviceModelStore } from '../storage/memory/memory-device-model-store.js';
export { SqliteDeviceModelStore } from '../storage/sqlite/sqlite-device-model-store.js';

// The block contract: what a folder under src/blocks/ implements, and the shared ports it gets
export type { BlockContext, BlockDefinition, StationBlock, BootInfo, BlockApiOf } from '../blocks/shared/block-contract.js';
export { PortRegistry, MissingPortError, DuplicatePortError } from '../blocks/shared/block-ports.js';
export type { BlockPorts, PortLookup, PortName, ProvidedPorts } from '../blocks/shared/block-ports.js';
export { TriggerDirectory, DuplicateTriggerError } from '../blocks/shared/trigger.js';
export type { Trigger, TriggerTable, TriggerLookup } from '../blocks/shared/trigger.js';
export type { LinkPort } from '../blocks/shared/link-port.js';
export type { Send } from '../blocks/shared/send.js';
export type { StationLayout } from '../blocks/shared/station-layout.js';
export type { TransactionActivity } from '../blocks/shared/transaction-activity.js';
export { EventBus } from '../events/event-bus.js';
export type { EventBusOptions, EventMap } from '../events/event-bus.js';
export type { StoredNetworkProfiles } from '../blocks/shared/stored-network-profiles.js';

// The ports the station's blocks offer each other (BlockPorts by name)
export type { SecurityEventReporter, SecurityLogReader } from '../blocks/security/security-block.js';
export type { TokenPort } from '../blocks/authorization/authorization-block.js';
export type { MeteringPort } from '../blocks/metering/metering-block.js';
export type { AvailabilityPort } from '../blocks/availability/availability-block.js';
export type { TransactionsPort } from '../blocks/transactions/transactions-port.js';
export type { TransactionMetering, TransactionAvailability, TokenValidator, MeterUpdate, EndReason } from '../blocks/transactions/transaction-ports.js';
export type { TransactionRecord } from '../blocks/transactions/transaction-record.js';
export type { EvseAuthorization } from '../blocks/transactions/evse-session.js';
export type { EvseConditions } from '../blocks/transactions/tx-points.js';
export type { SmartChargingPort } from '../blocks/smart-charging/smart-charging-block.js';
