// What the authorization unit tests share: a real DeviceModel holding the three authorization controllers, a
// fake `send` that records Authorize requests and answers them as a test says, and the block itself built on
// the in-memory stores.
import { Authorization } from '../../../../src/blocks/authorization/authorization.js';
import { declarationsOf } from '../../../../src/device-model/declare.js';
import { DeviceModel, type InitialValue } from '../../../../src/device-model/device-model.js';
import { AuthCacheCtrlr, AuthCtrlr, LocalAuthListCtrlr } from '../../../../src/device-model/standardized/index.js';
import type { AnyVariable, VariableDeclaration } from '../../../../src/device-model/types.js';
import type { OcppLink } from '../../../../src/link/ocpp-link.js';
import { silentLogger } from '../../../../src/logger.js';
import type { Action, IdTokenInfoType, IdTokenType, Request } from '../../../../src/messages/types.js';
import { assertValidOutgoing } from '../../../../src/rpc/schema-validator.js';
import type { AuthCacheStore } from '../../../../src/storage/auth-cache-store.js';
import type { LocalAuthListStore } from '../../../../src/storage/local-auth-list-store.js';
import { MemoryAuthCacheStore } from '../../../../src/storage/memory/memory-auth-cache-store.js';
import { MemoryDeviceModelStore } from '../../../../src/storage/memory/memory-device-model-store.js';
import { MemoryLocalAuthListStore } from '../../../../src/storage/memory/memory-local-auth-list-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

export const START = '2026-03-01T12:00:00.000Z';

export const rfid = (idToken: string): IdTokenType => ({ idToken, type: 'ISO14443' });

/** An answer to Authorize: a status, or a thrown error (no answer). */
export type AuthorizeAnswer = IdTokenInfoType | Error;

export interface Harness {
  readonly auth: Authorization;
  readonly model: DeviceModel;
  readonly clock: FakeClock;
  readonly cache: AuthCacheStore;
  readonly list: LocalAuthListStore;
  /** Every Authorize request sent, in order. */
  readonly authorizeCalls: Request<'Authorize'>[];
  online: boolean;
  /** What the CSMS answers to Authorize; default Accepted. */
  answer: (request: Request<'Authorize'>) => AuthorizeAnswer;
  /** Sets an Actual value as the integrator would. */
  set<T>(handle: VariableDeclaration<T, boolean>, value: T): void;
}

export interface HarnessOptions {
  initialValues?: readonly InitialValue[];
  /** Replace standardized declarations with these (same component and variable). */
  declarations?: readonly AnyVariable[];
  maxCacheEntries?: number;
  cache?: AuthCacheStore;
  list?: LocalAuthListStore;
  clock?: FakeClock;
}

function sameVariable(a: AnyVariable, b: AnyVariable): boolean {
  return a.component.name === b.component.name && a.variable.name === b.variable.name && a.variable.instance === b.variable.instance;
}

export function harness(options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? new FakeClock(START);
  const replacements = options.declarations ?? [];
  const declarations = [...declarationsOf(AuthCtrlr), ...declarationsOf(AuthCacheCtrlr), ...declarationsOf(LocalAuthListCtrlr)].map(
    (declaration) => replacements.find((replacement) => sameVariable(replacement, declaration)) ?? declaration,
  );
  const model = DeviceModel.load({
    declarations,
    store: new MemoryDeviceModelStore(),
    clock,
    supportedBlocks: ['Authorization', 'AuthCache', 'LocalAuthList'],
    initialValues: options.initialValues ?? [],
  });
  const cache = options.cache ?? new MemoryAuthCacheStore();
  const list = options.list ?? new MemoryLocalAuthListStore();
  const authorizeCalls: Request<'Authorize'>[] = [];
  const state = {
    online: true,
    answer: (_request: Request<'Authorize'>): AuthorizeAnswer => ({ status: 'Accepted' }),
  };
  const send = (async (action: Action, payload: unknown) => {
    // Like the real queue: a payload that breaks its schema throws before anything is sent.
    assertValidOutgoing(action, 'Request', payload);
    if (action !== 'Authorize') throw new Error(`unexpected ${action}`);
    const request = payload as Request<'Authorize'>;
    authorizeCalls.push(request);
    const answer = state.answer(request);
    if (answer instanceof Error) throw answer;
    return { idTokenInfo: answer };
  }) as OcppLink['send'];
  const auth = new Authorization({
    model,
    send,
    isOnline: () => state.online,
    clock,
    logger: silentLogger(),
    cache,
    localList: list,
    ...(options.maxCacheEntries !== undefined ? { maxCacheEntries: options.maxCacheEntries } : {}),
  });
  return {
    auth,
    model,
    clock,
    cache,
    list,
    authorizeCalls,
    get online() {
      return state.online;
    },
    set online(value: boolean) {
      state.online = value;
    },
    get answer() {
      return state.answer;
    },
    set answer(value) {
      state.answer = value;
    },
    set(handle, value) {
      const outcome = model.set(handle, value, 'integrator');
      if (outcome.status === 'Rejected') throw new Error(`cannot set ${handle.variable.name}: ${outcome.additionalInfo}`);
    },
  };
}
