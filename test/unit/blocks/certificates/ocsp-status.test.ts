// M06: the OCSP status of the V2G chain (src/blocks/certificates/ocsp-status.ts) over a memory store, a FakeClock
// and a fake CSMS that answers with OCSP responses made by openssl in responder mode (test/support/ocsp-pki.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { InstalledCertificates } from '../../../../src/blocks/certificates/installed-certificates.js';
import { OCSP_REFRESH_MS, OCSP_RETRY_MS, OcspStatus, ocspKey } from '../../../../src/blocks/certificates/ocsp-status.js';
import type { Logger } from '../../../../src/logger.js';
import type { Request, Response } from '../../../../src/messages/types.js';
import { MemoryCertificateStore } from '../../../../src/storage/memory/memory-certificate-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { createOcspPki, OCSP_URL, type OcspPki } from '../../../support/ocsp-pki.js';

let pki: OcspPki;
/** Base64 OCSP responses by certificate serial (lower-case hex). */
const responses = new Map<string, string>();
before(async () => {
  pki = await createOcspPki('Unit');
  for (const [cert, issuer] of [[pki.leaf.cert, pki.subCa], [pki.subCa.cert, pki.root]] as const) {
    responses.set(serialOf(cert), await pki.ocspResponse(cert, issuer));
  }
});
after(() => pki.cleanUp());

function serialOf(pem: string): string {
  return new X509Certificate(pem).serialNumber.toLowerCase().replace(/^0+/, '');
}

interface LogLine {
  level: string;
  fields: object;
  message: string | undefined;
}

function recordingLogger(lines: LogLine[]): Logger {
  const method = (level: string) => (fields: object | string, message?: string) => {
    lines.push(typeof fields === 'string' ? { level, fields: {}, message: fields } : { level, fields, message });
  };
  const logger: Logger = { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error'), child: () => logger };
  return logger;
}

function harness(options: { chain?: string; withRoot?: boolean } = {}) {
  const store = new MemoryCertificateStore();
  const certificates = new InstalledCertificates(store);
  const clock = new FakeClock('2026-12-04T12:00:00.000Z');
  const installedAt = clock.now().toISOString();
  if (options.withRoot ?? true) certificates.add({ role: 'V2GRootCertificate', pem: pki.root.cert, state: 'active', installedAt });
  certificates.add({ role: 'V2GCertificate', pem: options.chain ?? pki.leaf.cert + pki.subCa.cert, keyId: 'k', state: 'active', installedAt });
  const requests: Request<'GetCertificateStatus'>[] = [];
  const lines: LogLine[] = [];
  const state = {
    online: true,
    answer: (request: Request<'GetCertificateStatus'>): Response<'GetCertificateStatus'> | Error => {
      const ocspResult = responses.get(request.ocspRequestData.serialNumber);
      return ocspResult ? { status: 'Accepted', ocspResult } : { status: 'Failed' };
    },
  };
  const ocsp = new OcspStatus({
    certificates,
    store,
    clock,
    isOnline: () => state.online,
    logger: recordingLogger(lines),
    send: async (request) => {
      requests.push(request);
      const answer = state.answer(request);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  const step = async (ms = 0) => {
    await clock.advance(ms);
    await ocsp.settled();
  };
  return { store, certificates, clock, ocsp, requests, lines, state, step };
}

describe('M06 OCSP status of the V2G chain', () => {
  it('M06.FR.06 asks for the leaf and the sub-CA (not the root) with the request data openssl computes, and caches both answers', async () => {
    const h = harness();
    h.ocsp.start();
    await h.step();
    assert.equal(h.requests.length, 2);
    const [leaf, sub] = h.requests.map((request) => request.ocspRequestData);
    assert.deepEqual(leaf, { ...(await pki.opensslRequestData(pki.leaf.cert, pki.subCa.cert)), responderURL: OCSP_URL });
    assert.deepEqual(sub, { ...(await pki.opensslRequestData(pki.subCa.cert, pki.root.cert)), responderURL: OCSP_URL });
    const cached = h.store.ocspResponses();
    assert.deepEqual(cached.map((entry) => entry.key).sort(), [ocspKey(leaf!), ocspKey(sub!)].sort());
    assert.equal(cached.find((entry) => entry.key === ocspKey(leaf!))!.response, responses.get(serialOf(pki.leaf.cert)));
    assert.equal(cached[0]!.fetchedAt, '2026-12-04T12:00:00.000Z');
    assert.ok(cached[0]!.nextUpdate, 'the nextUpdate of the response is kept');
    const listed = await h.ocsp.v2gOcspResponses();
    assert.deepEqual(listed.map((entry) => entry.cached?.response), [responses.get(serialOf(pki.leaf.cert)), responses.get(serialOf(pki.subCa.cert))]);
    h.ocsp.stop();
  });

  it('M06.FR.10 refreshes a week after fetching, not before', async () => {
    const h = harness();
    h.ocsp.start();
    await h.step();
    assert.equal(h.requests.length, 2);
    await h.step(OCSP_REFRESH_MS - 1000);
    assert.equal(h.requests.length, 2, 'nothing asked before the week is over');
    await h.step(1000);
    assert.equal(h.requests.length, 4);
    assert.equal(h.store.ocspResponses()[0]!.fetchedAt, new Date(Date.parse('2026-12-04T12:00:00.000Z') + OCSP_REFRESH_MS).toISOString());
    h.ocsp.stop();
    assert.equal(h.clock.pendingTimers, 0);
  });

  it('M06.FR.07 a new V2G certificate is asked about at once, and the answer of the one it replaced goes', async () => {
    const h = harness();
    h.ocsp.start();
    await h.step();
    const oldLeafKey = ocspKey(h.requests[0]!.ocspRequestData);
    // The same leaf and sub-CA, but as a new row: the store now has the chain of the sub-CA alone (a "new" leaf).
    for (const entry of h.certificates.ofRole('V2GCertificate')) h.certificates.remove(entry.stored.id);
    h.certificates.add({ role: 'V2GCertificate', pem: pki.subCa.cert, keyId: 'k2', state: 'active', installedAt: h.clock.now().toISOString() });
    h.ocsp.certificateChanged();
    await h.step();
    assert.equal(h.requests.length, 3, 'the new chain was asked about although its sub-CA answer is fresh');
    assert.equal(h.requests[2]!.ocspRequestData.serialNumber, serialOf(pki.subCa.cert));
    assert.deepEqual(h.store.ocspResponses().map((entry) => entry.key).includes(oldLeafKey), false);
    h.ocsp.stop();
  });

  it('M06.FR.06 a garbage ocspResult or an answer for another certificate is not cached, is logged, and is retried later', async () => {
    const h = harness();
    h.state.answer = () => ({ status: 'Accepted', ocspResult: 'bm90IGFuIE9DU1AgcmVzcG9uc2U=' });
    h.ocsp.start();
    await h.step();
    assert.equal(h.store.ocspResponses().length, 0);
    const warnings = h.lines.filter((line) => line.level === 'warn' && /not usable/.test(line.message ?? ''));
    assert.equal(warnings.length, 2);
    // The responder answers for the sub-CA when asked about the leaf: refused too.
    h.state.answer = () => ({ status: 'Accepted', ocspResult: responses.get(serialOf(pki.subCa.cert))! });
    await h.step(OCSP_RETRY_MS);
    assert.equal(h.requests.length, 4);
    assert.deepEqual(h.store.ocspResponses().map((entry) => entry.key), [ocspKey(h.requests[3]!.ocspRequestData)]);
    h.ocsp.stop();
  });

  it('M06.FR.06 offline, Failed or no answer: nothing cached, asked again an hour later or when online again', async () => {
    const h = harness();
    h.state.online = false;
    h.ocsp.start();
    await h.step();
    assert.equal(h.requests.length, 0);
    h.state.online = true;
    h.ocsp.online();
    await h.step();
    assert.equal(h.requests.length, 2);
    assert.equal(h.store.ocspResponses().length, 2);

    const failing = harness();
    failing.state.answer = () => new Error('timeout');
    failing.ocsp.start();
    await failing.step();
    failing.state.answer = () => ({ status: 'Failed', statusInfo: { reasonCode: 'Unreachable' } });
    await failing.step(OCSP_RETRY_MS);
    assert.equal(failing.requests.length, 4);
    assert.equal(failing.store.ocspResponses().length, 0);
    assert.ok(failing.lines.some((line) => line.level === 'warn' && /could not get the OCSP status/.test(line.message ?? '')));
    h.ocsp.stop();
    failing.ocsp.stop();
  });

  it('M06.FR.06 a certificate whose issuer is not installed is not asked about, and a cache that is complete waits', async () => {
    const h = harness({ chain: pki.leaf.cert + pki.subCa.cert, withRoot: false });
    h.ocsp.start();
    await h.step();
    assert.deepEqual(h.requests.map((request) => request.ocspRequestData.serialNumber), [serialOf(pki.leaf.cert)]);
    assert.ok(h.lines.some((line) => line.level === 'warn' && /no OCSP request can be made/.test(line.message ?? '')));
    h.ocsp.start();
    await h.step();
    assert.equal(h.requests.length, 1, 'a fresh cache is not asked for again at start');
    h.ocsp.stop();
  });
});
