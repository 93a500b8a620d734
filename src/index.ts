// The public API of ocpp-station. Every export is named here on purpose; anything not listed is internal.

// Messages
export { OCPP_ACTIONS, isOcppAction } from './messages/types.js';
export type { Action, Request, Response } from './messages/types.js';
export type * from './messages/generated/ocpp-types.js';

// Time and logging
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { createLogger, silentLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';

// RPC
export {
  OcppError,
  RpcTimeoutError,
  ConnectionLostError,
  OutgoingPayloadError,
  FrameTooLargeError,
  RPC_ERROR_CODES,
  isRpcErrorCode,
} from './rpc/errors.js';
export type { RpcErrorCode } from './rpc/errors.js';
export { decodeFrame, encodeCall, encodeCallResult, encodeCallError } from './rpc/frame-codec.js';
export type { Frame, DecodeResult, FrameFault } from './rpc/frame-codec.js';
export { validatePayload, assertValidOutgoing, precompileAllValidators } from './rpc/schema-validator.js';
export type { ValidationOutcome, PayloadKind } from './rpc/schema-validator.js';
export { HandlerRouter, DuplicateHandlerError } from './rpc/handler-router.js';
export type { CallHandler, CallContext, HandlerTable } from './rpc/handler-router.js';
export { RpcEndpoint } from './rpc/rpc-endpoint.js';
export type { RpcEndpointOptions, InvalidMessageReport } from './rpc/rpc-endpoint.js';

// Transport
export { reconnectDelayMs } from './transport/backoff.js';
export type { BackOffSettings } from './transport/backoff.js';
export { InMemoryNetworkProfiles } from './transport/network-profiles.js';
export type { NetworkConnectionProfile, NetworkProfileSource } from './transport/network-profiles.js';
export { SecurityProfileError } from './transport/security-profile.js';
export type { SecurityCredentials, SecurityProfile } from './transport/security-profile.js';
export { ConnectionFailedError, OCPP_SUBPROTOCOL } from './transport/websocket-connection.js';
export type { ConnectionFailureKind } from './transport/websocket-connection.js';
export { ConnectionManager } from './transport/connection-manager.js';
export type {
  ConnectionListener,
  ConnectionManagerOptions,
  ConnectedInfo,
  DisconnectedInfo,
  ConnectionFailureInfo,
} from './transport/connection-manager.js';

// Queue and storage
export { MessageQueue, MessageDroppedError } from './queue/message-queue.js';
export type { EnqueueOptions, MessageQueueOptions, TransactionalOutcome } from './queue/message-queue.js';
export type { RegistrationStatus } from './queue/queue-policy.js';
export type { QueueStore, StoredMessage } from './storage/queue-store.js';
export { MemoryQueueStore } from './storage/memory/memory-queue-store.js';
export { SqliteQueueStore } from './storage/sqlite/sqlite-queue-store.js';
export { openStationDatabase } from './storage/sqlite/database.js';
export type { Durability, StationDatabaseOptions } from './storage/sqlite/database.js';
export { SchemaTooNewError, MigrationError } from './storage/sqlite/migrations.js';

// The link
export { OcppLink } from './link/ocpp-link.js';
export type { OcppLinkOptions } from './link/ocpp-link.js';
export { DEFAULT_LINK_SETTINGS } from './link/link-settings.js';
export type { LinkSettings } from './link/link-settings.js';
