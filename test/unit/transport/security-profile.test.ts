// Security profiles 1-3 (Part 2 A00, Part 4 §3.1.1) turned into the websocket client's URL, header and TLS
// settings, and the configurations that cannot connect.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildConnectionTarget,
  SecurityProfileError,
  type SecurityCredentials,
} from '../../../src/transport/security-profile.js';

const CA = '-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n';
const CHAIN = '-----BEGIN CERTIFICATE-----\nstation\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n';

function build(stationId: string, ocppCsmsUrl: string, securityProfile: number, credentials: SecurityCredentials) {
  return buildConnectionTarget(stationId, { ocppCsmsUrl, securityProfile }, credentials);
}

/** Asserts a SecurityProfileError whose message matches. */
function refusal(message: RegExp) {
  return (error: unknown) => error instanceof SecurityProfileError && message.test(error.message);
}

function basic(header: string | undefined): string {
  assert.ok(header !== undefined && header.startsWith('Basic '), `expected a Basic header, got ${header}`);
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
}

describe('buildConnectionTarget: the connection URL (Part 4 §3.1.1)', () => {
  const password = { basicAuthPassword: 'p' };

  it('appends "/" and the percent-encoded identity to the endpoint URL', () => {
    const target = build('RDAM 123', 'ws://csms.example.com/ocppj', 1, password);
    assert.equal(target.url, 'ws://csms.example.com/ocppj/RDAM%20123');
  });

  it('does not double a trailing slash and keeps a query string after the path', () => {
    const target = build('CS/1', 'ws://csms.example:9000/ocpp/?tenant=a', 1, password);
    assert.equal(target.url, 'ws://csms.example:9000/ocpp/CS%2F1?tenant=a');
  });

  it('refuses identities the URL and Basic auth cannot carry', () => {
    assert.throws(() => build('', 'ws://csms.example/ocpp', 1, password), refusal(/identity is empty/));
    assert.throws(() => build('a:b', 'ws://csms.example/ocpp', 1, password), refusal(/contains ":"/));
    assert.throws(() => build('x'.repeat(49), 'ws://csms.example/ocpp', 1, password), refusal(/longer than 48/));
  });

  it('refuses a URL that is not ws:// or wss://', () => {
    const credentials = { basicAuthPassword: 'p', csmsRootCertificates: [CA] };
    assert.throws(() => build('CS1', 'https://csms.example/ocpp', 2, credentials), refusal(/must use ws:\/\/ or wss:\/\//));
    assert.throws(() => build('CS1', 'not a url', 1, password), refusal(/not a valid URL/));
  });

  it('refuses a security profile OCPP 2.0.1 does not define', () => {
    assert.throws(() => build('CS1', 'ws://csms.example/ocpp', 0, password), refusal(/must be 1, 2 or 3/));
  });
});

describe('buildConnectionTarget: security profile 1 (A00.FR.2xx)', () => {
  it('A00.FR.202-205 sends Basic auth with the identity as user and the UTF-8 password, no TLS settings', () => {
    const target = build('CS-001', 'ws://csms.example/ocpp', 1, { basicAuthPassword: 'pässwörd-0123456789' });
    assert.equal(target.securityProfile, 1);
    assert.equal(basic(target.clientOptions.headers?.Authorization), 'CS-001:pässwörd-0123456789');
    assert.equal(target.clientOptions.ca, undefined);
    assert.equal(target.configuredUrl, undefined);
  });

  it('A00.FR.203 sends a password whenever one is configured; profile 1 without one connects without Basic auth, flagged', () => {
    const target = build('CS1', 'ws://csms.example/ocpp', 1, {});
    assert.equal(target.clientOptions.headers, undefined);
    assert.equal(target.withoutBasicAuth, true);
    assert.equal(build('CS1', 'ws://csms.example/ocpp', 1, { basicAuthPassword: 'p' }).withoutBasicAuth, undefined);
  });

  it('never turns a wss:// URL into ws://: profile 1 with a TLS URL is refused', () => {
    assert.throws(
      () => build('CS1', 'wss://csms.example/ocpp', 1, { basicAuthPassword: 'p' }),
      refusal(/asks for TLS but securityProfile is 1/),
    );
  });
});

describe('buildConnectionTarget: security profile 2 (A00.FR.3xx)', () => {
  const credentials = { basicAuthPassword: 'sp2-password-0123', csmsRootCertificates: [CA] };

  it('A00.FR.308/313 checks the CSMS certificate against the CSMS roots only, TLS 1.2 at least, plus Basic auth', () => {
    const target = build('CS2', 'wss://csms.example/ocpp', 2, credentials);
    assert.equal(target.url, 'wss://csms.example/ocpp/CS2');
    assert.deepEqual(target.clientOptions.ca, [CA]);
    assert.equal(target.clientOptions.rejectUnauthorized, true);
    assert.equal(target.clientOptions.minVersion, 'TLSv1.2');
    assert.equal(target.clientOptions.cert, undefined);
    assert.equal(basic(target.clientOptions.headers?.Authorization), 'CS2:sp2-password-0123');
  });

  it('upgrades a ws:// URL to wss:// and reports the URL as configured', () => {
    const target = build('CS2', 'ws://csms.example:8443/ocpp', 2, credentials);
    assert.equal(target.url, 'wss://csms.example:8443/ocpp/CS2');
    assert.equal(target.configuredUrl, 'ws://csms.example:8443/ocpp');
  });

  it('refuses without a CSMS root certificate (the precondition of A05.FR.02), and without a password', () => {
    const url = 'wss://csms.example/ocpp';
    assert.throws(() => build('CS2', url, 2, { basicAuthPassword: 'p' }), refusal(/needs at least one CSMS root/));
    assert.throws(() => build('CS2', url, 2, { basicAuthPassword: 'p', csmsRootCertificates: [] }), refusal(/CSMS root/));
    assert.throws(() => build('CS2', url, 2, { csmsRootCertificates: [CA] }), refusal(/profile 2 needs a BasicAuthPassword/));
  });
});

describe('buildConnectionTarget: security profile 3 (A00.FR.4xx)', () => {
  const url = 'wss://csms.example/ocpp';
  const credentials = {
    basicAuthPassword: 'not-for-profile-3',
    csmsRootCertificates: [CA],
    clientCertificate: { certificateChain: CHAIN, privateKey: KEY, passphrase: 'secret' },
  };

  it('A00.FR.401/402 presents the station certificate and key, sends no Authorization header', () => {
    const target = build('CS3', url, 3, credentials);
    assert.equal(target.clientOptions.cert, CHAIN);
    assert.equal(target.clientOptions.key, KEY);
    assert.equal(target.clientOptions.passphrase, 'secret');
    assert.deepEqual(target.clientOptions.ca, [CA]);
    assert.equal(target.clientOptions.rejectUnauthorized, true);
    assert.equal(target.clientOptions.headers, undefined);
  });

  it('A02 before a station certificate is installed: TLS with the CSMS roots and no client certificate, said so', () => {
    const target = build('CS3', url, 3, { basicAuthPassword: 'not-for-profile-3', csmsRootCertificates: [CA] });
    assert.equal(target.withoutClientCertificate, true);
    assert.deepEqual(target.clientOptions.ca, [CA]);
    assert.equal(target.clientOptions.rejectUnauthorized, true);
    assert.equal(target.clientOptions.cert, undefined);
    assert.equal(target.clientOptions.key, undefined);
    assert.equal(target.clientOptions.headers, undefined);
    assert.equal(build('CS3', url, 3, credentials).withoutClientCertificate, undefined);
  });

  it('refuses half a station certificate (a chain without its key, a key without its chain) or no CSMS root', () => {
    const half = refusal(/profile 3: the charging station certificate needs both its chain and its private key/);
    for (const clientCertificate of [{ certificateChain: CHAIN, privateKey: '' }, { certificateChain: '', privateKey: KEY }]) {
      assert.throws(() => build('CS3', url, 3, { csmsRootCertificates: [CA], clientCertificate }), half);
    }
    assert.throws(() => build('CS3', url, 3, { clientCertificate: credentials.clientCertificate }), refusal(/CSMS root/));
    assert.throws(() => build('CS3', url, 3, {}), refusal(/CSMS root/));
  });
});
