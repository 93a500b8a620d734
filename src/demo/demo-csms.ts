// The CSMS of `ocpp-station demo`: ocpp-rpc's RPCServer in strict mode (it checks every message against the
// OCPP 2.0.1 schemas) on loopback, answering what a station sends during a session, and able to call the
// station (SetChargingProfile, RequestStopTransaction). ocpp-rpc is an optional peer dependency of the package:
// it is loaded when a demo CSMS starts, so that a station library never needs it.
import type { AddressInfo } from 'node:net';
import type { RPCServer } from 'ocpp-rpc';
import { systemClock, type Clock } from '../clock.js';
import { OcppStationError } from '../errors.js';

/** The demo CSMS needs ocpp-rpc, which the package lists as an optional peer dependency. */
export class DemoCsmsUnavailableError extends OcppStationError {
  override readonly name = 'DemoCsmsUnavailableError';
  override readonly code = 'DEMO_NEEDS_OCPP_RPC';
  constructor(cause: unknown) {
    super('the demo CSMS needs the package ocpp-rpc: install it with `npm install ocpp-rpc`', { cause });
  }
}

async function loadRpcServer(): Promise<typeof RPCServer> {
  try {
    return (await import('ocpp-rpc')).RPCServer;
  } catch (error) {
    throw new DemoCsmsUnavailableError(error);
  }
}

export interface DemoCsms {
  /** The OCPP-J endpoint stations append their identity to. */
  readonly url: string;
  /** Calls the connected station. */
  call(action: string, payload: unknown): Promise<Payload>;
  /** Resolves once a station has connected. */
  connected(): Promise<void>;
  /**
   * Resolves with the payload of the first CALL of this action from the station, from now on, that `matches`
   * accepts (any when not given); it has been answered by then.
   */
  nextCall(action: string, matches?: (payload: Payload) => boolean): Promise<Payload>;
  close(): Promise<void>;
}

export interface DemoCsmsOptions {
  /** The time the CSMS tells the station (BootNotification, Heartbeat): the simulation's clock in the demo. */
  clock?: Clock;
  /** Heartbeat interval given in the BootNotification response, seconds; 300 by default. */
  heartbeatIntervalSeconds?: number;
}

/** A CALL's payload as the CSMS received it (checked against its schema by ocpp-rpc's strict mode). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any of the 64 actions, read by the demo script
export type Payload = any;

/** What the demo uses of ocpp-rpc's server-side client. */
interface ConnectedStation {
  handle(action: string, handler: (call: { params: unknown }) => unknown): void;
  call(action: string, payload: unknown): Promise<Payload>;
}

interface Waiter {
  action: string;
  matches: (payload: Payload) => boolean;
  resolve: (payload: Payload) => void;
}

/** Answers a station's CALLs the way a permissive CSMS would. */
function answers(clock: Clock, heartbeatIntervalSeconds: number): Record<string, (payload: Payload) => unknown> {
  const now = () => clock.now().toISOString();
  return {
    BootNotification: () => ({ currentTime: now(), interval: heartbeatIntervalSeconds, status: 'Accepted' }),
    Heartbeat: () => ({ currentTime: now() }),
    StatusNotification: () => ({}),
    Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
    TransactionEvent: (payload) => (payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}),
    MeterValues: () => ({}),
    SecurityEventNotification: () => ({}),
    NotifyEvent: () => ({}),
    NotifyReport: () => ({}),
    NotifyChargingLimit: () => ({}),
    ClearedChargingLimit: () => ({}),
    ReportChargingProfiles: () => ({}),
    FirmwareStatusNotification: () => ({}),
    LogStatusNotification: () => ({}),
  };
}

export async function startDemoCsms(options: DemoCsmsOptions = {}): Promise<DemoCsms> {
  const handlers = answers(options.clock ?? systemClock, options.heartbeatIntervalSeconds ?? 300);
  let waiters: Waiter[] = [];
  const received = (action: string, payload: unknown) => {
    const due = waiters.filter((waiter) => waiter.action === action && waiter.matches(payload));
    waiters = waiters.filter((waiter) => !due.includes(waiter));
    for (const waiter of due) waiter.resolve(payload);
  };
  const Server = await loadRpcServer();
  const server = new Server({ protocols: ['ocpp2.0.1'], strictMode: true, pingIntervalMs: 0 });
  let client: ConnectedStation | undefined;
  let whenConnected: () => void = () => undefined;
  const connection = new Promise<void>((resolve) => (whenConnected = resolve));
  server.auth((accept) => accept({}));
  server.on('client', (connected: ConnectedStation) => {
    client = connected;
    for (const [action, answer] of Object.entries(handlers)) {
      connected.handle(action, ({ params }: { params: unknown }) => {
        const response = answer(params);
        // After this answer has gone out, so that whoever waits sees the station past this step.
        setImmediate(() => received(action, params));
        return response;
      });
    }
    whenConnected();
  });
  const http = await server.listen(0, '127.0.0.1');
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    call: (action, payload) => {
      if (!client) return Promise.reject(new Error('no station is connected to the demo CSMS'));
      return client.call(action, payload);
    },
    connected: () => connection,
    nextCall: (action, matches = () => true) => new Promise((resolve) => waiters.push({ action, matches, resolve })),
    close: () => server.close({ force: true }),
  };
}
