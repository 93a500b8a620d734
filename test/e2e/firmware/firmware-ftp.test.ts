// L02 and L01 over FTP end to end: the image on a real ftp-srv server on loopback (passive mode, user and password
// in the URL), downloaded by the simulator's FirmwareHost through src/transfer, installed on the FakeClock, the
// reboot asked for with reason FirmwareUpdate, and the restart on the same SQLite file reporting Installed. The
// signed case verifies an openssl-made signature against a ManufacturerRootCertificate. A wrong password is a
// failed attempt like any other (DownloadFailed after the retries), and the password never shows in what the
// station tells its tools.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';
import { FakeClock } from '../../fakes/fake-clock.js';
import { createOpensslCa, openssl } from '../../support/openssl-ca.js';
import { firmwareStation } from '../../support/firmware-station.js';
import { allAnswered, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';

const USER = 'maker';
const PASSWORD = 'ftp-firmware-pw';
const open: Closables = [];
let dir: string;
let ftp: FtpSrv;
let ftpBase: string;
let signing: { certificate: string; signature: string; root: string };
const image = Buffer.alloc(120_000, 9);
const silentLog = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, fatal: () => undefined, child: () => silentLog };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-fw-ftp-'));
  const root = join(dir, 'ftp');
  await mkdir(join(root, 'firmware'), { recursive: true });
  await writeFile(join(root, 'firmware', 'station-5.0.0.bin'), image);
  const path = (name: string) => join(dir, name);
  const maker = await createOpensslCa({ days: 30, subject: '/O=Maker/CN=Manufacturer Root' });
  await Promise.all([writeFile(path('root.pem'), maker.cert), writeFile(path('root.key'), maker.key)]);
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path('signer.key'), '-out', path('signer.csr'), '-subj', '/O=Maker/CN=Firmware Signer']);
  await openssl(['x509', '-req', '-in', path('signer.csr'), '-CA', path('root.pem'), '-CAkey', path('root.key'), '-days', '10', '-out', path('signer.pem')]);
  await openssl(['dgst', '-sha256', '-sign', path('signer.key'), '-out', path('image.sig'), join(root, 'firmware', 'station-5.0.0.bin')]);
  signing = { certificate: await readFile(path('signer.pem'), 'utf8'), signature: (await readFile(path('image.sig'))).toString('base64'), root: maker.cert };
  const pasvMin = randomInt(40_000, 60_000);
  ftp = new FtpSrv({ url: 'ftp://127.0.0.1:0', pasv_url: '127.0.0.1', pasv_min: pasvMin, pasv_max: pasvMin + 200, log: silentLog as never });
  ftp.on('login', ({ username, password }, resolve, reject) => {
    if (username === USER && password === PASSWORD) resolve({ root });
    else reject(new Error('wrong user or password'));
  });
  await ftp.listen();
  ftpBase = `127.0.0.1:${((ftp as unknown as { server: Server }).server.address() as AddressInfo).port}`;
});
after(async () => {
  await ftp.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const location = (password = PASSWORD) => `ftp://${USER}:${password}@${ftpBase}/firmware/station-5.0.0.bin`;

describe('L01/L02 firmware update over FTP', () => {
  for (const signed of [false, true]) {
    const name = signed ? 'L01.FR.01/04/15/28/31 a signed image' : 'L02.FR.01/09/20 an unsigned image';
    it(`${name} from ftp:// with user and password: the whole sequence, the reboot, Installed after the restart`, async () => {
      const stationId = signed ? 'CS-FTP-L01' : 'CS-FTP-L02';
      const requestId = signed ? 52 : 51;
      const database = join(dir, `${stationId}.db`);
      const first = await firmwareStation(stationId, open, { database });
      const { client, clock, peer, station } = first;
      if (signed) {
        assert.deepEqual(await client.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: signing.root }), { status: 'Accepted' });
      }
      const firmware = {
        location: location(),
        retrieveDateTime: clock.now().toISOString(),
        ...(signed ? { signingCertificate: signing.certificate, signature: signing.signature } : {}),
      };
      assert.deepEqual(await client.call('UpdateFirmware', { requestId, firmware }), { status: 'Accepted' });
      await waitFor(() => first.statuses().includes(`Installing:${requestId}`), 'Installing');
      const expected = signed ? ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing'] : ['Downloading', 'Downloaded', 'Installing'];
      assert.deepEqual(first.statuses(), expected.map((status) => `${status}:${requestId}`));
      const update = station.firmwareStatus().update;
      assert.equal(update?.location, `ftp://${ftpBase}/firmware/station-5.0.0.bin`, 'no user info in what tools are shown');
      await allAnswered(first);
      await clock.advance(20_000);
      await waitFor(() => first.bootReasons.length === 1, 'the reboot');
      assert.deepEqual(first.bootReasons, ['FirmwareUpdate']);
      assert.deepEqual(first.versions, ['station-5.0.0']);
      assert.equal(first.statuses().at(-1), `InstallRebooting:${requestId}`);
      await first.station.stop();

      const second = await firmwareStation(stationId, open, { database, clock: new FakeClock(clock.now()), peer });
      await waitFor(() => second.statuses().includes(`Installed:${requestId}`), 'Installed after the restart');
      assert.deepEqual(second.statuses(), [...expected, 'InstallRebooting', 'Installed'].map((status) => `${status}:${requestId}`));
      await waitFor(() => peer.callsOf('SecurityEventNotification').some((call) => call.identity === stationId && call.payload.type === 'FirmwareUpdated'), 'FirmwareUpdated');
      assert.equal(second.station.firmwareStatus().update, undefined);
    });
  }

  it('L02.FR.19 a wrong FTP password: every attempt is refused, DownloadFailed after the retries', async () => {
    const test = await firmwareStation('CS-FTP-530', open);
    const { client, clock, statuses, failedAttempts } = test;
    const request = { requestId: 53, retries: 1, retryInterval: 15, firmware: { location: location('wrong'), retrieveDateTime: clock.now().toISOString() } };
    assert.deepEqual(await client.call('UpdateFirmware', request), { status: 'Accepted' });
    await failedAttempts(1);
    await allAnswered(test);
    await clock.advance(15_000);
    await waitFor(() => statuses().includes('DownloadFailed:53'), 'DownloadFailed');
    assert.deepEqual(statuses(), ['Downloading:53', 'Downloading:53', 'DownloadFailed:53']);
  });
});
