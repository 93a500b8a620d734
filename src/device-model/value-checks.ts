// Pure checks of a value (in its wire form) against the declaration of its variable: data type, list
// membership, length, the characteristic limits and the MinSet..MaxSet window. They say why a value is
// refused with a reason code from the specification's list (Part 2 appendices, "Reason Codes") and a short
// explanation in our own words. Nothing here knows where a value comes from: the engine decides which
// limits apply to which writer.
import type { AnyVariable, AttributeType, DataType } from './types.js';

/** The reason codes the device model answers with (a subset of the specification's list). */
export type ReasonCode =
  | 'InvalidValue'
  | 'ValueTooLow'
  | 'ValueTooHigh'
  | 'ValueOutOfRange'
  | 'TooLargeElement'
  | 'ReadOnly'
  | 'WriteOnly'
  | 'InternalError';

/** Why a value was refused: reasonCode for StatusInfo, additionalInfo for people. */
export interface ValueRejection {
  readonly reasonCode: ReasonCode;
  readonly additionalInfo: string;
}

/** The largest attributeValue of SetVariableData (string[0..1000]). */
export const SET_VARIABLE_VALUE_MAX = 1000;
/** The largest value a report or a GetVariableResult can carry (string[0..2500]). */
export const REPORTED_VALUE_MAX = 2500;

const NUMERIC: ReadonlySet<DataType> = new Set(['integer', 'decimal']);
const LISTS: ReadonlySet<DataType> = new Set(['MemberList', 'SequenceList']);

/** integer as Part 2 §2.1.4 defines it: 32 bit, no leading zeros, no plus sign. */
const CANONICAL_INTEGER = /^-?(0|[1-9]\d*)$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Length in characters (code points), as the specification counts string[n]; surrogate pairs count once. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first `limit` characters of `text` (never splitting a surrogate pair). */
export function truncateCharacters(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = '';
  let count = 0;
  for (const character of text) {
    if (count++ === limit) break;
    cut += character;
  }
  return cut;
}

export function isNumeric(declaration: AnyVariable): boolean {
  return NUMERIC.has(declaration.characteristics.dataType);
}

/**
 * The longest value the declaration itself allows: its maxLength and, for string, OptionList, MemberList and
 * SequenceList, its maxLimit (which for those types is the largest length of the text, Part 2 §2.51).
 */
export function declaredLengthLimit(declaration: AnyVariable): number | undefined {
  const limits: number[] = [];
  if (declaration.maxLength !== undefined) limits.push(declaration.maxLength);
  const { maxLimit } = declaration.characteristics;
  if (maxLimit !== undefined && !isNumeric(declaration) && declaration.characteristics.dataType !== 'dateTime' && declaration.characteristics.dataType !== 'boolean') {
    limits.push(maxLimit);
  }
  return limits.length > 0 ? Math.min(...limits) : undefined;
}

export interface CheckOptions {
  /** The longest value accepted here, on top of the declaration's own limits (e.g. ConfigurationValueSize). */
  readonly maxLength?: number;
  /**
   * Current MinSet and MaxSet values of the variable (wire form), when it has them and they apply to this
   * write. Actual and Target must lie in between; a new MinSet must not exceed MaxSet and vice versa.
   */
  readonly minSet?: string;
  readonly maxSet?: string;
}

function describeNumber(value: number): string {
  return String(value);
}

/** Parses with the declaration's codec; the message of the codec's RangeError on failure. */
function parseError(declaration: AnyVariable, text: string): string | undefined {
  try {
    declaration.codec.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Data types whose wire form has no room for surrounding blanks (the codecs would forgive them). */
const UNPADDED: ReadonlySet<DataType> = new Set(['integer', 'decimal', 'boolean', 'dateTime']);

function typeCheck(declaration: AnyVariable, text: string): ValueRejection | undefined {
  const dataType = declaration.characteristics.dataType;
  if (UNPADDED.has(dataType) && text !== text.trim()) {
    return { reasonCode: 'InvalidValue', additionalInfo: `"${text}" has blanks around it` };
  }
  if (dataType === 'integer') {
    if (!CANONICAL_INTEGER.test(text)) {
      return { reasonCode: 'InvalidValue', additionalInfo: `"${text}" is not an integer (digits, optional minus, no leading zeros)` };
    }
    const value = Number(text);
    if (value < INT32_MIN || value > INT32_MAX) {
      return { reasonCode: 'InvalidValue', additionalInfo: `${text} does not fit a 32-bit integer` };
    }
  }
  if (dataType === 'boolean' && text !== 'true' && text !== 'false') {
    return { reasonCode: 'InvalidValue', additionalInfo: `"${text}" is not a boolean (true or false)` };
  }
  const problem = parseError(declaration, text);
  if (problem !== undefined) return { reasonCode: 'InvalidValue', additionalInfo: problem };
  if (LISTS.has(dataType) && text.trim() !== '') {
    const items = text.split(',').map((item) => item.trim());
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item)) return { reasonCode: 'InvalidValue', additionalInfo: `"${item}" appears more than once in the list` };
      seen.add(item);
    }
  }
  return undefined;
}

function limitCheck(declaration: AnyVariable, value: number): ValueRejection | undefined {
  const { minLimit, maxLimit } = declaration.characteristics;
  if (minLimit !== undefined && value < minLimit) {
    return { reasonCode: 'ValueTooLow', additionalInfo: `${describeNumber(value)} is below the minimum ${describeNumber(minLimit)}` };
  }
  if (maxLimit !== undefined && value > maxLimit) {
    return { reasonCode: 'ValueTooHigh', additionalInfo: `${describeNumber(value)} is above the maximum ${describeNumber(maxLimit)}` };
  }
  return undefined;
}

/** A MinSet/MaxSet text as a number, or undefined when unset or unreadable (then it limits nothing). */
function setBound(declaration: AnyVariable, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const value = declaration.codec.parse(text) as unknown;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function windowCheck(
  declaration: AnyVariable,
  attributeType: AttributeType,
  value: number,
  options: CheckOptions,
): ValueRejection | undefined {
  const minSet = setBound(declaration, options.minSet);
  const maxSet = setBound(declaration, options.maxSet);
  if (attributeType === 'MinSet') {
    if (maxSet !== undefined && value > maxSet) {
      return { reasonCode: 'ValueOutOfRange', additionalInfo: `MinSet ${value} would be above MaxSet ${maxSet}` };
    }
    return undefined;
  }
  if (attributeType === 'MaxSet') {
    if (minSet !== undefined && value < minSet) {
      return { reasonCode: 'ValueOutOfRange', additionalInfo: `MaxSet ${value} would be below MinSet ${minSet}` };
    }
    return undefined;
  }
  if (minSet !== undefined && value < minSet) {
    return { reasonCode: 'ValueOutOfRange', additionalInfo: `${value} is below MinSet ${minSet}` };
  }
  if (maxSet !== undefined && value > maxSet) {
    return { reasonCode: 'ValueOutOfRange', additionalInfo: `${value} is above MaxSet ${maxSet}` };
  }
  return undefined;
}

/**
 * Checks `text` as a value of one attribute of `declaration`. Returns why it is refused, or undefined when
 * it is acceptable. In order: length (TooLargeElement; below minLength InvalidValue), data type and list membership (InvalidValue),
 * minLimit/maxLimit (ValueTooLow/ValueTooHigh), the MinSet..MaxSet window (ValueOutOfRange).
 */
export function checkValue(
  declaration: AnyVariable,
  attributeType: AttributeType,
  text: string,
  options: CheckOptions = {},
): ValueRejection | undefined {
  const limits = [declaredLengthLimit(declaration), options.maxLength].filter((limit): limit is number => limit !== undefined);
  if (limits.length > 0) {
    const limit = Math.min(...limits);
    const length = text.length > limit ? characterCount(text) : text.length;
    if (length > limit) {
      return { reasonCode: 'TooLargeElement', additionalInfo: `the value is ${length} characters long, at most ${limit} are allowed` };
    }
  }
  if (declaration.minLength !== undefined) {
    const length = characterCount(text);
    if (length < declaration.minLength) {
      return { reasonCode: 'InvalidValue', additionalInfo: `the value is ${length} characters long, at least ${declaration.minLength} are needed` };
    }
  }
  const typeProblem = typeCheck(declaration, text);
  if (typeProblem) return typeProblem;
  if (!isNumeric(declaration)) return undefined;
  const value = Number(declaration.codec.parse(text));
  return limitCheck(declaration, value) ?? windowCheck(declaration, attributeType, value, options);
}
