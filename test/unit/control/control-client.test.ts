// ControlClient against the real control server (with a fake station) and against servers that misbehave.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startControlServer, type ControlServer } from '../../../src/control/http-server.js';
import {
  ControlApiError,
  ControlClient,
  ControlUnreachableError,
  parseControlUrl,
} from '../../../src/control/control-client.js';
import { FakeStationControl } from './fake-station-control.js';
import { closedPort } from './closed-port.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('ControlClient', () => {
  let control: FakeStationControl;
  let server: ControlServer;
  let client: ControlClient;

  before(async () => {
    control = new FakeStationControl();
    server = await startControlServer({ control });
    client = new ControlClient(server.url);
  });

  after(async () => {
    await server.close();
  });

  beforeEach(() => {
    control.calls.length = 0;
  });

  it('reads the status', async () => {
    const status = await client.status();
    assert.equal(status.stationId, 'CS-FAKE');
    assert.equal(status.evses[0]!.ev!.soc, 42);
  });

  it('drives every action of the station', async () => {
    await client.plug(1);
    await client.plug(2, 2);
    await client.unplug(1);
    await client.evSuspend(1);
    await client.evResume(1);
    await client.fault(2, 1);
    await client.clearFault(2, 1);
    await client.offline();
    assert.equal((await client.status()).connected, false);
    await client.online();
    await client.reboot();
    assert.deepEqual(
      control.calls.map((call) => [call.method, ...call.args]),
      [
        ['plug', 1],
        ['plug', 2, 2],
        ['unplug', 1],
        ['evSuspend', 1],
        ['evResume', 1],
        ['fault', 2, 1],
        ['clearFault', 2, 1],
        ['offline'],
        ['status'],
        ['online'],
        ['reboot'],
      ],
    );
  });

  it('authorizes at an EVSE or anywhere, with a token type', async () => {
    assert.deepEqual(await client.authorize(2, 'TOKEN'), { result: 'authorized', evseId: 2, status: 'Accepted' });
    assert.deepEqual(await client.authorize('any', 'BAD', 'KeyCode'), { result: 'rejected', status: 'Invalid' });
    assert.deepEqual(control.callsOf('authorize'), [
      [2, 'TOKEN'],
      ['any', 'BAD', 'KeyCode'],
    ]);
  });

  it('sets and gets variables, paths with # and / included', async () => {
    assert.equal((await client.set('EVSE#1.Power/MaxSet', '7400')).attributeStatus, 'Accepted');
    const read = await client.get('EVSE#1.Power/MaxSet');
    assert.equal(read.attributeValue, '7400');
    assert.deepEqual(control.callsOf('get'), [['EVSE#1.Power/MaxSet']]);
  });

  it('turns an error answer into a ControlApiError with the status, the message and the body', async () => {
    await assert.rejects(client.plug(7), (error: unknown) => {
      assert.ok(error instanceof ControlApiError);
      assert.equal(error.status, 400);
      assert.equal(error.message, 'EVSE 7 does not exist; this station has EVSEs 1 and 2');
      return true;
    });
    await assert.rejects(client.get('OCPPCommCtrlr.Nothing'), (error: unknown) => {
      assert.ok(error instanceof ControlApiError);
      assert.equal((error.body as { result: { attributeStatus: string } }).result.attributeStatus, 'UnknownVariable');
      return true;
    });
    await assert.rejects(client.request('GET', 'nowhere'), { name: 'ControlApiError', status: 404 });
  });

  it('keeps a path prefix of the base URL and drops a trailing slash from its name', async () => {
    const withSlash = new ControlClient(`${server.url}/`);
    assert.equal(withSlash.url, server.url);
    assert.equal((await withSlash.status()).stationId, 'CS-FAKE');
    assert.equal(parseControlUrl('http://127.0.0.1:8180/station-1').href, 'http://127.0.0.1:8180/station-1/');
    assert.equal(parseControlUrl(' https://example.com/api/?x=1#y ').href, 'https://example.com/api/');
  });

  it('refuses a base URL that is not http:// or https://', () => {
    assert.throws(() => new ControlClient('127.0.0.1:8180'), /not an http:\/\/ or https:\/\/ URL|not a URL/);
    assert.throws(() => new ControlClient('ws://127.0.0.1:8180'), /not an http:\/\/ or https:\/\/ URL/);
    assert.throws(() => new ControlClient('nothing at all'), /is not a URL/);
  });
});

describe('ControlClient when the API misbehaves or is not there', () => {
  it('says which URL could not be reached, and why', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    await assert.rejects(new ControlClient(url).status(), (error: unknown) => {
      assert.ok(error instanceof ControlUnreachableError);
      assert.equal(error.url, url);
      assert.match(error.message, new RegExp(`cannot reach the control API at ${url}: connect ECONNREFUSED`));
      return true;
    });
  });

  it('gives up after its timeout', async () => {
    const silent = createServer(() => {}); // never answers
    const url = await listen(silent);
    try {
      await assert.rejects(new ControlClient(url, { timeoutMs: 50 }).status(), /no answer within 0\.05 s/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says so when something other than the control API answers', async () => {
    const web = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'));
    const url = await listen(web);
    try {
      await assert.rejects(new ControlClient(url).status(), (error: unknown) => {
        assert.ok(error instanceof ControlApiError);
        assert.match(error.message, /answered HTTP 200 with something other than JSON/);
        return true;
      });
    } finally {
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('names the HTTP status when an error answer has no message', async () => {
    const odd = createServer((_request, response) => response.writeHead(503, { 'content-type': 'application/json' }).end('{}'));
    const url = await listen(odd);
    try {
      await assert.rejects(new ControlClient(url).reboot(), { name: 'ControlApiError', message: 'HTTP 503', status: 503 });
    } finally {
      odd.closeAllConnections();
      await new Promise((resolve) => odd.close(resolve));
    }
  });
});
