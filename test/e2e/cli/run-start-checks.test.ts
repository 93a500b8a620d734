// `ocpp-station run` refusing at start what could never connect (issue 10 items 15 and 18): security profile 2
// without a password, and a --ca file that holds no certificate. Both are usage errors (exit code 2, one line
// naming the reason) before anything is created. Also `--version`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainOnce } from '../../support/cli-in-process.js';
import { createTestPki, type TestPki } from '../../support/tls-certificates.js';

describe('ocpp-station run checks at start', () => {
  let dir: string;
  let pki: TestPki;
  let caFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-cli-start-checks-'));
    pki = await createTestPki();
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pki.ca.cert);
  });

  after(async () => {
    await pki.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  const profile2 = (db: string, ca: string) => [
    'run', '--csms', 'wss://127.0.0.1:1/ocpp', '--id', 'CS-P2', '--security-profile', '2', '--ca', ca, '--db', db,
    '--log-level', 'silent',
  ];

  it('refuses security profile 2 without a password with exit code 2 and one line, creating nothing', async () => {
    const db = join(dir, 'p2.db');
    const run = await mainOnce(profile2(db, caFile));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^ocpp-station: security profile 2 needs a password: --password <password> or OCPP_STATION_PASSWORD\n/);
    assert.equal(run.stdout, '');
    assert.equal(existsSync(db), false, 'no database was created');
  });

  it('refuses a --ca file that holds no certificate with exit code 2, creating nothing', async () => {
    const db = join(dir, 'bad-ca.db');
    const notACertificate = join(dir, 'not-a-cert.pem');
    writeFileSync(notACertificate, 'hello, I am not a certificate\n');
    const keyInstead = join(dir, 'key.pem');
    writeFileSync(keyInstead, pki.ca.key);
    for (const file of [notACertificate, keyInstead]) {
      const run = await mainOnce([...profile2(db, file), '--password', 'secret-password-16']);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^ocpp-station: --ca: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds no PEM certificate`));
      assert.equal(existsSync(db), false, 'no database was created');
    }
  });

  it('refuses a --ca file with a damaged certificate', async () => {
    const db = join(dir, 'damaged-ca.db');
    const damaged = join(dir, 'damaged.pem');
    writeFileSync(damaged, pki.ca.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'));
    const run = await mainOnce([...profile2(db, damaged), '--password', 'secret-password-16']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^ocpp-station: --ca: .*damaged\.pem: certificate 1 is not a valid X\.509 certificate/);
  });

  it('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const run = await mainOnce(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });
});
