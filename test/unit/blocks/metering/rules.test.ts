// The metering block's pure rules: clock-aligned times, thinning the Ended samples, taking a sample.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextAlignedTime } from '../../../../src/blocks/metering/timers.js';
import { takeSample, thinSamples } from '../../../../src/blocks/metering/samples.js';
import { energy, power, reading } from './harness.js';

const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe('nextAlignedTime (AlignedDataInterval counted from midnight, UTC)', () => {
  it('J01.FR.14 gives the next multiple of the interval after midnight, strictly after the given time', () => {
    assert.equal(iso(nextAlignedTime(at('2026-02-03T10:07:00Z'), 900)), '2026-02-03T10:15:00.000Z');
    assert.equal(iso(nextAlignedTime(at('2026-02-03T10:15:00Z'), 900)), '2026-02-03T10:30:00.000Z');
    assert.equal(iso(nextAlignedTime(at('2026-02-03T10:14:59.999Z'), 900)), '2026-02-03T10:15:00.000Z');
  });

  it('crosses midnight onto the next day', () => {
    assert.equal(iso(nextAlignedTime(at('2026-12-31T23:50:00Z'), 900)), '2027-01-01T00:00:00.000Z');
    assert.equal(iso(nextAlignedTime(at('2027-01-01T00:00:00Z'), 900)), '2027-01-01T00:15:00.000Z');
  });

  it('starts over at midnight when the interval does not divide a day, or is longer than one', () => {
    assert.equal(iso(nextAlignedTime(at('2026-01-01T21:00:00Z'), 7 * 3600)), '2026-01-02T00:00:00.000Z');
    assert.equal(iso(nextAlignedTime(at('2026-01-01T05:00:00Z'), 2 * 86400)), '2026-01-02T00:00:00.000Z');
  });
});

describe('thinSamples (J02.FR.20, E06.FR.13)', () => {
  const ten = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  it('leaves a list that fits alone', () => {
    assert.deepEqual(thinSamples(ten, 10), ten);
    assert.deepEqual(thinSamples(ten, 50), ten);
  });

  it('J02.FR.20 removes the 2nd, 4th, 6th … first, no more than needed', () => {
    assert.deepEqual(thinSamples(ten, 9), [0, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(thinSamples(ten, 6), [0, 2, 4, 6, 8, 9]);
  });

  it('goes over what is left again when one pass is not enough, keeping the first and the last', () => {
    for (let max = 2; max < 10; max++) {
      const thinned = thinSamples(ten, max);
      assert.equal(thinned.length, max);
      assert.equal(thinned[0], 0);
      assert.equal(thinned.at(-1), 9);
    }
    assert.deepEqual(thinSamples(ten, 2), [0, 9]);
  });

  it('with room for one keeps the last (Transaction.End), with none nothing', () => {
    assert.deepEqual(thinSamples(ten, 1), [9]);
    assert.deepEqual(thinSamples(ten, 0), []);
  });
});

describe('takeSample', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const rules = { measurands: ['Energy.Active.Import.Register' as const], context: 'Sample.Clock' as const, keepSigned: true, registerValuesWithoutPhases: false };

  it('J01.FR.07 a sampledValue without measurand is Energy.Active.Import.Register, and keeps having none', () => {
    assert.deepEqual(takeSample(reading(energy(5), power(1)), rules, now), {
      timestamp: '2026-01-01T12:00:00.000Z',
      sampledValue: [{ value: 5, unitOfMeasure: { unit: 'Wh' }, context: 'Sample.Clock' }],
    });
  });

  it('J01.FR.08 overwrites the context the integrator gave, and never changes the reading it was given', () => {
    const given = reading({ ...energy(5), context: 'Other' });
    const sample = takeSample(given, rules, now)!;
    assert.equal(sample.sampledValue[0]!.context, 'Sample.Clock');
    assert.equal(given.sampledValue[0]!.context, 'Other');
    sample.sampledValue[0]!.unitOfMeasure!.unit = 'kWh';
    assert.equal(given.sampledValue[0]!.unitOfMeasure!.unit, 'Wh');
  });

  it('J01.FR.06 is undefined rather than empty', () => {
    assert.equal(takeSample(reading(power(1)), rules, now), undefined);
    assert.equal(takeSample(undefined, rules, now), undefined);
    assert.equal(takeSample(reading(energy(1)), { ...rules, measurands: [] }, now), undefined);
  });
});
