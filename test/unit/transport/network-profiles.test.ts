// Network connection profiles held in memory, by configuration slot.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  InMemoryNetworkProfiles,
  unsupportedProfileReason,
  type NetworkConnectionProfile,
} from '../../../src/transport/network-profiles.js';

const profile: NetworkConnectionProfile = {
  ocppCsmsUrl: 'ws://csms.example/ocpp',
  securityProfile: 1,
  messageTimeout: 30,
  ocppVersion: 'OCPP20',
  ocppTransport: 'JSON',
  ocppInterface: 'Wired0',
};

describe('InMemoryNetworkProfiles', () => {
  it('stores, lists, replaces and deletes profiles by slot', () => {
    const profiles = new InMemoryNetworkProfiles();
    profiles.set(2, profile);
    profiles.set(0, { ...profile, securityProfile: 2 });
    assert.deepEqual(profiles.slots(), [0, 2]);
    assert.equal(profiles.get(0)?.securityProfile, 2);
    profiles.set(0, profile);
    assert.equal(profiles.get(0)?.securityProfile, 1);
    assert.equal(profiles.delete(2), true);
    assert.equal(profiles.get(2), undefined);
    assert.deepEqual(profiles.slots(), [0]);
  });

  it('refuses a slot that is not a non-negative integer', () => {
    const profiles = new InMemoryNetworkProfiles();
    assert.throws(() => profiles.set(-1, profile), RangeError);
    assert.throws(() => profiles.set(1.5, profile), RangeError);
  });
});

describe('unsupportedProfileReason', () => {
  it('accepts OCPP-J for OCPP 2.0.x and names what else it cannot use', () => {
    assert.equal(unsupportedProfileReason(profile), undefined);
    assert.match(unsupportedProfileReason({ ...profile, ocppTransport: 'SOAP' }) ?? '', /SOAP is not supported/);
    assert.match(unsupportedProfileReason({ ...profile, ocppVersion: 'OCPP16' }) ?? '', /OCPP16 is not supported/);
  });
});

describe('InMemoryNetworkProfiles.forCsms', () => {
  it('puts one OCPP-J 2.0.x profile for the CSMS in slot 1, the default priority', () => {
    const profiles = InMemoryNetworkProfiles.forCsms('wss://csms.example/ocpp', 2);
    assert.deepEqual(profiles.slots(), [1]);
    assert.deepEqual(profiles.get(1), {
      ocppCsmsUrl: 'wss://csms.example/ocpp',
      securityProfile: 2,
      messageTimeout: 30,
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppInterface: 'Wired0',
    });
    assert.equal(InMemoryNetworkProfiles.forCsms('ws://csms.example/ocpp').get(1)?.securityProfile, 1);
  });
});
