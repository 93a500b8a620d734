// F06: every block's TriggerMessage answers in one directory, one owner per requested message; the
// TriggerMessage handler answers first and sends after (F06.FR.04), NotImplemented for what nobody serves
// (F06.FR.08).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateTriggerError, TriggerDirectory, type Trigger } from '../../../../src/blocks/shared/trigger.js';
import { triggerMessageHandlers } from '../../../../src/blocks/remote-control/trigger-message.js';
import type { CallContext } from '../../../../src/rpc/handler-router.js';

function context(tasks: (() => void)[]): CallContext {
  return { messageId: 'm-1', action: 'TriggerMessage', afterResponse: (task) => tasks.push(task) };
}

describe('TriggerDirectory and the TriggerMessage handler (F06)', () => {
  it('refuses a second owner of a message, naming both, and adds none of that table', () => {
    const directory = new TriggerDirectory();
    const heartbeat: Trigger = () => ({ status: 'Rejected' });
    directory.add('provisioning', { Heartbeat: heartbeat });
    assert.throws(
      () => directory.add('other', { MeterValues: heartbeat, Heartbeat: heartbeat }),
      (error: unknown) => error instanceof DuplicateTriggerError && error.requestedMessage === 'Heartbeat' && error.existingOwner === 'provisioning',
    );
    assert.deepEqual(directory.messages, ['Heartbeat']);
    assert.equal(directory.lookup('MeterValues'), undefined);
  });

  it('F06.FR.04: Accepted, and the message is sent only after the response has gone out', () => {
    const directory = new TriggerDirectory();
    const sent: string[] = [];
    directory.add('provisioning', { Heartbeat: () => ({ status: 'Accepted', send: () => sent.push('Heartbeat') }) });
    const tasks: (() => void)[] = [];
    const response = triggerMessageHandlers(directory.lookup, { hasRoomForPromises: true }).TriggerMessage!({ requestedMessage: 'Heartbeat' }, context(tasks));
    assert.deepEqual(response, { status: 'Accepted' });
    assert.deepEqual(sent, []);
    tasks.forEach((task) => task());
    assert.deepEqual(sent, ['Heartbeat']);
  });

  it('F06.FR.08: NotImplemented for a message no block serves; a Rejected decision sends nothing', () => {
    const directory = new TriggerDirectory();
    directory.add('availability', { StatusNotification: (evse) => (evse ? { status: 'Accepted', send: () => undefined } : { status: 'Rejected' }) });
    const tasks: (() => void)[] = [];
    const handler = triggerMessageHandlers(directory.lookup, { hasRoomForPromises: true }).TriggerMessage!;
    assert.deepEqual(handler({ requestedMessage: 'SignCombinedCertificate' }, context(tasks)), { status: 'NotImplemented' });
    assert.deepEqual(handler({ requestedMessage: 'StatusNotification' }, context(tasks)), { status: 'Rejected' });
    assert.equal(tasks.length, 0);
  });

  it('F06.FR.10: Rejected while the outgoing queue is full, so an accepted message is never dropped', () => {
    const directory = new TriggerDirectory();
    directory.add('provisioning', { Heartbeat: () => ({ status: 'Accepted', send: () => undefined }) });
    const tasks: (() => void)[] = [];
    const handler = triggerMessageHandlers(directory.lookup, { hasRoomForPromises: false }).TriggerMessage!;
    assert.deepEqual(handler({ requestedMessage: 'Heartbeat' }, context(tasks)), { status: 'Rejected' });
    assert.deepEqual(handler({ requestedMessage: 'SignCombinedCertificate' }, context(tasks)), { status: 'NotImplemented' });
    assert.equal(tasks.length, 0);
  });
});
