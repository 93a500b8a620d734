// The control API server's life: closing with keep-alive connections and running requests (the grace period
// runs on a FakeClock), a port already taken, a body limit of its own, and which host names are loopback.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, startControlServer } from '../../../src/control/http-server.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { waitFor } from '../../support/wait-for.js';
import { FakeStationControl } from './fake-station-control.js';

describe('control API server lifecycle', () => {
  it('closes promptly with a keep-alive connection open, and twice is harmless', async () => {
    // The grace period for running requests is on a clock that never moves: closing must not wait for it.
    const clock = new FakeClock();
    const server = await startControlServer({ control: new FakeStationControl(), clock });
    assert.equal((await fetch(`${server.url}/status`)).status, 200); // fetch keeps the connection alive
    await server.close();
    await server.close();
    assert.equal(clock.pendingTimers, 0, 'closed without the grace period, whose timer is cleared');
    await assert.rejects(fetch(`${server.url}/status`), TypeError);
  });

  it('lets a request that is running finish before closing', async () => {
    const control = new FakeStationControl();
    const release = control.holdReboot();
    const server = await startControlServer({ control, clock: new FakeClock() });
    const reboot = fetch(`${server.url}/reboot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await waitFor(() => control.callsOf('reboot').length === 1, 'the reboot to reach the station');
    const closing = server.close();
    release();
    await closing;
    assert.equal((await reboot).status, 200);
  });

  it('cuts a request that is still running when the grace period of one second is over', async () => {
    const control = new FakeStationControl();
    control.holdReboot();
    const clock = new FakeClock();
    const server = await startControlServer({ control, clock });
    const reboot = fetch(`${server.url}/reboot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const cut = assert.rejects(reboot, TypeError);
    await waitFor(() => control.callsOf('reboot').length === 1, 'the reboot to reach the station');
    const closing = server.close();
    await clock.advance(999);
    assert.equal(clock.pendingTimers, 1, 'still within the grace period');
    await clock.advance(1);
    await closing;
    await cut;
  });

  it('refuses to start on a port already taken, with the system error', async () => {
    const first = await startControlServer({ control: new FakeStationControl() });
    try {
      await assert.rejects(
        startControlServer({ control: new FakeStationControl(), port: Number(new URL(first.url).port) }),
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });

  it('takes a body limit of its own', async () => {
    const server = await startControlServer({ control: new FakeStationControl(), bodyLimit: 16 });
    try {
      const answer = await fetch(`${server.url}/plug`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ evse: 1, connector: 1 }),
      });
      assert.equal(answer.status, 413);
    } finally {
      await server.close();
    }
  });

  it('knows loopback names', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com', 'localhost.example.com', '128.0.0.1']) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });
});
