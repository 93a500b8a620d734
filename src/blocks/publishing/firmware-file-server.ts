// The station's own HTTP server for L03: it serves the published firmware files, and nothing else, at
// /firmware/<md5>/<name> (GET and HEAD; 404 for any other path, 405 for another method). The path is looked up
// in the table of published files, never turned into a path on disk, so no request reaches another file. It
// listens only while something is published. HTTP only: the station has no FTP or HTTPS server, so each file has
// one location (L03.FR.03/04: all the protocols it supports).
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { PublishedFile } from './publishing-folder.js';

/** What the publishing process needs of a file server. */
export interface FirmwareFileServer {
  /** Serves exactly these files from now on: listens while there is one, closes when there is none. */
  serve(files: readonly PublishedFile[]): Promise<void>;
  /** The URLs of a served file (L03.FR.04). */
  locations(file: PublishedFile): string[];
  /** The port listened on, while listening. */
  readonly port: number | undefined;
  /** Stops listening and drops open connections at once. */
  close(): void;
}

export interface HttpFirmwareServerOptions {
  /** The interface to listen on (0.0.0.0 or :: for all). */
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  /** The host name other stations reach this one by, in the locations; by default `host` (the machine's name for a wildcard). */
  readonly advertisedHost?: string;
  /** With port 0: the port to try first (the one of the previous run, so its locations stay valid). */
  readonly preferredPort?: number;
}

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '']);

export class HttpFirmwareServer implements FirmwareFileServer {
  private files = new Map<string, PublishedFile>();
  private server: Server | undefined;
  private listening: Promise<void> | undefined;
  private boundPort: number | undefined;

  constructor(private readonly options: HttpFirmwareServerOptions) {}

  get port(): number | undefined {
    return this.boundPort;
  }

  async serve(files: readonly PublishedFile[]): Promise<void> {
    this.files = new Map(files.map((file) => [pathOf(file), file]));
    if (files.length === 0) return this.close();
    return this.listen();
  }

  locations(file: PublishedFile): string[] {
    if (this.boundPort === undefined) return [];
    const { advertisedHost, host } = this.options;
    const name = advertisedHost ?? (WILDCARDS.has(host) ? hostname() : host);
    const authority = name.includes(':') ? `[${name}]` : name;
    return [`http://${authority}:${this.boundPort}${pathOf(file)}`];
  }

  close(): void {
    const server = this.server;
    this.server = undefined;
    this.listening = undefined;
    this.boundPort = undefined;
    if (!server) return;
    server.close();
    server.closeAllConnections();
  }

  private listen(): Promise<void> {
    if (this.listening) return this.listening;
    const attempt = this.bind().then(
      ({ server, port }) => {
        if (this.listening !== attempt) {
          // Closed (or nothing to serve any more) while binding.
          server.close();
          return;
        }
        this.server = server;
        this.boundPort = port;
      },
      (error: unknown) => {
        if (this.listening === attempt) this.listening = undefined;
        throw error;
      },
    );
    this.listening = attempt;
    return attempt;
  }

  private async bind(): Promise<{ server: Server; port: number }> {
    const { port, preferredPort, host } = this.options;
    if (port === 0 && preferredPort !== undefined && preferredPort > 0) {
      try {
        return await this.listenOn(preferredPort, host);
      } catch {
        // Taken by now: any free port will do.
      }
    }
    return this.listenOn(port, host);
  }

  private listenOn(port: number, host: string): Promise<{ server: Server; port: number }> {
    const server = createServer((request, response) => this.answer(request, response));
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        server.off('listening', listening);
        reject(error);
      };
      const listening = () => {
        server.off('error', failed);
        resolve({ server, port: (server.address() as AddressInfo).port });
      };
      server.once('error', failed);
      server.once('listening', listening);
      server.listen(port, host);
    });
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0]!;
    const file = this.files.get(path);
    let size: number | undefined;
    try {
      size = file ? statSync(file.path).size : undefined;
    } catch {
      size = undefined; // unpublished a moment ago
    }
    if (!file || size === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }
}

function pathOf(file: PublishedFile): string {
  return `/firmware/${file.checksum}/${encodeURIComponent(file.fileName)}`;
}
