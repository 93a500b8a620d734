// Issue 11 through the command line: `ocpp-station run --security-profile 3 --ca <root>` without --cert and --key
// starts and connects over TLS without a client certificate; the CSMS provisions one (A02) and the station
// reconnects presenting it; a later run on the same --db presents it from its first connection (the key stays in
// <db name>-keys/ beside the database, the certificate in the database). The built executable in a child
// process, and the program in process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../support/cli-process.js';
import { mainOnce, runMain } from '../../support/cli-in-process.js';
import { killChildren } from '../../support/child-process.js';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';
import { waitFor } from '../../support/wait-for.js';

const execute = promisify(execFile);

describe('ocpp-station run at security profile 3 with only --ca (issue 11)', () => {
  let dir: string;
  let pki: TestPki;
  let peer: CsmsPeer;
  let caFile: string;
  const stops: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-p3-'));
    pki = await createTestPki();
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pki.ca.cert);
    writeFileSync(join(dir, 'ca.key'), pki.ca.key);
    // Asks for a client certificate, accepts a station without one: a CSMS that provisions stations.
    peer = await CsmsPeer.start({
      tls: { cert: pki.server.cert, key: pki.server.key, ca: [pki.ca.cert], requestClientCertificate: true },
      handlers: { ...acceptingCsms(), SignCertificate: () => ({ status: 'Accepted' }) },
    });
  });

  after(async () => {
    for (const stop of stops) stop();
    await killChildren();
    await peer.close();
    await pki.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (id: string, db: string) => [
    'run', '--csms', peer.url, '--id', id, '--db', db, '--security-profile', '3', '--ca', caFile, '--log-level', 'silent',
  ];
  const handshakesOf = (id: string) => peer.handshakes.filter((handshake) => handshake.identity === id);

  it('the built executable starts and connects over TLS without a client certificate, and stops on SIGTERM', async () => {
    const client = peer.nextClient();
    const run = runCli(args('CS-P3-BIN', join(dir, 'CS-P3-BIN.db')));
    assert.equal((await client).identity, 'CS-P3-BIN');
    assert.equal(handshakesOf('CS-P3-BIN')[0]!.clientCertificateCN, undefined);
    run.child.kill('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);
  });

  it('A02.FR.08 is provisioned by the CSMS, reconnects with the certificate, and a restart on the same --db presents it at once', async () => {
    const id = 'CS-P3-CLI';
    const db = join(dir, `${id}.db`);
    const first = peer.nextClient();
    const run = runMain(args(id, db));
    stops.push(() => run.stop());
    const client = await first;
    await waitFor(() => run.output().stdout.includes('* registration Accepted'), 'the station to be registered');
    assert.equal(handshakesOf(id)[0]!.clientCertificateCN, undefined);

    assert.deepEqual(await client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }), { status: 'Accepted' });
    await waitFor(() => peer.callsOf('SignCertificate').some((call) => call.identity === id), 'the SignCertificateRequest');
    const csr = peer.callsOf('SignCertificate').find((call) => call.identity === id)!.payload.csr as string;
    writeFileSync(join(dir, 'request.csr'), csr);
    await execute('openssl', ['x509', '-req', '-in', join(dir, 'request.csr'), '-CA', caFile, '-CAkey', join(dir, 'ca.key'), '-days', '1', '-out', join(dir, 'signed.pem')]);
    // Real time here: the certificate starts at the second openssl signed it, which the station's clock has reached.
    const reconnected = peer.nextClient();
    const signed = readFileSync(join(dir, 'signed.pem'), 'utf8');
    assert.deepEqual(await client.call('CertificateSigned', { certificateChain: signed, certificateType: 'ChargingStationCertificate' }), { status: 'Accepted' });
    await reconnected;
    assert.equal(handshakesOf(id).length, 2);
    assert.equal(handshakesOf(id)[1]!.clientCertificateCN, id);
    // `ctl certificates` lists the CSMS root from --ca and the provisioned station certificate.
    await waitFor(() => readdirSync(dir).includes(`${id}.db.control-url`), 'the control URL file');
    const listed = await mainOnce(['ctl', '--db', db, 'certificates']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^CSMSRootCertificate \(active\): O=.*CN=Test Root CA;/m);
    assert.match(listed.stdout, new RegExp(`^ChargingStationCertificate \\(active\\): .*CN=${id}; issuer .*CN=Test Root CA;`, 'm'));
    run.stop('SIGTERM');
    assert.equal(await run.exit, 0, run.output().stderr);

    // The private key of the CSR is a file with mode 0600 in <db name>-keys/ beside the database.
    const keys = join(dir, `${id}-keys`);
    const files = readdirSync(keys);
    assert.equal(files.length, 1, files.join(', '));
    assert.equal(statSync(join(keys, files[0]!)).mode & 0o777, 0o600);

    // Started again on the same database, still without --cert and --key: the provisioned certificate is used.
    const again = peer.nextClient();
    const rerun = runMain(args(id, db));
    stops.push(() => rerun.stop());
    await again;
    assert.equal(handshakesOf(id).length, 3);
    assert.equal(handshakesOf(id)[2]!.clientCertificateCN, id);
    assert.equal(handshakesOf(id)[2]!.clientCertificateTrusted, true);
    rerun.stop('SIGTERM');
    assert.equal(await rerun.exit, 0, rerun.output().stderr);
  });

  it('refuses --cert without --key, --key without --cert, and a --key that is not the certificate\'s, with exit code 2', async () => {
    const certFile = join(dir, 'client.pem');
    const keyFile = join(dir, 'client.key');
    writeFileSync(certFile, pki.client.cert);
    writeFileSync(keyFile, pki.client.key);
    const base = ['run', '--csms', 'wss://127.0.0.1:1/ocpp', '--id', 'CS-P3-BAD', '--security-profile', '3', '--ca', caFile,
      '--db', join(dir, 'bad.db'), '--log-level', 'silent'];
    const cases: [string[], RegExp][] = [
      [['--cert', certFile], /^ocpp-station: --cert needs --key/m],
      [['--key', keyFile], /^ocpp-station: --key needs --cert/m],
      [['--cert', certFile, '--key', join(dir, 'ca.key')], /^ocpp-station: --key: .*ca\.key is not the private key of the first certificate/m],
      [['--cert', certFile, '--key', caFile], /^ocpp-station: --key: .*ca\.pem holds no readable PEM private key/m],
    ];
    for (const [extra, message] of cases) {
      const result = await mainOnce([...base, ...extra]);
      assert.equal(result.code, 2, `${extra.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });
});
