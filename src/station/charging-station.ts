// ChargingStation: the library's face and the composition root. It builds the device model, the link and the
// functional blocks, wires them to each other, and offers the TypeScript counterpart of libocpp's
// ChargePointInterface (see docs/seed-api.md). The blocks do the work; this class only connects them.
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { OcppLink, type ConnectedInfo, type DisconnectedInfo, type FrameDirection } from '../link/ocpp-link.js';
import type { LinkSettings } from '../link/link-settings.js';
import type {
  BootReasonEnumType,
  ChargingNeedsType,
  ChargingScheduleType,
  CompositeScheduleType,
  GenericStatusEnumType,
  GetCompositeScheduleRequest,
  GetCompositeScheduleResponse,
  NotifyEVChargingNeedsStatusEnumType,
  ChargingStateEnumType,
  ConnectorStatusEnumType,
  IdTokenType,
  MeterValueType,
  OCSPRequestDataType,
  ReasonEnumType,
  Response,
  TriggerReasonEnumType,
  DataTransferRequest,
  DataTransferResponse,
  EventDataType,
  GetVariableDataType,
  GetVariableResultType,
  NetworkConnectionProfileType,
  OCPPInterfaceEnumType,
  SetVariableDataType,
  SetVariableResultType,
} from '../messages/types.js';
import type { RegistrationStatus } from '../queue/queue-policy.js';
import type { SecurityCredentials } from '../transport/security-profile.js';
import { DeviceModel, liveValue, type VariableChange } from '../device-model/device-model.js';
import { ClockCtrlr, OCPPCommCtrlr, SecurityCtrlr } from '../device-model/standardized/index.js';
import type { StationConfig } from '../device-model/station-config.js';
import { DataTransfer, type VendorDataHandler } from '../blocks/data-transfer/data-transfer.js';
import { notifyEvents } from '../blocks/diagnostics/notify-event.js';
import { StoredNetworkProfiles } from '../blocks/provisioning/stored-network-profiles.js';
import { SecurityEvents } from '../blocks/security/security-events.js';
import {
  adoptSecurityProfile,
  guardNetworkConfigurationPriority,
  type SecurityProfileRulesOptions,
} from '../blocks/security/security-profile-rules.js';
import type { StationHost } from './host.js';
import { linkSettingsFrom } from './link-settings-from-model.js';
import { stationTriggers } from './station-triggers.js';
import { ChargingSessionBlocks } from './charging-session-blocks.js';
import { ProvisioningBlocks } from './provisioning-blocks.js';
import type { TokenOutcome, TransactionsOnBoot } from '../blocks/transactions/transactions.js';
import type { EffectiveLimit } from '../blocks/smart-charging/charging-limits.js';
import type { ConnectorStatusChange } from '../blocks/availability/availability.js';
import type { ExternalLimit } from '../blocks/smart-charging/external-limits.js';
import { StationClock } from './station-clock.js';
import { stationDeclarations, stationInitialValues, stationLayout, stationSupportedBlocks } from './station-declarations.js';
import type { StationStores } from './station-stores.js';

export interface ChargingStationOptions {
  /** The identity: last segment of the connection URL and the Basic-auth user. */
  stationId: string;
  /** The station configuration file, parsed (identity, layout, initial values, custom components, blocks). */
  config: StationConfig;
  /** Where the station keeps its state; closed by stop(). */
  stores: StationStores;
  host: StationHost;
  /**
   * The CSMS to use in configuration slot 1 (e.g. from the command line). Written at every start; profiles
   * the CSMS put in other slots stay.
   */
  csms?: { url: string; securityProfile?: number };
  /**
   * SecurityCtrlr.BasicAuthPassword to start with (e.g. from the command line). A password the CSMS has set
   * since (SetVariables) is kept instead.
   */
  basicAuthPassword?: string;
  /** CSMS root certificates and the station certificate for security profiles 2 and 3. */
  certificates?: Pick<SecurityCredentials, 'csmsRootCertificates' | 'clientCertificate'>;
  /** Link settings the device model does not hold (frame size limit, queue threshold). */
  linkSettings?: Partial<LinkSettings>;
  /**
   * Transactions still open from the previous run: 'end' them at start (stoppedReason PowerLoss or Reboot, the
   * default) or 'resume' them (for hardware that keeps charging through a restart of the software).
   */
  transactionsOnBoot?: TransactionsOnBoot;
  clock?: Clock;
  logger?: Logger;
  /** Randomness of the reconnect back-off. */
  random?: () => number;
}

/** Boot reasons that mean the station was reset rather than powered up. */
const RESET_REASONS: ReadonlySet<BootReasonEnumType> = new Set<BootReasonEnumType>([
  'ApplicationReset',
  'LocalReset',
  'RemoteReset',
  'ScheduledReset',
  'Watchdog',
]);

export class ChargingStation {
  /** The device model: read and write variables through the typed handles of `device-model/standardized`. */
  readonly deviceModel: DeviceModel;
  readonly clock: StationClock;
  private readonly logger: Logger;
  private readonly link: OcppLink;
  private readonly profiles: StoredNetworkProfiles;
  /** Registration, heartbeat, time sync and the provisioning requests (block B). */
  private readonly provisioning: ProvisioningBlocks;
  /** Authorization, availability, metering, transactions and remote control. */
  private readonly session: ChargingSessionBlocks;
  private readonly dataTransfer: DataTransfer;
  private readonly securityEvents: SecurityEvents;
  private readonly securityProfileRules: SecurityProfileRulesOptions;
  private readonly registrationListeners = new Set<(status: RegistrationStatus) => void>();
  private stopped = false;

  constructor(private readonly options: ChargingStationOptions) {
    this.logger = (options.logger ?? silentLogger()).child({ stationId: options.stationId });
    this.clock = new StationClock(options.clock ?? systemClock);
    const { config, stores } = options;

    const declarations = stationDeclarations(config);
    this.deviceModel = DeviceModel.load({
      declarations,
      store: stores.deviceModel,
      initialValues: stationInitialValues(config, declarations, {
        stationId: options.stationId,
        securityProfile: options.csms?.securityProfile ?? 1,
        ...(options.basicAuthPassword !== undefined ? { basicAuthPassword: options.basicAuthPassword } : {}),
      }),
      supportedBlocks: stationSupportedBlocks(config),
      liveValues: [liveValue(ClockCtrlr.DateTime, () => this.clock.now())],
      clock: this.clock,
      logger: this.logger,
    });
    const model = this.deviceModel;

    this.profiles = new StoredNetworkProfiles(stores.networkProfiles);
    if (options.csms) this.profiles.set(1, slotOneProfile(options.csms, model));

    this.link = new OcppLink({
      stationId: options.stationId,
      store: stores.queue,
      profiles: this.profiles,
      credentials: () => ({ ...options.certificates, basicAuthPassword: model.value(SecurityCtrlr.BasicAuthPassword) }),
      minimumSecurityProfile: () => model.value(SecurityCtrlr.SecurityProfile),
      settings: { ...options.linkSettings, ...linkSettingsFrom(model) },
      clock: this.clock,
      logger: this.logger,
      ...(options.random ? { random: options.random } : {}),
    });
    const send = this.link.send.bind(this.link);

    this.securityEvents = new SecurityEvents({ send, store: stores.securityLog, clock: this.clock, logger: this.logger });
    this.securityProfileRules = {
      model,
      profiles: this.profiles,
      logger: this.logger,
      certificates: () => ({
        csmsRoot: (options.certificates?.csmsRootCertificates?.length ?? 0) > 0,
        station: options.certificates?.clientCertificate !== undefined,
      }),
      securityEvent: (type, techInfo) => this.securityEvents.report(type, techInfo),
    };
    guardNetworkConfigurationPriority(this.securityProfileRules);
    this.provisioning = new ProvisioningBlocks({
      model,
      clock: this.clock,
      logger: this.logger,
      config,
      link: this.link,
      profiles: this.profiles,
      host: options.host,
      securityEvent: (type, techInfo) => this.securityEvents.report(type, techInfo),
      onStatus: (status) => this.registrationChanged(status),
    });
    const layout = stationLayout(config);
    this.session = new ChargingSessionBlocks({
      model,
      clock: this.clock,
      logger: this.logger,
      layout,
      stores,
      link: this.link,
      evse: options.host.evse,
      registrationStatus: () => this.provisioning.registration.status,
      ...(options.host.evse.setChargingLimit ? { applyLimit: options.host.evse.setChargingLimit.bind(options.host.evse) } : {}),
      ...(options.host.iso15118 ? { iso15118Host: options.host.iso15118 } : {}),
    });
    this.dataTransfer = new DataTransfer({ send, isConnected: () => this.link.isConnected, logger: this.logger });

    this.registerHandlers();
    this.watchDeviceModel();
    this.watchLink();
  }

  // --- lifecycle (the seed's start, stop, connect_websocket, disconnect_websocket) ---

  /** Starts the station: records the boot in the security log and, unless told not to, connects and boots. */
  start(bootReason: BootReasonEnumType = 'PowerUp', startConnecting = true): void {
    if (this.stopped) throw new Error('this station was stopped; create a new one to start again');
    this.provisioning.registration.setBootReason(bootReason);
    this.securityEvents.report(RESET_REASONS.has(bootReason) ? 'ResetOrReboot' : 'StartupOfTheDevice', `boot reason ${bootReason}`);
    this.session.restore(bootReason, this.options.transactionsOnBoot ?? 'end');
    if (startConnecting) this.link.connect();
  }

  /** Stops timers and the link, and closes the stores. Queued transaction-related messages stay stored. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.provisioning.registration.stop();
    this.session.stop();
    this.provisioning.heartbeat.stop();
    await this.link.close();
    this.options.stores.close();
  }

  /** Connects (and keeps the link up); with `slot`, that configuration slot is tried first. */
  connectWebsocket(slot?: number): void {
    this.link.connect(slot);
  }

  /** Disconnects until connectWebsocket() is called again. */
  async disconnectWebsocket(): Promise<void> {
    await this.link.disconnect();
  }

  get isConnected(): boolean {
    return this.link.isConnected;
  }

  get registrationStatus(): RegistrationStatus {
    return this.provisioning.registration.status;
  }

  // --- messages the integrator starts ---

  /** DataTransfer to the CSMS: its answer, or undefined when offline, timed out or refused with a CALLERROR. */
  dataTransferReq(request: DataTransferRequest): Promise<DataTransferResponse | undefined>;
  dataTransferReq(vendorId: string, messageId?: string, data?: unknown): Promise<DataTransferResponse | undefined>;
  dataTransferReq(
    first: string | DataTransferRequest,
    messageId?: string,
    data?: unknown,
  ): Promise<DataTransferResponse | undefined> {
    const request: DataTransferRequest =
      typeof first === 'string'
        ? { vendorId: first, ...(messageId !== undefined ? { messageId } : {}), ...(data !== undefined ? { data } : {}) }
        : first;
    return this.dataTransfer.request(request);
  }

  /** Answers DataTransfer requests of the CSMS for `vendorId`. Returns a function that removes the handler. */
  registerDataTransferHandler(vendorId: string, handler: VendorDataHandler): () => void {
    return this.dataTransfer.registerVendor(vendorId, handler);
  }

  /** The seed's on_event: sends the events to the CSMS in a NotifyEvent. */
  onEvent(events: readonly EventDataType[]): Promise<void> {
    return notifyEvents({ send: this.link.send.bind(this.link), clock: this.clock, logger: this.logger }, events);
  }

  /** The seed's on_security_event: always logged; critical ones (by the spec's list unless given) go to the CSMS. */
  onSecurityEvent(type: string, techInfo?: string, critical?: boolean, timestamp?: Date): void {
    this.securityEvents.report(type, techInfo, critical, timestamp);
  }

  /** Seconds the queue waits after a reconnect before sending, so the CSMS can check the station first. */
  setMessageQueueResumeDelay(seconds: number): void {
    this.link.setMessageQueueResumeDelay(seconds);
  }

  // --- the device model ---

  /** Reads variables as GetVariables would, without the message limits. */
  getVariables(data: readonly GetVariableDataType[]): GetVariableResultType[] {
    return data.map((item) => this.deviceModel.getVariable(item));
  }

  /**
   * Sets variables as SetVariables would; one result per item, in order. With source 'integrator' (the default)
   * ReadOnly variables may be written too.
   */
  setVariables(data: readonly SetVariableDataType[], source: 'integrator' | 'csms' = 'integrator'): SetVariableResultType[] {
    return data.map((item) => this.deviceModel.setVariable(item, source));
  }

  /** The seed's on_variable_changed: the hardware changed a value; the model follows. */
  onVariableChanged(data: SetVariableDataType): SetVariableResultType {
    return this.deviceModel.setVariable(data, 'integrator');
  }

  // --- network connection profiles ---

  getNetworkConnectionProfile(slot: number): NetworkConnectionProfileType | undefined {
    return this.profiles.get(slot);
  }

  /** The position of `slot` in NetworkConfigurationPriority (0 = tried first), or undefined if it is not listed. */
  getPriorityFromConfigurationSlot(slot: number): number | undefined {
    const index = this.getNetworkConnectionSlots().indexOf(slot);
    return index < 0 ? undefined : index;
  }

  /** The configuration slots in the order they are tried (NetworkConfigurationPriority). */
  getNetworkConnectionSlots(): number[] {
    return [...this.deviceModel.value(OCPPCommCtrlr.NetworkConfigurationPriority)];
  }

  /** The seed's on_network_disconnected: if the link runs over that interface, it is dropped and re-established. */
  onNetworkDisconnected(ocppInterface: OCPPInterfaceEnumType): void {
    const slot = this.link.activeSlot;
    if (slot !== undefined && this.profiles.get(slot)?.ocppInterface === ocppInterface) this.link.reconnect();
  }

  // --- authorization (C) and the charging session (E, G, J): what the hardware reports ---

  /** The seed's validate_token: local list, cache, CSMS and offline rules, in the specification's order. */
  validateToken(idToken: IdTokenType, certificate?: string, ocspRequestData?: OCSPRequestDataType[]): Promise<Response<'Authorize'>> {
    return this.session.authorization.validateToken(idToken, certificate, ocspRequestData);
  }

  /**
   * A driver presents a token (at an EVSE, or at the station): validated, then it authorizes charging — or, if
   * it is the token (or group) of a running transaction, stops it. Start and stop follow TxStartPoint/TxStopPoint.
   */
  presentToken(idToken: IdTokenType, evseId?: number): Promise<TokenOutcome> {
    return this.session.transactions.presentToken(idToken, evseId);
  }

  /** The seed's on_session_started: a cable is plugged in. */
  onSessionStarted(evseId: number, connectorId: number): void {
    this.session.transactions.evConnected(evseId, connectorId);
  }

  /** The seed's on_session_finished: the cable is out. */
  onSessionFinished(evseId: number, connectorId: number): void {
    this.session.transactions.evDisconnected(evseId, connectorId);
  }

  /** The seed's on_authorized: the integrator authorized the token itself (e.g. Plug & Charge). */
  onAuthorized(evseId: number, _connectorId: number, idToken: IdTokenType, groupIdToken?: IdTokenType): void {
    this.session.transactions.authorized(evseId, idToken, groupIdToken);
  }

  /**
   * The seed's on_transaction_started: start a transaction now, whatever TxStartPoint says (for hardware that
   * decides itself). Returns its transactionId. Ordinarily the stack starts transactions from the events.
   */
  onTransactionStarted(
    evseId: number,
    connectorId: number | undefined,
    triggerReason: TriggerReasonEnumType,
    idToken?: IdTokenType,
    options: { groupIdToken?: IdTokenType; reservationId?: number; remoteStartId?: number } = {},
  ): string | undefined {
    const authorization = idToken ? { idToken, ...options } : undefined;
    return this.session.transactions.startTransaction(evseId, connectorId, triggerReason, authorization);
  }

  /**
   * The seed's on_transaction_finished: the integrator ends the transaction for a reason of its own (emergency
   * stop, fault, …); ordinary stops follow from the reported events and TxStopPoint.
   */
  onTransactionFinished(evseId: number, stoppedReason: ReasonEnumType, triggerReason: TriggerReasonEnumType = 'AbnormalCondition'): void {
    this.session.transactions.finishTransaction(evseId, stoppedReason, triggerReason);
  }

  /** The seed's on_charging_state_changed; false when no EV is connected to change state. */
  onChargingStateChanged(evseId: number, chargingState: ChargingStateEnumType): boolean {
    return this.session.transactions.chargingStateChanged(evseId, chargingState);
  }

  /** The seed's on_meter_value: the latest reading of an EVSE (0 = the station's main meter). */
  onMeterValue(evseId: number, meterValue: MeterValueType): void {
    this.session.meterValue(evseId, meterValue);
  }

  /** A parking bay detector sees an EV arrive or leave (TxStartPoint / TxStopPoint ParkingBayOccupancy). */
  onParkingBayOccupancy(evseId: number, occupied: boolean): void {
    this.session.transactions.parkingBay(evseId, occupied);
  }

  /** The seed's get_evse_transaction_id. */
  getEvseTransactionId(evseId: number): string | undefined {
    return this.session.transactions.transactionIdOf(evseId);
  }

  /** The seed's on_unavailable / on_enabled / on_faulted / on_fault_cleared / on_reserved / on_reservation_cleared. */
  onUnavailable(evseId: number, connectorId: number): void {
    this.session.availability.onUnavailable(evseId, connectorId);
  }

  onEnabled(evseId: number, connectorId: number): void {
    this.session.availability.onEnabled(evseId, connectorId);
  }

  onFaulted(evseId: number, connectorId: number): void {
    this.session.availability.onFaulted(evseId, connectorId);
  }

  onFaultCleared(evseId: number, connectorId: number): void {
    this.session.availability.onFaultCleared(evseId, connectorId);
  }

  onReserved(evseId: number, connectorId: number): void {
    this.session.availability.onReserved(evseId, connectorId);
  }

  onReservationCleared(evseId: number, connectorId: number): void {
    this.session.availability.onReservationCleared(evseId, connectorId);
  }

  /** The effective status of a connector, as StatusNotification reports it. */
  connectorStatus(evseId: number, connectorId: number): ConnectorStatusEnumType {
    return this.session.availability.connectorStatus(evseId, connectorId);
  }

  // --- smart charging (K) ---

  /** The seed's get_composite_schedule(request): the answer the CSMS would get (as if each EVSE had a transaction). */
  getCompositeSchedule(request: GetCompositeScheduleRequest): GetCompositeScheduleResponse;
  /** The seed's get_composite_schedule(evse_id, duration, unit): TxProfiles only count where a transaction runs. */
  getCompositeSchedule(evseId: number, durationSeconds: number, unit: 'A' | 'W'): CompositeScheduleType | undefined;
  getCompositeSchedule(
    first: GetCompositeScheduleRequest | number,
    durationSeconds?: number,
    unit?: 'A' | 'W',
  ): GetCompositeScheduleResponse | CompositeScheduleType | undefined {
    const smart = this.session.smartCharging;
    if (typeof first !== 'number') return smart.compositeScheduleResponse(first);
    return smart.compositeSchedule(first, durationSeconds ?? 0, unit ?? 'A');
  }

  /** The seed's get_all_composite_schedules: one per EVSE, EVSE 0 (the whole station) first. */
  getAllCompositeSchedules(durationSeconds: number, unit: 'A' | 'W'): CompositeScheduleType[] {
    const smart = this.session.smartCharging;
    return [0, ...this.evseIds()].flatMap((evseId) => smart.compositeSchedule(evseId, durationSeconds, unit) ?? []);
  }

  /** The limit an EVSE keeps to now (what EvseHost.setChargingLimit was last told). */
  chargingLimit(evseId: number): EffectiveLimit | undefined {
    return this.session.smartCharging.limits.limitOf(evseId);
  }

  /** K11/K12: a local system (energy manager, grid operator) limits the station or an EVSE. */
  setExternalLimit(limit: ExternalLimit): void {
    this.session.smartCharging.external.set(limit);
  }

  /** K13: the local system releases its limit. */
  clearExternalLimit(evseId = 0): void {
    this.session.smartCharging.external.clear(evseId);
  }

  /** An ISO 15118 session began (or ended) on the EVSE: its EV negotiates its schedule (K15). */
  onIso15118SessionStarted(evseId: number): void {
    this.session.smartCharging.iso15118.sessionStarted(evseId);
  }

  onIso15118SessionFinished(evseId: number): void {
    this.session.smartCharging.iso15118.sessionEnded(evseId);
  }

  /** K15/K17: the EV's charging needs, passed to the CSMS; resolves with its status (undefined: no answer). */
  onEvChargingNeeds(evseId: number, chargingNeeds: ChargingNeedsType, maxScheduleTuples?: number): Promise<NotifyEVChargingNeedsStatusEnumType | undefined> {
    return this.session.smartCharging.iso15118.chargingNeeds(evseId, chargingNeeds, maxScheduleTuples);
  }

  /** K15.FR.10: the schedule the EV chose, passed to the CSMS; resolves with its verdict. */
  onEvChargingSchedule(evseId: number, timeBase: Date, chargingSchedule: ChargingScheduleType): Promise<GenericStatusEnumType | undefined> {
    return this.session.smartCharging.iso15118.evChargingSchedule(evseId, timeBase, chargingSchedule);
  }

  // --- events ---

  onRegistrationStatus(listener: (status: RegistrationStatus) => void): () => void {
    this.registrationListeners.add(listener);
    return () => this.registrationListeners.delete(listener);
  }

  onConnected(listener: (info: ConnectedInfo) => void): () => void {
    return this.link.onConnected(listener);
  }

  onDisconnected(listener: (info: DisconnectedInfo) => void): () => void {
    return this.link.onDisconnected(listener);
  }

  /** A connector's effective status changed (as StatusNotification reports it). */
  onConnectorStatusChange(listener: (change: ConnectorStatusChange) => void): () => void {
    return this.session.availability.onStatusChange(listener);
  }

  /** Every OCPP-J frame in and out, as on the wire. */
  onFrame(listener: (direction: FrameDirection, text: string) => void): () => void {
    return this.link.onFrame(listener);
  }

  onVariableChange(listener: (change: VariableChange) => void): () => void {
    return this.deviceModel.onChange(listener);
  }

  // --- wiring ---

  private evseIds(): number[] {
    return this.options.config.evses.map((evse) => evse.id);
  }

  private registerHandlers(): void {
    const triggers = stationTriggers({
      registration: this.provisioning.registration,
      heartbeat: this.provisioning.heartbeat,
      statusNotification: this.session.availability.trigger,
      send: this.link.send.bind(this.link),
    });
    this.session.registerTriggers(triggers);
    this.link.registerHandlers('provisioning', { ...this.provisioning.handlers(this.session.transactions), ...triggers.handlers() });
    this.link.registerHandlers('data-transfer', this.dataTransfer.handlers());
    for (const [owner, table] of this.session.handlers()) this.link.registerHandlers(owner, table);
  }

  private watchDeviceModel(): void {
    const variableHost = this.options.host.variables;
    if (variableHost) this.deviceModel.onChange((change) => variableHost.variableChanged(change));
    this.deviceModel.onChange((change) => {
      this.provisioning.variableChanged(change);
      if (change.component.name === 'SecurityCtrlr' && change.variable.name === 'BasicAuthPassword') {
        // A01: connect again with the new password, after the SetVariablesResponse has gone out on the old link.
        setImmediate(() => {
          if (!this.stopped && this.link.isConnected) this.link.reconnect();
        });
      }
    });
  }

  private watchLink(): void {
    this.link.onConnected((info) => {
      this.deviceModel.set(OCPPCommCtrlr.ActiveNetworkProfile, info.slot, 'station');
      adoptSecurityProfile(this.securityProfileRules, info.securityProfile);
      if (this.provisioning.registration.status === 'Accepted') this.session.availability.backOnline();
      this.provisioning.registration.linkUp();
    });
    this.link.onDisconnected(() => {
      this.session.availability.linkDown();
      this.provisioning.registration.linkDown();
    });
    this.link.onTransactionalOutcome((outcome) => this.session.transactionalOutcome(outcome));
    this.link.onInvalidMessage((report) =>
      this.securityEvents.report('InvalidMessages', `${report.errorCode}: ${report.description}`.slice(0, 255)),
    );
    this.link.onConnectionFailed((failure) => {
      if (failure.kind === 'tls') this.securityEvents.report('InvalidCsmsCertificate', failure.message.slice(0, 255));
      if (failure.statusCode === 401) this.securityEvents.report('FailedToAuthenticationAtCsms', `HTTP ${failure.statusCode}`);
    });
  }

  private registrationChanged(status: RegistrationStatus): void {
    this.link.setRegistrationStatus(status);
    if (status === 'Accepted') {
      this.session.registered();
      this.provisioning.heartbeat.start();
    }
    for (const listener of this.registrationListeners) listener(status);
  }
}

function slotOneProfile(csms: { url: string; securityProfile?: number }, model: DeviceModel): NetworkConnectionProfileType {
  return {
    ocppCsmsUrl: csms.url,
    securityProfile: csms.securityProfile ?? 1,
    messageTimeout: model.value(OCPPCommCtrlr.MessageTimeoutDefault),
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppInterface: 'Wired0',
  };
}
