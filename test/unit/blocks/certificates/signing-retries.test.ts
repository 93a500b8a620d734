// A02.FR.17-20 / A03.FR.17-19: the back-off of SignCertificate resends, on the fake clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SigningRetries } from '../../../../src/blocks/certificates/signing-retries.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

function retries(waitSeconds = 10, repeat = 3) {
  const clock = new FakeClock();
  const resent: number[] = [];
  const start = clock.now().getTime();
  const subject = new SigningRetries({
    clock,
    waitMinimumSeconds: () => waitSeconds,
    repeatTimes: () => repeat,
    resend: () => resent.push((clock.now().getTime() - start) / 1000),
  });
  return { clock, resent, subject };
}

describe('SigningRetries', () => {
  it('A02.FR.17/18/19 resends after the wait, doubling it, CertSigningRepeatTimes times, then waits for a trigger', async () => {
    const { clock, resent, subject } = retries(10, 3);
    subject.start('ChargingStationCertificate');
    await clock.advance(1000 * 1000);
    assert.deepEqual(resent, [10, 30, 70]);
    assert.equal(subject.isRunning('ChargingStationCertificate'), false);
    assert.equal(subject.isWaitingForTrigger('ChargingStationCertificate'), true);
    assert.equal(clock.pendingTimers, 0);
    subject.triggered('ChargingStationCertificate');
    assert.equal(subject.isWaitingForTrigger('ChargingStationCertificate'), false);
  });

  it('A02.FR.17 nothing is resent once the certificate arrived', async () => {
    const { clock, resent, subject } = retries(10, 3);
    subject.start('V2GCertificate');
    await clock.advance(15_000);
    subject.received('V2GCertificate');
    await clock.advance(1000 * 1000);
    assert.deepEqual(resent, [10]);
    assert.equal(subject.isWaitingForTrigger('V2GCertificate'), false);
  });

  it('A02.FR.20 a rejected certificate stops the back-off until a trigger', async () => {
    const { clock, resent, subject } = retries(10, 3);
    subject.start('ChargingStationCertificate');
    subject.rejected('ChargingStationCertificate');
    await clock.advance(1000 * 1000);
    assert.deepEqual(resent, []);
    assert.equal(subject.isWaitingForTrigger('ChargingStationCertificate'), true);
  });

  it('a new CSR starts the back-off over; CertSigningRepeatTimes 0 never resends; uses are independent', async () => {
    const { clock, resent, subject } = retries(10, 3);
    subject.start('ChargingStationCertificate');
    await clock.advance(25_000); // one resend at 10 s, the next due at 30 s
    subject.start('ChargingStationCertificate');
    await clock.advance(10_000);
    assert.deepEqual(resent, [10, 35]);
    subject.stop();
    assert.equal(clock.pendingTimers, 0);

    const none = retries(10, 0);
    none.subject.start('ChargingStationCertificate');
    none.subject.start('V2GCertificate');
    await none.clock.advance(1000 * 1000);
    assert.deepEqual(none.resent, []);
    assert.equal(none.subject.isWaitingForTrigger('V2GCertificate'), true);
  });

  it('a huge CertSigningWaitMinimum is capped to what a timer can hold, not fired at once', async () => {
    const { clock, resent, subject } = retries(2 ** 40, 3);
    subject.start('ChargingStationCertificate');
    await clock.advance(1000);
    assert.deepEqual(resent, []);
    assert.equal(subject.isRunning('ChargingStationCertificate'), true);
  });
});
