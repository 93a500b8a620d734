// A02.FR.10/28/29 (2025 errata): the trial of a renewed client certificate, over a memory store with
// certificates made by openssl.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientCertificateTrial } from '../../../../src/blocks/certificates/client-certificate-trial.js';
import { InstalledCertificates } from '../../../../src/blocks/certificates/installed-certificates.js';
import { MemoryCertificateStore } from '../../../../src/storage/memory/memory-certificate-store.js';
import { MemoryKeyStore } from '../../../../src/storage/memory/memory-key-store.js';
import { createTestPki, type TestPki } from '../../../support/tls-certificates.js';

let oldPki: TestPki;
let newPki: TestPki;
before(async () => {
  [oldPki, newPki] = await Promise.all([createTestPki(), createTestPki()]);
});
after(async () => {
  await oldPki.cleanUp();
  await newPki.cleanUp();
});

function trialWithBoth(roundLength = 2) {
  const certificates = new InstalledCertificates(new MemoryCertificateStore());
  const keys = new MemoryKeyStore();
  const events: string[] = [];
  keys.save('old-key', oldPki.client.key);
  keys.save('new-key', newPki.client.key);
  const installedAt = new Date().toISOString();
  certificates.add({ role: 'ChargingStationCertificate', pem: oldPki.client.cert, keyId: 'old-key', state: 'fallback', installedAt });
  certificates.add({ role: 'ChargingStationCertificate', pem: newPki.client.cert, keyId: 'new-key', state: 'active', installedAt });
  const trial = new ClientCertificateTrial({
    certificates,
    keys,
    roundLength: () => roundLength,
    securityEvent: (type) => events.push(type),
    logger: { info: () => undefined },
  });
  trial.begin();
  return { trial, certificates, keys, events };
}

describe('ClientCertificateTrial', () => {
  it('A02.FR.10 a connection with the renewed certificate discards the previous one and its key', () => {
    const { trial, certificates, keys, events } = trialWithBoth();
    assert.equal(trial.inTrial, true);
    assert.equal(trial.clientCertificate()!.privateKey, newPki.client.key);
    trial.connected(3);
    assert.equal(trial.inTrial, false);
    assert.deepEqual(certificates.ofRole('ChargingStationCertificate').map((entry) => entry.stored.keyId), ['new-key']);
    assert.equal(keys.load('old-key'), undefined);
    assert.deepEqual(events, []);
  });

  it('A02.FR.28 after a whole round of failures the previous certificate is presented, and then alternates', () => {
    const { trial } = trialWithBoth(2);
    const presented = () => trial.clientCertificate()!.privateKey === newPki.client.key ? 'new' : 'old';
    const sequence: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      sequence.push(presented());
      trial.attemptFailed();
    }
    assert.deepEqual(sequence, ['new', 'new', 'old', 'old', 'new', 'new']);
  });

  it('A02.FR.29 connecting with the previous certificate discards the renewed one with DiscardedRenewedClientCertificate', () => {
    const { trial, certificates, keys, events } = trialWithBoth(1);
    trial.attemptFailed();
    assert.equal(trial.clientCertificate()!.privateKey, oldPki.client.key);
    trial.connected(3);
    const left = certificates.ofRole('ChargingStationCertificate');
    assert.deepEqual(left.map((entry) => [entry.stored.keyId, entry.stored.state]), [['old-key', 'active']]);
    assert.equal(keys.load('new-key'), undefined);
    assert.deepEqual(events, ['DiscardedRenewedClientCertificate']);
  });

  it('a connection below security profile 3 proves nothing: both stay', () => {
    const { trial, certificates } = trialWithBoth();
    trial.clientCertificate();
    trial.connected(2);
    assert.equal(trial.inTrial, true);
    assert.equal(certificates.ofRole('ChargingStationCertificate').length, 2);
  });
});
