// L03/L04 through `ocpp-station run` (in process, real time): the CSMS sends PublishFirmware for a file on a
// node:http server on loopback; the station publishes it on --publish-host with --publish-advertised-host in the
// location, the test fetches it there and checks its MD5, and UnpublishFirmware takes it away. The files live in
// `<db name>-published/` beside the database. Bad publishing options are usage errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainOnce, runMain } from '../../support/cli-in-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

describe('ocpp-station run: firmware publishing (L03/L04)', () => {
  let dir: string;
  let server: Server;
  let fileUrl: string;
  let peer: CsmsPeer;
  const file = Buffer.alloc(30_000, 4);
  const md5 = createHash('md5').update(file).digest('hex');
  const stops: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-publish-'));
    server = createServer((_request, response) => response.writeHead(200, { 'content-length': file.length }).end(file));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lc-image.bin`;
    peer = await CsmsPeer.start({ handlers: { ...acceptingCsms(), PublishFirmwareStatusNotification: () => ({}) } });
  });
  after(async () => {
    for (const stop of stops) stop();
    await peer.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (db: string) => ['run', '--csms', peer.url, '--id', 'CS-CLI-LC', '--db', db, '--log-level', 'silent'];

  it('L03.FR.04/09 Published at http://<advertised host>:<port>/firmware/<md5>/<name>, the very file; L04.FR.02 Unpublished', async () => {
    const db = join(dir, 'lc.db');
    const first = peer.nextClient();
    const run = runMain([...args(db), '--publish-host', '127.0.0.1', '--publish-advertised-host', 'localhost']);
    stops.push(() => run.stop());
    const client = await first;
    await waitFor(() => run.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    assert.deepEqual(await client.call('PublishFirmware', { location: fileUrl, checksum: md5, requestId: 51 }), { status: 'Accepted' });
    const published = () => peer.callsOf('PublishFirmwareStatusNotification').find((call) => call.identity === 'CS-CLI-LC' && call.payload.status === 'Published');
    await waitFor(() => published() !== undefined, 'Published');
    const [location] = published()!.payload.location as string[];
    assert.match(location!, new RegExp(`^http://localhost:\\d+/firmware/${md5}/lc-image\\.bin$`));
    const served = Buffer.from(await (await fetch(location!.replace('localhost', '127.0.0.1'))).arrayBuffer());
    assert.equal(createHash('md5').update(served).digest('hex'), md5);
    assert.ok(existsSync(join(dir, 'lc-published', 'files', md5, 'lc-image.bin')));
    const shown = await mainOnce(['ctl', '--db', db, 'publishing']);
    assert.deepEqual([shown.code, shown.stdout], [0, `${md5} lc-image.bin (${file.length} bytes) ${location}\nlast status Published (request 51); no download in progress\n`]);
    assert.deepEqual(await client.call('UnpublishFirmware', { checksum: md5 }), { status: 'Unpublished' });
    assert.equal(existsSync(join(dir, 'lc-published', 'files', md5)), false);
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
  });

  it('refuses bad publishing options with exit code 2', async () => {
    for (const [extra, message] of [
      [['--publish-port', '70000'], /--publish-port must be 0 to 65535/],
      [['--publish-port', 'x'], /--publish-port/],
      [['--publish-host', 'not a host'], /--publish-host must be an IP address or a host name/],
      [['--publish-advertised-host', 'http://x/'], /--publish-advertised-host must be an IP address or a host name/],
      [['--publish-port', '9100', '--control-port', '9100'], /--publish-port and --control-port cannot both be 9100/],
    ] as const) {
      const result = await mainOnce([...args(join(dir, 'bad.db')), ...extra]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
  });
});
