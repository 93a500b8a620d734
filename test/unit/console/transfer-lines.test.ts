// The console's progress lines for firmware downloads and log uploads: by tenths of a known size, by doublings
// from 1 MiB without one, starting over for a new attempt, and never more than ten-odd lines per transfer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, TransferProgressLines } from '../../../src/console/transfer-lines.js';

const report = (bytes: number, totalBytes?: number, requestId = 7) => ({
  requestId,
  location: 'http://files.example/station-2.0.0.bin',
  bytes,
  ...(totalBytes !== undefined ? { totalBytes } : {}),
});

describe('TransferProgressLines', () => {
  it('a line per tenth of a known size, the last at 100%', () => {
    const lines = new TransferProgressLines();
    const total = 1000 * 1024;
    const shown = [];
    for (let bytes = 64 * 1024; bytes < total; bytes += 64 * 1024) shown.push(lines.lineFor('firmware download', report(bytes, total)));
    shown.push(lines.lineFor('firmware download', report(total, total)));
    const printed = shown.filter((line) => line !== undefined);
    assert.equal(printed.length, 11);
    assert.equal(printed[0], '* firmware download 0% (64.0 KiB of 1000.0 KiB): http://files.example/station-2.0.0.bin (request 7)');
    assert.equal(printed.at(-1), '* firmware download 100% (1000.0 KiB of 1000.0 KiB): http://files.example/station-2.0.0.bin (request 7)');
  });

  it('without a size: a line at the start and each time the count doubles from 1 MiB', () => {
    const lines = new TransferProgressLines();
    const printed = [0.5, 0.9, 1, 1.5, 2, 3, 4].map((mib) => lines.lineFor('log upload', report(mib * 1024 * 1024))).filter(Boolean);
    assert.deepEqual(
      printed.map((line) => line!.split(':')[0]),
      ['* log upload 512.0 KiB', '* log upload 1.0 MiB', '* log upload 2.0 MiB', '* log upload 4.0 MiB'],
    );
  });

  it('a new attempt (the count goes back) starts over; transfers of other requests are followed apart', () => {
    const lines = new TransferProgressLines();
    assert.ok(lines.lineFor('firmware download', report(600, 1000)));
    assert.equal(lines.lineFor('firmware download', report(650, 1000)), undefined);
    assert.match(lines.lineFor('firmware download', report(10, 1000))!, / 0% /);
    assert.match(lines.lineFor('firmware download', report(700, 1000, 8))!, / 70% .*request 8/);
  });

  it('formats sizes in B, KiB, MiB and GiB', () => {
    assert.deepEqual([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024), formatBytes(5 * 1024 ** 3)], ['512 B', '2.0 KiB', '3.0 MiB', '5.00 GiB']);
  });
});
