// The receiving end of log uploads in tests: a node:http server on loopback that keeps what is PUT (or POSTed)
// to it, answers with the status a test sets, and can hold requests until the test lets them go.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedUpload {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: string;
}

export class LogUploadServer {
  readonly uploads: ReceivedUpload[] = [];
  /** Requests that arrived (finished or held). */
  requests = 0;
  /** The status every upload is answered with. */
  status = 200;
  /** While true, requests are held (body read) until release(). */
  hold = false;
  private held: { response: ServerResponse; upload: ReceivedUpload }[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LogUploadServer> {
    const server = createServer();
    const self = new LogUploadServer(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => self.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  url(path = '/logs'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Answers the held requests. */
  release(): void {
    for (const { response, upload } of this.held.splice(0)) this.answer(response, upload);
  }

  get heldCount(): number {
    return this.held.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const upload: ReceivedUpload = {
        method: request.method ?? '',
        path: request.url ?? '',
        ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (this.hold) this.held.push({ response, upload });
      else this.answer(response, upload);
    });
  }

  private answer(response: ServerResponse, upload: ReceivedUpload): void {
    if (this.status >= 200 && this.status < 300) this.uploads.push(upload);
    response.writeHead(this.status).end();
  }
}
