// The public API of ocpp-station. Every export is named here on purpose; anything not listed is internal.

// Messages
export { OCPP_ACTIONS, isOcppAction } from './messages/types.js';
export type { Action, Request, Response } from './messages/types.js';
export type * from './messages/generated/ocpp-types.js';

// Time and logging
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { createLogger, silentLogger } from './logger.js';
export type { Logger, LoggerOptions, LogMethod, LogLevel, LogDestination } from './logger.js';

// Errors: every class below extends OcppStationError and has a stable `code` (docs/errors.md)
export type { OcppStationError, ErrorCauseOptions } from './errors.js';

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
export type { RpcEndpointOptions, InvalidMessageReport, CallOptions } from './rpc/rpc-endpoint.js';
export type { CallSite } from './rpc/call-site.js';

// Transport
export { reconnectDelayMs } from './transport/backoff.js';
export type { BackOffSettings } from './transport/backoff.js';
export type { TransportSettings } from './transport/transport-settings.js';
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
export type { EnqueueOptions, MessageQueueOptions, TransactionalOutcome, DropReason } from './queue/message-queue.js';
export type { QueueSettings } from './queue/queue-settings.js';
export type { RegistrationStatus } from './queue/queue-policy.js';
export type { QueueStore, StoredMessage } from './queue/queue-store.js';
export { MemoryQueueStore } from './storage/memory/memory-queue-store.js';
export { SqliteQueueStore } from './storage/sqlite/sqlite-queue-store.js';
export { openStationDatabase } from './storage/sqlite/database.js';
export type { Durability, StationDatabaseOptions } from './storage/sqlite/database.js';
export { SchemaTooNewError, MigrationError } from './storage/sqlite/migrations.js';

// The link
export { OcppLink } from './link/ocpp-link.js';
export type { OcppLinkOptions } from './link/ocpp-link.js';
export { DEFAULT_LINK_SETTINGS } from './link/link-settings.js';
export type { LinkSettings, RpcSettings } from './link/link-settings.js';

// The device model
export { DeviceModel, liveValue, MissingRequiredVariableError, InvalidInitialValueError, UnknownInitialValueError } from './device-model/device-model.js';
export type { DeviceModelOptions, InitialValue, LiveValue, SetOutcome, VariableChange } from './device-model/device-model.js';
export type {
  AnyVariable,
  AttributeDeclaration,
  AttributeType,
  ChangeSource,
  ComponentId,
  DataType,
  FunctionalBlock,
  Mutability,
  OptionalVariable,
  RequiredVariable,
  ValueCodec,
  VariableDeclaration,
  VariableId,
} from './device-model/types.js';
export { componentKey, variableKey } from './device-model/types.js';
export { controller, declareComponent, declarationsOf, optional, required } from './device-model/declare.js';
export type { VariableOptions, VariableSpec } from './device-model/declare.js';
export {
  AlignedDataCtrlr,
  AuthCacheCtrlr,
  AuthCtrlr,
  // The station-level physical component; the name ChargingStation is the class below.
  ChargingStation as ChargingStationComponent,
  ClockCtrlr,
  CustomizationCtrlr,
  DeviceDataCtrlr,
  DisplayMessageCtrlr,
  ISO15118Ctrlr,
  LocalAuthListCtrlr,
  MonitoringCtrlr,
  OCPPCommCtrlr,
  ReservationCtrlr,
  SampledDataCtrlr,
  SecurityCtrlr,
  SmartChargingCtrlr,
  TariffCostCtrlr,
  TxCtrlr,
  STANDARDIZED_CONTROLLERS,
  evseComponent,
  connectorComponent,
} from './device-model/standardized/index.js';
export { parseStationConfig, loadStationConfig, StationConfigError } from './device-model/station-config.js';
export type { StationConfig, StationIdentity, EvseConfig, ConnectorConfig, CustomComponentConfig } from './device-model/station-config.js';
export type { DeviceModelStore, StoredVariableValue } from './device-model/device-model-store.js';
export { MemoryDeviceModelStore } from './storage/memory/memory-device-model-store.js';
export { SqliteDeviceModelStore } from './storage/sqlite/sqlite-device-model-store.js';

// The station
export { ChargingStation } from './station/charging-station.js';
export type { ChargingStationOptions } from './station/charging-station.js';
export type { StationHost, ResetHost, NetworkHost, ClockHost, VariableHost } from './station/host.js';
export { sqliteStationStores, memoryStationStores } from './station/station-stores.js';
export type { StationStores } from './station/station-stores.js';
export { defaultStationConfig, DEFAULT_STATION_CONFIG_JSON } from './station/default-station-config.js';
export { StationClock } from './station-clock.js';
export type { VendorDataHandler } from './blocks/data-transfer/data-transfer.js';
export type { NetworkProfileStore } from './storage/network-profile-store.js';
export type { SecurityLogStore, SecurityLogEntry } from './storage/security-log-store.js';

// Smart charging
export { calculateCompositeSchedule, COMPOSITE_SCHEDULE_DEFAULTS } from './blocks/smart-charging/composite-schedule/index.js';
export type {
  CompositeScheduleInput,
  CompositeScheduleDefaults,
  InstalledChargingProfile,
  OpenTransaction,
} from './blocks/smart-charging/composite-schedule/index.js';

// The simulator and the control API (what `ocpp-station run` is built from)
export { ScaledClock, SimulatedStation, simulatorLayoutOf, DEFAULT_EV } from './simulator/index.js';
export type { SimulatedStationOptions, SimulatorLayout, EvParameters } from './simulator/index.js';
export { startControlServer } from './control/http-server.js';
export type { ControlServer, ControlServerOptions } from './control/http-server.js';
export { ControlClient, ControlApiError, ControlUnreachableError } from './control/control-client.js';
export { ControlError } from './control/station-control.js';
export type {
  StationControl,
  StationStatus,
  EvseView,
  ConnectorView,
  EvView,
  AuthorizeResult,
  VariablePath,
} from './control/station-control.js';
export { startDemoCsms } from './demo/demo-csms.js';
export type { DemoCsms, DemoCsmsOptions } from './demo/demo-csms.js';
