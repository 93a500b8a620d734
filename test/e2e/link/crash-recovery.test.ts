// "Never lose a transaction message": a station process with queued TransactionEvents is killed with
// SIGKILL while the CSMS holds one of them unanswered, then restarted on the same SQLite file. Every event is
// acknowledged by the CSMS exactly once, in the original order; only the unanswered one is sent twice
// (with a new message id), as OCPP-J's at-least-once delivery requires.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsmsPeer } from '../../support/csms-peer.js';
import { waitFor } from '../../support/wait-for.js';
import { exited, killChildren, startScript } from '../../support/child-process.js';

const childScript = fileURLToPath(new URL('../../support/crash-child.ts', import.meta.url));

function startChild(url: string, db: string, count: number) {
  return startScript(childScript, [url, db, String(count)]);
}

describe('persistent queue survives SIGKILL (E13, OCPP-J at-least-once)', () => {
  const EVENTS = 30;
  const ANSWERED_BEFORE_CRASH = 8;
  let dir: string;
  let peer: CsmsPeer;
  const acknowledged: number[] = [];
  const messageIds: string[] = [];
  let holdAnswers = true;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-crash-'));
    peer = await CsmsPeer.start({
      handlers: {
        TransactionEvent: (payload: { seqNo: number }) => {
          if (holdAnswers && acknowledged.length >= ANSWERED_BEFORE_CRASH) return new Promise(() => undefined);
          acknowledged.push(payload.seqNo);
          return {};
        },
      },
    });
  });

  after(async () => {
    await killChildren();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every queued TransactionEvent exactly once, in order, across a SIGKILL', async () => {
    const db = join(dir, 'station.db');
    const first = startChild(peer.url, db, EVENTS);
    await waitFor(() => first.output().includes(`queued ${EVENTS}`), 'the first run to queue its events');
    await waitFor(() => peer.callsOf('TransactionEvent').length === ANSWERED_BEFORE_CRASH + 1, 'a call held unanswered');
    first.child.kill('SIGKILL');
    await exited(first.child);

    holdAnswers = false;
    const second = startChild(peer.url, db, 0);
    try {
      await waitFor(() => acknowledged.length === EVENTS, 'all events acknowledged after restart');
      assert.match(second.output(), /queued \d+/);
      assert.deepEqual(acknowledged, Array.from({ length: EVENTS }, (_, i) => i), 'each seqNo once, in order');
      const calls = peer.callsOf('TransactionEvent');
      assert.equal(calls.length, EVENTS + 1, 'only the unanswered event was sent a second time');
      assert.equal(calls[ANSWERED_BEFORE_CRASH]!.payload.seqNo, calls[ANSWERED_BEFORE_CRASH + 1]!.payload.seqNo);
      for (const call of calls) messageIds.push(call.messageId);
      assert.equal(new Set(messageIds).size, messageIds.length, 'every send used a new message id');
    } finally {
      second.child.kill('SIGKILL');
      await exited(second.child);
    }
  });
});
