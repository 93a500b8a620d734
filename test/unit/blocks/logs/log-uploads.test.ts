// N01 state machine with a fake uploader and the FakeClock: statuses, retries, cancellation, TriggerMessage.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogUploads } from '../../../../src/blocks/logs/log-uploads.js';
import type { LogUploadRequest } from '../../../../src/blocks/logs/log-uploader.js';
import { silentLogger } from '../../../../src/logger.js';
import type { Request } from '../../../../src/messages/types.js';
import type { Send } from '../../../../src/blocks/shared/send.js';
import { FakeClock, flushMicrotasks } from '../../../fakes/fake-clock.js';

type Outcome = 'ok' | { kind: string } | 'hang';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function harness(outcomes: Outcome[], withUploader = true) {
  const clock = new FakeClock();
  const sent: { status: string; requestId?: number; requestedByCsms?: boolean }[] = [];
  const send = ((_action: string, payload: { status: string; requestId?: number }, options?: { requestedByCsms?: boolean }) => {
    sent.push({ ...payload, ...(options?.requestedByCsms ? { requestedByCsms: true } : {}) });
    return Promise.resolve({});
  }) as unknown as Send;
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-n01-unit-'));
  dirs.push(dir);
  const calls: LogUploadRequest[] = [];
  const persisted: (number | undefined)[] = [];
  const uploads = new LogUploads({
    persist: (running) => persisted.push(running?.requestId),
    send,
    clock,
    logger: silentLogger(),
    uploader: withUploader
      ? {
          upload(request) {
            calls.push(request);
            const outcome = outcomes.shift() ?? 'ok';
            if (outcome === 'ok') return Promise.resolve();
            if (outcome === 'hang') {
              return new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { kind: 'aborted' }))));
            }
            return Promise.reject(Object.assign(new Error(outcome.kind), outcome));
          },
        }
      : undefined,
    build: (request) => {
      const fileName = `log-${request.requestId}.log`;
      const filePath = join(dir, fileName);
      writeFileSync(filePath, 'x\n');
      return { fileName, filePath };
    },
  });
  const getLog = (requestId: number, extra: Partial<Request<'GetLog'>> = {}) =>
    uploads.getLog({ logType: 'SecurityLog', requestId, log: { remoteLocation: 'http://127.0.0.1:1/logs' }, ...extra }, (task) => task());
  const statuses = () => sent.map((message) => `${message.status}:${message.requestId ?? '-'}`);
  return { clock, sent, uploads, getLog, statuses, calls, dir, persisted };
}

describe('LogUploads', () => {
  it('N01.FR.01/02/07/08/09 Accepted with the file name, then Uploading and Uploaded with the requestId; the file is removed', async () => {
    const h = harness(['ok']);
    assert.deepEqual(h.getLog(7), { status: 'Accepted', filename: 'log-7.log' });
    await flushMicrotasks();
    assert.deepEqual(h.statuses(), ['Uploading:7', 'Uploaded:7']);
    assert.equal(h.calls[0]!.fileName, 'log-7.log');
    assert.equal(existsSync(join(h.dir, 'log-7.log')), false);
  });

  it('N01.FR.05 Rejected, with the reason, when the station has no uploader', () => {
    const h = harness([], false);
    const response = h.getLog(1);
    assert.equal(response.status, 'Rejected');
    assert.equal(response.statusInfo?.reasonCode, 'NotSupported');
    assert.deepEqual(h.sent, []);
  });

  it('N01.FR.10 retries `retries` times, retryInterval apart on the clock, then UploadFailure', async () => {
    const h = harness([{ kind: 'server-error' }, { kind: 'refused' }, { kind: 'timeout' }]);
    h.getLog(3, { retries: 2, retryInterval: 10 });
    await flushMicrotasks();
    assert.equal(h.calls.length, 1);
    await h.clock.advance(9_999);
    assert.equal(h.calls.length, 1);
    await h.clock.advance(1);
    assert.equal(h.calls.length, 2);
    assert.deepEqual(h.statuses(), ['Uploading:3']);
    await h.clock.advance(10_000);
    assert.equal(h.calls.length, 3);
    assert.deepEqual(h.statuses(), ['Uploading:3', 'UploadFailure:3']);
  });

  it('N01.FR.10 a retry that succeeds ends Uploaded', async () => {
    const h = harness([{ kind: 'server-error' }, 'ok']);
    h.getLog(4, { retries: 1, retryInterval: 5 });
    await h.clock.advance(5_000);
    assert.deepEqual(h.statuses(), ['Uploading:4', 'Uploaded:4']);
  });

  for (const [kind, status] of [
    ['permission-denied', 'PermissionDenied'],
    ['unsupported-scheme', 'NotSupportedOperation'],
    ['bad-url', 'BadMessage'],
  ] as const) {
    it(`N01.FR.10 ${kind} is reported at once as ${status}, without retries`, async () => {
      const h = harness([{ kind }]);
      h.getLog(5, { retries: 3, retryInterval: 1 });
      await h.clock.advance(10_000);
      assert.equal(h.calls.length, 1);
      assert.deepEqual(h.statuses(), ['Uploading:5', `${status}:5`]);
    });
  }

  it('N01.FR.10 a location that is no URL is BadMessage, never handed to the uploader', async () => {
    const h = harness([]);
    assert.equal(h.getLog(6, { log: { remoteLocation: 'not a url' } }).status, 'Accepted');
    await flushMicrotasks();
    assert.equal(h.calls.length, 0);
    assert.deepEqual(h.statuses(), ['BadMessage:6']);
  });

  it('N01.FR.12/20 a GetLog while one runs: AcceptedCanceled, the running one aborted and ended AcceptedCanceled', async () => {
    const h = harness(['hang', 'ok']);
    h.getLog(1);
    await flushMicrotasks();
    assert.deepEqual(h.getLog(2), { status: 'AcceptedCanceled', filename: 'log-2.log' });
    assert.equal(h.calls[0]!.signal.aborted, true);
    await flushMicrotasks();
    assert.deepEqual(h.statuses(), ['Uploading:1', 'AcceptedCanceled:1', 'Uploading:2', 'Uploaded:2']);
  });

  it('N01.FR.12 a GetLog during a retry wait cancels the wait', async () => {
    const h = harness([{ kind: 'server-error' }, 'ok']);
    h.getLog(1, { retries: 5, retryInterval: 60 });
    await flushMicrotasks();
    assert.equal(h.getLog(2).status, 'AcceptedCanceled');
    await h.clock.advance(600_000);
    assert.equal(h.calls.length, 2);
    assert.deepEqual(h.statuses(), ['Uploading:1', 'AcceptedCanceled:1', 'Uploading:2', 'Uploaded:2']);
  });

  it('F06.FR.14/15 N01.FR.13 the trigger reports Uploading with the requestId while one runs (retry waits too), else Idle without one', async () => {
    const h = harness([{ kind: 'server-error' }, 'ok']);
    h.uploads.sendCurrent();
    h.getLog(9, { retries: 1, retryInterval: 30 });
    await flushMicrotasks();
    h.uploads.sendCurrent();
    await h.clock.advance(30_000);
    h.uploads.sendCurrent();
    assert.deepEqual(
      h.sent.filter((message) => message.requestedByCsms),
      [
        { status: 'Idle', requestedByCsms: true },
        { status: 'Uploading', requestId: 9, requestedByCsms: true },
        { status: 'Idle', requestedByCsms: true },
      ],
    );
  });

  it('seed on_log_status_notification: sent as given, and what the trigger reports follows it', async () => {
    const h = harness([]);
    await h.uploads.notify('Uploading', 11);
    h.uploads.sendCurrent();
    await h.uploads.notify('Uploaded', 11);
    h.uploads.sendCurrent();
    assert.deepEqual(h.statuses(), ['Uploading:11', 'Uploading:11', 'Uploaded:11', 'Idle:-']);
  });

  it('stop() aborts the running upload without a status', async () => {
    const h = harness(['hang']);
    h.getLog(1);
    await flushMicrotasks();
    h.uploads.stop();
    await flushMicrotasks();
    assert.equal(h.calls[0]!.signal.aborted, true);
    assert.deepEqual(h.statuses(), ['Uploading:1']);
    assert.equal(h.uploads.uploading, undefined);
    assert.deepEqual(h.persisted, [1], 'the running upload stays recorded for the next start');
  });

  it('N01.FR.10 the running upload is recorded while it runs, the new one when one is cancelled, none once done', async () => {
    const h = harness(['hang', 'ok']);
    h.getLog(1);
    await flushMicrotasks();
    h.getLog(2);
    await flushMicrotasks();
    assert.deepEqual(h.persisted, [1, 2, undefined]);
    h.uploads.reportInterrupted(9);
    await flushMicrotasks();
    assert.equal(h.statuses().at(-1), 'UploadFailure:9');
  });
});
