// The file next to a station's database that tells `ctl --db` where the control API is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlUrlFile, readControlUrl, removeControlUrl, writeControlUrl } from '../../../src/control/control-url-file.js';

describe('control URL file', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-control-url-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is named after the database', () => {
    assert.equal(controlUrlFile('/var/lib/station.db'), '/var/lib/station.db.control-url');
  });

  it('is written, read back and replaced, leaving no temporary file', () => {
    const db = join(dir, 'a.db');
    assert.equal(readControlUrl(db), undefined, 'no file yet');
    writeControlUrl(db, 'http://127.0.0.1:40001');
    assert.equal(readControlUrl(db), 'http://127.0.0.1:40001');
    writeControlUrl(db, 'http://127.0.0.1:40002');
    assert.equal(readControlUrl(db), 'http://127.0.0.1:40002');
    assert.deepEqual(readdirSync(dir).sort(), ['a.db.control-url']);
  });

  it('reads a URL written by hand with spaces around it; an empty file is no URL', () => {
    const db = join(dir, 'b.db');
    writeFileSync(controlUrlFile(db), '  http://localhost:9000 \n\n');
    assert.equal(readControlUrl(db), 'http://localhost:9000');
    writeFileSync(controlUrlFile(db), '\n');
    assert.equal(readControlUrl(db), undefined);
  });

  it('is removed at stop only while it still names this station', () => {
    const db = join(dir, 'c.db');
    writeControlUrl(db, 'http://127.0.0.1:40003');
    removeControlUrl(db, 'http://127.0.0.1:49999');
    assert.ok(existsSync(controlUrlFile(db)), 'another URL: kept');
    removeControlUrl(db, 'http://127.0.0.1:40003');
    assert.ok(!existsSync(controlUrlFile(db)));
    writeControlUrl(db, 'http://127.0.0.1:40004');
    removeControlUrl(db);
    assert.ok(!existsSync(controlUrlFile(db)));
    removeControlUrl(db); // already gone: nothing to do
  });
});
