// ChargingStation: the library's face and the composition root. It builds the device model, the link and the
// shared ports, creates the blocks of STATION_BLOCKS with them, and drives their lifecycle from the link and
// the registration. The blocks do the work; their APIs (the seed's methods, see docs/seed-api.md) are
// installed on the station as they are, so this class holds no method per input.
import { systemClock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { EventBus, type EventSource } from '../events/event-bus.js';
import { StationClock } from '../station-clock.js';
import { transferLogUploader } from './transfer-log-uploader.js';
import { OcppLink } from '../link/ocpp-link.js';
import type { BootReasonEnumType } from '../messages/types.js';
import type { RegistrationStatus } from '../queue/queue-policy.js';
import { DeviceModel, liveValue } from '../device-model/device-model.js';
import { ClockCtrlr, SecurityCtrlr } from '../device-model/standardized/index.js';
import { PortRegistry } from '../blocks/shared/block-ports.js';
import type { StationBlock } from '../blocks/shared/block-contract.js';
import type { StationEvents } from '../blocks/shared/station-events.js';
import { stationLayout } from '../blocks/shared/station-layout.js';
import { StoredNetworkProfiles } from '../blocks/shared/stored-network-profiles.js';
import { TriggerDirectory } from '../blocks/shared/trigger.js';
import { linkSettingsFrom } from '../blocks/provisioning/link-settings-from-model.js';
import { STATION_BLOCKS, servedControllers, type StationApi, type StationBlockContext } from './station-blocks.js';
import { stationDeclarations, stationInitialValues, stationSupportedBlocks } from './station-declarations.js';
import { DuplicateApiError, StationStoppedError } from './station-errors.js';
import type { ChargingStationOptions } from './station-options.js';
import { watchLink } from './link-events.js';

export type { ChargingStationOptions } from './station-options.js';

// The blocks' APIs are installed on each instance in the constructor; this declares them for the compiler.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface ChargingStation extends StationApi {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ChargingStation {
  /** The device model: read and write variables through the typed handles of `device-model/standardized`. */
  readonly deviceModel: DeviceModel;
  readonly clock: StationClock;
  /** What happens in the station, as typed events: `station.events.on('transactionStarted', …)`. */
  readonly events: EventSource<StationEvents>;
  private readonly logger: Logger;
  private readonly link: OcppLink;
  private readonly blocks: StationBlock[] = [];
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
        servedControllers: servedControllers(),
      }),
      supportedBlocks: stationSupportedBlocks(config),
      liveValues: [liveValue(ClockCtrlr.DateTime, () => this.clock.now())],
      clock: this.clock,
      logger: this.logger,
    });
    const model = this.deviceModel;
    const networkProfiles = new StoredNetworkProfiles(stores.networkProfiles);
    const ports = new PortRegistry();
    this.link = new OcppLink({
      stationId: options.stationId,
      store: stores.queue,
      profiles: networkProfiles,
      // Read at every connection attempt: the certificate store (the certificates block) may have changed.
      credentials: () => {
        const tls = ports.find('tlsCredentials');
        const clientCertificate = tls?.clientCertificate();
        return {
          basicAuthPassword: model.value(SecurityCtrlr.BasicAuthPassword),
          csmsRootCertificates: tls?.csmsRootCertificates() ?? [],
          ...(clientCertificate ? { clientCertificate } : {}),
        };
      },
      minimumSecurityProfile: () => model.value(SecurityCtrlr.SecurityProfile),
      settings: { ...options.linkSettings, ...linkSettingsFrom(model) },
      clock: this.clock,
      ...(options.networkClock ? { networkClock: options.networkClock } : {}),
      // The injected clock, not the station's: setting the time from the CSMS must not stretch the queue's waits.
      waitClock: options.clock ?? systemClock,
      logger: this.logger,
      ...(options.random ? { random: options.random } : {}),
    });
    const bus = new EventBus<StationEvents>({
      onListenerError: (error, name) => this.logger.error({ err: error, event: name }, 'a station event listener threw'),
    });
    this.events = bus;
    // The station hears the registration first: the link gates by it, and the blocks start working on Accepted.
    bus.on('registrationChanged', ({ status }) => this.registrationChanged(status));

    const triggers = new TriggerDirectory();
    const context: StationBlockContext = {
      stationId: options.stationId,
      config,
      layout: stationLayout(config),
      model,
      clock: this.clock,
      logger: this.logger,
      send: (action, payload, sendOptions) => this.link.send(action, payload, sendOptions),
      link: this.link,
      events: bus,
      ports,
      triggers: triggers.lookup,
      networkProfiles,
      atomically: (work) => stores.atomically(work),
      stores,
      // GetLog uploads through src/transfer unless the integrator brings an uploader of its own.
      host: { ...options.host, logUploader: options.host.logUploader ?? transferLogUploader(() => ports.find('tlsCredentials')?.csmsRootCertificates() ?? []) },
      options,
    };
    for (const definition of STATION_BLOCKS) {
      const block: StationBlock = definition.create({ ...context, logger: this.logger.child({ block: definition.name }) });
      this.link.registerHandlers(definition.name, block.handlers ?? {});
      triggers.add(definition.name, block.triggers ?? {});
      ports.add(definition.name, block.ports ?? {});
      this.installApi(definition.name, block.api);
      this.blocks.push(block);
    }
    model.onChange((change) => bus.emit('variableChanged', change));
    watchLink(this.link, bus, this.blocks);
  }

  // --- lifecycle (the seed's start, stop, connect_websocket, disconnect_websocket) ---

  /** Starts the station: the blocks pick up what the previous run left, then (unless told not to) it connects. */
  start(bootReason: BootReasonEnumType = 'PowerUp', startConnecting = true): void {
    if (this.stopped) throw new StationStoppedError();
    for (const block of this.blocks) block.start?.({ reason: bootReason });
    if (startConnecting) this.link.connect();
  }

  /** Stops timers and the link, and closes the stores. Queued transaction-related messages stay stored. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const block of [...this.blocks].reverse()) block.stop?.();
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
    return this.link.registrationStatus;
  }

  /** Seconds the queue waits after a reconnect before sending, so the CSMS can check the station first. */
  setMessageQueueResumeDelay(seconds: number): void {
    this.link.setMessageQueueResumeDelay(seconds);
  }

  // --- wiring ---

  private registrationChanged(status: RegistrationStatus): void {
    this.link.setRegistrationStatus(status);
    if (status === 'Accepted') for (const block of this.blocks) block.registrationAccepted?.();
  }

  /** Puts a block's API on the station; a name may have one owner only. */
  private installApi(owner: string, api: object | undefined): void {
    for (const [name, member] of Object.entries(api ?? {})) {
      if (name in this) throw new DuplicateApiError(name, owner);
      Object.defineProperty(this, name, { value: member, enumerable: false, writable: true, configurable: true });
    }
  }
}
