// Security profiles 2 and 3 end to end: TLS with a server certificate from a CA made for the test, verified
// against that CA only, and mutual TLS with a station certificate (Part 2 A00). The CSMS is ocpp-rpc's strict
// RPCServer behind a Node https server. Also TLS 1.2 at least, against a real server that speaks only TLS 1.1,
// and A05: a lower security profile is never used.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { silentLogger } from '../../../src/logger.js';
import {
  ConnectionManager,
  type ConnectedInfo,
  type ConnectionFailureInfo,
} from '../../../src/transport/connection-manager.js';
import { InMemoryNetworkProfiles } from '../../../src/transport/network-profiles.js';
import type { SecurityCredentials } from '../../../src/transport/security-profile.js';
import { CsmsPeer, type PeerTlsOptions } from '../../support/csms-peer.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { waitFor } from '../../support/wait-for.js';

const STATION = 'CS-TLS';
const PASSWORD = 'tls-password-01234567';

let pki: TestPki;
/** A second, unrelated CA: its certificates must not be trusted by anyone trusting `pki`. */
let strangerPki: TestPki;

before(async () => {
  [pki, strangerPki] = await Promise.all([
    createTestPki({ stationSerial: STATION }),
    createTestPki({ stationSerial: STATION }),
  ]);
});
after(async () => {
  await pki.cleanUp();
  await strangerPki.cleanUp();
});

const cleanUps: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function startPeer(tls?: PeerTlsOptions): Promise<CsmsPeer> {
  const peer = await CsmsPeer.start({ ...(tls ? { tls } : {}) });
  cleanUps.push(() => peer.close());
  return peer;
}

function startStation(
  slots: Record<number, { url: string; securityProfile: number }>,
  credentials: SecurityCredentials,
  minimumSecurityProfile = 1,
) {
  const clock = new FakeClock(new Date());
  const profiles = new InMemoryNetworkProfiles();
  for (const [slot, { url, securityProfile }] of Object.entries(slots)) {
    profiles.set(Number(slot), {
      ocppCsmsUrl: url,
      securityProfile,
      messageTimeout: 30,
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppInterface: 'Wired0',
    });
  }
  const connected: ConnectedInfo[] = [];
  const failures: ConnectionFailureInfo[] = [];
  const manager = new ConnectionManager({
    stationId: STATION,
    clock,
    logger: silentLogger(),
    random: () => 0,
    settings: () => ({
      retryBackOffWaitMinimumSeconds: 3,
      retryBackOffRandomRangeSeconds: 10,
      retryBackOffRepeatTimes: 3,
      webSocketPingIntervalSeconds: 0,
      networkProfileConnectionAttempts: 3,
      networkConfigurationPriority: Object.keys(slots).map(Number),
    }),
    profiles,
    credentials: () => credentials,
    minimumSecurityProfile: () => minimumSecurityProfile,
    listener: {
      connected: (info) => connected.push(info),
      disconnected: () => undefined,
      message: () => undefined,
      failed: (info) => failures.push(info),
    },
  });
  cleanUps.push(() => manager.disconnect());
  return { clock, manager, connected, failures };
}

/** The password, and the test CA as the only CSMS root. */
function profile2Credentials(): SecurityCredentials {
  return { basicAuthPassword: PASSWORD, csmsRootCertificates: [pki.ca.cert] };
}

describe('security profile 2: TLS with Basic auth (A00.FR.3xx)', () => {
  it('A00.FR.308 connects over wss:// when the CSMS certificate chains to the configured CSMS root', async () => {
    const peer = await startPeer({ cert: pki.server.cert, key: pki.server.key });
    const station = startStation({ 1: { url: peer.url, securityProfile: 2 } }, profile2Credentials());
    station.manager.connect();
    await waitFor(() => station.manager.isConnected, 'the TLS connection');
    assert.deepEqual(station.connected, [{ slot: 1, securityProfile: 2, url: `${peer.url}/${STATION}` }]);
    assert.match(peer.url, /^wss:\/\//);
    assert.equal(peer.handshakes[0]!.password, PASSWORD);
    assert.equal(peer.clients[0]!.protocol, 'ocpp2.0.1');
  });

  it('A00.FR.311 refuses a CSMS certificate not signed by the configured root: a clear TLS error, retried later', async () => {
    const peer = await startPeer({ cert: strangerPki.server.cert, key: strangerPki.server.key });
    const station = startStation({ 1: { url: peer.url, securityProfile: 2 } }, profile2Credentials());
    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the TLS failure');
    const failure = station.failures[0]!;
    assert.equal(failure.kind, 'tls');
    assert.match(failure.message, /^TLS handshake with the CSMS failed: .+/);
    assert.ok(failure.code, 'the verification error code is reported');
    assert.equal(peer.handshakes.length, 0, 'no HTTP request, so no password, ever reached the untrusted server');

    await station.clock.advance(failure.retryInMs);
    await waitFor(() => station.failures.length === 2, 'the second TLS failure');
    assert.equal(station.manager.isConnected, false);
    assert.deepEqual(station.connected, []);
  });
});

describe('TLS 1.2 or above (A00.FR.313, A00.FR.314)', () => {
  /** A real TLS server that speaks TLS 1.1 only (OpenSSL 3 allows it at security level 0), with the test CA's certificate. */
  async function startTls11Server() {
    const errors: NodeJS.ErrnoException[] = [];
    let secured = 0;
    const server = tls.createServer(
      { cert: pki.server.cert, key: pki.server.key, minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
      (socket) => {
        secured++;
        socket.end();
      },
    );
    server.on('tlsClientError', (error) => errors.push(error));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanUps.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { port: (server.address() as AddressInfo).port, errors, secured: () => secured };
  }

  /** Node's own defaults as permissive as the server, so that only what the station asks for can refuse TLS 1.1. */
  function permissiveNodeDefaults(): void {
    const { DEFAULT_MIN_VERSION, DEFAULT_CIPHERS } = tls;
    tls.DEFAULT_MIN_VERSION = 'TLSv1';
    tls.DEFAULT_CIPHERS = 'DEFAULT@SECLEVEL=0';
    cleanUps.push(() => {
      tls.DEFAULT_MIN_VERSION = DEFAULT_MIN_VERSION;
      tls.DEFAULT_CIPHERS = DEFAULT_CIPHERS;
    });
  }

  it('A00.FR.313 does not connect to a CSMS that speaks only TLS 1.1: the handshake fails with a TLS failure', async () => {
    const server = await startTls11Server();
    permissiveNodeDefaults();
    // The server really speaks TLS 1.1 here: a client with Node's (now permissive) defaults gets through.
    const control = tls.connect({ host: '127.0.0.1', port: server.port, ca: [pki.ca.cert] });
    const version = await new Promise<string | null>((resolve, reject) => {
      control.once('secureConnect', () => resolve(control.getProtocol()));
      control.once('error', reject);
    });
    control.destroy();
    assert.equal(version, 'TLSv1.1');

    const station = startStation({ 1: { url: `wss://127.0.0.1:${server.port}/ocpp`, securityProfile: 2 } }, profile2Credentials());
    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the TLS failure');
    const failure = station.failures[0]!;
    assert.equal(failure.kind, 'tls');
    // The server's alert "protocol version": OpenSSL's code, or EPROTO when it surfaced on a write.
    assert.match(failure.message, /^TLS handshake with the CSMS failed: .*alert protocol version/);
    assert.match(failure.code ?? '', /^(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION|EPROTO)$/);
    await waitFor(() => server.errors.length === 1, 'the server to see the refused handshake');
    assert.equal(server.errors[0]!.code, 'ERR_SSL_UNSUPPORTED_PROTOCOL', 'the station offered nothing below TLS 1.2');
    assert.equal(server.secured(), 1, 'only the control client completed a handshake');
    assert.equal(station.manager.isConnected, false);
    assert.deepEqual(station.connected, []);
  });
});

describe('security profile 3: TLS with a client certificate (A00.FR.4xx)', () => {
  const mutualTls = (): PeerTlsOptions => ({
    cert: pki.server.cert,
    key: pki.server.key,
    ca: [pki.ca.cert],
    requireClientCertificate: true,
  });

  it('A00.FR.401/402 presents the station certificate and sends no Authorization header', async () => {
    const peer = await startPeer(mutualTls());
    const station = startStation(
      { 1: { url: peer.url, securityProfile: 3 } },
      {
        basicAuthPassword: PASSWORD,
        csmsRootCertificates: [pki.ca.cert],
        clientCertificate: { certificateChain: pki.client.cert, privateKey: pki.client.key },
      },
    );
    station.manager.connect();
    await waitFor(() => station.manager.isConnected, 'the mutual-TLS connection');
    assert.equal(peer.handshakes[0]!.clientCertificateCN, STATION);
    assert.equal(peer.handshakes[0]!.authorization, undefined);
    assert.equal(station.connected[0]!.securityProfile, 3);
  });

  it('does not connect when the CSMS does not trust the station certificate', async () => {
    const peer = await startPeer(mutualTls());
    const station = startStation(
      { 1: { url: peer.url, securityProfile: 3 } },
      {
        csmsRootCertificates: [pki.ca.cert],
        clientCertificate: { certificateChain: strangerPki.client.cert, privateKey: strangerPki.client.key },
      },
    );
    station.manager.connect();
    await waitFor(() => station.failures.length === 1, 'the refused client certificate');
    const kind = station.failures[0]!.kind;
    assert.ok(kind === 'tls' || kind === 'network', `unexpected failure kind ${kind}`);
    assert.equal(peer.handshakes.length, 0);
    assert.equal(station.manager.isConnected, false);
  });
});

describe('never downgrading (A05)', () => {
  it('A05 never uses a slot with security profile 1 while the minimum is 2, even when it comes first', async () => {
    const plain = await startPeer();
    const secure = await startPeer({ cert: pki.server.cert, key: pki.server.key });
    const station = startStation(
      { 1: { url: plain.url, securityProfile: 1 }, 2: { url: secure.url, securityProfile: 2 } },
      profile2Credentials(),
      2,
    );
    station.manager.connect(1);
    await waitFor(() => station.manager.isConnected, 'the connection through slot 2');
    assert.equal(station.manager.activeSlot, 2);
    assert.equal(plain.handshakes.length, 0, 'the profile-1 CSMS never saw the station');
    assert.equal(secure.handshakes.length, 1);
  });
});
