// L01/L02: the firmware update process on the fake clock, with a host that downloads and installs as told and a
// memory store: the status sequences, retries, schedules, cancelling and what a restart picks up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FirmwareInstallError, type FirmwareHost, type InstallOutcome } from '../../../../src/blocks/firmware/firmware-host.js';
import { FirmwareUpdateProcess, type FirmwareUpdateOrder } from '../../../../src/blocks/firmware/firmware-update-process.js';
import { silentLogger } from '../../../../src/logger.js';
import type { FirmwareStatusEnumType } from '../../../../src/messages/types.js';
import { MemoryFirmwareUpdateStore } from '../../../../src/storage/memory/memory-firmware-update-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

interface Scenario {
  downloads?: (Error | undefined)[];
  /** The host pauses and resumes during each download. */
  pauses?: boolean;
  install?: InstallOutcome | FirmwareInstallError;
  signatureOk?: boolean;
  installable?: boolean;
}

function setUp(scenario: Scenario = {}, store = new MemoryFirmwareUpdateStore(), clock = new FakeClock()) {
  const statuses: FirmwareStatusEnumType[] = [];
  const events: string[] = [];
  const removed: string[] = [];
  const downloads = [...(scenario.downloads ?? [undefined])];
  let reboots = 0;
  let holds = 0;
  let release: (() => void) | undefined;
  const host: FirmwareHost = {
    async download(request) {
      if (scenario.pauses) {
        request.onPaused?.(true);
        request.onPaused?.(false);
      }
      const outcome = downloads.shift();
      if (outcome !== undefined) throw outcome;
    },
    async install() {
      const outcome = scenario.install ?? 'installed';
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  const process = new FirmwareUpdateProcess({
    store,
    clock,
    host,
    imagePath: (requestId) => `/state/firmware-${requestId}.bin`,
    removeImage: (path) => removed.push(path),
    verifySignature: async () => scenario.signatureOk ?? true,
    report: (status) => {
      statuses.push(status);
    },
    securityEvent: (type) => events.push(type),
    whenInstallable: (ready) => {
      if (scenario.installable ?? true) {
        ready();
        return () => undefined;
      }
      release = ready;
      return () => (release = undefined);
    },
    holdNewSessions: () => {
      holds++;
      let held = true;
      return () => {
        if (held) holds--;
        held = false;
      };
    },
    reboot: () => reboots++,
    logger: silentLogger(),
  });
  return { process, store, clock, statuses, events, removed, reboots: () => reboots, release: () => release?.(), holds: () => holds };
}

const order = (clock: FakeClock, extra: Partial<FirmwareUpdateOrder['firmware']> = {}, retries = 2): FirmwareUpdateOrder => ({
  requestId: 7,
  firmware: { location: 'https://firmware.example/image.bin', retrieveDateTime: clock.now().toISOString(), ...extra },
  retries,
  retryIntervalSeconds: 60,
});

describe('FirmwareUpdateProcess', () => {
  it('L01.FR.01/28/31 a signed image: Downloading, Downloaded, SignatureVerified, Installing, Installed and FirmwareUpdated', async () => {
    const { process, clock, statuses, events, store, removed } = setUp();
    process.begin(order(clock, { signature: 'c2ln', signingCertificate: 'PEM' }));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed']);
    assert.deepEqual(events, ['FirmwareUpdated']);
    assert.equal(store.current(), undefined);
    assert.deepEqual(removed, ['/state/firmware-7.bin']);
  });

  it('L01.FR.14 the host pausing the download: DownloadPaused, then Downloading again', async () => {
    const { process, clock, statuses, store } = setUp({ pauses: true });
    process.begin(order(clock));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading', 'DownloadPaused', 'Downloading', 'Downloaded', 'Installing', 'Installed']);
    assert.equal(store.current(), undefined);
  });

  it('L02 an unsigned image skips the signature check', async () => {
    const { process, clock, statuses } = setUp();
    process.begin(order(clock));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'Installing', 'Installed']);
  });

  it('L01.FR.13/16 DownloadScheduled until retrieveDateTime, InstallScheduled until installDateTime', async () => {
    const { process, clock, statuses } = setUp();
    const start = clock.now().getTime();
    process.begin(order(clock, { retrieveDateTime: new Date(start + 3600_000).toISOString(), installDateTime: new Date(start + 7200_000).toISOString() }));
    await clock.advance(3599_000);
    assert.deepEqual(statuses, ['DownloadScheduled']);
    await clock.advance(1000);
    assert.deepEqual(statuses, ['DownloadScheduled', 'Downloading', 'Downloaded', 'InstallScheduled']);
    await clock.advance(3600_000);
    assert.deepEqual(statuses.slice(4), ['Installing', 'Installed']);
  });

  it('L01.FR.30 DownloadFailed after the first attempt and `retries` more, retryInterval apart', async () => {
    const failure = new Error('404');
    const { process, clock, statuses, store } = setUp({ downloads: [failure, failure, failure] });
    process.begin(order(clock, {}, 2));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading']);
    await clock.advance(59_000);
    assert.deepEqual(statuses, ['Downloading']);
    await clock.advance(1000);
    assert.deepEqual(statuses, ['Downloading', 'Downloading']);
    await clock.advance(60_000);
    assert.deepEqual(statuses, ['Downloading', 'Downloading', 'Downloading', 'DownloadFailed']);
    assert.equal(store.current(), undefined);
  });

  it('a download that fails once and then works goes on to the installation', async () => {
    const { process, clock, statuses } = setUp({ downloads: [new Error('refused'), undefined] });
    process.begin(order(clock));
    await clock.advance(60_000);
    assert.deepEqual(statuses, ['Downloading', 'Downloading', 'Downloaded', 'Installing', 'Installed']);
  });

  it('L01.FR.03 InvalidSignature with its security event; nothing is installed', async () => {
    const { process, clock, statuses, events } = setUp({ signatureOk: false });
    process.begin(order(clock, { signature: 'c2ln', signingCertificate: 'PEM' }));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'InvalidSignature']);
    assert.deepEqual(events, ['InvalidFirmwareSignature']);
  });

  it('L01.FR.29 InstallVerificationFailed and InstallationFailed as the host reports them', async () => {
    for (const status of ['InstallVerificationFailed', 'InstallationFailed'] as const) {
      const { process, clock, statuses, events } = setUp({ install: new FirmwareInstallError(status, 'no') });
      process.begin(order(clock));
      await clock.advance(0);
      assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'Installing', status]);
      assert.deepEqual(events, []);
    }
  });

  it('L01.FR.06/07/34 the installation waits for transactions, saying InstallScheduled once, new sessions held off until it ends', async () => {
    const { process, clock, statuses, release, holds } = setUp({ installable: false });
    process.begin(order(clock));
    await clock.advance(0);
    assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'InstallScheduled']);
    assert.equal(holds(), 1);
    release();
    await clock.advance(0);
    assert.deepEqual(statuses.slice(3), ['Installing', 'Installed']);
    assert.equal(holds(), 0);
  });

  it('L01.FR.07 nothing is held when no transaction runs; a cancelled wait releases its hold', async () => {
    const idle = setUp();
    idle.process.begin(order(idle.clock));
    await idle.clock.advance(0);
    assert.equal(idle.holds(), 0);
    const busy = setUp({ installable: false });
    busy.process.begin(order(busy.clock));
    await busy.clock.advance(0);
    assert.equal(busy.holds(), 1);
    busy.process.cancel();
    assert.equal(busy.holds(), 0);
  });

  it('L01.FR.15/32 InstallRebooting and a reboot; after the restart Installed with FirmwareUpdated', async () => {
    const first = setUp({ install: 'reboot-required' });
    first.process.begin(order(first.clock));
    await first.clock.advance(0);
    assert.deepEqual(first.statuses, ['Downloading', 'Downloaded', 'Installing', 'InstallRebooting']);
    assert.equal(first.reboots(), 1);
    first.process.stop();
    const second = setUp({}, first.store, first.clock);
    second.process.resume();
    assert.deepEqual(second.statuses, ['Installed']);
    assert.deepEqual(second.events, ['FirmwareUpdated']);
    assert.equal(first.store.current(), undefined);
  });

  it('after a restart: a download that was running counts as a failed attempt; an installation that was running failed', async () => {
    const store = new MemoryFirmwareUpdateStore();
    const clock = new FakeClock();
    const base = { ...order(clock), failedAttempts: 0, updatedAt: clock.now().toISOString(), filePath: '/state/firmware-7.bin' };
    store.save({ ...base, phase: 'downloading' });
    const downloading = setUp({}, store, clock);
    downloading.process.resume();
    assert.equal(store.current()?.failedAttempts, 1);
    await clock.advance(60_000);
    assert.deepEqual(downloading.statuses, ['Downloading', 'Downloaded', 'Installing', 'Installed']);

    store.save({ ...base, phase: 'installing' });
    const installing = setUp({}, store, clock);
    installing.process.resume();
    assert.deepEqual(installing.statuses, ['InstallationFailed']);
    assert.equal(store.current(), undefined);
  });

  it('L01.FR.24 cancelling: a scheduled download reports DownloadFailed, a scheduled installation InstallationFailed', async () => {
    const { process, clock, statuses, store } = setUp({ installable: false });
    process.begin(order(clock, { retrieveDateTime: new Date(clock.now().getTime() + 3600_000).toISOString() }));
    assert.equal(process.cancellable, true);
    process.cancel();
    assert.deepEqual(statuses, ['DownloadScheduled', 'DownloadFailed']);
    await clock.advance(7200_000);
    assert.deepEqual(statuses, ['DownloadScheduled', 'DownloadFailed']);

    process.begin(order(clock));
    await clock.advance(0);
    assert.equal(store.current()?.phase, 'install-scheduled');
    process.cancel();
    assert.deepEqual(statuses.slice(2), ['Downloading', 'Downloaded', 'InstallScheduled', 'InstallationFailed']);
    assert.equal(clock.pendingTimers, 0);
  });
});
