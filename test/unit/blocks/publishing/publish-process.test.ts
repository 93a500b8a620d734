// L03/L04: the publishing process on the fake clock, with a real folder in a temporary directory, downloads that
// write or fail as told, and a file server that records what it is asked to serve (or cannot listen).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FirmwareFileServer } from '../../../../src/blocks/publishing/firmware-file-server.js';
import { PublishProcess, type PublishStatusReport } from '../../../../src/blocks/publishing/publish-process.js';
import { PublishingFolder, type PublishedFile } from '../../../../src/blocks/publishing/publishing-folder.js';
import { silentLogger } from '../../../../src/logger.js';
import type { Request } from '../../../../src/messages/types.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

const image = Buffer.from('firmware image for publishing '.repeat(100));
const md5 = createHash('md5').update(image).digest('hex');
const LOCATION = 'https://csms.example/images/station 2.0.bin';

/** A download: writes these bytes, fails with this error, or hangs until aborted. */
type Outcome = Buffer | Error | 'hang';

class RecordingServer implements FirmwareFileServer {
  served: string[][] = [];
  failListen = false;
  port: number | undefined;
  closed = 0;
  async serve(files: readonly PublishedFile[]): Promise<void> {
    this.served.push(files.map((file) => file.checksum));
    if (files.length > 0 && this.failListen) throw new Error('EADDRINUSE');
    this.port = files.length > 0 ? 8123 : undefined;
  }
  locations(file: PublishedFile): string[] {
    return this.port === undefined ? [] : [`http://lc.local:${this.port}/firmware/${file.checksum}/${file.fileName}`];
  }
  close(): void {
    this.closed++;
    this.port = undefined;
  }
}

let root: string;
let count = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'ocpp-l03-unit-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

function setUp(outcomes: Outcome[] = [image], directory = join(root, `case-${++count}`), clock = new FakeClock()) {
  const reports: PublishStatusReport[] = [];
  const triggered: PublishStatusReport[] = [];
  const attempts: number[] = [];
  const server = new RecordingServer();
  const folder = new PublishingFolder(directory);
  const process = new PublishProcess({
    folder,
    server,
    clock,
    logger: silentLogger(),
    report: (payload, requestedByCsms) => (requestedByCsms ? triggered : reports).push(payload),
    download: async (_location, destination, signal) => {
      attempts.push(clock.now().getTime());
      const outcome = outcomes.shift() ?? new Error('no more downloads in this test');
      if (outcome === 'hang') {
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
        return;
      }
      if (outcome instanceof Error) throw outcome;
      await writeFile(destination, outcome);
    },
  });
  const statuses = () => reports.map((report) => report.status);
  /** PublishFirmware, its work run at once (as after the response). */
  const publish = (request: Partial<Request<'PublishFirmware'>> = {}) =>
    process.accept({ location: LOCATION, checksum: md5, requestId: 7, ...request }, (task) => task());
  const settled = () => clock.advance(0);
  return { process, server, folder, clock, reports, triggered, attempts, statuses, publish, settled, directory };
}

/** Waits for real file I/O (download write, MD5 read, rename) to finish. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const ended = (statuses: () => string[]) => () => ['Published', 'InvalidChecksum', 'DownloadFailed', 'PublishFailed'].includes(statuses().at(-1) ?? '');

describe('L03 PublishFirmware', () => {
  let open: PublishProcess[] = [];
  afterEach(() => {
    for (const process of open) process.stop();
    open = [];
  });

  it('L03.FR.01/02/04/09 the whole sequence with the requestId, ending in Published with the locations; the file is kept under its MD5', async () => {
    const t = setUp();
    open.push(t.process);
    assert.deepEqual(t.publish(), { status: 'Accepted' });
    await until(ended(t.statuses));
    assert.deepEqual(t.statuses(), ['Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);
    assert.ok(t.reports.every((report) => report.requestId === 7));
    assert.deepEqual(t.reports.at(-1)!.location, [`http://lc.local:8123/firmware/${md5}/station_2.0.bin`]);
    assert.deepEqual(t.folder.published().map((file) => [file.checksum, file.fileName, file.size]), [[md5, 'station_2.0.bin', image.length]]);
    assert.equal(t.process.job, undefined);
    assert.equal(existsSync(join(t.directory, 'downloads')), false);
  });

  it('L03.FR.02 a checksum in upper case is the same MD5; the same file again is Published at once, without a download', async () => {
    const t = setUp();
    open.push(t.process);
    t.publish({ checksum: md5.toUpperCase() });
    await until(ended(t.statuses));
    assert.equal(t.statuses().at(-1), 'Published');
    t.publish({ requestId: 8 });
    await until(() => t.reports.length === 5);
    assert.deepEqual(t.reports[4], { status: 'Published', requestId: 8, location: [`http://lc.local:8123/firmware/${md5}/station_2.0.bin`] });
    assert.equal(t.attempts.length, 1);
  });

  it('L03.FR.07 a file whose MD5 differs: InvalidChecksum, nothing published, the download removed', async () => {
    const t = setUp([Buffer.from('another file')]);
    open.push(t.process);
    t.publish();
    await until(ended(t.statuses));
    assert.deepEqual(t.statuses(), ['Downloading', 'Downloaded', 'InvalidChecksum']);
    assert.deepEqual(t.folder.published(), []);
    assert.equal(existsSync(join(t.directory, 'downloads')), false);
    assert.equal(t.process.job, undefined);
  });

  it('L03.FR.06 a download that keeps failing: retried `retries` times `retryInterval` apart (DownloadScheduled between), then DownloadFailed', async () => {
    const t = setUp([new Error('404'), new Error('404'), new Error('404')]);
    open.push(t.process);
    const start = t.clock.now().getTime();
    t.publish({ retries: 2, retryInterval: 30 });
    await t.settled();
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadScheduled']);
    assert.equal(t.process.job?.phase, 'retry-scheduled');
    await t.clock.advance(29_999);
    assert.equal(t.attempts.length, 1);
    await t.clock.advance(1);
    await t.clock.advance(30_000);
    assert.deepEqual(t.attempts.map((at) => at - start), [0, 30_000, 60_000]);
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadScheduled', 'Downloading', 'DownloadScheduled', 'Downloading', 'DownloadFailed']);
    assert.equal(t.process.job, undefined);
    assert.equal(t.clock.pendingTimers, 0);
  });

  it('L03.FR.06 without retries and retryInterval in the request: 3 retries 60 s apart', async () => {
    const t = setUp([new Error('x'), new Error('x'), new Error('x'), new Error('x')]);
    open.push(t.process);
    const start = t.clock.now().getTime();
    t.publish();
    await t.clock.advance(180_000);
    assert.deepEqual(t.attempts.map((at) => at - start), [0, 60_000, 120_000, 180_000]);
    assert.equal(t.statuses().at(-1), 'DownloadFailed');
  });

  it('L03.FR.01 a retry that succeeds goes on to Published; retries 0 means a single attempt', async () => {
    const t = setUp([new Error('refused'), image]);
    open.push(t.process);
    t.publish({ retryInterval: 5 });
    await t.clock.advance(5000);
    await until(ended(t.statuses));
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadScheduled', 'Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);

    const once = setUp([new Error('404')]);
    open.push(once.process);
    once.publish({ retries: 0 });
    await once.settled();
    assert.deepEqual(once.statuses(), ['Downloading', 'DownloadFailed']);
  });

  it('L03.FR.08 the file cannot be served (the server cannot listen): PublishFailed, and the file is not left published', async () => {
    const t = setUp();
    open.push(t.process);
    t.server.failListen = true;
    t.publish();
    await until(ended(t.statuses));
    assert.deepEqual(t.statuses(), ['Downloading', 'Downloaded', 'ChecksumVerified', 'PublishFailed']);
    assert.deepEqual(t.folder.published(), []);
  });

  it('L03.FR.05 Rejected with a reason: a checksum that is no MD5, a location that is no URL, a PublishFirmware while one downloads, a requestId used before', async () => {
    const t = setUp(['hang']);
    open.push(t.process);
    assert.equal(t.publish({ checksum: 'abc' }).statusInfo?.reasonCode, 'InvalidValue');
    assert.equal(t.publish({ location: 'not a url' }).statusInfo?.reasonCode, 'InvalidURL');
    assert.equal(t.publish({ location: 'file:///etc/passwd' }).statusInfo?.reasonCode, 'InvalidURL');
    assert.deepEqual(t.publish(), { status: 'Accepted' });
    const second = t.publish({ requestId: 9 });
    assert.equal(second.status, 'Rejected');
    assert.equal(second.statusInfo?.reasonCode, 'InvalidMessageSeq');
    assert.equal(t.publish().statusInfo?.reasonCode, 'DuplicateRequestId');
    await t.settled();
    assert.deepEqual(t.statuses(), ['Downloading']);
  });
});

describe('L03 DownloadPaused', () => {
  it('L03.FR.01 a pause stops the transfer (DownloadPaused, not a failed attempt); going on downloads again from the start to Published', async () => {
    const t = setUp(['hang', image]);
    t.publish({ retries: 0 });
    await t.settled();
    t.process.setPaused(true);
    t.process.setPaused(true);
    await t.settled();
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadPaused']);
    assert.equal(t.process.job?.phase, 'paused');
    assert.equal(t.process.job?.failedAttempts, 0);
    // L04.FR.04: a paused download is still an ongoing one.
    assert.equal(t.process.unpublish(md5), 'DownloadOngoing');
    t.process.sendCurrent();
    assert.deepEqual(t.triggered, [{ status: 'DownloadPaused', requestId: 7 }]);
    t.process.setPaused(false);
    await until(ended(t.statuses));
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadPaused', 'Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);
    assert.equal(t.attempts.length, 2);
    t.process.stop();
  });

  it('a retry due while paused waits for the end of the pause; a paused download starts again after a restart', async () => {
    const t = setUp([new Error('404'), image]);
    t.publish({ retryInterval: 10 });
    await t.settled();
    t.process.setPaused(true);
    await t.clock.advance(10_000);
    assert.deepEqual(t.statuses(), ['Downloading', 'DownloadScheduled', 'DownloadPaused']);
    assert.equal(t.attempts.length, 1);
    t.process.stop();

    const second = setUp([image], t.directory);
    assert.equal(second.process.job?.phase, 'paused');
    second.process.resume();
    await until(ended(second.statuses));
    assert.deepEqual(second.statuses(), ['Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);
    second.process.stop();
  });
});

describe('L04 UnpublishFirmware', () => {
  it('L04.FR.01/02 Unpublished: the file is removed and no longer served; L04.FR.03 NoFirmware for a checksum not published', async () => {
    const t = setUp();
    t.publish();
    await until(ended(t.statuses));
    assert.equal(t.process.unpublish('0123456789abcdef0123456789abcdef'), 'NoFirmware');
    assert.equal(t.process.unpublish('not even an md5'), 'NoFirmware');
    assert.equal(t.process.unpublish(md5.toUpperCase()), 'Unpublished');
    assert.deepEqual(t.folder.published(), []);
    await t.settled();
    assert.deepEqual(t.server.served.at(-1), []);
    assert.equal(t.process.unpublish(md5), 'NoFirmware');
    t.process.stop();
  });

  it('L04.FR.04 while a PublishFirmware downloads: DownloadOngoing, and the published file stays', async () => {
    const t = setUp([image, 'hang']);
    t.publish();
    await until(ended(t.statuses));
    t.publish({ requestId: 8, checksum: 'ffffffffffffffffffffffffffffffff' });
    await t.settled();
    assert.equal(t.process.unpublish(md5), 'DownloadOngoing');
    assert.equal(t.folder.published().length, 1);
    t.process.stop();
  });
});

describe('L03 TriggerMessage(PublishFirmwareStatusNotification)', () => {
  it('L03.FR.10/11 Idle when nothing was sent or the last was Published, else the last status with its requestId', async () => {
    const t = setUp([new Error('404'), image]);
    t.process.sendCurrent();
    t.publish({ retryInterval: 10 });
    await t.settled();
    t.process.sendCurrent();
    await t.clock.advance(10_000);
    await until(ended(t.statuses));
    t.process.sendCurrent();
    assert.deepEqual(t.triggered, [{ status: 'Idle' }, { status: 'DownloadScheduled', requestId: 7 }, { status: 'Idle' }]);

    const failed = setUp([new Error('404')]);
    failed.publish({ retries: 0 });
    await failed.settled();
    failed.process.sendCurrent();
    assert.deepEqual(failed.triggered, [{ status: 'DownloadFailed', requestId: 7 }]);
    t.process.stop();
    failed.process.stop();
  });
});

describe('L03 across a restart', () => {
  it('published files are served again; the last status is remembered', async () => {
    const first = setUp();
    first.publish();
    await until(ended(first.statuses));
    first.process.stop();
    assert.equal(first.server.closed, 1);

    const second = setUp([], first.directory);
    await second.process.restore();
    assert.deepEqual(second.server.served, [[md5]]);
    second.process.sendCurrent();
    assert.deepEqual(second.triggered, [{ status: 'Idle' }]);
    second.process.stop();
  });

  it('a download the station stopped under counts as a failed attempt: retried after retryInterval, or DownloadFailed when none is left', async () => {
    const first = setUp(['hang']);
    first.publish({ retries: 1, retryInterval: 20 });
    await first.settled();
    first.process.stop();
    assert.equal(readdirSync(join(first.directory)).includes('publishing.json'), true);

    const clock = new FakeClock(first.clock.now());
    const second = setUp([image], first.directory, clock);
    assert.equal(second.process.job?.phase, 'downloading');
    second.process.resume();
    assert.deepEqual(second.statuses(), ['DownloadScheduled']);
    await clock.advance(20_000);
    await until(ended(second.statuses));
    assert.deepEqual(second.statuses(), ['DownloadScheduled', 'Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);
    second.process.stop();

    const again = setUp(['hang'], undefined, new FakeClock());
    again.publish({ retries: 0 });
    await again.settled();
    again.process.stop();
    const third = setUp([], again.directory);
    third.process.resume();
    assert.deepEqual(third.statuses(), ['DownloadFailed']);
    assert.equal(third.process.job, undefined);
    third.process.stop();
  });

  it('a stop right after the file was moved into place (before Published went out): Published at the next start, no download', async () => {
    const first = setUp();
    first.publish();
    await until(() => first.statuses().includes('ChecksumVerified'));
    await until(() => first.folder.published().length === 1);
    first.process.stop();
    // The record still names the job when the stop came between the rename and the end of the job.
    first.folder.writeRecord({ job: { requestId: 7, location: LOCATION, checksum: md5, retries: 3, retryIntervalSeconds: 60, failedAttempts: 0, phase: 'downloading', updatedAt: first.clock.now().toISOString() } });
    const second = setUp([], first.directory);
    second.process.resume();
    await until(() => second.reports.length === 1);
    assert.deepEqual(second.reports, [{ status: 'Published', requestId: 7, location: [`http://lc.local:8123/firmware/${md5}/station_2.0.bin`] }]);
    assert.equal(second.attempts.length, 0);
    assert.equal(second.process.job, undefined);
    second.process.stop();
  });

  it('a retry wait the station stopped under goes on where it was', async () => {
    const first = setUp([new Error('404')]);
    first.publish({ retries: 1, retryInterval: 60 });
    await first.settled();
    await first.clock.advance(20_000);
    first.process.stop();

    const clock = new FakeClock(first.clock.now());
    const second = setUp([image], first.directory, clock);
    second.process.resume();
    await clock.advance(39_999);
    assert.equal(second.attempts.length, 0);
    await clock.advance(1);
    await until(ended(second.statuses));
    assert.equal(second.statuses().at(-1), 'Published');
    second.process.stop();
  });
});
