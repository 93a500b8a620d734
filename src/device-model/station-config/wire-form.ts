import type { ConfigScalar } from './types.js';

/** The wire form of a file value; a list item holding a comma cannot be told apart from two items. */
export function toWire(value: ConfigScalar): { text: string } | { problem: string } {
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  const withComma = value.find((item) => item.includes(','));
  if (withComma !== undefined) return { problem: `list item "${withComma}" contains a comma, which separates items` };
  return { text: value.join(',') };
}
