// A03.FR.02: renewal a month before expiry, checked daily on the fake clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CertificateRenewal, RENEWAL_LEAD_MS } from '../../../../src/blocks/certificates/certificate-renewal.js';
import type { SigningUse } from '../../../../src/storage/certificate-store.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

const DAY = 24 * 3600 * 1000;

describe('CertificateRenewal', () => {
  it('A03.FR.02 asks for a new certificate once it expires within a month, not before, and only when allowed', async () => {
    const clock = new FakeClock();
    const expiry = new Date(clock.now().getTime() + RENEWAL_LEAD_MS + 5 * DAY);
    const renewed: [SigningUse, number][] = [];
    let allowed = true;
    const renewal = new CertificateRenewal({
      clock,
      uses: () => ['ChargingStationCertificate', 'V2GCertificate'],
      expiry: (use) => (use === 'ChargingStationCertificate' ? expiry : undefined),
      mayRenew: () => allowed,
      renew: (use) => {
        renewed.push([use, Math.round((clock.now().getTime() - (expiry.getTime() - RENEWAL_LEAD_MS - 5 * DAY)) / DAY)]);
        allowed = false; // a CSR now waits for its certificate
      },
    });
    renewal.start();
    await clock.advance(4 * DAY);
    assert.deepEqual(renewed, []);
    await clock.advance(2 * DAY);
    assert.deepEqual(renewed, [['ChargingStationCertificate', 5]]);
    await clock.advance(10 * DAY);
    assert.equal(renewed.length, 1);
    renewal.stop();
    assert.equal(clock.pendingTimers, 0);
  });
});
