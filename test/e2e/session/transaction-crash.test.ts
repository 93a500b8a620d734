// "Never lose a transaction message": a station process killed with SIGKILL in the middle of a transaction,
// while the CSMS holds one TransactionEvent unanswered, then started again on the same SQLite file. Every
// TransactionEvent reaches the CSMS (the unanswered one again, with a new message id), seqNo runs without gaps
// or repeats, and the interrupted transaction ends cleanly (AbnormalCondition, PowerLoss).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { exited, killChildren, startScript } from '../../support/child-process.js';

const childScript = fileURLToPath(new URL('../../support/session-crash-child.ts', import.meta.url));

function startChild(url: string, db: string, mode: 'charge' | 'restart') {
  return startScript(childScript, [url, db, mode]);
}

describe('a transaction across a SIGKILL (E04, E13, E01.FR.07)', () => {
  let dir: string;
  let peer: CsmsPeer;
  let holdChargingEvent = true;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-txcrash-'));
    peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
        // The CSMS never answers the ChargingStateChanged event before the crash.
        TransactionEvent: (payload: any) =>
          holdChargingEvent && payload.triggerReason === 'ChargingStateChanged' ? new Promise(() => undefined) : {},
      },
    });
  });

  after(async () => {
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every event once acknowledged, seqNo continuous, and ends the transaction cleanly after the restart', async () => {
    const db = join(dir, 'station.db');
    const first = startChild(peer.url, db, 'charge');
    try {
      await waitFor(() => /charging \S+/.test(first.output()), 'the first run to charge');
      await waitFor(() => peer.callsOf('TransactionEvent').length === 2, 'the held ChargingStateChanged event');
    } finally {
      first.child.kill('SIGKILL');
      await exited(first.child);
    }
    const transactionId = /charging (\S+)/.exec(first.output())![1];
    holdChargingEvent = false;

    const second = startChild(peer.url, db, 'restart');
    try {
      await waitFor(() => peer.callsOf('TransactionEvent').length === 4, 'the resent event and the Ended event');
      const events = peer.callsOf('TransactionEvent').map((call) => call.payload);
      assert.deepEqual(
        events.map((e: any) => `${e.seqNo} ${e.eventType} ${e.triggerReason}`),
        ['0 Started Authorized', '1 Updated ChargingStateChanged', '1 Updated ChargingStateChanged', '2 Ended AbnormalCondition'],
      );
      assert.ok(events.every((e: any) => e.transactionInfo.transactionId === transactionId));
      assert.equal(events[3].transactionInfo.stoppedReason, 'PowerLoss');
      const ids = peer.callsOf('TransactionEvent').map((call) => call.messageId);
      assert.notEqual(ids[1], ids[2], 'the resent event has a new message id');
    } finally {
      second.child.kill('SIGKILL');
      await exited(second.child);
    }
  });
});
