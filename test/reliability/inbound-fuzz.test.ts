// Property-based fuzz of the inbound path (fast-check): arbitrary frames, and schema-valid payloads of every
// CSMS-to-station action with one fault mixed in (a key removed or added, a value of the wrong type, extreme
// numbers), sent over a real loopback websocket to a running station. Properties: the station never crashes,
// answers every CALL with its message id (a CALLRESULT, or a CALLERROR with a Part 4 error code), keeps the
// connection, and never answers a request that passes its schema with InternalError. SOAK=1 runs it at scale.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsmsPeer } from '../support/csms-peer.js';
import { startAcceptedStation, type Closables } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { CSMS_ACTIONS, answeringCsms, answersFrom } from './support/csms-actions.js';
import { mutate, requestArbitrary, type Mutation } from './support/schema-arbitrary.js';

const SOAK = process.env.SOAK === '1';
const RUNS = SOAK ? 30_000 : 150;
/** Frames per fast-check run: each run is one batch, then a probe that must be answered after all of them. */
const BATCH = 10;


/** The error codes of OCPP-J 2.0.1 (Part 4, CALLERROR). */
const PART4_ERROR_CODES = new Set([
  'FormatViolation', 'GenericError', 'InternalError', 'MessageTypeNotSupported', 'NotImplemented', 'NotSupported',
  'OccurrenceConstraintViolation', 'PropertyConstraintViolation', 'ProtocolError', 'RpcFrameworkError',
  'SecurityError', 'TypeConstraintViolation',
]);

interface Sent {
  text: string;
  /** The message id an answer must carry (undefined: no answer is owed). */
  id?: string;
  /** A schema-valid CALL: InternalError would be a defect. */
  valid: boolean;
}

const schemaCall = fc
  .tuple(
    fc.constantFrom(...CSMS_ACTIONS).chain((action) => fc.tuple(fc.constant(action), requestArbitrary(action))),
    fc.constantFrom<Mutation>('none', 'none', 'drop-key', 'extra-key', 'wrong-type'),
    fc.nat(),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([[action, payload], mutation, pick, junk]) => ({ action, payload: mutate(payload, mutation, pick, junk), valid: mutation === 'none' }));

const messageId = fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/);

/** A frame and what it owes: CALLs with a readable id are answered, everything else must at least not hurt. */
const frame: fc.Arbitrary<(id: string) => Sent> = fc.oneof(
  { weight: 6, arbitrary: schemaCall.map((call) => (id: string) => ({ text: JSON.stringify([2, id, call.action, call.payload]), id, valid: call.valid })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => () => ({ text, valid: false })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => () => ({ text: JSON.stringify(value) ?? 'null', valid: false })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([action, payload]) => (id: string) => ({ text: JSON.stringify([2, id, action, payload]), id, valid: false })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(3, 4, 5, 7, -1, 2.5), fc.jsonValue({ maxDepth: 2 }))
      .map(([type, rest]) => () => ({ text: JSON.stringify([type, 'fuzz-unknown-id', rest]), valid: false })),
  },
  { weight: 1, arbitrary: messageId.map((badId) => () => ({ text: `[2,${JSON.stringify(badId)},"Reset"`, valid: false })) },
);

const open: Closables = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

describe('inbound fuzz: arbitrary and mutated frames for every CSMS action (Part 4 §4, B-N handlers)', () => {
  it('never crashes, answers every CALL with its id and a Part 4 code, keeps the connection, no InternalError for valid requests', async () => {
    const peer = await CsmsPeer.start({ handlers: answeringCsms() });
    open.push(peer);
    const { client } = await startAcceptedStation(peer, open, { stationId: 'CS-FUZZ' });
    let closed = false;
    const clientsAtStart = peer.clients.length;
    const figures = { frames: 0, calls: 0, answers: 0, results: 0, errors: new Map<string, number>(), internalOnValid: [] as string[] };
    let next = 0;
    client.inbound.splice(0);

    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: BATCH }), async (frames) => {
        const sent = frames.map((make) => make(`fz-${next++}`));
        for (const one of sent) client.sendRaw(one.text);
        const probe = `probe-${next++}`;
        client.sendRaw(JSON.stringify([2, probe, 'GetLocalListVersion', {}]));
        figures.frames += sent.length + 1;
        await waitFor(() => answersFrom(client.inbound).has(probe), `the answer to ${probe}`);
        // Read and forgotten, so that the RSS printed is the station's and not this record's.
        const answers = answersFrom(client.inbound.splice(0));
        for (const one of sent) {
          if (one.id === undefined) continue;
          figures.calls++;
          const answer = answers.get(one.id);
          assert.ok(answer, `no answer to ${one.text.slice(0, 200)}`);
          figures.answers++;
          if (answer[0] === 3) {
            figures.results++;
            continue;
          }
          const code = String(answer[2]);
          assert.ok(PART4_ERROR_CODES.has(code), `not a Part 4 error code: ${code}`);
          figures.errors.set(code, (figures.errors.get(code) ?? 0) + 1);
          // A request that passed its schema reached a handler: InternalError there is a defect, mutated or not.
          if (code === 'InternalError') figures.internalOnValid.push(one.text.slice(0, 300));
        }
        closed = peer.clients.length !== clientsAtStart;
        assert.equal(closed, false, 'the station kept its connection');
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 1204), endOnFailure: true },
    );

    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    const errors = [...figures.errors].map(([code, count]) => `${code} ${count}`).join(', ');
    console.log(
      `inbound-fuzz: frames ${figures.frames}, calls ${figures.calls}, answered ${figures.answers}, results ${figures.results}, ` +
        `errors {${errors}}, InternalError for schema-valid ${figures.internalOnValid.length}, crashes 0, rss ${rssMb} MB`,
    );
    for (const example of figures.internalOnValid.slice(0, 10)) console.log(`  InternalError: ${example}`);
    const checks = [
      ['every CALL answered', figures.answers === figures.calls],
      ['connection kept', !closed],
      ['no InternalError for a schema-valid request', figures.internalOnValid.length === 0],
    ] as const;
    const failed = checks.filter(([, ok]) => !ok).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    assert.deepEqual(figures.internalOnValid, []);
  });
});
