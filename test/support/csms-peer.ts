// An independent CSMS for end-to-end tests: ocpp-rpc's RPCServer in strict mode (it validates every
// message against its own copy of the OCPP 2.0.1 schemas) listening on loopback.
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { RPCServer } from 'ocpp-rpc';

export interface ReceivedCall {
  readonly identity: string;
  readonly action: string;
  readonly payload: any;
  readonly messageId: string;
}

/** The server-side view of one connected station. */
export interface PeerClient {
  readonly identity: string;
  readonly protocol: string | undefined;
  /** Calls the station; resolves with its response. */
  call(action: string, payload: unknown, options?: { callTimeoutMs?: number }): Promise<any>;
  /** Sends a raw text frame, bypassing the RPC layer (to test fault handling). */
  sendRaw(text: string): void;
  /** Every text frame the station sent to us, in order. */
  readonly inbound: string[];
  close(options?: { code?: number; force?: boolean }): Promise<unknown>;
  /** Stops reading from the socket, like a hung peer: nothing the station sends (pings included) is answered. */
  freeze(): void;
}

/** What the peer saw of one opening handshake, accepted or refused. */
export interface PeerHandshake {
  readonly identity: string;
  readonly password: string | undefined;
  readonly authorization: string | undefined;
  readonly protocols: string[];
  /** Subject CN of the client certificate the station presented (TLS only). */
  readonly clientCertificateCN: string | undefined;
  /** Serial number (hex, as openssl prints it) of that certificate. */
  readonly clientCertificateSerial: string | undefined;
  /** Whether that client certificate chains to the peer's `ca` (TLS only). */
  readonly clientCertificateTrusted: boolean;
}

export interface PeerTlsOptions {
  /** PEM server certificate and key. */
  cert: string;
  key: string;
  /** With `requireClientCertificate`: the CAs a client certificate must chain to. */
  ca?: string[];
  /** Security profile 3: refuse a TLS client without a certificate signed by `ca`. */
  requireClientCertificate?: boolean;
  /**
   * Ask for a client certificate but accept a client without one, or with one `ca` does not trust (a CSMS that
   * provisions stations at security profile 3); `handshakes` tell what each presented.
   */
  requestClientCertificate?: boolean;
}

export type PeerHandler = (payload: any, identity: string) => unknown | Promise<unknown>;

export interface CsmsPeerOptions {
  port?: number;
  /** Accepts or refuses the handshake; default accepts everyone. */
  authorize?: (identity: string, password: string | undefined) => boolean;
  handlers?: Record<string, PeerHandler>;
  /** Server-side websocket pings (0 = none, the default). */
  pingIntervalMs?: number;
  /** Serve wss:// with this certificate (security profiles 2 and 3). */
  tls?: PeerTlsOptions;
}

export class CsmsPeer {
  readonly calls: ReceivedCall[] = [];
  readonly clients: PeerClient[] = [];
  readonly handshakes: PeerHandshake[] = [];
  private readonly rpc: InstanceType<typeof RPCServer>;
  private http: Server | undefined;
  private clientWaiters: ((client: PeerClient) => void)[] = [];
  handlers: Record<string, PeerHandler>;

  private constructor(private readonly options: CsmsPeerOptions) {
    this.handlers = { ...(options.handlers ?? {}) };
    this.rpc = new RPCServer({
      protocols: ['ocpp2.0.1'],
      strictMode: true,
      pingIntervalMs: options.pingIntervalMs ?? 0,
    });
    this.rpc.auth((accept, reject, handshake) => {
      const password = handshake.password ? Buffer.from(handshake.password).toString('utf8') : undefined;
      this.handshakes.push(describeHandshake(handshake, password));
      if (options.authorize && !options.authorize(handshake.identity, password)) reject(401, 'Unauthorized');
      else accept({ identity: handshake.identity });
    });
    this.rpc.on('client', (client) => this.adopt(client));
  }

  /** Starts a peer on 127.0.0.1 (an OS-assigned port unless one is given). */
  static async start(options: CsmsPeerOptions = {}): Promise<CsmsPeer> {
    const peer = new CsmsPeer(options);
    peer.http = options.tls
      ? await peer.listenTls(options.tls)
      : await peer.rpc.listen(options.port ?? 0, '127.0.0.1');
    return peer;
  }

  get port(): number {
    return (this.http!.address() as AddressInfo).port;
  }

  /** The OCPP-J endpoint URL stations append their identity to. */
  get url(): string {
    return `${this.options.tls ? 'wss' : 'ws'}://127.0.0.1:${this.port}/ocpp`;
  }

  /** Resolves with the next client to connect (or the latest one if it is already connected and unclaimed). */
  nextClient(): Promise<PeerClient> {
    return new Promise((resolve) => this.clientWaiters.push(resolve));
  }

  callsOf(action: string): ReceivedCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  async close(): Promise<void> {
    await this.rpc.close({ force: true });
    // RPCServer closes only the servers its own listen() made; the TLS server is ours to close.
    if (this.options.tls && this.http) {
      const http = this.http;
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  }

  private async listenTls(tls: PeerTlsOptions): Promise<Server> {
    const server = createHttpsServer({
      cert: tls.cert,
      key: tls.key,
      ca: tls.ca,
      requestCert: (tls.requireClientCertificate ?? false) || (tls.requestClientCertificate ?? false),
      rejectUnauthorized: tls.requireClientCertificate ?? false,
      minVersion: 'TLSv1.2',
    });
    server.on('upgrade', this.rpc.handleUpgrade);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return server;
  }

  private adopt(client: any): void {
    const inbound: string[] = [];
    client.on('message', ({ message, outbound }: { message: Buffer | string; outbound: boolean }) => {
      if (!outbound) inbound.push(message.toString());
    });
    client.handle(({ method, params, messageId }: { method: string; params: unknown; messageId: string }) => {
      this.calls.push({ identity: client.identity, action: method, payload: params, messageId });
      const handler = this.handlers[method];
      if (!handler) throw Object.assign(new Error(`no test handler for ${method}`), { rpcErrorCode: 'NotImplemented' });
      return handler(params, client.identity);
    });
    const peerClient: PeerClient = {
      identity: client.identity,
      protocol: client.protocol,
      call: (action, payload, options) => client.call(action, payload, options),
      sendRaw: (text) => client.sendRaw(text),
      inbound,
      close: (options) => client.close(options),
      // Neither ocpp-rpc nor ws offers this; pausing the TCP socket under them is the simplest hung peer.
      freeze: () => client._ws._socket.pause(),
    };
    this.clients.push(peerClient);
    const waiter = this.clientWaiters.shift();
    waiter?.(peerClient);
  }
}

function describeHandshake(handshake: any, password: string | undefined): PeerHandshake {
  const request = handshake.request as IncomingMessage;
  const socket = request.socket as Partial<TLSSocket>;
  const peerCertificate = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  const cn = peerCertificate?.subject?.CN;
  return {
    identity: handshake.identity,
    password,
    authorization: handshake.headers.authorization,
    protocols: [...(handshake.protocols as Set<string>)],
    clientCertificateCN: Array.isArray(cn) ? cn[0] : cn,
    clientCertificateSerial: peerCertificate?.serialNumber || undefined,
    clientCertificateTrusted: cn !== undefined && socket.authorized === true,
  };
}
