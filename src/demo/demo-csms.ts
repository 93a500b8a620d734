// The CSMS of `ocpp-station demo`: ocpp-rpc's RPCServer in strict mode (it checks every message against the
// OCPP 2.0.1 schemas) on loopback, answering what a station sends during a session, and able to call the
// station (SetChargingProfile, RequestStopTransaction).
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';

export interface DemoCsms {
  /** The OCPP-J endpoint stations append their identity to. */
  readonly url: string;
  /** Calls the connected station. */
  call(action: string, payload: unknown): Promise<any>;
  /** Resolves once a station has connected. */
  connected(): Promise<void>;
  close(): Promise<void>;
}

/** Answers a station's CALLs the way a permissive CSMS would. */
const ANSWERS: Record<string, (payload: any) => unknown> = {
  BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
  Heartbeat: () => ({ currentTime: new Date().toISOString() }),
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

export async function startDemoCsms(): Promise<DemoCsms> {
  const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, pingIntervalMs: 0 });
  let client: any;
  let whenConnected: () => void = () => undefined;
  const connection = new Promise<void>((resolve) => (whenConnected = resolve));
  server.auth((accept) => accept({}));
  server.on('client', (connected: any) => {
    client = connected;
    for (const [action, answer] of Object.entries(ANSWERS)) {
      connected.handle(action, ({ params }: { params: unknown }) => answer(params));
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
    close: () => server.close({ force: true }),
  };
}
