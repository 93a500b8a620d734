// The project's logger: pino behind the Logger interface, with secrets censored at any depth. Every case looks
// at the real pino output (a destination stream), and checks that the secret appears nowhere in the line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createLogger, silentLogger, type Logger, type LogLevel } from '../../src/logger.js';
import {
  CIRCULAR,
  MAX_LOG_DEPTH,
  REDACTED,
  TRUNCATED,
  censorUrlCredentials,
  isSecretKey,
  redactSecrets,
} from '../../src/log-redaction.js';

const SECRET = 'S3cr3t-Value-0123';

function capture(level: LogLevel = 'debug'): { logger: Logger; lines: string[]; parsed: () => Record<string, any>[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line) => lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

function assertNoSecret(lines: readonly string[], secret = SECRET): void {
  assert.ok(lines.length > 0, 'something was logged');
  for (const line of lines) assert.ok(!line.includes(secret), `the secret leaked: ${line}`);
}

describe('logger', () => {
  it('a pino logger fits the Logger interface (tests and callers may pass one)', () => {
    const lines: string[] = [];
    const logger: Logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    logger.child({ component: 'x' }).info({ a: 1 }, 'hello');
    logger.warn('plain');
    assert.equal(lines.length, 2);
    assert.equal(JSON.parse(lines[0]!).component, 'x');
  });

  it('writes pino lines: level, name, fields, message, child bindings', () => {
    const { logger, parsed } = capture('info');
    logger.child({ stationId: 'CS-1' }).child({ component: 'transport' }).info({ slot: 1 }, 'connecting');
    logger.warn('just a message');
    logger.debug({ hidden: true }, 'below the level');
    const [first, second] = parsed();
    assert.equal(parsed().length, 2);
    assert.equal(first!.level, 30);
    assert.equal(first!.name, 'ocpp-station');
    assert.equal(first!.stationId, 'CS-1');
    assert.equal(first!.component, 'transport');
    assert.equal(first!.slot, 1);
    assert.equal(first!.msg, 'connecting');
    assert.equal(second!.msg, 'just a message');
  });

  it('the silent logger writes nothing and its children are loggers too', () => {
    const logger = silentLogger();
    logger.child({ password: SECRET }).error({ err: new Error('x') }, 'nothing');
    logger.info('nothing');
    assert.equal(createLogger({ level: 'silent' }), logger);
  });
});

describe('redaction of secrets in log lines', () => {
  it('censors passwords, passphrases and secrets at the top level, under any key that names them', () => {
    const { logger, lines, parsed } = capture();
    logger.info({
      password: SECRET,
      basicAuthPassword: SECRET,
      newBasicAuthPassword: SECRET,
      passphrase: SECRET,
      clientSecret: SECRET,
      SECRET_TOKEN: SECRET,
      basic_auth_password: SECRET,
      user: 'CS-1',
    });
    assertNoSecret(lines);
    const line = parsed()[0]!;
    for (const key of ['password', 'basicAuthPassword', 'newBasicAuthPassword', 'passphrase', 'clientSecret', 'SECRET_TOKEN', 'basic_auth_password']) {
      assert.equal(line[key], REDACTED, key);
    }
    assert.equal(line.user, 'CS-1');
  });

  it('censors private keys (privateKey, key) but not keys that only mention a key', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ privateKey: SECRET, key: SECRET, private_key: SECRET, keyId: 'k-1', keyUsage: ['digitalSignature'] });
    assertNoSecret(lines);
    const line = parsed()[0]!;
    assert.equal(line.privateKey, REDACTED);
    assert.equal(line.key, REDACTED);
    assert.equal(line.private_key, REDACTED);
    assert.equal(line.keyId, 'k-1');
    assert.deepEqual(line.keyUsage, ['digitalSignature']);
  });

  it('censors Authorization headers in any case', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ headers: { Authorization: `Basic ${SECRET}`, host: 'csms' } });
    logger.info({ request: { headers: { AUTHORIZATION: SECRET, 'proxy-authorization': SECRET } } });
    logger.info({ authorization: SECRET });
    assertNoSecret(lines);
    const [first, second, third] = parsed();
    assert.deepEqual(first!.headers, { Authorization: REDACTED, host: 'csms' });
    assert.deepEqual(second!.request.headers, { AUTHORIZATION: REDACTED, 'proxy-authorization': REDACTED });
    assert.equal(third!.authorization, REDACTED);
  });

  it('censors at any depth, whole values included when the key is a secret', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ a: { b: { c: { d: { e: { f: { password: SECRET, kept: 6 } } } } } } });
    logger.info({ profile: { clientCertificate: { certificateChain: 'PEM', privateKey: SECRET, passphrase: SECRET } } });
    logger.info({ secret: { nested: SECRET } });
    assertNoSecret(lines);
    const [deep, certificate, whole] = parsed();
    assert.deepEqual(deep!.a.b.c.d.e.f, { password: REDACTED, kept: 6 });
    assert.deepEqual(certificate!.profile.clientCertificate, { certificateChain: 'PEM', privateKey: REDACTED, passphrase: REDACTED });
    assert.equal(whole!.secret, REDACTED);
  });

  it('censors inside arrays, arrays of arrays included', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ profiles: [{ slot: 1, basicAuthPassword: SECRET }, [{ key: SECRET }], 'plain'] });
    assertNoSecret(lines);
    assert.deepEqual(parsed()[0]!.profiles, [{ slot: 1, basicAuthPassword: REDACTED }, [{ key: REDACTED }], 'plain']);
  });

  it('censors the credentials of URLs in values, in messages and in bindings', () => {
    const { logger, lines, parsed } = capture();
    logger.child({ csms: `ws://CS-1:${SECRET}@csms.example:8080/ocpp` }).info(
      { url: `wss://CS-1:${SECRET}@csms.example/ocpp/CS-1`, list: [`ws://${SECRET}@h/`], plain: 'ws://csms.example/ocpp?x=a@b' },
      `connecting to ws://CS-1:${SECRET}@csms.example/ocpp`,
    );
    logger.warn(`retrying ws://u:${SECRET}@h:9000/x`);
    logger.info({ url: new URL(`ws://CS-1:${SECRET}@csms.example/ocpp`) });
    assertNoSecret(lines);
    const [first, second, third] = parsed();
    assert.equal(first!.csms, `ws://${REDACTED}@csms.example:8080/ocpp`);
    assert.equal(first!.url, `wss://${REDACTED}@csms.example/ocpp/CS-1`);
    assert.deepEqual(first!.list, [`ws://${REDACTED}@h/`]);
    assert.equal(first!.plain, 'ws://csms.example/ocpp?x=a@b');
    assert.equal(first!.msg, `connecting to ws://${REDACTED}@csms.example/ocpp`);
    assert.equal(second!.msg, `retrying ws://${REDACTED}@h:9000/x`);
    assert.equal(third!.url, `ws://${REDACTED}@csms.example/ocpp`);
  });

  it('censors child-logger bindings, at any depth and in grandchildren', () => {
    const { logger, lines, parsed } = capture();
    const child = logger.child({ stationId: 'CS-1', password: SECRET, options: { headers: { Authorization: SECRET } } });
    child.child({ credentials: { basicAuthPassword: SECRET } }).info('connected');
    assertNoSecret(lines);
    const line = parsed()[0]!;
    assert.equal(line.stationId, 'CS-1');
    assert.equal(line.password, REDACTED);
    assert.deepEqual(line.options, { headers: { Authorization: REDACTED } });
    assert.deepEqual(line.credentials, { basicAuthPassword: REDACTED });
  });

  it("censors error objects' properties, wherever the error is, keeping type, message and stack", () => {
    const { logger, lines, parsed } = capture();
    const error = Object.assign(new TypeError(`cannot reach ws://cs:${SECRET}@csms/`), {
      code: 'E_TEST',
      password: SECRET,
      request: { headers: { authorization: `Basic ${SECRET}` } },
    });
    logger.error({ err: error }, 'failed');
    logger.error(error);
    logger.warn({ detail: { errors: [error] } }, 'nested');
    logger.error({ err: new Error('outer', { cause: Object.assign(new Error('inner'), { privateKey: SECRET }) }) });
    assertNoSecret(lines);
    const [first, alone, nested, caused] = parsed();
    assert.equal(first!.err.type, 'TypeError');
    assert.equal(first!.err.code, 'E_TEST');
    assert.equal(first!.err.password, REDACTED);
    assert.equal(first!.err.request.headers.authorization, REDACTED);
    assert.equal(first!.err.message, `cannot reach ws://${REDACTED}@csms/`);
    assert.match(first!.err.stack, /^TypeError: cannot reach ws:\/\/\[redacted\]@csms\//);
    assert.equal(first!.msg, 'failed');
    assert.equal(alone!.err.password, REDACTED);
    assert.equal(alone!.msg, `cannot reach ws://${REDACTED}@csms/`);
    assert.equal(nested!.detail.errors[0].password, REDACTED);
    assert.equal(caused!.msg, 'outer');
    assert.match(caused!.err.message, /outer: inner/, 'the cause stays in the message, as pino writes it');
  });

  it("never changes the caller's objects", () => {
    const { logger, lines } = capture();
    const headers = { Authorization: SECRET };
    const fields = { password: SECRET, nested: { key: SECRET, list: [{ secret: SECRET }] }, headers };
    const error = Object.assign(new Error('x'), { password: SECRET });
    const before = structuredClone(fields);
    logger.info(fields, 'first');
    logger.child(fields).info({ err: error }, 'second');
    assert.equal(lines.length, 2);
    assert.deepEqual(fields, before);
    assert.equal(fields.headers, headers);
    assert.equal(error.password, SECRET);
  });

  it('cuts cycles instead of following them', () => {
    const { logger, lines, parsed } = capture();
    const node: Record<string, unknown> = { name: 'a', password: SECRET };
    node.self = node;
    node.list = [node, { back: node }];
    const error = Object.assign(new Error('loop'), { password: SECRET }) as Error & { again?: unknown };
    error.again = { error };
    logger.info({ node }, 'cyclic');
    logger.error({ err: error }, 'cyclic error');
    assertNoSecret(lines);
    const [first] = parsed();
    assert.equal(first!.node.self, CIRCULAR);
    assert.deepEqual(first!.node.list, [CIRCULAR, { back: CIRCULAR }]);
  });

  it('bounds huge and very deep objects, and still censors what it writes', () => {
    const { logger, lines, parsed } = capture();
    const huge = Array.from({ length: 200_000 }, (_, i) => ({ i, password: SECRET }));
    let deep: Record<string, unknown> = { password: SECRET };
    for (let i = 0; i < 1000; i++) deep = { next: deep, password: SECRET };
    logger.info({ huge }, 'huge');
    logger.info({ deep }, 'deep');
    assertNoSecret(lines);
    const [first, second] = parsed();
    assert.ok(lines[0]!.length < 1_000_000, `the huge line is bounded (${lines[0]!.length} characters)`);
    assert.equal(first!.huge.at(-1), TRUNCATED);
    assert.equal(first!.huge[0].password, REDACTED);
    let level = second!.deep;
    let depth = 1;
    while (typeof level === 'object') {
      level = level.next;
      depth++;
    }
    assert.equal(level, TRUNCATED);
    assert.ok(depth <= MAX_LOG_DEPTH + 1, `cut at depth ${depth}`);
  });

  it('leaves values without secrets as they are (numbers, dates, nulls, ordinary strings)', () => {
    const { logger, parsed } = capture();
    const at = new Date('2025-01-02T03:04:05.000Z');
    logger.info({ n: 1.5, flag: false, none: null, at, idToken: { idToken: 'ABC', type: 'ISO14443' }, password: undefined });
    const line = parsed()[0]!;
    assert.equal(line.n, 1.5);
    assert.equal(line.flag, false);
    assert.equal(line.none, null);
    assert.equal(line.at, '2025-01-02T03:04:05.000Z');
    assert.deepEqual(line.idToken, { idToken: 'ABC', type: 'ISO14443' });
    assert.equal('password' in line, false, 'an undefined value is left out, as before');
  });
});

describe('redactSecrets', () => {
  it('returns the very same value when nothing needs censoring', () => {
    const value = { a: [1, { b: 'text' }], at: new Date(0) };
    assert.equal(redactSecrets(value), value);
  });

  it('copies only what holds a secret', () => {
    const untouched = { ok: true };
    const value = { untouched, inner: { password: SECRET } };
    const result = redactSecrets(value) as typeof value;
    assert.notEqual(result, value);
    assert.equal(result.untouched, untouched);
    assert.deepEqual(result.inner, { password: REDACTED });
  });

  it('knows secret keys', () => {
    for (const key of ['password', 'Password', 'basicAuthPassword', 'passphrase', 'clientSecret', 'privateKey', 'private-key', 'key', 'Authorization', 'proxy-authorization', 'passwd']) {
      assert.equal(isSecretKey(key), true, key);
    }
    for (const key of ['keyId', 'monkey', 'idToken', 'url', 'hostname', 'stationId']) assert.equal(isSecretKey(key), false, key);
  });

  it('censors URL user info, up to the last @ of the authority', () => {
    assert.equal(censorUrlCredentials('ws://u:p@h/x'), `ws://${REDACTED}@h/x`);
    assert.equal(censorUrlCredentials('a ws://u:p@ss@h b wss://t@g'), `a ws://${REDACTED}@h b wss://${REDACTED}@g`);
    assert.equal(censorUrlCredentials('ws://h/x?mail=a@b'), 'ws://h/x?mail=a@b');
    assert.equal(censorUrlCredentials('no url, just a@b'), 'no url, just a@b');
  });
});
