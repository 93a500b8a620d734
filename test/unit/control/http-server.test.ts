// The HTTP control API over a real loopback socket, against a fake StationControl: every route, every error
// status, the body limit, bad JSON, and a server that keeps answering after all of it. Starting and closing:
// http-server-lifecycle.test.ts.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { CONTROL_BODY_LIMIT, startControlServer, type ControlServer } from '../../../src/control/http-server.js';
import { CONTROL_ROUTES } from '../../../src/control/routes.js';
import { FakeStationControl } from './fake-station-control.js';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

function capturingLogger() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A raw request through node:http, for what fetch will not send (another Host, a declared length, bad bytes). */
function rawRequest(url: string, options: { method: string; path: string; headers?: Record<string, string | number>; body?: Buffer | string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${options.path}`, { method: options.method, headers: options.headers ?? {} }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: response.statusCode!, headers, body: JSON.parse(text) });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('control API server', () => {
  let control: FakeStationControl;
  let server: ControlServer;
  let log: ReturnType<typeof capturingLogger>;

  before(async () => {
    log = capturingLogger();
    control = new FakeStationControl();
    server = await startControlServer({ control, logger: log.logger });
  });

  after(async () => {
    await server.close();
  });

  beforeEach(() => {
    control.calls.length = 0;
    log.lines.length = 0;
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  it('listens on 127.0.0.1 by default, on a port the system picked', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(server.url).port, '0');
  });

  it('GET /status answers the station status as JSON, not to be cached', async () => {
    const answer = await call('GET', '/status');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.deepEqual(answer.body, JSON.parse(JSON.stringify(new FakeStationControl().status())));
  });

  const actions: [string, unknown, string, unknown[]][] = [
    ['/plug', { evse: 1 }, 'plug', [1]],
    ['/plug', { evse: 2, connector: 2 }, 'plug', [2, 2]],
    ['/unplug', { evse: 1 }, 'unplug', [1]],
    ['/ev-suspend', { evse: 1 }, 'evSuspend', [1]],
    ['/ev-resume', { evse: 2 }, 'evResume', [2]],
    ['/fault', { evse: 2, connector: 2 }, 'fault', [2, 2]],
    ['/clear-fault', { evse: 2, connector: 1 }, 'clearFault', [2, 1]],
    ['/offline', {}, 'offline', []],
    ['/online', {}, 'online', []],
    ['/reboot', {}, 'reboot', []],
  ];
  for (const [path, body, method, args] of actions) {
    it(`POST ${path} ${JSON.stringify(body)} calls ${method}(${args.join(', ')}) and answers {ok: true}`, async () => {
      const answer = await call('POST', path, body);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { ok: true });
      assert.deepEqual(control.calls, [{ method, args }]);
    });
  }

  it('takes an empty body as {} on the routes without fields', async () => {
    const answer = await call('POST', '/online', '');
    assert.equal(answer.status, 200);
    assert.deepEqual(control.callsOf('online'), [[]]);
  });

  it('POST /authorize passes EVSE or "any", the token and its type, and answers the result', async () => {
    assert.deepEqual((await call('POST', '/authorize', { evse: 1, idToken: 'TOKEN-1' })).body, {
      result: 'authorized',
      evseId: 1,
      status: 'Accepted',
    });
    assert.deepEqual((await call('POST', '/authorize', { evse: 'any', idToken: 'BAD-2', type: 'ISO15693' })).body, {
      result: 'rejected',
      status: 'Invalid',
    });
    assert.equal((await call('POST', '/authorize', { evse: 2, idToken: '', type: 'NoAuthorization' })).status, 200);
    assert.deepEqual(control.callsOf('authorize'), [
      [1, 'TOKEN-1'],
      ['any', 'BAD-2', 'ISO15693'],
      [2, '', 'NoAuthorization'],
    ]);
  });

  it('GET /variables?path= answers the GetVariableResult; POST /variables sets and answers the SetVariableResult', async () => {
    const read = await call('GET', `/variables?path=${encodeURIComponent('EVSE#1.Power/MaxSet')}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, {
      component: { name: 'EVSE', evse: { id: 1 } },
      variable: { name: 'Power' },
      attributeType: 'MaxSet',
      attributeStatus: 'Accepted',
      attributeValue: '11000',
    });
    const written = await call('POST', '/variables', { path: 'OCPPCommCtrlr.HeartbeatInterval', value: '60' });
    assert.equal(written.status, 200);
    assert.equal(written.body.attributeStatus, 'Accepted');
    assert.equal((await call('GET', '/variables?path=OCPPCommCtrlr.HeartbeatInterval')).body.attributeValue, '60');
    const reboot = await call('POST', '/variables', { path: 'VendorCtrlr.Mode', value: 'Boost' });
    assert.equal(reboot.status, 200, 'RebootRequired is a success');
    assert.equal(reboot.body.attributeStatus, 'RebootRequired');
  });

  it('answers 400 with the result when the station does not accept a variable read or write', async () => {
    const unknown = await call('GET', '/variables?path=OCPPCommCtrlr.NoSuchThing');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, 'OCPPCommCtrlr.NoSuchThing: UnknownVariable');
    assert.equal(unknown.body.result.attributeStatus, 'UnknownVariable');
    assert.equal((await call('GET', '/variables?path=Nowhere.Thing')).body.result.attributeStatus, 'UnknownComponent');
    const rejected = await call('POST', '/variables', { path: 'OCPPCommCtrlr.HeartbeatInterval', value: 'soon' });
    assert.equal(rejected.status, 400);
    assert.equal(rejected.body.error, 'OCPPCommCtrlr.HeartbeatInterval: Rejected (InvalidValue: not an integer)');
    assert.equal(rejected.body.result.attributeStatus, 'Rejected');
  });

  it('answers 400 with the message of a ControlError (unknown EVSE or connector)', async () => {
    const answer = await call('POST', '/plug', { evse: 9 });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, { error: 'EVSE 9 does not exist; this station has EVSEs 1 and 2' });
    assert.equal((await call('POST', '/fault', { evse: 1, connector: 3 })).body.error, 'EVSE 1 has no connector 3');
  });

  const badBodies: [string, unknown, RegExp][] = [
    ['/plug', {}, /"evse" is required/],
    ['/plug', { evse: '1' }, /"evse" must be a positive integer, got "1"/],
    ['/plug', { evse: 0 }, /"evse" must be a positive integer, got 0/],
    ['/plug', { evse: 1.5 }, /"evse" must be a positive integer/],
    ['/plug', { evse: -1 }, /"evse" must be a positive integer/],
    ['/plug', { evse: 1, connector: null }, /"connector" must be a positive integer, got null/],
    ['/plug', { evse: 1, connectorId: 1 }, /unknown field "connectorId"; expected "evse", "connector"/],
    ['/unplug', { evse: [1] }, /"evse" must be a positive integer, got an array/],
    ['/fault', { evse: 1 }, /"connector" is required/],
    ['/clear-fault', { connector: 1 }, /"evse" is required/],
    ['/ev-suspend', { evse: true }, /"evse" must be a positive integer, got true/],
    ['/ev-resume', {}, /"evse" is required/],
    ['/offline', { now: true }, /unknown field "now"; this route takes none/],
    ['/reboot', { hard: 1, soft: 2 }, /unknown fields "hard", "soft"/],
    ['/authorize', { evse: 'all', idToken: 'T' }, /"evse" must be a positive integer or "any", got "all"/],
    ['/authorize', { evse: 1 }, /"idToken" is required/],
    ['/authorize', { evse: 1, idToken: 42 }, /"idToken" must be a string, got 42/],
    ['/authorize', { evse: 1, idToken: 'x'.repeat(37) }, /at most 36 characters/],
    ['/authorize', { evse: 1, idToken: '' }, /must not be empty/],
    ['/authorize', { evse: 1, idToken: 'T', type: 'RFID' }, /"type" must be one of Central, eMAID, ISO14443/],
    ['/variables', { path: 'OCPPCommCtrlr.HeartbeatInterval' }, /"value" is required/],
    ['/variables', { path: 'OCPPCommCtrlr.HeartbeatInterval', value: 60 }, /"value" must be a string, got 60/],
    ['/variables', { value: '60' }, /"path" is required/],
    ['/variables', { path: 'HeartbeatInterval', value: '60' }, /not a variable path/],
    ['/variables', { path: { name: 'X' }, value: '60' }, /"path" must be a string, got an object/],
  ];
  for (const [path, body, message] of badBodies) {
    it(`POST ${path} ${JSON.stringify(body).slice(0, 60)} → 400, and the station is not called`, async () => {
      const answer = await call('POST', path, body);
      assert.equal(answer.status, 400);
      assert.match(answer.body.error, message);
      assert.deepEqual(control.calls, []);
    });
  }

  it('answers 400 for a GET /variables without one well-formed path', async () => {
    assert.match((await call('GET', '/variables')).body.error, /"path" query parameter is required/);
    assert.match((await call('GET', '/variables?path=')).body.error, /"path" query parameter is required/);
    assert.match((await call('GET', '/variables?path=A.B&path=C.D')).body.error, /one "path"/);
    const bad = await call('GET', '/variables?path=EVSE%231.Power%2FBiggest');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /not an attribute type/);
    assert.deepEqual(control.calls, []);
  });

  const notJson: [string, string | Buffer, RegExp][] = [
    ['truncated JSON', '{"evse": 1', /not valid JSON/],
    ['an array', '[1]', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['a string', '"plug"', /must be a JSON object/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
  ];
  for (const [what, body, message] of notJson) {
    it(`answers 400 to a body that is ${what}`, async () => {
      const answer = await rawRequest(server.url, { method: 'POST', path: '/plug', headers: { 'content-type': 'application/json' }, body });
      assert.equal(answer.status, 400);
      assert.match(answer.body.error, message);
    });
  }

  it('answers 404 to an unknown route, naming the routes', async () => {
    for (const path of ['/', '/nope', '/status/', '/plug/1', '/STATUS']) {
      const answer = await call('GET', path);
      assert.equal(answer.status, 404, path);
      assert.match(answer.body.error, /routes are \/status, \/plug/);
    }
  });

  it('answers 405 with an Allow header to a wrong method', async () => {
    const post = await call('POST', '/status', {});
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
    const get = await call('GET', '/plug');
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.match(get.body.error, /\/plug answers POST, not GET/);
    const put = await call('PUT', '/variables', { path: 'A.B', value: '1' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
    assert.equal((await call('DELETE', '/status')).status, 405);
    assert.deepEqual(control.calls, []);
  });

  it('answers 415 to a POST whose body is not declared as JSON (a browser form or text/plain request)', async () => {
    const plain = await call('POST', '/reboot', '{}', { 'content-type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.match(plain.body.error, /Content-Type: application\/json/);
    const none = await rawRequest(server.url, { method: 'POST', path: '/reboot' });
    assert.equal(none.status, 415);
    assert.equal((await call('POST', '/online', {}, { 'content-type': 'Application/JSON; charset=utf-8' })).status, 200);
    assert.deepEqual(control.callsOf('reboot'), []);
  });

  it(`answers 413 to a body over ${CONTROL_BODY_LIMIT} bytes, and reads one at the limit`, async () => {
    const padded = (size: number) => {
      const start = '{"evse":1,"pad":"';
      return `${start}${'x'.repeat(size - start.length - 2)}"}`;
    };
    const atLimit = await call('POST', '/plug', padded(CONTROL_BODY_LIMIT));
    assert.equal(atLimit.status, 400, 'read and checked');
    assert.match(atLimit.body.error, /unknown field "pad"/);
    const over = await call('POST', '/plug', padded(CONTROL_BODY_LIMIT + 1));
    assert.equal(over.status, 413);
    assert.match(over.body.error, /limit is 65536/);
    const declared = await rawRequest(server.url, {
      method: 'POST',
      path: '/plug',
      headers: { 'content-type': 'application/json', 'content-length': 10_000_000 },
    });
    assert.equal(declared.status, 413);
    assert.deepEqual(control.calls, []);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const answer = await rawRequest(server.url, {
      method: 'POST',
      path: '/plug',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: `{"evse":1,"pad":"${'y'.repeat(CONTROL_BODY_LIMIT * 2)}"}`,
    });
    assert.equal(answer.status, 413);
  });

  it('answers 403 to a request whose Host names another machine (DNS rebinding)', async () => {
    const answer = await rawRequest(server.url, { method: 'GET', path: '/status', headers: { host: 'attacker.example:8080' } });
    assert.equal(answer.status, 403);
    assert.match(answer.body.error, /attacker\.example/);
    for (const host of ['localhost', `localhost:${new URL(server.url).port}`, '127.0.0.1', '[::1]:80']) {
      assert.equal((await rawRequest(server.url, { method: 'GET', path: '/status', headers: { host } })).status, 200, host);
    }
  });

  it('answers 500 to anything unexpected, and logs it', async () => {
    control.failNext = new Error('the simulator fell over');
    const answer = await call('POST', '/plug', { evse: 1 });
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body, { error: 'internal error: the simulator fell over' });
    const logged = log.lines.find((line) => line.level === 50);
    assert.ok(logged, 'an error was logged');
    assert.equal(logged.err.message, 'the simulator fell over');
    assert.equal(logged.url, '/plug');

    control.failNext = new TypeError('async failure');
    assert.equal((await call('POST', '/authorize', { evse: 1, idToken: 'T' })).status, 500);
  });

  it('answers 500 when the answer cannot be written as JSON', async () => {
    const original = control.status;
    control.status = () => ({ big: 1n }) as never;
    try {
      const answer = await call('GET', '/status');
      assert.equal(answer.status, 500);
      assert.match(answer.body.error, /could not be written as JSON/);
    } finally {
      control.status = original;
    }
  });

  it('still answers after all of that', async () => {
    assert.equal((await call('GET', '/status')).status, 200);
  });

  it('lists every route once, and docs/control-api.md describes each of them', () => {
    const keys = CONTROL_ROUTES.map((route) => `${route.method} ${route.path}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(keys.length, 19);
    const docs = readFileSync(new URL('../../../docs/control-api.md', import.meta.url), 'utf8');
    for (const route of CONTROL_ROUTES) {
      assert.ok(docs.includes(`| ${route.method} | \`${route.path}\` |`), `route table row for ${route.method} ${route.path}`);
      assert.match(docs, new RegExp(`^### .*${route.method} ${route.path.replace('/', '\\/')}\\b`, 'm'), `section for ${route.method} ${route.path}`);
    }
  });
});
