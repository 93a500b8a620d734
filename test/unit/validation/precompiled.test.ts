// The validators the build generates (scripts/generate-validators.ts): one for every OCPP message and one for the
// station configuration, each used only with a matching fingerprint, each answering exactly as the schema compiled
// at run time does, and with them validating a payload loads no ajv at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { OCPP_ACTIONS } from '../../../src/messages/types.js';
import {
  OCPP_COMPILER_SETTINGS,
  createOcppCompiler,
  ocppSchemaText,
} from '../../../src/rpc/schema-validator.js';
import {
  STATION_CONFIG_AJV_OPTIONS,
  STATION_CONFIG_SCHEMA,
  STATION_CONFIG_VALIDATOR,
  stationConfigSchemaText,
} from '../../../src/device-model/station-config/schema.js';
import { DEFAULT_STATION_CONFIG_JSON } from '../../../src/station/default-station-config.js';
import { precompiledValidator, validatorFingerprint, type Validator } from '../../../src/validation/precompiled.js';
import { Ajv } from 'ajv';

const NAMES = OCPP_ACTIONS.flatMap((action) => [`${action}Request`, `${action}Response`]);

function generated(name: string): Validator {
  const validate = precompiledValidator(name, validatorFingerprint(OCPP_COMPILER_SETTINGS, ocppSchemaText(name)));
  assert.ok(validate, `${name} was generated with the schema and settings of now (run npm run build)`);
  return validate;
}

function outcome(validate: Validator, data: unknown): unknown {
  return { valid: validate(data), errors: validate.errors ?? null };
}

const now = '2026-01-01T00:00:00.000Z';
/** Payloads every schema is tried with: nothing right, something wrong in many ways, and a few valid ones. */
const PROBES: unknown[] = [
  {},
  null,
  [],
  'text',
  { unknownField: 1 },
  { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'V' } },
  { reason: 'PowerUp', chargingStation: { model: 'x'.repeat(21), vendorName: 'V' } },
  { currentTime: now, interval: 300, status: 'Accepted' },
  { currentTime: 'not a date', interval: 300, status: 'Accepted' },
  { currentTime: now, interval: 1.5, status: 'Maybe' },
  { eventType: 'Started', timestamp: now, triggerReason: 'Authorized', seqNo: 0, transactionInfo: { transactionId: 'tx-1' } },
  { eventType: 'Updated', timestamp: now, triggerReason: 'MeterValuePeriodic', seqNo: -1, transactionInfo: {} },
  { idToken: { idToken: 'ABC', type: 'ISO14443' } },
  { timestamp: now, connectorStatus: 'Available', evseId: 1, connectorId: 1 },
];

describe('generated validators', () => {
  it('the build generated one for every OCPP message, with the fingerprint of the schema and settings of now', () => {
    for (const name of NAMES) generated(name);
    const config = precompiledValidator(STATION_CONFIG_VALIDATOR, validatorFingerprint('station-config', stationConfigSchemaText()));
    assert.ok(config, 'and one for the station configuration');
  });

  it('is not used when its fingerprint does not match (another schema, other settings, another ajv)', () => {
    assert.equal(precompiledValidator('BootNotificationRequest', validatorFingerprint(OCPP_COMPILER_SETTINGS, '{}')), undefined);
    assert.equal(precompiledValidator('BootNotificationRequest', validatorFingerprint('other settings', ocppSchemaText('BootNotificationRequest'))), undefined);
    assert.equal(precompiledValidator('NoSuchMessage', 'x'), undefined);
  });

  it('each OCPP validator answers exactly as the schema compiled at run time does, errors included', () => {
    const ajv = createOcppCompiler();
    for (const name of NAMES) {
      const compiled = ajv.compile(JSON.parse(ocppSchemaText(name)) as object) as Validator;
      const validate = generated(name);
      for (const probe of PROBES) assert.deepEqual(outcome(validate, probe), outcome(compiled, probe), `${name} with ${JSON.stringify(probe)}`);
    }
  });

  it('the station configuration validator answers exactly as the schema compiled at run time does', () => {
    const compiled = new Ajv(STATION_CONFIG_AJV_OPTIONS).compile(STATION_CONFIG_SCHEMA) as Validator;
    const validate = precompiledValidator(STATION_CONFIG_VALIDATOR, validatorFingerprint('station-config', stationConfigSchemaText()))!;
    const broken = { ...DEFAULT_STATION_CONFIG_JSON, identity: { vendorName: '' }, evses: [{ id: 'one', connectors: [{}] }], extra: true };
    for (const probe of [DEFAULT_STATION_CONFIG_JSON, broken, {}, null, []]) {
      assert.deepEqual(outcome(validate, probe), outcome(compiled, probe), JSON.stringify(probe));
    }
  });

  it('with them, validating payloads and a configuration loads no ajv', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { validatePayload } = await import('./src/rpc/schema-validator.ts');
      const { parseStationConfig } = await import('./src/device-model/station-config.ts');
      const { DEFAULT_STATION_CONFIG_JSON } = await import('./src/station/default-station-config.ts');
      parseStationConfig(DEFAULT_STATION_CONFIG_JSON, 'the built-in configuration');
      const outcome = validatePayload('BootNotification', 'Request', {});
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => /node_modules\\/ajv\\/dist\\/(ajv|core)\\.js$/.test(path));
      console.log(JSON.stringify({ ok: outcome.ok, loaded }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout.trim().split('\n').at(-1)!), { ok: false, loaded: [] });
  });
});
