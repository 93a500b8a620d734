// Issue 10 item 6: every number field of every CSMS-to-station request, set in turn to values that break careless
// arithmetic (1e308, 2^53 + 1, 1.2e29, 2^31, ...), as long as the schema allows them. The station must answer each
// with a CALLRESULT or a CALLERROR other than InternalError: a schema-valid request is never an internal error.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validatePayload } from '../../../src/rpc/schema-validator.js';
import type { Action } from '../../../src/messages/types.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { startAcceptedStation, type Closables } from '../../support/test-station.js';
import { waitFor } from '../../support/wait-for.js';
import { requestArbitrary } from '../../reliability/support/schema-arbitrary.js';
import { CSMS_ACTIONS, answeringCsms, answersFrom } from '../../reliability/support/csms-actions.js';

const EXTREMES = [1e308, -1e308, Number('9007199254740993'), 1.2e29, 2 ** 31, -(2 ** 31), 1e21, 5e-324, -0.5];
/** Samples per action: enough that the optional number fields appear. */
const SAMPLES = 8;

interface Case {
  readonly action: string;
  readonly path: string;
  readonly value: number;
  readonly payload: unknown;
}

/** Paths of the number leaves of a payload, e.g. ['chargingProfile', 'chargingSchedule', 0, 'duration']. */
function numberPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'number') return [at];
  if (Array.isArray(value)) return value.flatMap((item, index) => numberPaths(item, [...at, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => numberPaths(item, [...at, key]));
  return [];
}

/** The sample aimed at what the station has (EVSE 1, connector 1), so that the handlers get past their lookups. */
function onEvseOne(value: unknown, key?: string): unknown {
  if (typeof value === 'number' && (key === 'evseId' || key === 'connectorId' || key === 'evse.id')) return 1;
  if (Array.isArray(value)) return value.map((item) => onEvseOne(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, onEvseOne(item, key === 'evse' && name === 'id' ? 'evse.id' : name)]));
  }
  return value;
}

function withValue(payload: unknown, path: (string | number)[], value: number): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

/** One case per action, number field (array positions folded) and extreme value the schema accepts. */
function cases(): Case[] {
  const seen = new Set<string>();
  const all: Case[] = [];
  for (const action of CSMS_ACTIONS) {
    const samples = fc.sample(requestArbitrary(action), { numRuns: SAMPLES, seed: 1206 });
    for (const payload of [...samples.map((sample) => onEvseOne(sample)), ...samples]) {
      for (const path of numberPaths(payload)) {
        const field = path.map((key) => (typeof key === 'number' ? '[]' : key)).join('.');
        for (const value of EXTREMES) {
          const key = `${action} ${field} ${value}`;
          if (seen.has(key)) continue;
          const changed = withValue(payload, path, value);
          if (!validatePayload(action as Action, 'Request', changed).ok) continue;
          seen.add(key);
          all.push({ action, path: field, value, payload: changed });
        }
      }
    }
  }
  return all;
}

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('issue 10 item 6: number fields at their extremes (Part 4 §4.2.3: a valid request is not an InternalError)', () => {
  it('no schema-valid request of any CSMS action answers InternalError, whatever its numbers', async () => {
    const peer = await CsmsPeer.start({ handlers: answeringCsms() });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, { stationId: 'CS-NUMBERS' });
    const table = cases();
    assert.ok(table.length > 100, `only ${table.length} cases`);
    const internal: string[] = [];
    // Twice: the second round meets what the first left installed (profiles, variables, lists).
    const rounds = [...table, ...table];
    for (let first = 0; first < rounds.length; first += 20) {
      const batch = rounds.slice(first, first + 20).map((one, index) => ({ ...one, id: `num-${first + index}` }));
      client.inbound.splice(0);
      for (const one of batch) client.sendRaw(JSON.stringify([2, one.id, one.action, one.payload]));
      await waitFor(() => batch.every((one) => answersFrom(client.inbound).has(one.id)), `answers to cases ${first}..${first + batch.length - 1}`);
      const got = answersFrom(client.inbound);
      for (const one of batch) {
        const answer = got.get(one.id)!;
        if (answer[0] === 4 && answer[2] === 'InternalError') internal.push(`${one.action} ${one.path} = ${one.value}`);
      }
    }
    assert.deepEqual(internal, []);
  });
});
