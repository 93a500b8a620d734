// The public API of ocpp-station for integrators: the station, what it needs from its host, its configuration
// and stores, its events, its errors and the OCPP message types. Every export is named here on purpose.
// The simulator, control API and demo are `ocpp-station/simulator`; the lower layers (RPC, transport, queue,
// link, single stores, the block contract) are `ocpp-station/internal`.

// Messages: a type per OCPP 2.0.1 action and datatype, from the official schemas
export { OCPP_ACTIONS, isOcppAction } from './messages/types.js';
export type { Action, Request, Response } from './messages/types.js';
export type * from './messages/generated/ocpp-types.js';

// Time and logging
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { StationClock } from './station-clock.js';
export { createLogger, silentLogger } from './logger.js';
export type { Logger, LoggerOptions, LogMethod, LogLevel, LogDestination } from './logger.js';

// Errors: every class below extends OcppStationError and has a stable `code` (docs/errors.md)
export type { OcppStationError, ErrorCauseOptions } from './errors.js';
export { OcppError, RpcTimeoutError, ConnectionLostError, OutgoingPayloadError, FrameTooLargeError, RPC_ERROR_CODES, isRpcErrorCode } from './rpc/errors.js';
export type { RpcErrorCode } from './rpc/errors.js';
export type { CallSite } from './rpc/call-site.js';
export { MessageDroppedError } from './queue/message-queue.js';
export type { DropReason } from './queue/message-queue.js';
export { ConnectionFailedError } from './transport/websocket-connection.js';
export type { ConnectionFailureKind } from './transport/websocket-connection.js';
export { SecurityProfileError } from './transport/security-profile.js';
export type { SecurityCredentials, SecurityProfile } from './transport/security-profile.js';
export { SchemaTooNewError, MigrationError } from './storage/sqlite/migrations.js';

// The station
export { ChargingStation } from './station/charging-station.js';
export { StationStoppedError, DuplicateApiError } from './station/station-errors.js';
export type { ChargingStationOptions } from './station/station-options.js';
export type { StationApi } from './station/station-blocks.js';
export type {
  StationHost,
  EvseHost,
  EnergyControl,
  ConnectorLock,
  ChargingLimitHost,
  ResetHost,
  ResetBootReason,
  NetworkHost,
  ClockHost,
  VariableHost,
  Iso15118Host,
  LogUploader,
} from './station/host.js';
export { defaultStationConfig, DEFAULT_STATION_CONFIG_JSON } from './station/default-station-config.js';
export type { RegistrationStatus } from './queue/queue-policy.js';
export { DEFAULT_LINK_SETTINGS } from './link/link-settings.js';
export type { LinkSettings, RpcSettings } from './link/link-settings.js';
export type { QueueSettings } from './queue/queue-settings.js';
export type { TransportSettings } from './transport/transport-settings.js';
export type { BackOffSettings } from './transport/backoff.js';
export type { NetworkConnectionProfile } from './transport/network-profiles.js';

// What the blocks offer on the station (the seed's methods by area) and what they answer
export type { ProvisioningApi } from './blocks/provisioning/provisioning-api.js';
export type { SecurityApi } from './blocks/security/security-block.js';
export type { CertificatesApi, CertificateSummary, TlsCredentials, TrustedRoots } from './blocks/certificates/certificates-block.js';
export type { V2gOcspCache, V2gOcspStatus } from './blocks/certificates/ocsp-status.js';
export type { ContractCertificates, ContractVerdict } from './blocks/certificates/contract-certificates.js';
export type { DataTransferApi } from './blocks/data-transfer/data-transfer-block.js';
export type { VendorDataHandler } from './blocks/data-transfer/data-transfer.js';
export type { DiagnosticsApi } from './blocks/diagnostics/diagnostics-block.js';
export type { LogsApi, LogSummary } from './blocks/logs/logs-block.js';
export type { FirmwareApi, FirmwareSummary } from './blocks/firmware/firmware-block.js';
export type { TransferProgressEvent } from './blocks/shared/transfer-progress.js';
export type { FirmwarePublishingOptions, PublishedFirmware, PublishingApi, PublishingSummary } from './blocks/publishing/publishing-block.js';
export {
  FirmwareInstallError,
  type FirmwareDownloadRequest,
  type FirmwareHost,
  type FirmwareInstallRequest,
  type InstallOutcome,
} from './blocks/firmware/firmware-host.js';
export type { LogUploadRequest, UploadFailureKind } from './blocks/logs/log-uploader.js';
export type { AuthorizationApi } from './blocks/authorization/authorization-block.js';
export type { MeteringApi } from './blocks/metering/metering-block.js';
export type { TransactionsApi } from './blocks/transactions/transactions-api.js';
export type { TokenOutcome, TransactionsOnBoot } from './blocks/transactions/transactions.js';
export type { SmartChargingApi } from './blocks/smart-charging/smart-charging-api.js';
export type { EffectiveLimit } from './blocks/smart-charging/charging-limits.js';
export type { ExternalLimit } from './blocks/smart-charging/external-limits.js';
export type { AvailabilityApi } from './blocks/availability/availability-block.js';

// Events: station.events.on(name, listener)
export type { EventSource, EventListener } from './events/event-bus.js';
export type { StationEvents, StationEventName, ConnectionStatus, FrameEvent, FrameDirection } from './blocks/shared/station-events.js';
export type { TransactionEventInfo, TransactionEndedInfo, TransactionMessageInfo, TransactionMessageDropped } from './blocks/transactions/transaction-events.js';
export type { TokenValidated } from './blocks/authorization/authorization-block.js';
export type { ConnectorStatusChange } from './blocks/availability/status-publisher.js';
export type { ChargingLimitChange } from './blocks/smart-charging/smart-charging-block.js';
export type { SecurityLogEntry } from './storage/security-log-store.js';

// Stores: one SQLite file per station, or memory; each port for an integrator's own storage
export { sqliteStationStores, memoryStationStores } from './station/station-stores.js';
export type { StationStores } from './station/station-stores.js';
export type { Durability, StationDatabaseOptions } from './storage/sqlite/database.js';
export type { QueueStore, StoredMessage } from './queue/queue-store.js';
export type { DeviceModelStore, StoredVariableValue } from './device-model/device-model-store.js';
export type { NetworkProfileStore } from './storage/network-profile-store.js';
export type { SecurityLogStore } from './storage/security-log-store.js';
export type { AuthCacheStore, AuthCacheEntry, AuthStoreUsage } from './storage/auth-cache-store.js';
export type { LocalAuthListStore, LocalAuthListEntry } from './storage/local-auth-list-store.js';
export type { AvailabilityStore, AvailabilityRecord } from './storage/availability-store.js';
export type { TransactionStore, StoredTransaction } from './storage/transaction-store.js';
export type { TxMeterValueStore } from './storage/tx-meter-value-store.js';
export type { ChargingProfileStore, StoredChargingProfile } from './storage/charging-profile-store.js';
export type {
  CachedOcspResponse,
  CertificateRole,
  CertificateStore,
  NewStoredCertificate,
  SigningRequestRecord,
  SigningUse,
  StoredCertificate,
  StoredCertificateState,
} from './storage/certificate-store.js';
export type { KeyStore } from './storage/key-store.js';
export type { FirmwareUpdatePhase, FirmwareUpdateRecord, FirmwareUpdateStore, LastFirmwareStatus } from './storage/firmware-update-store.js';
export { FileKeyStore } from './storage/file-key-store.js';
export { MemoryKeyStore } from './storage/memory/memory-key-store.js';
export { KEY_ALGORITHMS, type KeyAlgorithm } from './pki/key-pairs.js';

// The device model
export { DeviceModel, liveValue, MissingRequiredVariableError, InvalidInitialValueError, UnknownInitialValueError } from './device-model/device-model.js';
export type { DeviceModelOptions, InitialValue, LiveValue, SetOutcome, VariableChange, ChangeListener } from './device-model/device-model.js';
export type { InitialValueProblem } from './device-model/device-model-errors.js';
export type { ValueRejection, ReasonCode } from './device-model/value-checks.js';
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
export type { VariableOptions, VariableSpec, Declared, Specs } from './device-model/declare.js';
export {
  AlignedDataCtrlr,
  AuthCacheCtrlr,
  AuthCtrlr,
  // The station-level physical component; the name ChargingStation is the class above.
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
export type { EvseHardware } from './device-model/standardized/evse.js';
export type { ConnectorHardware } from './device-model/standardized/connector.js';

// The station configuration file
export { parseStationConfig, loadStationConfig, StationConfigError } from './device-model/station-config.js';
export type {
  StationConfig,
  StationIdentity,
  EvseConfig,
  ConnectorConfig,
  ConnectorType,
  CustomComponentConfig,
  CustomVariableConfig,
  ConfigScalar,
  ConfigValue,
  ConfigProblem,
} from './device-model/station-config.js';

// Smart charging as a pure function
export { calculateCompositeSchedule, COMPOSITE_SCHEDULE_DEFAULTS } from './blocks/smart-charging/composite-schedule/index.js';
export type {
  CompositeScheduleInput,
  CompositeScheduleDefaults,
  InstalledChargingProfile,
  OpenTransaction,
} from './blocks/smart-charging/composite-schedule/index.js';
