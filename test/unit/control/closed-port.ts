// A loopback port nothing listens on: one the system handed out and that was closed again. (Not port 1 or
// another "bad port" of the fetch standard: fetch refuses those before trying to connect.)
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
