// A flooding CSMS: tens of thousands of CALLs sent without waiting for answers (cheap reads, reports, triggers,
// large DataTransfers) at a station in its own process on a real SQLite file. The station answers every one,
// its resident memory stays under RSS_BOUND_MB and its event loop never stalls longer than EVENT_LOOP_BOUND_MS
// (both generous, for a loaded 2-core machine: they catch unbounded growth and blocking work, not speed).
// SOAK=1 floods ten times as much (npm run soak).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsmsPeer } from '../support/csms-peer.js';
import { acceptingCsms } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { exited, killChildren, spawnNode, type NodeProcess } from '../support/child-process.js';

const SOAK = process.env.SOAK === '1';
const FLOOD_CALLS = SOAK ? 200_000 : 20_000;
const RSS_BOUND_MB = 400;
const EVENT_LOOP_BOUND_MS = 2_000;
const stationScript = fileURLToPath(new URL('./support/flood-station.ts', import.meta.url));

/** The flood's mix: mostly cheap requests, some that make the station send (reports, triggers), some large. */
function floodFrame(n: number): string {
  const id = `fl-${n}`;
  switch (n % 10) {
    case 0:
      return JSON.stringify([2, id, 'GetBaseReport', { requestId: n, reportBase: 'FullInventory' }]);
    case 1:
      return JSON.stringify([2, id, 'TriggerMessage', { requestedMessage: 'Heartbeat' }]);
    case 2:
      return JSON.stringify([2, id, 'DataTransfer', { vendorId: 'flood', data: 'x'.repeat(20_000) }]);
    case 3:
      return JSON.stringify([2, id, 'GetLocalListVersion', {}]);
    default:
      return JSON.stringify([2, id, 'GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }]);
  }
}

describe('a flooding CSMS (bounded memory and event loop)', () => {
  let dir: string;
  let peer: CsmsPeer;
  let station: NodeProcess;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-flood-'));
    peer = await CsmsPeer.start({ handlers: { ...acceptingCsms() } });
  });

  after(async () => {
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${FLOOD_CALLS} unpaced CALLs with RSS under ${RSS_BOUND_MB} MB and no event-loop stall over ${EVENT_LOOP_BOUND_MS} ms`, async () => {
    const client = peer.nextClient();
    station = spawnNode(['--import', 'tsx', stationScript, peer.url, join(dir, 'station.db')]);
    const connected = await client;
    await waitFor(() => /accepted/.test(station.output().stdout), 'the station to be accepted', 60_000);

    const answered = new Set<string>();
    const errors = new Map<string, number>();
    const statuses = new Map<string, number>();
    const countAnswer = (text: string) => {
      const frame = JSON.parse(text) as unknown[];
      if ((frame[0] === 3 || frame[0] === 4) && typeof frame[1] === 'string' && frame[1].startsWith('fl-')) {
        answered.add(frame[1]);
        if (frame[0] === 4) errors.set(String(frame[2]), (errors.get(String(frame[2])) ?? 0) + 1);
        const status = (frame[2] as { status?: string } | undefined)?.status;
        if (frame[0] === 3 && status) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    let counted = 0;
    const started = Date.now();
    for (let n = 0; n < FLOOD_CALLS; n++) {
      connected.sendRaw(floodFrame(n));
      // Yield now and then so the peer's own socket writes go out (the flood is unpaced for the station).
      if (n % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(
      () => {
        for (; counted < connected.inbound.length; counted++) countAnswer(connected.inbound[counted]!);
        return answered.size === FLOOD_CALLS;
      },
      'every flooded CALL to be answered',
      SOAK ? 1_500_000 : 100_000,
    );
    const seconds = (Date.now() - started) / 1000;
    const stats = [...station.output().stdout.matchAll(/stats rss=(\d+) elmax=(\d+) elp99=(\d+)/g)].at(-1)!;
    const rssMb = Math.round(Number(stats[1]) / 1e6);
    const eventLoopMaxMs = Number(stats[2]);
    const errorText = [...errors].map(([code, count]) => `${code} ${count}`).join(', ');
    console.log(
      `flooding-csms: calls ${FLOOD_CALLS}, answered ${answered.size} in ${seconds.toFixed(1)} s, errors {${errorText}}, ` +
        `statuses {${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}}, ` +
        `station rss max ${rssMb} MB (bound ${RSS_BOUND_MB}), event loop max ${eventLoopMaxMs} ms p99 ${stats[3]} ms (bound ${EVENT_LOOP_BOUND_MS}), ` +
        `Heartbeats ${peer.callsOf('Heartbeat').length}, NotifyReport pages ${peer.callsOf('NotifyReport').length}`,
    );
    const checks = [
      ['every CALL answered', answered.size === FLOOD_CALLS],
      ['RSS bounded', rssMb < RSS_BOUND_MB],
      ['event loop responsive', eventLoopMaxMs < EVENT_LOOP_BOUND_MS],
      ['still running', station.child.exitCode === null],
    ] as const;
    const failed = checks.filter(([, ok]) => !ok).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    assert.equal(failed, 0, checks.filter(([, ok]) => !ok).map(([name]) => name).join(', '));
    station.child.kill('SIGKILL');
    await exited(station.child);
  });
});
