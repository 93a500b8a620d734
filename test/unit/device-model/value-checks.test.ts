// The pure value checks: data types as Part 2 §2.1.4 defines them, lists, lengths, limits and the
// MinSet..MaxSet window, each refusal with its reason code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declareVariable, optional, required } from '../../../src/device-model/declare.js';
import {
  characterCount,
  checkValue,
  declaredLengthLimit,
  truncateCharacters,
} from '../../../src/device-model/value-checks.js';

const at = { name: 'TestCtrlr' };
const integer = declareVariable(at, 'Int', optional.integer({ min: -10, max: 100 }), 'Core');
const plainInteger = declareVariable(at, 'Plain', optional.integer(), 'Core');
const decimal = declareVariable(at, 'Dec', optional.decimal({ min: 0.5, max: 1.5 }), 'Core');
const bool = declareVariable(at, 'Bool', optional.boolean(), 'Core');
const text = declareVariable(at, 'Text', optional.string({ maxLength: 5 }), 'Core');
const dateTime = declareVariable(at, 'When', optional.dateTime(), 'Core');
const option = declareVariable(at, 'Mode', optional.optionList(['Fast', 'Slow']), 'Core');
const members = declareVariable(at, 'Members', optional.memberList(['A', 'B', 'C']), 'Core');
const sequence = declareVariable(at, 'Sequence', optional.sequenceList(['0', '1', '2']), 'Core');
const anySequence = declareVariable(at, 'AnySequence', optional.sequenceList(undefined), 'Core');
const speed = declareVariable(at, 'Speed', required.integer({ min: 0, max: 1000, attributeTypes: ['Actual', 'Target', 'MinSet', 'MaxSet'] }), 'Core');

function reason(result: ReturnType<typeof checkValue>): string | undefined {
  return result?.reasonCode;
}

describe('value checks: data types (B05.FR.07)', () => {
  it('integer: digits with an optional minus, no plus, no leading zeros, no blanks, 32 bits', () => {
    for (const ok of ['0', '7', '-7', '2147483647', '-2147483648']) assert.equal(checkValue(plainInteger, 'Actual', ok), undefined, ok);
    for (const bad of ['', '+7', '07', '1.0', '1e3', ' 7', '7 ', 'x', '2147483648', '-2147483649']) {
      assert.equal(reason(checkValue(plainInteger, 'Actual', bad)), 'InvalidValue', bad);
    }
  });

  it('decimal: numbers with a fraction or exponent, no blanks', () => {
    for (const ok of ['1', '1.25', '.5', '1e0']) assert.equal(checkValue(decimal, 'Actual', ok), undefined, ok);
    for (const bad of ['', 'one', ' 1', '1,5']) assert.equal(reason(checkValue(decimal, 'Actual', bad)), 'InvalidValue', bad);
  });

  it('boolean: exactly true or false', () => {
    assert.equal(checkValue(bool, 'Actual', 'true'), undefined);
    assert.equal(checkValue(bool, 'Actual', 'false'), undefined);
    for (const bad of ['TRUE', 'True', '1', '', ' true']) assert.equal(reason(checkValue(bool, 'Actual', bad)), 'InvalidValue', bad);
  });

  it('dateTime: RFC 3339 with a time zone', () => {
    assert.equal(checkValue(dateTime, 'Actual', '2026-01-01T00:00:00Z'), undefined);
    assert.equal(checkValue(dateTime, 'Actual', '2026-01-01T01:00:00.5+01:00'), undefined);
    for (const bad of ['2026-01-01', '2026-01-01T00:00:00', 'yesterday']) {
      assert.equal(reason(checkValue(dateTime, 'Actual', bad)), 'InvalidValue', bad);
    }
  });

  it('string: anything, including the empty string', () => {
    assert.equal(checkValue(text, 'Actual', ''), undefined);
    assert.equal(checkValue(text, 'Actual', ' a,b '), undefined);
  });

  it('OptionList: one value of the valuesList, case-sensitive', () => {
    assert.equal(checkValue(option, 'Actual', 'Fast'), undefined);
    for (const bad of ['fast', 'Fast,Slow', '']) assert.equal(reason(checkValue(option, 'Actual', bad)), 'InvalidValue', bad);
  });

  it('MemberList: any subset of the valuesList, each member once, the empty list included', () => {
    for (const ok of ['', 'A', 'C,A', 'A,B,C']) assert.equal(checkValue(members, 'Actual', ok), undefined, ok);
    const notMember = checkValue(members, 'Actual', 'A,D');
    assert.equal(reason(notMember), 'InvalidValue');
    assert.match(notMember!.additionalInfo, /"D"/);
    assert.equal(reason(checkValue(members, 'Actual', 'A,A')), 'InvalidValue');
    assert.equal(reason(checkValue(members, 'Actual', 'A,,B')), 'InvalidValue');
  });

  it('SequenceList: an ordered subset of the valuesList without repeats; without a valuesList any items', () => {
    assert.equal(checkValue(sequence, 'Actual', '2,0'), undefined);
    assert.equal(reason(checkValue(sequence, 'Actual', '2,3')), 'InvalidValue');
    assert.equal(reason(checkValue(sequence, 'Actual', '1,1')), 'InvalidValue');
    assert.equal(checkValue(anySequence, 'Actual', 'x,y'), undefined);
  });
});

describe('value checks: limits (B05.FR.08)', () => {
  it('numbers below minLimit are ValueTooLow, above maxLimit ValueTooHigh, the limits themselves pass', () => {
    assert.equal(checkValue(integer, 'Actual', '-10'), undefined);
    assert.equal(checkValue(integer, 'Actual', '100'), undefined);
    const low = checkValue(integer, 'Actual', '-11');
    assert.deepEqual(low, { reasonCode: 'ValueTooLow', additionalInfo: '-11 is below the minimum -10' });
    assert.deepEqual(checkValue(integer, 'Actual', '101'), { reasonCode: 'ValueTooHigh', additionalInfo: '101 is above the maximum 100' });
    assert.equal(reason(checkValue(decimal, 'Actual', '0.4')), 'ValueTooLow');
    assert.equal(reason(checkValue(decimal, 'Actual', '1.51')), 'ValueTooHigh');
  });

  it('Actual and Target must lie within MinSet..MaxSet: ValueOutOfRange', () => {
    const window = { minSet: '200', maxSet: '500' };
    assert.equal(checkValue(speed, 'Target', '200', window), undefined);
    assert.equal(checkValue(speed, 'Target', '500', window), undefined);
    assert.deepEqual(checkValue(speed, 'Target', '600', window), { reasonCode: 'ValueOutOfRange', additionalInfo: '600 is above MaxSet 500' });
    assert.deepEqual(checkValue(speed, 'Actual', '100', window), { reasonCode: 'ValueOutOfRange', additionalInfo: '100 is below MinSet 200' });
    assert.equal(checkValue(speed, 'Target', '900', { minSet: '200' }), undefined, 'only the bounds that are set limit');
  });

  it('a new MinSet must not exceed MaxSet, a new MaxSet not go below MinSet; both stay within the limits', () => {
    assert.equal(reason(checkValue(speed, 'MinSet', '600', { maxSet: '500' })), 'ValueOutOfRange');
    assert.equal(checkValue(speed, 'MinSet', '500', { maxSet: '500' }), undefined);
    assert.equal(reason(checkValue(speed, 'MaxSet', '100', { minSet: '200' })), 'ValueOutOfRange');
    assert.equal(reason(checkValue(speed, 'MaxSet', '1001')), 'ValueTooHigh');
  });

  it('the limits are checked after the type: a malformed number is InvalidValue, not out of range', () => {
    assert.equal(reason(checkValue(integer, 'Actual', '1000x')), 'InvalidValue');
  });
});

describe('value checks: length', () => {
  it('TooLargeElement beyond the declared maxLength or the caller’s limit, whichever is smaller', () => {
    assert.equal(checkValue(text, 'Actual', 'abcde'), undefined);
    assert.deepEqual(checkValue(text, 'Actual', 'abcdef'), {
      reasonCode: 'TooLargeElement',
      additionalInfo: 'the value is 6 characters long, at most 5 are allowed',
    });
    assert.equal(reason(checkValue(text, 'Actual', 'abcd', { maxLength: 3 })), 'TooLargeElement');
    assert.equal(reason(checkValue(option, 'Actual', 'Fast', { maxLength: 3 })), 'TooLargeElement');
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(characterCount('€😀a'), 3);
    assert.equal(checkValue(text, 'Actual', '😀😀😀😀😀'), undefined);
    assert.equal(truncateCharacters('😀😀😀', 2), '😀😀');
    assert.equal(truncateCharacters('abc', 5), 'abc');
  });

  it('for string-like types a maxLimit is the longest length (Part 2 §2.51); for numbers it is a value bound', () => {
    const limited = { ...text, maxLength: undefined, characteristics: { ...text.characteristics, maxLimit: 3 } };
    assert.equal(declaredLengthLimit(limited), 3);
    assert.equal(reason(checkValue(limited, 'Actual', 'abcd')), 'TooLargeElement');
    assert.equal(declaredLengthLimit(integer), undefined);
  });

  it('InvalidValue below a declared minLength, counted in characters (BasicAuthPassword: 16 at least)', () => {
    const password = declareVariable(at, 'Secret', optional.string({ minLength: 4, maxLength: 6 }), 'Core');
    assert.equal(password.minLength, 4);
    assert.equal(checkValue(password, 'Actual', 'abcd'), undefined);
    assert.deepEqual(checkValue(password, 'Actual', 'abc'), {
      reasonCode: 'InvalidValue',
      additionalInfo: 'the value is 3 characters long, at least 4 are needed',
    });
    assert.equal(reason(checkValue(password, 'Actual', '😀😀😀')), 'InvalidValue');
    assert.equal(reason(checkValue(password, 'Actual', '')), 'InvalidValue');
    assert.equal(reason(checkValue(password, 'Actual', 'abcdefg')), 'TooLargeElement');
  });
});
