import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateHandlerError, HandlerRouter } from '../../../src/rpc/handler-router.js';

describe('HandlerRouter', () => {
  it('finds the handler a block registered', () => {
    const router = new HandlerRouter();
    const handler = () => ({ status: 'Accepted' as const });
    router.register('authorization', { ClearCache: handler });
    assert.equal(router.handlerFor('ClearCache'), handler);
    assert.equal(router.handlerFor('Reset'), undefined);
  });

  it('refuses a second owner for an action and adds none of its handlers', () => {
    const router = new HandlerRouter();
    router.register('authorization', { ClearCache: () => ({ status: 'Accepted' }) });
    assert.throws(
      () =>
        router.register('other', {
          GetLocalListVersion: () => ({ versionNumber: 1 }),
          ClearCache: () => ({ status: 'Rejected' }),
        }),
      DuplicateHandlerError,
    );
    assert.equal(router.handlerFor('GetLocalListVersion'), undefined);
  });

  it('unregisters all handlers of an owner', () => {
    const router = new HandlerRouter();
    router.register('a', { ClearCache: () => ({ status: 'Accepted' }) });
    router.unregister('a');
    assert.deepEqual(router.actions, []);
  });
});
