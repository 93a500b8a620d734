// Value codecs by OCPP data type (Part 2, DataEnumType): each turns the wire form of a variable (a string)
// into its TypeScript form and back, and refuses text that is not a value of that type.
import type { ValueCodec } from './types.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const integerCodec: ValueCodec<number> = {
  parse(text) {
    const value = Number(text.trim());
    if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(value)) throw new RangeError(`"${text}" is not an integer`);
    return value;
  },
  format: (value) => String(value),
};

export const decimalCodec: ValueCodec<number> = {
  parse(text) {
    const value = Number(text.trim());
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) throw new RangeError(`"${text}" is not a decimal`);
    return value;
  },
  format: (value) => String(value),
};

export const booleanCodec: ValueCodec<boolean> = {
  parse(text) {
    const lower = text.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new RangeError(`"${text}" is not a boolean (true or false)`);
  },
  format: (value) => (value ? 'true' : 'false'),
};

export const stringCodec: ValueCodec<string> = {
  parse: (text) => text,
  format: (value) => value,
};

/** RFC 3339 date-time with a time zone, as OCPP dateTime values are. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export const dateTimeCodec: ValueCodec<Date> = {
  parse(text) {
    const value = new Date(text.trim());
    if (!DATE_TIME.test(text.trim()) || Number.isNaN(value.getTime())) {
      throw new RangeError(`"${text}" is not a date-time such as 2026-01-01T00:00:00Z`);
    }
    return value;
  },
  format: (value) => value.toISOString(),
};

/** One value out of a fixed list (OptionList). */
export function optionCodec<V extends string>(values: readonly V[]): ValueCodec<V> {
  return {
    parse(text) {
      if (!(values as readonly string[]).includes(text)) {
        throw new RangeError(`"${text}" is not one of ${values.join(', ')}`);
      }
      return text as V;
    },
    format: (value) => value,
  };
}

/** A comma-separated list (MemberList, SequenceList), each item read by `item`. An empty text is an empty list. */
export function listCodec<V>(item: ValueCodec<V>): ValueCodec<V[]> {
  return {
    parse(text) {
      if (text.trim() === '') return [];
      return text.split(',').map((part) => item.parse(part.trim()));
    },
    format: (values) => values.map((value) => item.format(value)).join(','),
  };
}
