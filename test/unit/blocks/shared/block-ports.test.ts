// How blocks find each other's ports: one owner per name, a clear error for a port no block provides, and the
// lazy stand-in that looks the port up at each use (so blocks can be built in any order).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicatePortError, MissingPortError, PortRegistry } from '../../../../src/blocks/shared/block-ports.js';
import type { TransactionActivity } from '../../../../src/blocks/shared/transaction-activity.js';

function activity(active: boolean): TransactionActivity {
  return { hasActiveTransaction: () => active, whenIdle: (_evseId, idle) => idle() };
}

describe('PortRegistry', () => {
  it('get returns the port a block added; find returns undefined when no block provides one', () => {
    const ports = new PortRegistry();
    assert.equal(ports.find('transactionActivity'), undefined);
    const port = activity(true);
    ports.add('transactions', { transactionActivity: port });
    assert.equal(ports.get('transactionActivity'), port);
    assert.equal(ports.find('transactionActivity'), port);
  });

  it('get throws MissingPortError naming the port when no block provides it', () => {
    const ports = new PortRegistry();
    assert.throws(() => ports.get('transactionActivity'), (error: unknown) => {
      assert.ok(error instanceof MissingPortError);
      assert.equal(error.port, 'transactionActivity');
      assert.match(error.message, /no block of this station provides the port "transactionActivity"/);
      return true;
    });
  });

  it('refuses a second owner of a name, naming both, and adds none of that block\'s ports', () => {
    const ports = new PortRegistry();
    const first = activity(true);
    ports.add('transactions', { transactionActivity: first });
    assert.throws(() => ports.add('other', { transactionActivity: activity(false) }), (error: unknown) => {
      assert.ok(error instanceof DuplicatePortError);
      assert.deepEqual([error.port, error.owner, error.existingOwner], ['transactionActivity', 'other', 'transactions']);
      return true;
    });
    assert.equal(ports.get('transactionActivity'), first);
  });

  it('lazy: a stand-in made before the port exists forwards each use to the port added later, bound to it', () => {
    const ports = new PortRegistry();
    const stand = ports.lazy('transactionActivity');
    assert.throws(() => stand.hasActiveTransaction(1), MissingPortError);
    const calls: (number | undefined)[] = [];
    ports.add('transactions', {
      transactionActivity: {
        active: true,
        hasActiveTransaction(evseId?: number) {
          calls.push(evseId);
          return this.active;
        },
        whenIdle: () => undefined,
      } as TransactionActivity & { active: boolean },
    });
    assert.equal(stand.hasActiveTransaction(2), true);
    assert.deepEqual(calls, [2]);
    assert.equal('whenIdle' in stand, true);
  });
});
